"""An IATI indicator's baseline, periods, targets and actuals as the model's baseline, yearly targets and
latest measured value."""

from __future__ import annotations

import re
from typing import Any

from .narratives import split_fields
from .reading import Reader

VALUE_PARTS = frozenset({"comment"})
_STATED_NUMBER = re.compile(r"\d")


class IndicatorValues:
    """Reads the values of one indicator with a given measure code."""

    def __init__(self, reader: Reader, measure: str) -> None:
        self.reader = reader
        self.measure = measure

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
        """The comment of a baseline, without the `Value:` line of a qualitative value."""
        texts = self.reader.texts(element.find("comment"))
        bodies = {language: split_fields(text)[0] for language, text in texts.items()}
        kept = {language: body for language, body in bodies.items() if body}
        if not kept:
            return None
        return kept[self.reader.main] if list(kept) == [self.reader.main] else kept

    def periods(self, element: Any) -> tuple[dict[int, Any], dict[str, Any] | None]:
        """Targets by the year each period ends, and the latest actual value."""
        targets: dict[int, Any] = {}
        actuals: list[tuple[int, Any]] = []
        for period in element.iterfind("period"):
            year = self.period_year(period)
            if year is None:
                continue
            for target in self.values(period, "target"):
                if year in targets:
                    self.reader.note(period, f"a second target for {year}: it replaces the first ({targets[year]})")
                targets[year] = target
            actuals.extend((year, actual) for actual in self.values(period, "actual"))
        if len(actuals) > 1:
            self.reader.note(
                element,
                f"{len(actuals)} actual values: the latest is taken as the current value, the others are not kept",
            )
        current = max(actuals, key=lambda pair: pair[0]) if actuals else None
        return dict(sorted(targets.items())), {"value": current[1], "year": current[0]} if current else None

    def period_year(self, period: Any) -> int | None:
        """The year a period ends (its values count for that year), noting periods that span years."""
        start = self.reader.date(period.find("period-start"))
        end = self.reader.date(period.find("period-end"))
        if end is None:
            self.reader.note(period, "period without an end date: left out")
            return None
        if start is not None and start > end:
            self.reader.note(period, f"period starts {start} after it ends {end}: its values count for {end.year}")
        elif start is not None and start.year != end.year:
            self.reader.note(period, f"period {start} – {end} spans more than a year: its values count for {end.year}")
        return end.year

    def values(self, period: Any, tag: str) -> list[Any]:
        found = []
        for element in period.iterfind(tag):
            taken, value = self.reader.value(element, self.measure, tag)
            self.reader.leftovers(element, VALUE_PARTS, f"the {tag}")
            if taken and value is not None:
                found.append(value)
        if len(found) > 1:
            self.reader.note(
                period, f"{len(found)} {tag} values in one period (by location or dimension): the last is taken"
            )
        return found[-1:]


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
