"""The IATI rulesets the schema cannot express, for the parts of an activity tocmodel writes and reads.

- baselines, targets and actuals have a `value` for measures 1–4 (a number for 1 and 2), none for 5;
- a period starts before it ends, and the planned start comes before the planned end;
- a result has references itself or on its indicators, not both;
- codes come from the codelists (result type, measure, vocabularies, status, date type, roles, types);
- the activity's identifier starts with the reporting organisation's identifier.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..notes import Note
from ..values import number
from . import codes
from .codes import codelist
from .files import where

CODED: tuple[tuple[str, str, str], ...] = (
    ("result", "type", "ResultType"),
    ("result/indicator", "measure", "IndicatorMeasure"),
    ("result/reference", "vocabulary", "ResultVocabulary"),
    ("result/indicator/reference", "vocabulary", "IndicatorVocabulary"),
    ("activity-status", "code", "ActivityStatus"),
    ("activity-date", "type", "ActivityDateType"),
    ("participating-org", "role", "OrganisationRole"),
    ("participating-org", "type", "OrganisationType"),
    ("reporting-org", "type", "OrganisationType"),
)
"""(path under `iati-activity`, attribute, codelist) of every coded attribute checked."""


def ruleset_problems(tree: Any) -> list[Note]:
    """Every breach of the rules above in the activities of `tree`, located by line and XPath."""
    problems: list[Note] = []
    for activity in tree.getroot().iterfind("iati-activity"):
        problems.extend(_codes(activity))
        problems.extend(_values(activity))
        problems.extend(_periods(activity))
        problems.extend(_references(activity))
        problems.extend(_identifier(activity))
    return problems


def _codes(activity: Any) -> Iterator[Note]:
    for path, attribute, name in CODED:
        for element in activity.iterfind(path):
            code = element.get(attribute)
            if code is not None and code not in codelist(name):
                yield Note(where(element), f"@{attribute} `{code}` is not a code of the IATI {name} codelist")


def _values(activity: Any) -> Iterator[Note]:
    for indicator in activity.iterfind("result/indicator"):
        measure = indicator.get("measure", "")
        for element in (
            *indicator.iterfind("baseline"),
            *indicator.iterfind("period/target"),
            *indicator.iterfind("period/actual"),
        ):
            value = element.get("value")
            if measure in codes.VALUE_MEASURES and value is None:
                yield Note(where(element), f"{element.tag} has no @value, which measure {measure} requires")
            elif measure in codes.NUMERIC_MEASURES and value is not None and number(value) is None:
                yield Note(where(element), f"{element.tag} @value `{value}` is not a number (measure {measure})")
            elif measure == codes.QUALITATIVE and value is not None:
                yield Note(where(element), f"{element.tag} has a @value, which a qualitative indicator must not")


def _periods(activity: Any) -> Iterator[Note]:
    for period in activity.iterfind("result/indicator/period"):
        start = period.find("period-start")
        end = period.find("period-end")
        if start is not None and end is not None and start.get("iso-date", "") >= end.get("iso-date", ""):
            yield Note(
                where(period), f"period starts {start.get('iso-date')}, not before it ends {end.get('iso-date')}"
            )
    dates = {date.get("type"): date.get("iso-date", "") for date in activity.iterfind("activity-date")}
    start, end = dates.get(codes.PLANNED_START), dates.get(codes.PLANNED_END)
    if start and end and start > end:
        yield Note(where(activity), "the planned start comes after the planned end")


def _references(activity: Any) -> Iterator[Note]:
    for result in activity.iterfind("result"):
        if result.find("reference") is not None and result.find("indicator/reference") is not None:
            yield Note(where(result), "references on the result and on its indicators: IATI allows one or the other")


def _identifier(activity: Any) -> Iterator[Note]:
    identifier = (activity.findtext("iati-identifier") or "").strip()
    reporting = activity.find("reporting-org")
    ref = reporting.get("ref", "") if reporting is not None else ""
    if ref and not identifier.startswith(ref):
        yield Note(
            where(activity), f"the identifier `{identifier}` does not start with the reporting organisation `{ref}`"
        )
