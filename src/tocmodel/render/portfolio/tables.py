"""The portfolio as tables of text: the countries, the coverage of the generic model, the countries' own
items, the root causes, and the indicators put together. The HTML, Markdown and Excel documents show the
same tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...analysis.portfolio import Aggregate, CountryFigures, Portfolio, YearTotal
from ...schema import Text
from ...schema.text import Translator

Cell = str | float | int | None

STATE_WORDS = {"kept": "kept", "changed": "changed", "dropped": "dropped"}
STATUS_WORDS = {
    "on-track": "on track",
    "watch": "watch",
    "off-track": "off track",
    "missing": "missing",
    "unrated": "not rated",
}


@dataclass
class Sheet:
    """A table: its name, a sentence on what it shows, its headers and rows."""

    name: str
    lead: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


def sheets(found: Portfolio, tr: Translator) -> list[Sheet]:
    """Every table of the portfolio's documents, in order."""
    return [countries(found, tr), coverage(found, tr), additions(found, tr), causes(found, tr), indicators(found, tr)]


def _n(value: float | str | None) -> Cell:
    """A value as a document shows it: a number rounded to what was given, text as it is."""
    if isinstance(value, float):
        rounded = float(f"{value:.4g}") if abs(value) < 1e4 else round(value)
        return int(rounded) if float(rounded).is_integer() else rounded
    return value


def countries(found: Portfolio, tr: Translator) -> Sheet:
    sheet = Sheet(
        "Countries",
        f"{len(found.countries)} country model{'s' if len(found.countries) != 1 else ''} extending "
        f"{found.generic_id}; results' statuses at each country's latest reported year.",
        ["model", "title", "file", "on track", "watch", "off track", "missing"],
    )
    for country in found.countries:
        statuses = list(found.statuses[country].values())
        counts = [statuses.count(s) for s in ("on-track", "watch", "off-track", "missing")]
        sheet.rows.append([country, tr(found.titles[country]), found.paths[country], *counts])
    return sheet


def coverage(found: Portfolio, tr: Translator) -> Sheet:
    sheet = Sheet(
        "Coverage",
        "Each root cause, intervention, result, assumption and risk of the generic model, and what each country "
        "did with it: "
        "kept as it is, changed (the fields that differ) or dropped.",
        ["kind", "id", "title", *found.countries, "held by"],
    )
    total = len(found.countries)
    for row in found.items:
        cells: list[Cell] = [row.kind, row.id, tr(row.title)]
        for country in found.countries:
            held = row.countries[country]
            shown = STATE_WORDS[held.state]
            cells.append(f"{shown}: {', '.join(held.changed)}" if held.changed else shown)
        cells.append(f"{len(row.held_by)} of {total}")
        sheet.rows.append(cells)
    return sheet


def additions(found: Portfolio, tr: Translator) -> Sheet:
    sheet = Sheet(
        "Additions", "What countries added that the generic model does not have.", ["model", "kind", "id", "title"]
    )
    sheet.rows.extend([a.country, a.kind, a.id, tr(a.title)] for a in found.additions)
    return sheet


def causes(found: Portfolio, tr: Translator) -> Sheet:
    sheet = Sheet(
        "Root causes",
        "Every root cause, the countries whose model has it and those with an intervention addressing it.",
        ["id", "title", "from", "held by", "addressed by", "shared"],
    )
    for row in found.root_causes:
        origin = "generic model" if row.generic else "country's own"
        shared = "yes" if len(row.held_by) > 1 else "no"
        sheet.rows.append([row.id, tr(row.title), origin, ", ".join(row.held_by), ", ".join(row.addressed_by), shared])
    return sheet


def _years(found: Portfolio) -> list[int]:
    return sorted(
        {t.year for a in found.aggregates for t in a.totals}
        | {y for a in found.aggregates for f in a.countries for y in f.milestones}
    )


def indicators(found: Portfolio, tr: Translator) -> Sheet:
    years = _years(found)
    headers = ["indicator", "rule", "who", "their title", "unit", "baseline"]
    for year in years:
        headers += [f"{year} target", f"{year} actual", f"{year} status"]
    sheet = Sheet(
        "Indicators",
        "Indicators the same across countries (by standard code, or as the generic model names them), each "
        "country's figures and the portfolio's: counts in one unit summed, rates combined from their numerators "
        "and denominators or shown side by side, never summed; different units refused. A year's target is "
        "the target set for it, or the straight line to the next one.",
        headers,
    )
    for aggregate in found.aggregates:
        label = f"{aggregate.key}: {tr(aggregate.title)}"
        rule = f"{aggregate.rule}: {aggregate.reason}"
        for figures in aggregate.countries:
            own = [tr(figures.title), _unit(figures.unit, tr), _n(figures.baseline)]
            sheet.rows.append([label, rule, figures.country, *own, *_country_years(figures, years)])
        if aggregate.totals:
            baseline = next((_n(t.baseline) for t in aggregate.totals if t.baseline is not None), None)
            total = ["", _unit(aggregate.unit, tr), baseline]
            sheet.rows.append([label, rule, "portfolio", *total, *_total_years(aggregate, years)])
    return sheet


def _unit(unit: Text | None, tr: Translator) -> str:
    return tr(unit) if unit is not None else ""


def _country_years(figures: CountryFigures, years: list[int]) -> list[Cell]:
    cells: list[Cell] = []
    for year in years:
        status = figures.statuses.get(year)
        cells += [
            _n(figures.milestones.get(year)),
            _n(figures.actuals.get(year)),
            STATUS_WORDS.get(status or "", status),
        ]
    return cells


def _total_years(aggregate: Aggregate, years: list[int]) -> list[Cell]:
    by_year: dict[int, YearTotal] = {t.year: t for t in aggregate.totals}
    of = len(aggregate.countries)
    cells: list[Cell] = []
    for year in years:
        total = by_year.get(year)
        if total is None:
            cells += [None, None, None]
            continue
        actual: Cell = _n(total.actual)
        if total.actual is None and total.reported:
            actual = f"{total.reported} of {of} reported"
        elif total.actual is not None and total.reported < of:
            actual = f"{_n(total.actual)} ({total.reported} of {of} reported)"
        cells += [_n(total.milestone), actual, STATUS_WORDS.get(total.status or "", total.status)]
    return cells
