"""An IATI indicator's baseline, periods, targets and actuals as the model's baseline, yearly targets and
actuals by reporting period (with their comments and breakdowns)."""

from __future__ import annotations

import datetime
import re
from typing import Any

from .narratives import MEASURED, SOURCE, STATUS, as_text, split_fields
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
        self.actuals: dict[int | str, dict[str, Any]] = {}
        """The actual values by reporting period (not part of the indicator: the model keeps them apart)."""
        self.dimensions: dict[str, None] = {}
        """The dimensions the actuals are broken down by, in the order met."""

    def read(self, element: Any, title: str) -> dict[str, Any]:
        """`baseline`, `targets` and `disaggregation` of the indicator, those it has; its actuals are left in
        `actuals`."""
        found: dict[str, Any] = {}
        baseline = self.baseline(element)
        if baseline:
            found["baseline"] = baseline
        targets = self.periods(element)
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
        if self.dimensions:
            found["disaggregation"] = list(self.dimensions)
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

    def periods(self, element: Any) -> dict[int, Any]:
        """Targets by the year each period ends, and each period's actual kept in `actuals`; each period that
        is not its calendar year kept with its dates, each comment kept with its value."""
        targets: dict[int, Any] = {}
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
            self.actual(period, year)
        return dict(sorted(targets.items()))

    def actual(self, period: Any, year: int) -> None:
        """The period's actual: its total, comment and breakdown, under the period's key."""
        totals = self.values(period, "actual")
        breakdown = self.breakdown(period)
        if not totals and not breakdown:
            return
        key = self.period_key(period, year)
        if key in self.actuals:
            self.reader.note(period, f"a second actual for {key}: it replaces the first ({self.actuals[key]['value']})")
        value, comment = totals[-1] if totals else (None, None)
        actual: dict[str, Any] = {"value": value}
        if comment:
            actual["comment"] = comment
        total = [a for a in period.iterfind("actual") if a.find("dimension") is None and a.find("location") is None]
        if total:
            actual.update(self.actual_fields(total[-1]))
        if breakdown:
            actual["breakdown"] = breakdown
        self.actuals[key] = actual

    def actual_fields(self, element: Any) -> dict[str, Any]:
        """The source, date and status tocmodel writes in an actual's comment (`Measured: 2028-03-31`)."""
        found: dict[str, Any] = {}
        sources: dict[str, str] = {}
        for language, text in self.reader.texts(element.find("comment")).items():
            fields = split_fields(text)[1]
            if SOURCE in fields:
                sources[language] = fields[SOURCE].strip()
            if language == self.reader.main and fields.get(STATUS, "").strip() in ("provisional", "validated"):
                found["status"] = fields[STATUS].strip()
            if language == self.reader.main and MEASURED in fields:
                try:
                    found["date"] = datetime.date.fromisoformat(fields[MEASURED].strip())
                except ValueError:
                    self.reader.note(element, f"`Measured: {fields[MEASURED].strip()}` is not a date: left out")
        if sources:
            found["source"] = as_text(sources, self.reader.main)
        return found

    def period_key(self, period: Any, year: int) -> int | str:
        """A calendar year as the year, another period as its dates (`2020-06-01/2020-12-31`)."""
        start = self.reader.date(period.find("period-start"))
        end = self.reader.date(period.find("period-end"))
        if start is None or end is None or start > end:
            return year
        if start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            return year
        return f"{start.isoformat()}/{end.isoformat()}"

    def breakdown(self, period: Any) -> dict[str, dict[str, Any]]:
        """The actual values broken down by one dimension or one location: dimension, category, value."""
        found: dict[str, dict[str, Any]] = {}
        for element in period.iterfind("actual"):
            parts = [(d.get("name") or "", d.get("value") or "") for d in element.iterfind("dimension")]
            parts += [("location", x.get("ref") or "") for x in element.iterfind("location")]
            if not parts:
                continue
            taken, value = self.reader.value(element, self.measure, "actual")
            if not taken or value is None:
                continue
            if len(parts) > 1 or not all(parts[0]):
                shown = ", ".join(f"{name}: {category}" for name, category in parts)
                self.reader.note(
                    element,
                    f"an actual broken down by {shown or 'an unnamed dimension'} ({value}): "
                    "a breakdown by one dimension is kept, this one is not",
                )
                continue
            name, category = parts[0]
            self.dimensions.setdefault(name)
            found.setdefault(name, {})[category] = value
        return found

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
        if parts and tag != "actual":  # an actual's breakdown is kept (see `breakdown`)
            shown = "; ".join(f"{by} = {value}" for value, _comment, by in parts)
            kept = "" if totals else "; no total is given, so none is taken"
            self.reader.note(period, f"{tag} values broken down ({shown}): not kept as values{kept}")
        if len(totals) > 1:
            self.reader.note(period, f"{len(totals)} total {tag} values in one period: the last is taken")
        return [(value, comment) for value, comment, _by in totals[-1:]]


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
