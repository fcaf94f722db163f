"""The indicators of one matrix row: title, own id and unit, baseline, targets by year, current value and
source, read from the row's cells (several indicators in one cell when each is a list item)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..ids import IdMaker
from ..notes import Note
from ..values import is_placeholder
from .cells import items, marked_items, own_id, without_id, without_marker
from .grid import Grid
from .layout import Layout
from .registers import Registers
from .written import Reading, reading, targets

PER_INDICATOR = ("unit", "baseline", "baseline_year", "current", "target", "target_year", "source")
SHARED = frozenset({"unit", "baseline_year", "target_year", "source"})
"""Columns whose single line, beside several indicators in one cell, is said of each of them."""
_UNIT = re.compile(r"^(?P<title>.*\S)\s+\((?P<unit>[^()]+)\)$", re.DOTALL)
_UNIT_LIKE = re.compile(
    r"^(?!(?:sex|sexe|sexo|gender|genre|age|âge|edad|region|région|región|district)$)"
    r"(?:%|#|[A-Za-zÀ-ÿ$€£]{1,8}(?:/[A-Za-zÀ-ÿ0-9]{1,8})?|number|nombre|número|tonnes|toneladas)$"
)
"""What a unit written after an indicator looks like: `%`, `t`, `kg/inh`, `USD`, `number`; not `(UNU/ITU method)`."""


class IndicatorReader:
    """Reads indicators row by row, remembering the years met and the targets written without a year."""

    def __init__(self, grid: Grid, layout: Layout, registers: Registers, ids: IdMaker, notes: list[Note]) -> None:
        self.grid = grid
        self.layout = layout
        self.registers = registers
        self.ids = ids
        self.notes = notes
        self.target_years: list[int] = []
        self.baseline_years: list[int] = []
        self.undated: list[tuple[dict[str, Any], Any, str]] = []

    def read(self, row: int, result_id: str, count: int) -> list[dict[str, Any]]:
        """The indicators written in `row` of the result `result_id`, which has `count` already."""
        column = self.layout.column("indicator")
        cell = self.grid.cell(row, column) if column else None
        if cell is None or not cell.anchor or is_placeholder(cell.text):
            self.grid.take(row, column)  # a placeholder (`–`, `N/A`) says there is none
            return []
        marked = marked_items(self.grid.take(row, column))
        # an indicator's number that tocmodel's workbook registers stays with it (`numbered` reads it)
        entries = [f"{m} {e}" if m and self.registers.id_of("indicator", m) else e for m, e in marked]
        marker = marked[0][0] if len(marked) == 1 else ""
        texts = {
            role: self.values(row, self.layout.column(role), len(entries), marker, shared=role in SHARED)
            for role in PER_INDICATOR
        }
        years = {year: self.values(row, col, len(entries), marker) for year, col in self.layout.years.items()}
        actuals = {year: self.values(row, col, len(entries), marker) for year, col in self.layout.actuals.items()}
        found = []
        for number, entry in enumerate(entries):
            own = {role: values[number] for role, values in texts.items()}
            yearly = {year: values[number] for year, values in years.items()}
            achieved = {year: values[number] for year, values in actuals.items()}
            indicator = self.indicator(row, entry, own, yearly, f"{result_id}.{count + number + 1}")
            if indicator is not None:
                self.achieved(indicator, achieved, row)
            if indicator:
                found.append(indicator)
        return found

    def values(self, row: int, column: int | None, count: int, marker: str = "", *, shared: bool = False) -> list[str]:
        """A column's text for each of the row's `count` indicators (a lone indicator's number, `marker`,
        taken off the value written after the same number); a single line in a `shared` column (a source, a
        unit, a year) is each indicator's."""
        text = self.grid.take(row, column)
        if count == 1 or not text or (shared and "\n" not in text.strip()):
            return [without_marker(text, marker)] * count
        split = items(text)
        if len(split) != count:
            split = [line.strip() for line in text.split("\n") if line.strip()]
        if len(split) == count:
            return split
        self.notes.append(
            Note(
                self.grid.ref(row, column or 1),
                f"{count} indicators but not as many lines here: all of it goes to the first",
            )
        )
        return [text] + [""] * (count - 1)

    def indicator(
        self, row: int, entry: str, texts: dict[str, str], yearly: dict[int, str], default_id: str
    ) -> dict[str, Any] | None:
        where = self.grid.ref(row, self.layout.column("indicator") or 1)
        ind_id, title = own_id(entry)
        ind_id, title, description, note = self.numbered(ind_id, title, texts)
        title, unit = self.title_and_unit(ind_id, title, texts["unit"])
        if not title:
            return None
        item: dict[str, Any] = {}
        if ind_id and ind_id != default_id:
            if self.ids.take(ind_id):
                item["id"] = ind_id
            else:
                self.notes.append(Note(where, f"indicator id `{ind_id}` is used twice or is not valid: not its id"))
        item["title"] = title
        if description:
            item["description"] = description
        readings = self.values_of(item, ind_id, texts, yearly, where)
        if note and "baseline" in item:
            item["baseline"]["note"] = note
        if unit:
            item["unit"] = unit
        if unit == "%" or any(r.percent for r in readings):
            item.setdefault("unit", "%")
            item["measure"] = "percentage"
        elif any(isinstance(r.value, str) for r in readings):
            item["measure"] = "nominal"
        source = without_id(texts["source"], ind_id).strip()
        if source and not is_placeholder(source):
            item["source"] = source
        return _ordered(item)

    def numbered(self, ind_id: str | None, title: str, texts: dict[str, str]) -> tuple[str | None, str, str, str]:
        """In a workbook tocmodel wrote, `1b Title (unit)` + a description line is the indicator numbered `1b`
        in its `Identifiers` table, and a baseline's second line its note: (id, title, description, note)."""
        number, _, rest = title.partition(" ")
        known = self.registers.id_of("indicator", number)
        if ind_id or not known:
            return ind_id, title, "", ""
        title, _, description = rest.partition("\n")
        value, _, note = texts["baseline"].partition("\n")
        texts["baseline"] = value
        return known, title, description.strip(), note.strip()

    def title_and_unit(self, ind_id: str | None, title: str, unit: str) -> tuple[str, str]:
        """The title without the ` (unit)` tocmodel's logframe appends, and the unit."""
        registered = self.registers.units.get(ind_id) if ind_id else None
        if registered:
            return title.removesuffix(f" ({registered})").strip(), unit or registered
        if ind_id and not unit and (found := _UNIT.match(title)):
            return found.group("title"), found.group("unit")
        if not unit and (found := _UNIT.match(title)) and _UNIT_LIKE.match(found.group("unit")):
            return found.group("title"), found.group("unit")  # `Waste collected (t)`: the unit in the title
        return title.strip(), unit

    def values_of(
        self, item: dict[str, Any], ind_id: str | None, texts: dict[str, str], yearly: dict[int, str], where: str
    ) -> list[Reading]:
        """Baseline, targets and current value into `item`; the readings, to tell the measure."""
        readings: list[Reading] = []
        read = self.reader(where)
        base = read(without_id(texts["baseline"], ind_id))
        if base:
            year = base.year or _year(texts["baseline_year"])
            item["baseline"] = {"value": base.value, **({"year": year} if year else {})}
            self.baseline_years.extend([year] if year else [])
            readings.append(base)
        found: dict[int, Any] = {}
        for year, text in yearly.items():
            value = read(text)
            if value is not None:  # the year the text gives (`by end of 2026: 40%`), else its column's
                found[value.year or year] = value.value
                readings.append(value)
        for target in targets(without_id(texts["target"], ind_id), self.layout.language):
            self.doubt(target, where)
            readings.append(target)
            year = target.year or _year(texts["target_year"])
            if year:
                found[year] = target.value
            else:
                self.undated.append((item, target.value, where))
        if found:
            item["targets"] = dict(sorted(found.items()))
            self.target_years.extend(found)
        current = read(without_id(texts["current"], ind_id))
        if current and current.year:
            item["current"] = {"value": current.value, "year": current.year}
        elif current:
            self.notes.append(Note(where, f"current value `{current.value}` has no year: not imported"))
        return readings

    def achieved(self, item: dict[str, Any], achieved: dict[int, str], row: int) -> None:
        """What was achieved, by year: the latest year's value is the indicator's current value; the model
        keeps one, so each earlier year's value is named as not imported."""
        read = self.reader(self.grid.ref(row, self.layout.column("indicator") or 1))
        found = [(year, value) for year, text in sorted(achieved.items()) if (value := read(text)) is not None]
        if not found:
            return
        left = found
        if "current" not in item:
            year, latest = found[-1]
            item["current"] = {"value": latest.value, "year": latest.year or year}
            left = found[:-1]
        for earlier, value in left:
            column = self.layout.actuals[earlier]
            self.notes.append(
                Note(
                    self.grid.ref(row, column),
                    f"achieved {earlier}: `{value.value}`: not imported (the model keeps the latest value only)",
                )
            )

    def reader(self, where: str) -> Callable[[str], Reading | None]:
        """`reading` in the table's language, noting a separator that could mean either."""

        def read(text: str) -> Reading | None:
            found = reading(text, self.layout.language)
            self.doubt(found, where)
            return found

        return read

    def doubt(self, found: Reading | None, where: str) -> None:
        if found is not None and found.doubt:
            self.notes.append(Note(where, found.doubt))

    def place_undated(self, last_year: int) -> None:
        """Targets written without a year count for the plan's last year."""
        for item, value, where in self.undated:
            found = item.setdefault("targets", {})
            if found.get(last_year) == value:  # a final target that repeats the last year's
                continue
            if last_year in found:
                self.notes.append(
                    Note(where, f"target `{value}` has no year and {last_year} has one already: not imported")
                )
                continue
            found[last_year] = value
            self.notes.append(
                Note(where, f"target `{value}` has no year: taken as the target for {last_year}, the plan's last year")
            )
            item["targets"] = dict(sorted(found.items()))


def _year(text: str) -> int | None:
    found = re.search(r"\b(\d{4})\b", text)
    return int(found.group(1)) if found else None


_ORDER = ("id", "title", "unit", "measure", "baseline", "targets", "current", "source")


def _ordered(item: dict[str, Any]) -> dict[str, Any]:
    """`item` itself, its keys put in the order of the format (targets without a year are added to it later)."""
    ordered = {key: item.pop(key) for key in _ORDER if key in item}
    item.update(ordered)
    return item
