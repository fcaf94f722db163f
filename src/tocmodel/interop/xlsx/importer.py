"""A model from a logframe spreadsheet in the usual layout: a results chain column, then indicators,
baselines, targets, sources and assumptions, one row per indicator with the result's cell merged down its
rows (or written once, the rows below left blank).

The header row is found by its labels; `columns` maps the columns of another layout. The workbooks
`tocmodel logframe -f xlsx` writes import back to an equivalent model: their ids, units and assumption
numbers are read too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import InputError, UsageError
from ..ids import IdMaker, as_id
from ..notes import Imported, Note, build_model
from .cells import LEVEL_WORDS, Heading, assumption_lines, heading
from .grid import Grid, read_workbook
from .indicators import IndicatorReader
from .layout import Layout, find_header, mapped_layout, normal, parse_mapping
from .registers import Registers, read_facts, read_registers

SECTION = {"intervention": "interventions", "output": "outputs", "outcome": "outcomes", "impact": "impact"}
PREFIX = {"intervention": "i", "output": "o", "outcome": "oc", "impact": "im"}
DEFAULT_START = 2000


@dataclass
class Draft:
    """A result being read: its level and id, and what its rows add."""

    level: str
    id: str
    item: dict[str, Any]
    assumptions: list[str] = field(default_factory=list)


class MatrixReader:
    """Reads the rows of a logframe matrix into results, indicators and assumptions."""

    def __init__(self, grid: Grid, layout: Layout, registers: Registers) -> None:
        self.grid = grid
        self.layout = layout
        self.registers = registers
        self.notes: list[Note] = []
        self.ids = IdMaker()
        self.level: str | None = None
        self.drafts: list[Draft] = []
        self.assumptions: dict[str, dict[str, str]] = {}
        self.by_statement: dict[str, str] = {}
        self.means: list[str] = []
        self.indicators = IndicatorReader(grid, layout, registers, self.ids, self.notes)

    def read(self) -> None:
        header = (
            [normal(text) for text in self.grid.row_texts(self.layout.header_row)] if self.layout.header_row else []
        )
        for row in self.grid.rows_with_text(after=self.layout.header_row):
            if [normal(text) for text in self.grid.row_texts(row)] != header:
                self.row(row)
        if self.means:
            shown = ", ".join(self.means[:3]) + (", …" if len(self.means) > 3 else "")
            self.notes.append(
                Note(shown, f"the lead, support, stage and years of {len(self.means)} activities are not imported")
            )

    def row(self, row: int) -> None:
        column = self.layout.column("result")
        cell = self.grid.cell(row, column) if column else None
        if cell is not None and cell.anchor and cell.text:
            found = heading(cell.text)
            if found.section_only:
                self.level = found.level
                return
            self.start(row, found)
        if not self.drafts:
            if self.grid.text(row, self.layout.column("indicator")):
                self.notes.append(Note(self.grid.ref(row, 1), "an indicator before any result: not imported"))
            return
        draft = self.drafts[-1]
        indicators = draft.item.setdefault("indicators", [])
        indicators.extend(self.indicators.read(row, draft.id, len(indicators)))
        if not indicators:
            draft.item.pop("indicators")
        self.row_assumptions(row, draft)

    def start(self, row: int, found: Heading) -> None:
        level = self.level_of(row, found)
        where = self.grid.ref(row, self.layout.column("result") or 1)
        if found.means:
            self.means.append(where)
        title = found.title or (f"{level.split(':')[0].title()} {found.code}" if found.code else "")
        if not title:
            self.notes.append(Note(where, "a result without a statement: not imported"))
            return
        kind = level.split(":")
        result_id = self.result_id(row, kind[0], found, title)
        item: dict[str, Any] = {"title": title}
        if self.registers.numbered and "\n" in title:  # tocmodel's workbook: the statement, then its description
            item["title"], item["description"] = title.split("\n", 1)
        if len(kind) > 1:
            item["kind"] = "end"
        self.drafts.append(Draft(kind[0], result_id, item))

    def level_of(self, row: int, found: Heading) -> str:
        if found.level:
            return found.level
        written = normal(self.grid.text(row, self.layout.column("level"))).removesuffix("s")
        if written in LEVEL_WORDS:
            return LEVEL_WORDS[written]
        if self.level:
            return self.level
        cell = self.grid.ref(row, self.layout.column("result") or 1)
        self.notes.append(
            Note(cell, "the result's level is not stated (Impact, Outcome, Output, Activity): taken as an output")
        )
        return "output"

    def result_id(self, row: int, level: str, found: Heading, title: str) -> str:
        """The id column's id, else the cell's code (`Output 1.1` → `o-1.1`, `Impact im-x` → `im-x`), else a slug."""
        candidates = [self.grid.text(row, self.layout.column("id")), self.registers.id_of(level, found.code) or ""]
        if found.code:
            code = found.code
            candidates.append(code if any(c.isalpha() for c in code) else f"{PREFIX[level]}-{code}")
        for candidate in candidates:
            taken = self.ids.take(candidate) if candidate else None
            if taken:
                return taken
        return self.ids.make(PREFIX[level], title)

    def row_assumptions(self, row: int, draft: Draft) -> None:
        column = self.layout.column("assumptions")
        cell = self.grid.cell(row, column) if column else None
        if cell is None or not cell.anchor or not cell.text:
            return
        lines, risks = assumption_lines(cell.text)
        if risks:
            lines_word = "line" if len(risks) == 1 else "lines"
            self.notes.append(
                Note(
                    self.grid.ref(row, column or 1),
                    f"{len(risks)} risk {lines_word} not imported (a risk needs a category, likelihood and impact)",
                )
            )
        for line in lines:
            assumption_id = self.assumption(line.statement, line.number)
            if assumption_id not in draft.assumptions:
                draft.assumptions.append(assumption_id)

    def assumption(self, statement: str, number: int | None) -> str:
        """The id of the assumption with this statement (tocmodel's register gives the id), made on first sight."""
        if statement in self.by_statement:
            return self.by_statement[statement]
        registered = self.registers.assumptions.get(number) if number is not None else None
        wanted = registered[0] if registered and registered[1] == statement else None
        assumption_id = (wanted and self.ids.take(wanted)) or self.ids.make("a", statement)
        self.by_statement[statement] = assumption_id
        self.assumptions[assumption_id] = {"statement": statement}
        return assumption_id


def import_xlsx(
    path: str | os.PathLike[str],
    *,
    columns: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    start: int | None = None,
    years: int | None = None,
) -> Imported:
    """Read a logframe spreadsheet as a model.

    Args:
        path: The .xlsx workbook.
        columns: A column mapping such as `result=A, indicator=C, baseline=D, target=E, source=F,
            assumptions=G`: column letters or header labels (default: found from the header row's labels).
        sheet: The sheet holding the matrix (default: the first whose header names results and indicators).
        header_row: The header's row number, for a mapping by letters; 0 for none (default: the row found by
            its labels, else the first row that is not empty).
        start: The plan's first year (default: from a `Plan` line, else the years of the targets).
        years: The plan's length in years.

    Raises:
        InputError: the file is not an .xlsx workbook, or no sheet has a logframe header.
        UsageError: the sheet or a mapped column does not exist, or the mapping is malformed.
    """
    grids = read_workbook(path)
    grid, layout = _matrix(grids, path, columns=columns, sheet=sheet, header_row=header_row)
    facts = read_facts(grids)
    reader = MatrixReader(grid, layout, read_registers(grids))
    reader.read()
    data = _model_data(reader, facts.meta, Path(path).stem, start=start, years=years)
    header = f"row {layout.header_row} taken as the header" if layout.header_row else "no header row"
    notes = [Note(grid.name, f"columns read: {layout.describe(grid)} ({header})"), *facts.notes, *reader.notes]
    return Imported(data, build_model(data, source=str(path)), notes, source=Path(path).name)


def _matrix(
    grids: list[Grid], path: str | os.PathLike[str], *, columns: str | None, sheet: str | None, header_row: int | None
) -> tuple[Grid, Layout]:
    if sheet is not None:
        named = [grid for grid in grids if grid.name == sheet]
        if not named:
            raise UsageError(f"{path}: no sheet `{sheet}`; the sheets are {', '.join(g.name for g in grids)}")
        grids = named
    if columns is not None:
        return grids[0], mapped_layout(grids[0], parse_mapping(columns), header_row)
    for grid in grids:
        layout = find_header(grid)
        if layout is not None:
            return grid, layout
    raise InputError(
        f"{path}: no sheet has a header row naming a results column and an indicators column "
        "(such as `Results chain` and `Indicators`); give the columns with --columns"
    )


def _model_data(
    reader: MatrixReader, meta: dict[str, Any], stem: str, *, start: int | None, years: int | None
) -> dict[str, Any]:
    model: dict[str, Any] = {"id": as_id(stem), "title": meta.get("title") or stem}
    model.update({key: meta[key] for key in ("country",) if key in meta})
    plan_start, plan_years = _plan(reader, meta, start, years)
    model.update(start=plan_start, years=plan_years, languages=meta.get("languages", ["en"]))
    model.update({key: meta[key] for key in ("description", "version", "date") if key in meta})
    reader.indicators.place_undated(plan_start + plan_years - 1)
    data: dict[str, Any] = {"tocmodel": 1, "model": model}
    order = {item_id: place for place, item_id in enumerate(reader.registers.numbered.values())}
    for draft in sorted(reader.drafts, key=lambda d: order.get(d.id, len(order))):  # the model's order, if known
        if draft.assumptions:
            draft.item["assumptions"] = draft.assumptions
        data.setdefault(SECTION[draft.level], {})[draft.id] = draft.item
    if reader.assumptions:
        data["assumptions"] = reader.assumptions
    return data


def _plan(reader: MatrixReader, meta: dict[str, Any], start: int | None, years: int | None) -> tuple[int, int]:
    seen = reader.indicators.target_years or [year + 1 for year in reader.indicators.baseline_years]
    first = start or meta.get("start") or min(seen, default=None)
    if first is None:
        message = f"no plan years found (no `Plan` line, no dated target): the plan starts in {DEFAULT_START}"
        reader.notes.append(Note("", message + "; give --start"))
        first = DEFAULT_START
    length = years or meta.get("years") or max(max(seen, default=first) - first + 1, 1)
    return int(first), max(1, min(int(length), 30))
