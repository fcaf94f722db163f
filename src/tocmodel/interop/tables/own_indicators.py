"""Indicators' details in tocmodel's own documents, read back from the Indicators table: definitions,
frequencies, who reports them, which way is better, breakdowns, remarks on targets, periods and the
current value, and the actuals; a value given otherwise than in the matrix is noted."""

from __future__ import annotations

import functools
import re
from typing import Any

from ...i18n import messages, shipped_languages
from ..notes import Note
from ..values import is_placeholder
from .grid import Grid
from .headings import in_english
from .own_actuals import actual_line
from .views import View, find, vocabulary
from .written import long_date, reading


def read_indicators(
    grids: list[Grid], data: dict[str, Any], names: dict[str, str], by_number: dict[str, str], notes: list[Note]
) -> None:
    """Each indicator's definition, frequency, who reports it, which way is better and its breakdowns."""
    view = find(grids, "#", "Indicator", "Result", "Unit", "Baseline", "Source", "Frequency", "Responsible")
    if view is None:
        return
    indicators = _indicators_by_id(data)
    for row in view.rows():
        indicator_id = by_number.get(view.grid.text(row, view.columns["#"]), "")
        indicator = indicators.get(indicator_id)
        if indicator is None:
            continue
        actuals: dict[int | str, Any] = {}
        if _indicator_cell(view.grid.text(row, view.columns["indicator"]), indicator, actuals):
            view.grid.take(row, view.columns["indicator"])
        if actuals:
            data.setdefault("actuals", {})[indicator_id] = actuals
            _without_latest(indicator, actuals)
        if frequency := vocabulary(view.text(row, "frequency")):
            indicator["frequency"] = frequency
        if responsible := view.actor(row, "responsible", names):
            indicator["responsible"] = responsible
        if (direction := vocabulary(view.text(row, "better when it"))) and direction != "increase":
            indicator["direction"] = direction
        if breakdown := view.text(row, "disaggregated by"):
            indicator["disaggregation"] = [part.strip() for part in breakdown.split(",") if part.strip()]
        _same_as_matrix(view, row, indicator, notes)
        for column in view.columns.values():  # the rest repeats the matrix: result, unit, baseline, targets, …
            if column not in (view.columns.get("responsible"), view.columns.get("indicator")):
                view.grid.take(row, column)


def _same_as_matrix(view: View, row: int, indicator: dict[str, Any], notes: list[Note]) -> None:
    """A note for each value the Indicators table gives otherwise than the matrix (an edit made in one
    place only): the matrix's is the one read."""
    checks: list[tuple[int, str, Any]] = []
    for header, field in (("unit", "unit"), ("source", "source")):
        if header in view.columns:
            checks.append((view.columns[header], view.text(row, header), indicator.get(field) or ""))
    for header, column in view.columns.items():
        if header.isdigit() and len(header) == 4:
            checks.append((column, view.grid.text(row, column), indicator.get("targets", {}).get(int(header))))
    for column, text, matrix in checks:
        if not _agrees(text, matrix):
            shown = matrix if matrix not in (None, "") else "none"
            notes.append(
                Note(view.grid.ref(row, column), f"`{text}` here, `{shown}` in the matrix: the matrix's is read")
            )


def _agrees(text: str, value: Any) -> bool:
    """Whether a table's text says the value the matrix gave (a number as any shipped language writes it)."""
    if is_placeholder(text):
        return value in (None, "")
    if isinstance(value, str) or value is None:
        return text.strip() == (value or "").strip() or in_english(text).lower() == str(value).lower()
    return any((found := reading(text, language)) is not None and found.value == value for language in ("en", "fr"))


def _without_latest(indicator: dict[str, Any], actuals: dict[int | str, Any]) -> None:
    """The current value the matrix shows is the latest actual, when the document lists actuals: kept once."""
    current = indicator.get("current")
    if current and actuals.get(current.get("year"), {}).get("value") == current.get("value"):
        del indicator["current"]


def _indicator_cell(written: str, indicator: dict[str, Any], actuals: dict[int | str, Any]) -> bool:
    """The Indicators table's indicator cell: its title, definition, and the remarks on a year's target, its
    reporting period and the current value (`Target 2029: …`, `Period 2029: July 1, 2028 – June 30, 2029`,
    `Current value: …`) and the standard it references (`Standard indicator: EN_EWT_RCYR`), in any shipped
    language. False when a line is not understood (the cell then stays
    named as not read)."""
    understood = True
    for number, line in enumerate(written.split("\n")[1:]):
        if (actual := actual_line(line)) is not None:
            actuals[actual[0]] = actual[1]
            continue
        found = _remark(line)
        if found is None and number == 0:
            indicator.setdefault("description", line.strip())
        elif found is None:
            understood = False
        elif found[0] == "standard":
            indicator["standard"] = found[2].strip()
        elif found[0] == "target":
            indicator.setdefault("target_notes", {})[found[1]] = found[2]
        elif found[0] == "current" and "current" in indicator:
            indicator["current"]["note"] = found[2]
        elif found[0] == "period" and (dates := _dates(found[2])):
            indicator.setdefault("periods", {})[found[1]] = dates
        else:
            understood = False
    return understood


@functools.cache
def _remarks() -> list[tuple[str, re.Pattern[str]]]:
    """How tocmodel's documents write remarks on values, in every shipped language, as patterns."""
    found = []
    for language in shipped_languages():
        say = messages(language)
        for kind, message in (
            ("target", "Target %(year)s: %(note)s"),
            ("period", "Period %(year)s: %(start)s – %(end)s"),
            ("current", "Current value: %(note)s"),
            ("standard", "Standard indicator: %(code)s"),
        ):
            pattern = re.escape(say(message)).replace(re.escape("%(year)s"), r"(?P<year>\d{4})")
            pattern = pattern.replace(re.escape("%(note)s"), "(?P<note>.+)").replace(
                re.escape("%(code)s"), r"(?P<note>\S+)"
            )
            pattern = pattern.replace(re.escape("%(start)s"), "(?P<note>.+)").replace(re.escape(" – %(end)s"), "")
            found.append((kind, re.compile(f"^{pattern}$")))
    return found


def _remark(line: str) -> tuple[str, int, str] | None:
    for kind, pattern in _remarks():
        if matched := pattern.match(line.strip()):
            year = matched.groupdict().get("year")
            return kind, int(year) if year else 0, matched["note"]
    return None


def _dates(text: str) -> dict[str, Any] | None:
    start, _, end = text.partition(" – ")
    first, last = long_date(start), long_date(end)
    return {"start": first, "end": last} if first and last else None


def _indicators_by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every indicator read from the matrix, by its id in the model (its own, or `<result>.<n>`)."""
    found = {}
    for section in ("impact", "outcomes", "outputs", "interventions"):
        for owner_id, item in data.get(section, {}).items():
            for index, indicator in enumerate(item.get("indicators", [])):
                found[indicator.get("id") or f"{owner_id}.{index + 1}"] = indicator
    return found
