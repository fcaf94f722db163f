"""Indicators the same across countries, put together by documented rules.

An indicator is the same in two countries when both reference the same standard, or both have the id the
generic model gives it (its own id, or `<result>.<n>`). The rule follows from what is measured:

- **refused**: the countries measure it in different units, as different kinds of measure, or one wants it
  to rise and another to fall; the message says which country counts what;
- **summed**: counts in the same unit (sites, persons, tonnes): baselines, milestones and actuals add up, and
  the total has a status when every country reported;
- **combined**: a rate whose standard is the quotient of two others (`EN_EWT_RCYR` is `EN_EWT_RCYV` over
  `EN_EWT_GENV`) and every country reports both: the portfolio's rate is the sum of the numerators over the
  sum of the denominators;
- **side by side**: any other percentage or rate (never summed), and yes/no, ordinal and qualitative
  values; the total's status is the worst of the countries'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from ...schema import Indicator, Model, Text
from ...schema.bank import Bank, Standard, same_unit
from ...schema.monitoring import Thresholds, number
from ..measuring import milestones, rolled_up, share_of_way
from ..progress import IndicatorProgress, Progress
from .loading import Country

Rule = Literal["summed", "combined", "side by side", "refused"]


@dataclass(frozen=True)
class CountryFigures:
    """One country's indicator: its values by year and its status each year."""

    country: str
    indicator: str
    """Its id in the country's model."""
    title: Text
    """Its title in the country's model."""
    unit: Text | None
    baseline: float | str | None
    targets: dict[int, float | str | None]
    milestones: dict[int, float | str | None]
    actuals: dict[int, float | str | None]
    statuses: dict[int, str]


@dataclass(frozen=True)
class YearTotal:
    """The portfolio's figure for one year."""

    year: int
    milestone: float | None
    actual: float | None
    reported: int
    """How many countries reported a value that year."""
    status: str | None
    baseline: float | None = None
    """The portfolio's baseline the status is measured from (summed or combined), if there is one."""


@dataclass(frozen=True)
class Aggregate:
    """An indicator the same across countries, and how the portfolio puts their figures together."""

    key: str
    """The standard's code, or the generic model's id of the indicator."""
    by: Literal["standard", "generic id"]
    title: Text
    unit: Text | None
    measure: str
    rule: Rule
    reason: str
    countries: list[CountryFigures] = field(default_factory=list)
    totals: list[YearTotal] = field(default_factory=list)


Found = dict[str, tuple[str, Indicator]]
"""By country: the indicator's id in its model, and the indicator."""


def same_indicators(generic: Model, countries: Sequence[Country]) -> dict[tuple[str, str], Found]:
    """The indicators of at least two countries that are the same, by `(by, key)`.

    An indicator without a standard is the generic model's when it has the id the generic model gives it
    (`ind-ewaste-collected-pct`), or when it measures a result of the generic model under one of the titles
    the generic model gives that result's indicators: a country that rewrote a result's list of indicators
    has its own `<result>.<n>`, which need not be the generic model's n-th.
    """
    by_title = _generic_titles(generic)
    own_ids = {i.id for _, _, _, i in generic.iter_indicators() if i.id}
    found: dict[tuple[str, str], Found] = {}
    for country in countries:
        model = country.model
        for section, owner, index, indicator in model.iter_indicators():
            indicator_id = model.indicator_id(owner, index, indicator)
            if section == "interventions":
                continue
            if indicator.standard is not None:
                key = ("standard", indicator.standard)
            elif indicator.id is not None and indicator.id in own_ids:
                key = ("generic id", indicator.id)
            elif (generic_id := _titled(by_title, owner, indicator.title)) is not None:
                key = ("generic id", generic_id)
            else:
                continue
            found.setdefault(key, {}).setdefault(country.id, (indicator_id, indicator))
    return {key: by_country for key, by_country in found.items() if len(by_country) > 1}


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def _generic_titles(generic: Model) -> dict[tuple[str, str], str]:
    """The generic model's indicators by (result, title in any of its languages) → their id."""
    found: dict[tuple[str, str], str] = {}
    for section, owner, index, indicator in generic.iter_indicators():
        if section == "interventions":
            continue
        titles = indicator.title.values() if isinstance(indicator.title, dict) else [indicator.title]
        for title in titles:
            found.setdefault((owner, _plain(title)), generic.indicator_id(owner, index, indicator))
    return found


def _titled(by_title: dict[tuple[str, str], str], owner: str, title: Text) -> str | None:
    titles = title.values() if isinstance(title, dict) else [title]
    return next((by_title[owner, _plain(t)] for t in titles if (owner, _plain(t)) in by_title), None)


