"""Monitoring: the values measured for each indicator, period by period, against the plan."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from .base import Strict
from .results import Indicator
from .types import CalendarYear, Id, Text, Value

INTERVAL_PATTERN = r"^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$"
_INTERVAL_RE = re.compile(INTERVAL_PATTERN)


def _interval(value: str) -> str:
    start, end = interval_bounds(value)
    if start > end:
        raise ValueError(f"the period starts ({start}) after it ends ({end})")
    return value


def interval_bounds(interval: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a period written `2027-07-01/2028-06-30`.

    Raises:
        ValueError: a date of the period is not a date of the calendar.
    """
    first, _, last = interval.partition("/")
    try:
        return datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
    except ValueError:
        raise ValueError(f"`{interval}` is not two dates such as `2027-07-01/2028-06-30`") from None


Interval = Annotated[str, Field(pattern=INTERVAL_PATTERN), AfterValidator(_interval)]
"""A dated period, first and last day: `2027-07-01/2028-06-30`."""

ReportingPeriod = CalendarYear | Interval
"""A calendar year (`2027`) or a dated period (`2027-07-01/2028-06-30`); a dated period counts for the year
it ends in."""


def period_bounds(period: int | str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a reporting period."""
    if isinstance(period, int):
        return datetime.date(period, 1, 1), datetime.date(period, 12, 31)
    return interval_bounds(period)


def period_year(period: int | str) -> int:
    """The year a reporting period counts for: the year it ends in.

    Examples:
        >>> period_year(2027), period_year("2027-07-01/2028-06-30")
        (2027, 2028)
    """
    return period if isinstance(period, int) else int(period[-10:-6])


REGULAR = frozenset({"monthly", "quarterly", "biannual", "annual"})
"""Frequencies that ask for a value every year."""


def due(indicator: Indicator, year: int) -> bool:
    """Whether an indicator is due to report a value for `year`: it has a target then, or reports every year."""
    return year in indicator.real_targets or indicator.frequency in REGULAR


def reporting_years(actuals: dict[str, dict[int | str, Actual]]) -> list[int]:
    """The years the model reports on, in order: those any indicator has a calendar year's actual for, or,
    in a model whose actuals are all dated periods (fiscal years), the years those periods end in. A single
    fiscal-year value does not make its calendar year due for every indicator."""
    calendar = {period for periods in actuals.values() for period in periods if isinstance(period, int)}
    if calendar:
        return sorted(calendar)
    return sorted({period_year(period) for periods in actuals.values() for period in periods})


def actual_years(actuals: dict[str, dict[int | str, Actual]]) -> list[int]:
    """The years any actual counts for, in order."""
    return sorted({period_year(period) for periods in actuals.values() for period in periods})


def is_interval(text: str) -> bool:
    """Whether `text` is written as a dated period."""
    return bool(_INTERVAL_RE.match(text))


def _value_shorthand(value: Any) -> Any:
    """A bare value is shorthand for an actual with only its value."""
    return value if isinstance(value, dict) else {"value": value}


class Actual(Strict):
    """The value measured for an indicator in one reporting period."""

    value: Value
    """The value measured (a number, or a short text such as `yes`); `null` when it could not be measured."""
    date: datetime.date | None = None
    """When the value was measured or published, e.g. `2028-03-31`."""
    source: Text | None = None
    """Where the value comes from, when not the indicator's usual source: a survey, a report."""
    comment: Text | None = None
    """Remarks on the value: how it was measured, why it differs from the target."""
    status: Literal["provisional", "validated"] = "provisional"
    """`provisional` until the value is checked and agreed; then `validated`."""
    breakdown: dict[str, dict[str, Value]] = Field(default_factory=dict)
    """The value broken down along the indicator's `disaggregation`: dimension, then category, then value,
    e.g. `{sex: {female: 120, male: 310}}`."""


ActualField = Annotated[Actual, BeforeValidator(_value_shorthand, json_schema_input_type=Actual | float | str)]
"""An actual, or its value alone."""


def _periods(value: Any) -> Any:
    """Refuse a key that is no reporting period with one message that says what a period is."""
    if not isinstance(value, dict):
        return value
    for key in value:
        text = str(key).strip()
        if isinstance(key, bool) or not (re.fullmatch(r"\d{4}", text) or _INTERVAL_RE.match(text)):
            raise PydanticCustomError(
                "reporting_period",
                "`{key}` is not a reporting period: write a year (`2027`) or two dates (`2027-07-01/2028-06-30`)",
                {"key": key},
            )
        if _INTERVAL_RE.match(text):
            try:
                start, end = interval_bounds(text)
            except ValueError as error:
                raise PydanticCustomError("reporting_period", str(error)) from None
            if start > end:
                raise PydanticCustomError("reporting_period", "the period `{key}` ends before it starts", {"key": key})
    return value


IndicatorActuals = Annotated[
    dict[ReportingPeriod, ActualField],
    BeforeValidator(_periods),
    Field(json_schema_extra={"propertyNames": {"pattern": f"^[0-9]{{4}}$|{INTERVAL_PATTERN}"}}),
]
"""An indicator's actuals keyed by reporting period."""

Actuals = dict[Id, IndicatorActuals]
"""Actuals keyed by indicator id, then by reporting period."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where the statuses start, as shares of the way from baseline to milestone (`[progress]` in
    `tocmodel.toml`)."""

    on_track: float = 0.9
    """From this share up, on track."""
    watch: float = 0.6
    """From this share up to `on_track`, watch; below it, off track."""

    def rate(self, share: float) -> Literal["on-track", "watch", "off-track"]:
        """The status of a share of the way."""
        return "on-track" if share >= self.on_track else "watch" if share >= self.watch else "off-track"


YES = frozenset({"yes", "oui", "sí", "si", "true", "1"})
NO = frozenset({"no", "non", "false", "0"})
"""The words (and numbers) a yes/no indicator is answered with, in the shipped languages."""


def yes_no(value: Any) -> bool | None:
    """The answer a yes/no value gives, or None when it is no such answer.

    Examples:
        >>> yes_no("Yes"), yes_no(0), yes_no("partly")
        (True, False, None)
    """
    if isinstance(value, int | float | str) and not isinstance(value, bool):
        word = str(value).strip().lower().removesuffix(".0")
        return True if word in YES else False if word in NO else None
    return None


def is_yes_no(indicator: Indicator) -> bool:
    """Whether the indicator is answered yes or no: a nominal measure whose baseline and targets are answers."""
    if indicator.measure != "nominal":
        return False
    given = [*indicator.real_targets.values(), *([indicator.baseline.value] if indicator.baseline else [])]
    known = [value for value in given if value is not None]
    return bool(known) and all(isinstance(v, str) and yes_no(v) is not None for v in known)


def number(value: Any) -> float | None:
    """A value as a number, or None when it is text that is not one (or no value). Text is a number only as
    YAML writes one (`12.5`): `12,5` or `1,234` could mean either, so it is none (rule TOC413 says so).

    Examples:
        >>> number(12), number("12.5"), number("12,5")
        (12.0, 12.5, None)
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def wrong_kind(indicator: Indicator, value: Any) -> str | None:
    """Why `value` cannot be a value of `indicator`, or None when it can.

    A unit or percentage is a number, a percentage lies between 0 and 100, a yes/no indicator is answered
    yes or no; ordinal, qualitative and other nominal measures take numbers or text.
    """
    if value is None:
        return None
    if is_yes_no(indicator):
        return (
            None if yes_no(value) is not None else f"`{value}` is not yes or no, which this indicator is answered with"
        )
    if indicator.measure not in ("unit", "percentage"):
        return None
    amount = number(value)
    if amount is None:
        return f"`{value}` is not a number, and the indicator counts in {_unit_words(indicator)}"
    if indicator.measure == "percentage" and not 0 <= amount <= 100:
        return f"{value} is not a percentage between 0 and 100"
    return None


def _unit_words(indicator: Indicator) -> str:
    unit = indicator.unit
    shown = unit if isinstance(unit, str) else next(iter(unit.values())) if unit else None
    return f"`{shown}`" if shown else "numbers" if indicator.measure == "unit" else "percent"


__all__ = [
    "Actual",
    "ActualField",
    "Actuals",
    "IndicatorActuals",
    "Interval",
    "ReportingPeriod",
    "Thresholds",
    "actual_years",
    "due",
    "interval_bounds",
    "is_interval",
    "is_yes_no",
    "number",
    "period_bounds",
    "period_year",
    "reporting_years",
    "wrong_kind",
    "yes_no",
]
