"""Actuals in tocmodel's own documents, read back from the lines the Indicators table writes under an indicator:
`Actual 2028: 4 (validated; measured 31 March 2029; Survey) — comment — by sex: female 2, male 2`, in any
shipped language."""

from __future__ import annotations

import functools
import re
from typing import Any

from ...i18n import messages, shipped_languages
from ..notes import Note
from .grid import Grid
from .views import vocabulary
from .written import long_date, reading

_PERIOD = r"(?P<period>\d{4}(?:-\d{2}-\d{2}/\d{4}-\d{2}-\d{2})?)"


@functools.cache
def _patterns() -> list[tuple[str, re.Pattern[str], str, re.Pattern[str]]]:
    """For each shipped language: the line's pattern, the word before a date, and a breakdown's pattern."""
    found = []
    for language in shipped_languages():
        say = messages(language)
        head = re.escape(say("Actual %(period)s: %(value)s (%(facts)s)"))
        head = head.replace(re.escape("%(period)s"), _PERIOD).replace(re.escape("%(value)s"), "(?P<value>.+?)")
        head = head.replace(re.escape("%(facts)s"), "(?P<facts>.*?)")
        measured = say("measured %(date)s").replace("%(date)s", "")
        by = re.escape(say("by %(dimension)s: %(parts)s"))
        by = by.replace(re.escape("%(dimension)s"), "(?P<dimension>.+?)").replace(
            re.escape("%(parts)s"), "(?P<parts>.+)"
        )
        found.append((language, re.compile(f"^{head}(?P<rest>(?: — .*)?)$"), measured, re.compile(f"^{by}$")))
    return found


def actual_line(line: str) -> tuple[int | str, dict[str, Any]] | None:
    """The period and actual a line gives, or None when it is no such line."""
    for language, pattern, measured, by in _patterns():
        if matched := pattern.match(line.strip()):
            actual = {"value": _value(matched["value"], language), **_facts(matched["facts"], measured)}
            comments = []
            for part in matched["rest"].split(" — ")[1:]:
                if (split := by.match(part)) and (parts := _parts(split["parts"], language)):
                    actual.setdefault("breakdown", {})[split["dimension"]] = parts
                else:
                    comments.append(part)
            if comments:
                actual["comment"] = " — ".join(comments)
            period = matched["period"]
            return (int(period) if period.isdigit() else period), actual
    return None


def _value(text: str, language: str) -> Any:
    found = reading(text, language) if text != "–" else None
    return None if found is None else found.value


def _facts(text: str, measured: str) -> dict[str, Any]:
    """The status, the date measured and the source, in that order."""
    parts = text.split("; ")
    found: dict[str, Any] = {}
    status = vocabulary(parts[0]) if parts else None
    if status in ("provisional", "validated"):
        parts = parts[1:]
        if status == "validated":
            found["status"] = status
    if parts and parts[0].startswith(measured) and (day := long_date(parts[0][len(measured) :])):
        found["date"] = day
        parts = parts[1:]
    if parts:
        found["source"] = "; ".join(parts)
    return found


def _parts(text: str, language: str) -> dict[str, Any]:
    """`female 52, male 72` as categories and values; empty when a part is not `category value`."""
    found: dict[str, Any] = {}
    for part in text.split(", "):
        category, _, written = part.rpartition(" ")
        value = _value(written, language)
        if not category or value is None:
            return {}
        found[category] = value
    return found


@functools.cache
def _progress_words() -> tuple[frozenset[str], frozenset[str]]:
    """The progress section's sheet name and the headers only its tables have, in every shipped language."""
    sheets: set[str] = set()
    headers: set[str] = set()
    for language in shipped_languages():
        say = messages(language)
        sheets.add(say("Progress"))
        headers.update((say("Share of the way"), say("Assumptions it rests on (most critical first)")))
    return frozenset(sheets), frozenset(headers)


def skip_progress(grids: list[Grid], notes: list[Note]) -> None:
    """Mark the progress section read: it is worked out from the actuals (read with the indicators), so its
    tables and charts' values are not read, and one note says so."""
    sheets, headers = _progress_words()
    skipped = []
    for grid in grids:
        first = grid.row_texts(grid.rows_with_text()[0]) if grid.rows_with_text() else []
        if grid.name in sheets or headers.intersection(first):
            for row in grid.rows_with_text():
                grid.use_row(row)
            skipped.append(grid.name)
    if skipped:
        where = ", ".join(dict.fromkeys(skipped))
        notes.append(Note(where, "progress against the plan: worked out from the actuals, not read"))
