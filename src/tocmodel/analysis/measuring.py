"""One indicator's progress, year by year: the milestone it should have reached, how far it came, its status.

The share of the way is `(actual - baseline) / (milestone - baseline)`: 1 is the milestone reached, 0 no
change since the baseline, below 0 a move the wrong way. It follows the indicator's direction by itself (an
indicator meant to fall has a milestone below its baseline). An indicator meant to stay where it is
(`maintain`) scores 1 minus its relative distance from the milestone; one without a baseline scores the
actual against the milestone (`actual / milestone`, the other way round for `decrease`). A yes/no indicator
scores 1 when it gives the answer due by then, 0 when not. Text values are shown, not rated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..schema import Indicator
from ..schema.monitoring import Actual, Thresholds, due, is_yes_no, number, period_year, yes_no
from ..schema.types import Value

Status = Literal["on-track", "watch", "off-track", "missing", "unrated"]
"""How an indicator or result stands: `missing` when a value was due and none was given, `unrated` when
there is nothing to rate (no value due, or values that are text)."""

RATED: tuple[Status, ...] = ("off-track", "watch", "on-track")
"""The statuses that rate progress, worst first."""


@dataclass(frozen=True, slots=True)
class YearProgress:
    """One year of an indicator: what was promised and what was measured."""

    year: int
    target: Value
    """The target set for the year, if any."""
    milestone: float | str | None
    """What the year should reach: its target, else the way from the baseline (or an earlier target) to the
    next target drawn as a straight line, else the last target; an answer for yes/no indicators."""
    actual: Value
    """The value measured, if any (the latest period ending in the year)."""
    period: int | str | None
    """The reporting period of `actual`."""
    validated: bool
    """Whether the value is validated rather than provisional."""
    share: float | None
    """The share of the way from the baseline to the milestone (see the module's docs); None if not rated."""
    status: Status
    """`missing` when a value was due and none given; `unrated` for years not due or after the year asked."""


def by_year(actuals: dict[int | str, Actual]) -> dict[int, tuple[int | str, Actual]]:
    """Each year's actual: the one whose period ends latest in the year."""
    if all(type(period) is int for period in actuals):  # years only, the usual case
        return {period: (period, actual) for period, actual in actuals.items()}  # type: ignore[misc]
    found: dict[int, tuple[int | str, Actual]] = {}
    for period, actual in sorted(actuals.items(), key=lambda item: _end(item[0])):
        found[period_year(period)] = (period, actual)
    return found


def _end(period: int | str) -> str:
    return f"{period}-12-31" if isinstance(period, int) else period[-10:]


def milestones(indicator: Indicator, years: range) -> dict[int, float | str | None]:
    """What each year should reach (see `YearProgress.milestone`)."""
    targets = indicator.real_targets
    if is_yes_no(indicator):
        answers = sorted((y, str(v)) for y, v in targets.items())
        return {year: next((v for y, v in reversed(answers) if y <= year), None) for year in years}
    points = sorted((y, n) for y, v in targets.items() if (n := number(v)) is not None)
    baseline = _baseline(indicator)
    if baseline is not None and indicator.baseline:
        measured = indicator.baseline.year or years.start - 1  # an undated baseline: the plan's eve
        points = [(measured, baseline), *(p for p in points if p[0] > measured)]
    return _on_line(points, years)


def _on_line(points: list[tuple[int, float]], years: range) -> dict[int, float | str | None]:
    """Each year's value on the straight lines between `points` (in year order), held after the last one."""
    found: dict[int, float | str | None] = {}
    after = 0  # the first point later than the year
    for year in years:
        while after < len(points) and points[after][0] <= year:
            after += 1
        if after == 0:
            found[year] = None
        elif points[after - 1][0] == year or after == len(points):
            found[year] = points[after - 1][1]
        else:
            (y0, v0), (y1, v1) = points[after - 1], points[after]
            found[year] = round(v0 + (v1 - v0) * (year - y0) / (y1 - y0), 6)
    return found


def _baseline(indicator: Indicator) -> float | None:
    return number(indicator.baseline.value) if indicator.baseline else None


def share_of_way(
    indicator: Indicator, actual: Value, milestone: float | str | None, baseline: float | None
) -> float | None:
    """The share of the way from `baseline` (the indicator's, as a number) to the milestone (see the module's
    docs)."""
    if milestone is None or actual is None:
        return None
    if isinstance(milestone, str):
        given, wanted = yes_no(actual), yes_no(milestone)
        return None if given is None or wanted is None else float(given == wanted)
    value = number(actual)
    if value is None:
        return None
    if indicator.direction == "maintain":
        return 1 - abs(value - milestone) / abs(milestone) if milestone else float(value == milestone)
    if baseline is None or baseline == milestone:
        return _attainment(indicator, value, milestone, baseline)
    return (value - baseline) / (milestone - baseline)


def _attainment(indicator: Indicator, value: float, milestone: float, baseline: float | None) -> float | None:
    """Without a way to go: the actual against the milestone itself."""
    better = value <= milestone if indicator.direction == "decrease" else value >= milestone
    if better or baseline is not None:
        return 1.0 if better else 0.0
    if indicator.direction == "decrease":
        return milestone / value if value else None
    return value / milestone if milestone else None


def indicator_years(
    indicator: Indicator,
    actuals: dict[int | str, Actual],
    years: range,
    *,
    as_of: int | None,
    reported: set[int],
    thresholds: Thresholds,
) -> list[YearProgress]:
    """The indicator's progress in each of `years`; years after `as_of` show their targets only. A value
    due and not given is `missing` in the years the model reports on (`reported`)."""
    measured = by_year(actuals)
    expected = milestones(indicator, years)
    baseline = _baseline(indicator)
    found = []
    for year in years:
        period, actual = measured.get(year, (None, None))
        shown = as_of is not None and year <= as_of
        value = actual.value if actual is not None and shown else None
        share = share_of_way(indicator, value, expected[year], baseline) if value is not None else None
        status: Status = "unrated"
        if share is not None:
            share = round(share, 4)
            status = thresholds.rate(share)
        elif shown and value is None and (actual is not None or year in reported) and due(indicator, year):
            status = "missing"
        validated = actual is not None and shown and actual.status == "validated"
        target = indicator.targets.get(year)
        found.append(
            YearProgress(year, target, expected[year], value, period if shown else None, validated, share, status)
        )
    return found


def indicator_status(years: list[YearProgress]) -> Status:
    """The status of the latest rated year; `missing` when values were due and none rated."""
    rated = [y.status for y in years if y.status in RATED]
    if rated:
        return rated[-1]
    return "missing" if any(y.status == "missing" for y in years) else "unrated"


def rolled_up(statuses: list[Status]) -> Status:
    """A result's status from its indicators': the worst rated one; `missing` when none is rated but some
    are missing."""
    for status in (*RATED, "missing"):
        if status in statuses:
            return status
    return "unrated"
