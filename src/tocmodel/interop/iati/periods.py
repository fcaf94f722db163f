"""An IATI indicator's baseline, periods, targets and actuals as the model's baseline, yearly targets and
latest measured value."""

from __future__ import annotations

import re
from typing import Any

from .narratives import split_fields
from .reading import Reader

VALUE_PARTS = frozenset({"comment", "dimension", "location"})
"""The parts of a value the reader reads (a comment is kept, a breakdown named in a note)."""
_STATED_NUMBER = re.compile(r"\d")


class IndicatorValues:
    """Reads the values of one indicator with a given measure code."""

    def __init__(self, reader: Reader, measure: str) -> None:
        self.reader = reader
        self.measure = measure
        self.target_notes: dict[int, Any] = {}
        self.dates: dict[int, dict[str, Any]] = {}

    def read(self, element: Any, title: str) -> dict[str, Any]:
        """`baseline`, `targets` and `current` of the indicator, those it has."""
        found: dict[str, Any] = {}
        baseline = self.baseline(element)
        if baseline:
            found["baseline"] = baseline
        targets, current = self.periods(element)
        if targets:
            found["targets"] = targets
        elif element.find("period") is not None:
            self.reader.note(element, "its periods give no target that could be taken: the indicator has no targets")
        elif _STATED_NUMBER.search(title):
            self.reader.note(
                element,
                f"no target periods; the title seems to state the target: `{_short(title)}` (set targets by year)",
            )
        else:
            self.reader.note(element, "no target periods: the indicator has no targets")
        if self.target_notes:
            found["target_notes"] = dict(sorted(self.target_notes.items()))
        if self.dates:
            found["periods"] = dict(sorted(self.dates.items()))
        if current:
            found["current"] = current
        return found

    def baseline(self, element: Any) -> dict[str, Any] | None:
        baselines = list(element.iterfind("baseline"))
        if not baselines:
            return None
        if len(baselines) > 1:
            self.reader.note(element, f"{len(baselines)} baselines (by location or dimension): the first is taken")
        first = baselines[0]
        baseline: dict[str, Any] = {}
        taken, value = self.reader.value(first, self.measure, "baseline")
        if taken:
            baseline["value"] = value
        year = self.reader.year(first, "year")
        if year is not None:
            baseline["year"] = year
        note = self.comment(first)
        if note:
            baseline["note"] = note
        self.reader.leftovers(first, VALUE_PARTS, "the baseline")
        return baseline or None

    def comment(self, element: Any) -> Any:
        """The comment of a baseline, target or actual, without the `Value:` line of a qualitative value."""
        texts = self.reader.texts(element.find("comment"))
        bodies = {language: split_fields(text)[0] for language, text in texts.items()}
        kept = {language: body for language, body in bodies.items() if body}
        if not kept:
            return None
        return kept[self.reader.main] if list(kept) == [self.reader.main] else kept

    def periods(self, element: Any) -> tuple[dict[int, Any], dict[str, Any] | None]:
        """Targets by the year each period ends, and the latest actual value; each period that is not its
        calendar year kept with its dates, each comment kept with its value."""
        targets: dict[int, Any] = {}
        actuals: list[tuple[int, Any, Any, int]] = []
        for period in element.iterfind("period"):
            year = self.period_year(period)
            if year is None:
                continue
            self.keep_dates(period, year)
            for target, comment in self.values(period, "target"):
                if year in targets:
                    self.reader.note(period, f"a second target for {year}: it replaces the first ({targets[year]})")
                targets[year] = target
                self.target_notes.pop(year, None)  # a replaced target's comment goes with it
                if comment:
                    self.target_notes[year] = comment
            ends = self.reader.date(period.find("period-end"))
            order = ends.toordinal() if ends else 0
            actuals.extend((year, actual, comment, order) for actual, comment in self.values(period, "actual"))
        if len(actuals) > 1:
            self.reader.note(
                element,
                f"{len(actuals)} actual values: the latest is taken as the current value, the others are not kept",
            )
        latest = max(actuals, key=lambda found: (found[0], found[3])) if actuals else None  # the latest period
        current = None
        if latest is not None:
            current = {"value": latest[1], "year": latest[0], **({"note": latest[2]} if latest[2] else {})}
        return dict(sorted(targets.items())), current

    def keep_dates(self, period: Any, year: int) -> None:
        """A period that is not the calendar year (a fiscal year) kept with its own dates."""
        start = self.reader.date(period.find("period-start"))
        end = self.reader.date(period.find("period-end"))
        if start is None or end is None or start > end:
            return
        if (start.month, start.day, end.month, end.day) != (1, 1, 12, 31) or start.year != end.year:
            self.dates[year] = {"start": start, "end": end}

    def period_year(self, period: Any) -> int | None:
        """The year a period ends (its values count for that year), noting periods that start after they end."""
        start = self.reader.date(period.find("period-start"))
        end = self.reader.date(period.find("period-end"))
        if end is None:
            self.reader.note(period, "period without an end date: left out")
            return None
        if start is not None and start > end:
            self.reader.note(period, f"period starts {start} after it ends {end}: its values count for {end.year}")
        return end.year

    def values(self, period: Any, tag: str) -> list[tuple[Any, Any]]:
        """The period's total value of `tag` with its comment: the one not broken down by a dimension or a
        location. Values broken down are named in a note, never taken for the total."""
        totals: list[tuple[Any, Any, str]] = []
        parts: list[tuple[Any, Any, str]] = []
        for element in period.iterfind(tag):
            taken, value = self.reader.value(element, self.measure, tag)
            self.reader.leftovers(element, VALUE_PARTS, f"the {tag}")
            if not taken or value is None:
                continue
            split = [f"{d.get('name')}: {d.get('value')}" for d in element.iterfind("dimension")]
            split += [f"location {x.get('ref')}" for x in element.iterfind("location")]
            comment = self.comment(element)
            if comment == value:  # a qualitative value written as the whole comment: said once, as the value
                comment = None
            (parts if split else totals).append((value, comment, ", ".join(split)))
        if parts:
            shown = "; ".join(f"{by} = {value}" for value, _comment, by in parts)
            kept = "" if totals else "; no total is given, so none is taken"
            self.reader.note(period, f"{tag} values broken down ({shown}): not kept as values{kept}")
        if len(totals) > 1:
            self.reader.note(period, f"{len(totals)} total {tag} values in one period: the last is taken")
        return [(value, comment) for value, comment, _by in totals[-1:]]


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
