"""The rows of a logframe matrix read into results, indicators and assumptions, and the results linked.

One row per indicator, a result's cell merged down its rows (or written once, the rows below left blank);
its level written in the cell (`Output 1.2: ...`), in a level column, or in a row of its own (`Outputs`);
in an indicator tracking table, results are rows of the indicators column. Which result leads to which is
read from what the table says, in this order: a "contributes to" column, the cell's own words (`Output 1
relating to Outcome 1`), the numbering (`1.2` under `1`), the order of the rows (an output under the
outcome above it). tocmodel's own workbooks give every link in their `Causal links` table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..ids import IdMaker
from ..notes import Note
from .cells import assumption_lines
from .grid import Grid
from .indicators import IndicatorReader
from .layout import Layout, normal
from .registers import Registers
from .statements import Heading, heading, level_prefix

GAP = 3
"""Empty rows after which a table has ended."""
_ASIDE = re.compile(r"^\s*(?:\*|†|‡|\(\d+\)|notes?\b|footnotes?\b|source\s*:|nb\b|n\.b\.)", re.IGNORECASE)
"""The start of a footnote or remark written in a table's column, which is no result."""
_MEANS = re.compile(
    r"^\s*(?:means|inputs?|costs?|resources|budget|pre-?conditions|moyens|co[uû]ts|ressources|intrants|"
    r"conditions pr[ée]alables|medios|costos|recursos|insumos|precondiciones|condiciones previas)\b",
    re.IGNORECASE,
)
"""How an EU matrix's activity rows start their means, costs and preconditions."""
PREFIX = {"intervention": "i", "output": "o", "outcome": "oc", "impact": "im"}
UP = {"intervention": "output", "output": "outcome", "outcome": "impact"}
"""The level each level leads to."""