def aggregates(
    generic: Model,
    countries: Sequence[Country],
    progresses: dict[str, Progress],
    bank: Bank,
    thresholds: Thresholds,
) -> list[Aggregate]:
    """Every indicator the same across countries, with each country's figures and the portfolio's."""
    models = {country.id: country.model for country in countries}
    titles = {generic.indicator_id(o, i, ind): ind.title for _, o, i, ind in generic.iter_indicators()}
    years = sorted({y for model in models.values() for y in model.plan_years})
    found = []
    for (by, key), by_country in same_indicators(generic, countries).items():
        figures = [_figures(c, *by_country[c], models[c], progresses[c]) for c in models if c in by_country]
        indicators = [indicator for _, indicator in by_country.values()]
        standard = bank.get(key) if by == "standard" else None
        rule, reason = _rule(by_country, standard, countries)
        first = indicators[0]
        title = standard.title if standard is not None else titles.get(key, first.title)
        aggregate = Aggregate(key, by, title, first.unit, first.measure, rule, reason, figures)  # type: ignore[arg-type]
        aggregate.totals.extend(_totals(aggregate, first, years, thresholds, countries, standard))
        found.append(aggregate)
    return found


def _figures(country: str, indicator_id: str, indicator: Indicator, model: Model, found: Progress) -> CountryFigures:
    rows = {row.indicator: row for row in found.indicators}
    row: IndicatorProgress | None = rows.get(indicator_id)
    years = {y.year: y for y in row.years} if row is not None else {}
    baseline = indicator.baseline.value if indicator.baseline else None
    return CountryFigures(
        country,
        indicator_id,
        indicator.title,
        indicator.unit,
        _value(baseline),
        {year: _value(value) for year, value in indicator.targets.items()},
        {year: _value(y.milestone) for year, y in years.items()},
        {year: _value(y.actual) for year, y in years.items() if y.actual is not None},
        {year: y.status for year, y in years.items() if y.status},
    )


def _value(value: object) -> float | str | None:
    found = number(value)
    return found if found is not None else (str(value) if value is not None else None)


def _shown(text: Text | None) -> str:
    if text is None:
        return "no unit"
    return text if isinstance(text, str) else text.get("en") or next(iter(text.values()))


def _rule(by_country: Found, standard: Standard | None, countries: Sequence[Country]) -> tuple[Rule, str]:
    indicators = {country: indicator for country, (_, indicator) in by_country.items()}
    first = next(iter(indicators.values()))
    measures = {indicator.measure for indicator in indicators.values()}
    if len(measures) > 1:
        said = ", ".join(f"{country} a {indicator.measure} one" for country, indicator in indicators.items())
        return "refused", f"not put together: different kinds of measure ({said})"
    if first.measure != "percentage" and not _one_unit([i.unit for i in indicators.values()]):
        said = ", ".join(f"{country} in {_shown(indicator.unit)}" for country, indicator in indicators.items())
        return "refused", (
            f"not put together: counted in different units ({said}); figures in different units are neither "
            "added nor compared as one"
        )
    if {indicator.direction for indicator in indicators.values()} >= {"increase", "decrease"}:
        said = ", ".join(f"{country} better when it {_WAY[i.direction]}" for country, i in indicators.items())
        return "refused", f"not put together: the countries want it to go different ways ({said})"
    if first.measure in ("nominal", "ordinal", "qualitative"):
        return "side by side", f"a {first.measure} measure: each country's value, side by side"
    if first.measure == "percentage" or _is_rate(first.unit):
        if standard is not None and standard.ratio is not None and _all_report(standard, countries, by_country):
            ratio = standard.ratio
            return "combined", f"combined from every country's {ratio.numerator} over its {ratio.denominator}"
        return "side by side", "a percentage, share or rate is never summed: each country's value, side by side"
    return "summed", f"counts in the same unit ({_shown(first.unit)}): summed across countries"


_WAY = {"increase": "increases", "decrease": "decreases", "maintain": "holds"}


def _one_unit(units: list[Text | None]) -> bool:
    """Whether the units are one, written alike or differing only by a plural `s` (`USD million(s)`)."""
    if any(unit is None for unit in units):
        return all(unit is None for unit in units)
    first = _singular(units[0])  # type: ignore[arg-type]
    return all(same_unit(first, _singular(unit)) for unit in units[1:])  # type: ignore[arg-type]


def _singular(unit: Text) -> Text:
    def one(text: str) -> str:
        return " ".join(word[:-1] if len(word) > 3 and word.endswith("s") else word for word in text.split())

    return {lang: one(text) for lang, text in unit.items()} if isinstance(unit, dict) else one(unit)


RATE_WORDS = frozenset(
    {
        "per",
        "par",
        "por",
        "pour",
        "percent",
        "share",
        "proportion",
        "rate",
        "ratio",
        "taux",
        "part",
        "tasa",
        "porcentaje",
    }
)
"""Words that make a unit a rate (never summed); a flow per unit of time (`tonnes/year`) is no rate."""
TIME = re.compile(r"(/|\b(per|par|por|pour|a|an|by)\s+)(year|yr|annum|an|année|año|month|mois|mes)\b")


