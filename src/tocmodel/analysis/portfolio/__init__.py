"""Many country models side by side: what each kept of the generic model, the root causes they share, and
their indicators put together, as data (`tocmodel portfolio` renders it).

Examples:
    >>> import tocmodel
    >>> from tocmodel.analysis.portfolio import build_portfolio, members
    >>> found = build_portfolio(members(["models/ewaste-pilot.yaml", "models/ewaste-ke.yaml", "models/ewaste-sn.yaml"]))
    >>> found.generic_id, found.countries
    ('ewaste-generic', ['ewaste-gh-pilot', 'ewaste-ke', 'ewaste-sn'])
    >>> sites = next(a for a in found.aggregates if a.key == "o-collection-network.1")
    >>> sites.rule, [(t.actual, t.reported, t.status) for t in sites.totals if t.year == 2027]
    ('summed', [(35.0, 3, 'on-track')])
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ...load.bank import shipped_bank
from ...schema.monitoring import Thresholds
from ..measuring import rolled_up
from ..progress import Progress, progress
from .aggregate import Aggregate, CountryFigures, YearTotal, aggregates
from .coverage import KINDS, Addition, CauseRow, Held, ItemRow, coverage, root_causes
from .loading import Country, Members, PortfolioError, members, model_files


@dataclass
class Portfolio:
    """The country models of one generic model, side by side."""

    generic_id: str
    generic_title: Any
    generic_path: str
    countries: list[str]
    """The countries' model ids, in the order named."""
    titles: dict[str, Any]
    """Each country model's title, by id."""
    paths: dict[str, str]
    as_of: int | None
    """The latest year any country reported a value for."""
    statuses: dict[str, dict[str, str]]
    """Each country's results' statuses at its latest reported year: country → result id → status."""
    interventions: dict[str, list[str]]
    """Each country's interventions, by id."""
    items: list[ItemRow] = field(default_factory=list)
    additions: list[Addition] = field(default_factory=list)
    root_causes: list[CauseRow] = field(default_factory=list)
    aggregates: list[Aggregate] = field(default_factory=list)

    def result_status(self, result_id: str) -> str | None:
        """The worst status of a result of the generic model among the countries that rate it."""
        found = [by_result[result_id] for by_result in self.statuses.values() if result_id in by_result]
        rated = [status for status in found if status in ("on-track", "watch", "off-track", "missing")]
        return rolled_up(rated) if rated else None  # type: ignore[arg-type]


def build_portfolio(found: Members, thresholds: Thresholds | None = None) -> Portfolio:
    """The portfolio of the country models `found` (see `members`)."""
    thresholds = thresholds or Thresholds()
    progresses: dict[str, Progress] = {c.id: progress(c.model, thresholds=thresholds) for c in found.countries}
    bank = next((c.model.bank for c in found.countries if c.model.bank is not None), None) or shipped_bank()
    items, additions = coverage(found.generic, found.countries)
    years = [p.as_of for p in progresses.values() if p.as_of is not None]
    return Portfolio(
        generic_id=found.generic.model.id,
        generic_title=found.generic.model.title,
        generic_path=found.generic_path,
        countries=[c.id for c in found.countries],
        titles={c.id: c.model.model.title for c in found.countries},
        paths={c.id: c.path for c in found.countries},
        as_of=max(years) if years else None,
        statuses={c: {r.result: r.status for r in p.results} for c, p in progresses.items()},
        interventions={c.id: list(c.model.interventions) for c in found.countries},
        items=items,
        additions=additions,
        root_causes=root_causes(found.generic, found.countries),
        aggregates=aggregates(found.generic, found.countries, progresses, bank, thresholds),
    )


def portfolio_to_dict(found: Portfolio) -> dict[str, Any]:
    """The portfolio as plain data, for `--format json` (years as keys become text, as JSON has them)."""
    data: dict[str, Any] = _plain(found)
    data["items"] = [{**_plain(row), "held_by": row.held_by} for row in found.items]
    return data


def _plain(value: Any) -> Any:
    """Dataclasses, dicts, lists and tuples as plain dicts and lists, without copying the values they hold
    (`dataclasses.asdict` deep-copies each, which a portfolio of a hundred countries feels)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {item.name: _plain(getattr(value, item.name)) for item in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key) if not isinstance(key, str) else key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


__all__ = [
    "KINDS",
    "Addition",
    "Aggregate",
    "CauseRow",
    "Country",
    "CountryFigures",
    "Held",
    "ItemRow",
    "Members",
    "Portfolio",
    "PortfolioError",
    "YearTotal",
    "build_portfolio",
    "members",
    "model_files",
    "portfolio_to_dict",
]
