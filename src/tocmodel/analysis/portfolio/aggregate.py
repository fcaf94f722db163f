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

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from ...schema import Indicator, Model, Text
from ...schema.bank import Bank, Standard, same_unit
from ...schema.monitoring import Thresholds, number
from ..measuring import rolled_up, share_of_way
from ..progress import IndicatorProgress, Progress
from .loading import Country

Rule = Literal["summed", "combined", "side by side", "refused"]


@dataclass(frozen=True)
class CountryFigures:
    """One country's indicator: its values by year and its status each year."""

    country: str
    indicator: str
    """Its id in the country's model."""
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
    """The indicators of at least two countries that are the same, by `(by, key)`."""
    generic_ids = {
        generic.indicator_id(o, i, ind) for s, o, i, ind in generic.iter_indicators() if s != "interventions"
    }
    found: dict[tuple[str, str], Found] = {}
    for country in countries:
        model = country.model
        for section, owner, index, indicator in model.iter_indicators():
            indicator_id = model.indicator_id(owner, index, indicator)
            if section == "interventions":
                continue
            if indicator.standard is not None:
                key = ("standard", indicator.standard)
            elif indicator_id in generic_ids:
                key = ("generic id", indicator_id)
            else:
                continue
            found.setdefault(key, {}).setdefault(country.id, (indicator_id, indicator))
    return {key: by_country for key, by_country in found.items() if len(by_country) > 1}


def aggregates(
    generic: Model,
    countries: Sequence[Country],
    progresses: dict[str, Progress],
    bank: Bank,
    thresholds: Thresholds,
) -> list[Aggregate]:
    """Every indicator the same across countries, with each country's figures and the portfolio's."""
    models = {country.id: country.model for country in countries}
    years = sorted({y for model in models.values() for y in model.plan_years})
    found = []
    for (by, key), by_country in same_indicators(generic, countries).items():
        figures = [_figures(c, *by_country[c], models[c], progresses[c]) for c in models if c in by_country]
        indicators = [indicator for _, indicator in by_country.values()]
        standard = bank.get(key) if by == "standard" else None
        rule, reason = _rule(by_country, standard, countries)
        first = indicators[0]
        title = standard.title if standard is not None else first.title
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
    first_country, first = next(iter(indicators.items()))
    for country, indicator in indicators.items():
        if indicator.measure != first.measure:
            return "refused", (
                f"not put together: {first_country} has a {first.measure} measure, {country} a {indicator.measure} one"
            )
        if (indicator.unit is None) != (first.unit is None) or (
            indicator.unit is not None and first.unit is not None and not same_unit(indicator.unit, first.unit)
        ):
            return "refused", (
                f"not put together: {first_country} counts it in {_shown(first.unit)}, {country} in "
                f"{_shown(indicator.unit)}; figures in different units are neither added nor compared as one"
            )
        if {indicator.direction, first.direction} == {"increase", "decrease"}:
            return (
                "refused",
                f"not put together: {first_country} wants it to {first.direction}, {country} to {indicator.direction}",
            )
    if first.measure in ("nominal", "ordinal", "qualitative"):
        return "side by side", f"a {first.measure} measure: each country's value, side by side"
    if first.measure == "percentage" or _is_rate(first.unit):
        if standard is not None and standard.ratio is not None and _all_report(standard, countries, by_country):
            ratio = standard.ratio
            return "combined", f"combined from every country's {ratio.numerator} over its {ratio.denominator}"
        return "side by side", "a percentage or rate is never summed: each country's value, side by side"
    return "summed", f"counts in the same unit ({_shown(first.unit)}): summed across countries"


def _is_rate(unit: Text | None) -> bool:
    versions = [] if unit is None else [unit] if isinstance(unit, str) else list(unit.values())
    return any("/" in v or "%" in v or any(w in v.split() for w in ("per", "par", "por", "pour")) for v in versions)


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
            found.append(_combined(year, standard, countries, figures, statuses, reported))
        else:
            found.append(YearTotal(year, None, None, reported, rolled_up(statuses) if statuses else None))  # type: ignore[arg-type]
    return found


def _summed(
    year: int, figures: list[CountryFigures], indicator: Indicator, thresholds: Thresholds, reported: int
) -> YearTotal:
    """The sum of the countries' figures; a status only when every country reported and has a milestone."""
    milestones = [f.milestones.get(year) for f in figures]
    baselines = [f.baseline for f in figures]
    actuals = [f.actuals.get(year) for f in figures]
    milestone = _sum(milestones)
    actual = sum(v for v in actuals if isinstance(v, float)) if reported else None
    status = None
    baseline = _sum(baselines)
    if reported == len(figures) and milestone is not None and actual is not None:
        share = share_of_way(indicator, actual, milestone, baseline)
        status = thresholds.rate(share) if share is not None else None
    return YearTotal(year, milestone, actual, reported, status)


def _sum(values: list[float | str | None]) -> float | None:
    return sum(v for v in values if isinstance(v, float)) if all(isinstance(v, float) for v in values) else None


def _combined(
    year: int,
    standard: Standard,
    countries: Sequence[Country],
    figures: list[CountryFigures],
    statuses: list[str],
    reported: int,
) -> YearTotal:
    """Σ numerators over Σ denominators (×100 for a percentage), when every country reports both that year."""
    assert standard.ratio is not None
    held = {f.country for f in figures}
    parts = [
        _reported(c.model, code, year)
        for c in countries
        if c.id in held
        for code in (standard.ratio.numerator, standard.ratio.denominator)
    ]
    actual = None
    if parts and all(part is not None for part in parts):
        numerators, denominators = parts[0::2], parts[1::2]
        total = sum(d for d in denominators if d is not None)
        if total:
            scale = 100.0 if standard.measure == "percentage" else 1.0
            actual = scale * sum(n for n in numerators if n is not None) / total
    return YearTotal(year, None, actual, reported, rolled_up(statuses) if statuses else None)  # type: ignore[arg-type]


def _reported(model: Model, code: str, year: int) -> float | None:
    """A country's value of the indicator referencing `code` for `year`, if it reported one."""
    for _, owner, index, indicator in model.iter_indicators():
        if indicator.standard == code:
            periods = model.actuals.get(model.indicator_id(owner, index, indicator), {})
            actual = periods.get(year)
            return number(actual.value) if actual is not None else None
    return None