def _is_rate(unit: Text | None) -> bool:
    versions = [] if unit is None else [unit] if isinstance(unit, str) else list(unit.values())
    for version in versions:
        text = TIME.sub("", version.casefold())
        if "/" in text or "%" in text or RATE_WORDS & set(text.replace("-", " ").split()):
            return True
    return False


def _all_report(standard: Standard, countries: Sequence[Country], by_country: Found) -> bool:
    """Whether every country with the rate also has indicators referencing its numerator and denominator."""
    assert standard.ratio is not None
    wanted = {standard.ratio.numerator, standard.ratio.denominator}
    for country in countries:
        if country.id in by_country:
            has = {i.standard for _, _, _, i in country.model.iter_indicators()}
            if not wanted <= has:
                return False
    return True


def _totals(
    aggregate: Aggregate,
    indicator: Indicator,
    years: list[int],
    thresholds: Thresholds,
    countries: Sequence[Country],
    standard: Standard | None,
) -> list[YearTotal]:
    if aggregate.rule == "refused":
        return []
    figures = aggregate.countries
    found = []
    for year in years:
        actuals = [f.actuals.get(year) for f in figures]
        reported = sum(1 for value in actuals if value is not None)
        statuses = [f.statuses[year] for f in figures if year in f.statuses]
        if aggregate.rule == "summed":
            found.append(_summed(year, figures, indicator, thresholds, reported))
        elif aggregate.rule == "combined" and standard is not None:
            found.append(_combined(year, standard, countries, figures, indicator, thresholds, reported))
        else:
            found.append(YearTotal(year, None, None, reported, rolled_up(statuses) if statuses else None))  # type: ignore[arg-type]
    return found


def _summed(
    year: int, figures: list[CountryFigures], indicator: Indicator, thresholds: Thresholds, reported: int
) -> YearTotal:
    """The sum of the countries' figures. A milestone only when every country's targets are numbers (a target
    in words, `first facilities certified`, has no share in a sum), and a status only when every country
    reported too."""
    numeric = all(all(isinstance(t, float) for t in f.targets.values() if t is not None) for f in figures)
    milestone = _sum([f.milestones.get(year) for f in figures]) if numeric else None
    actuals = [f.actuals.get(year) for f in figures]
    actual = _tidy(sum(v for v in actuals if isinstance(v, float))) if reported else None
    baseline = _sum([f.baseline for f in figures])
    status = None
    if reported == len(figures) and milestone is not None and actual is not None:
        share = share_of_way(indicator, actual, milestone, baseline)
        status = thresholds.rate(share) if share is not None else None
    return YearTotal(year, milestone, actual, reported, status, baseline)


def _sum(values: list[float | str | None]) -> float | None:
    return _tidy(sum(v for v in values if isinstance(v, float))) if all(isinstance(v, float) for v in values) else None


def _tidy(value: float) -> float:
    """A sum without the noise of binary fractions (`2.000001` from straight lines is 2)."""
    return round(value, 5)


def _combined(
    year: int,
    standard: Standard,
    countries: Sequence[Country],
    figures: list[CountryFigures],
    indicator: Indicator,
    thresholds: Thresholds,
    reported: int,
) -> YearTotal:
    """Σ numerators over Σ denominators (×100 for a percentage): the actual when every country reported both
    that year, the milestone and baseline from theirs, and the status from them."""
    assert standard.ratio is not None
    held = [c.model for c in countries if c.id in {f.country for f in figures}]
    scale = 100.0 if standard.measure == "percentage" else 1.0
    ratio = standard.ratio

    def quotient(kind: str) -> float | None:
        parts = [_part(model, code, year, kind) for model in held for code in (ratio.numerator, ratio.denominator)]
        if not parts or any(part is None for part in parts):
            return None
        denominator = sum(d for d in parts[1::2] if d is not None)
        return _tidy(scale * sum(n for n in parts[0::2] if n is not None) / denominator) if denominator else None

    actual, milestone, baseline = quotient("actual"), quotient("milestone"), quotient("baseline")
    status = None
    if actual is not None and milestone is not None:
        share = share_of_way(indicator, actual, milestone, baseline)
        status = thresholds.rate(share) if share is not None else None
    return YearTotal(year, milestone, actual, reported, status, baseline)


def _part(model: Model, code: str, year: int, kind: str) -> float | None:
    """A country's actual, milestone or baseline for `year` of the indicator referencing `code`."""
    for _, owner, index, indicator in model.iter_indicators():
        if indicator.standard != code:
            continue
        if kind == "actual":
            actual = model.actuals.get(model.indicator_id(owner, index, indicator), {}).get(year)
            return number(actual.value) if actual is not None else None
        if kind == "baseline":
            return number(indicator.baseline.value) if indicator.baseline else None
        found = milestones(indicator, model.plan_years).get(year)
        return found if isinstance(found, float) else None
    return None