@dataclass
class Draft:
    """A result being read: its level, id and number, and what its rows add."""

    level: str
    id: str
    item: dict[str, Any]
    code: str | None = None
    parent: str | None = None
    """What the table says it contributes to: a number, a statement or an id."""
    row: int = 0
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
        self.level_heading: Heading | None = None
        self.drafts: list[Draft] = []
        self.assumptions: dict[str, dict[str, str]] = {}
        self.by_statement: dict[str, str] = {}
        self.means: list[str] = []
        self.indicators = IndicatorReader(grid, layout, registers, self.ids, self.notes)

    def read(self) -> None:
        """Read every row under the header (a header repeated on a new page is skipped)."""
        header = [normal(t) for t in self.grid.row_texts(self.layout.header_row)] if self.layout.header_row else []
        for row in self.layout.header_rows():
            self.grid.use_row(row)
        previous = self.layout.header_row
        for row in self.grid.rows_with_text(after=self.layout.header_row):
            if row - previous > GAP:  # the table has ended: what follows (notes, another table) is named unread
                break
            previous = row
            if header and [normal(text) for text in self.grid.row_texts(row)] == header:
                self.grid.use_row(row)
            else:
                self.row(row)
        if self.means:
            shown = ", ".join(self.means[:3]) + (", …" if len(self.means) > 3 else "")
            self.notes.append(
                Note(shown, f"the lead, support, stage and years of {len(self.means)} activities are not imported")
            )

    def row(self, row: int) -> None:
        self.level_cell(row)
        column = self.layout.column("result")
        cell = self.grid.cell(row, column) if column else None
        if cell is not None and not cell.anchor and self.section_row(row, column or 1):
            return
        if cell is not None and cell.anchor and cell.text and self.starts_result(row, cell.text):
            found = heading(self.grid.take(row, column))
            if found.section_only:  # `OUTPUTS`: a level for the rows below, and nothing else on this row
                self.level = found.level
                return
            self.start(row, found)
            if column == self.layout.column("indicator"):  # a result's own row, in an indicator tracking table
                return
        if not self.drafts:
            indicator = self.grid.cell(row, self.layout.column("indicator") or 0)
            if self.layout.column("indicator") and indicator.anchor and indicator.text:
                self.notes.append(Note(self.grid.ref(row, 1), "an indicator before any result: not imported"))
            return
        draft = self.drafts[-1]
        if draft.level == "intervention" and self.means_row(row):
            return  # the means and costs of activities (EU matrices): no part of a model, named as not read
        indicators = draft.item.setdefault("indicators", [])
        indicators.extend(self.indicators.read(row, draft.id, len(indicators)))
        if not indicators:
            draft.item.pop("indicators")
        self.row_assumptions(row, draft)
        self.row_extras(row, draft)

    def means_row(self, row: int) -> bool:
        """Whether an activity's row gives its means, inputs, costs or preconditions instead of indicators."""
        texts = [self.grid.text(row, self.layout.column(role)) for role in ("indicator", "baseline", "assumptions")]
        return any(_MEANS.match(text) for text in texts if text)

    def section_row(self, row: int, column: int) -> bool:
        """A row merged across the table from its left naming a level alone (`IMPACT`): it heads the rows
        below it."""
        first = next((c for c in range(1, column) if self.grid.cell(row, c).anchor and self.grid.text(row, c)), None)
        found = heading(self.grid.text(row, first)) if first else None
        if found is None or not found.section_only:
            return False
        self.grid.take(row, first)
        self.level = found.level
        return True

    def starts_result(self, row: int, text: str) -> bool:
        """Whether the result column's text starts a result: always, unless it is a footnote (`Note: …`), or
        results and indicators share the column (an indicator tracking table), where only a text naming a
        level does."""
        if _ASIDE.match(text):
            return False
        if self.layout.column("result") != self.layout.column("indicator"):
            return True
        return level_prefix(text) is not None

    def level_cell(self, row: int) -> None:
        """A level column's cell: a new level (and the number it gives the result) where its text starts."""
        column = self.layout.column("level")
        cell = self.grid.cell(row, column) if column else None
        if cell is None or not cell.anchor or not cell.text:
            return
        found = heading(cell.text)
        if found.level:
            self.grid.take(row, column)
            self.level, self.level_heading = found.level, found

    def start(self, row: int, found: Heading) -> None:
        from_column = self.level_heading if self.level_heading and self.level_heading.level == self.level else None
        level = found.level or self.level_of(row)
        where = self.grid.ref(row, self.layout.column("result") or 1)
        if found.means:
            self.means.append(where)
        code = found.code or (from_column.code if from_column else None)
        title = found.title or (f"{level.split(':')[0].title()} {code}" if code else "")
        if not title:
            self.notes.append(Note(where, "a result without a statement: not imported"))
            return
        kind = level.split(":")
        result_id = self.result_id(row, kind[0], code, title)
        item: dict[str, Any] = {"title": title}
        if self.registers.numbered and "\n" in title:  # tocmodel's workbook: the statement, then its description
            item["title"], item["description"] = title.split("\n", 1)
        if code and not self.registers.numbered:
            item["label"] = code
        if len(kind) > 1 or result_id in self.registers.end_outcomes:
            item["kind"] = "end"
        parent = found.parent or (from_column.parent if from_column else None)
        self.drafts.append(Draft(kind[0], result_id, item, code=code, parent=parent, row=row))
        self.level_heading = None

    def level_of(self, row: int) -> str:
        if self.level:
            return self.level
        cell = self.grid.ref(row, self.layout.column("result") or 1)
        self.notes.append(
            Note(cell, "the result's level is not stated (Impact, Outcome, Output, Activity): taken as an output")
        )
        return "output"

    def result_id(self, row: int, level: str, code: str | None, title: str) -> str:
        """The id column's id, else tocmodel's register's id for the number, else the cell's id-like code
        (`Impact im-x`), else one made from the level and the number or the statement."""
        candidates = [self.grid.take(row, self.layout.column("id")), self.registers.id_of(level, code) or ""]
        if code:
            candidates.append(code if any(c.isalpha() for c in code) and "-" in code else f"{PREFIX[level]}-{code}")
        for candidate in candidates:
            taken = self.ids.take(candidate) if candidate else None
            if taken:
                return taken
        return self.ids.make(PREFIX[level], title)

    def row_assumptions(self, row: int, draft: Draft, column: int | None = None) -> None:
        column = column or self.layout.column("assumptions")
        cell = self.grid.cell(row, column) if column else None
        if cell is None or not cell.anchor or not cell.text:
            return
        lines, risks = assumption_lines(self.grid.take(row, column))
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

    def row_extras(self, row: int, draft: Draft) -> None:
        """A "contributes to" column, and an output's impact weighting."""
        parent = self.grid.cell(row, self.layout.column("parent") or 0) if self.layout.column("parent") else None
        if parent is not None and parent.anchor and parent.text and draft.parent is None:
            draft.parent = self.grid.take(row, self.layout.column("parent")).strip()
        weighting = self.grid.text(row, self.layout.column("weighting")).rstrip("% ").strip()
        if weighting and draft.level == "output" and "weighting" not in draft.item:
            try:
                draft.item["weighting"] = float(weighting) if "." in weighting else int(weighting)
                self.grid.take(row, self.layout.column("weighting"))
            except ValueError:
                pass

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
