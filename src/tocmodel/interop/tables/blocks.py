"""Logframes laid out in blocks of rows, one per result, as DFID's (January 2011) and FCDO's templates are:

    IMPACT      | Impact Indicator 1 |          | Baseline 2025 | Milestone 1 Mar 2028 | … | Target Mar 2031
    <statement> | <indicator>        | Planned  | 3%            | …                    | … | 20%
                |                    | Achieved |               |                      |   |
                | Source             |          |               |                      |   |
                | <source>           |          |               |                      |   |

A block's header row names its level (`OUTPUT 1`), its indicator (`Output Indicator 1.1`) and the value
columns, dated in their headers; `Planned` rows give the baseline, milestones and target, `Achieved` rows
what was achieved; `Source` heads the indicator's source; an `Assumptions` column holds the outcome's
assumptions; `IMPACT WEIGHTING (%)` heads an output's weighting. The rows' labels are words of
`headings.toml` (`[rows]`), in English, French and Spanish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..notes import Note
from .grid import Grid
from .headings import fold, words
from .layout import Layout, role_of
from .reader import MatrixReader
from .statements import heading
from .written import reading

_YEAR = re.compile(r"\b((?:19|20|21)\d{2})\b")


@dataclass
class Block:
    """A block's header row: its level's cell, and the columns of the indicator, the values and the rest."""

    row: int
    indicator: int
    values: dict[int, tuple[str, int | None]] = field(default_factory=dict)
    """Column → (`baseline` or `target`, the year its header gives)."""
    assumptions: int | None = None


def find_blocks(grid: Grid) -> list[Block]:
    """The header rows of a logframe in blocks, in order (none: the sheet is laid out otherwise)."""
    blocks = []
    for row in grid.rows_with_text():
        block = _block(grid, row)
        if block is not None:
            blocks.append(block)
    return blocks if len(blocks) > 1 and any(_names_level(grid, b) for b in blocks) else []


def _block(grid: Grid, row: int) -> Block | None:
    texts = grid.row_texts(row)
    indicator = next((c for c, t in enumerate(texts, 1) if t and role_of(t) == "indicator" and _numbered(t)), None)
    if indicator is None:
        return None
    block = Block(row, indicator)
    for column, text in enumerate(texts, start=1):
        role = role_of(text) if text and column > indicator else None
        if role in ("baseline", "target") or (role or "").startswith("target:"):
            year = _YEAR.search(text)
            block.values[column] = ("baseline" if role == "baseline" else "target", int(year[1]) if year else None)
        elif role == "assumptions":
            block.assumptions = column
    return block if any(kind == "baseline" for kind, _ in block.values.values()) else None


def _numbered(text: str) -> bool:
    """`Impact Indicator 1`, `Output Indicator 1.1`: a block's indicator heading, numbered; a column headed
    `Indicator` alone is a matrix's."""
    return bool(re.search(r"\d", text))


def _names_level(grid: Grid, block: Block) -> bool:
    return any(heading(grid.text(block.row, c)).level for c in range(1, block.indicator))


class BlockReader(MatrixReader):
    """Reads a logframe in blocks into results, indicators and assumptions (see the module)."""

    def __init__(self, grid: Grid, blocks: list[Block], registers: Any) -> None:
        first = blocks[0]
        layout = Layout(first.row, {"result": first.indicator - 1, "indicator": first.indicator}, known="dfid")
        for column, (kind, year) in first.values.items():
            if kind == "baseline":
                layout.columns["baseline"] = column
            elif year:
                layout.years[year] = column
        if first.assumptions:
            layout.columns["assumptions"] = first.assumptions
        super().__init__(grid, layout, registers)
        self.blocks = blocks

    def read(self) -> None:
        ends = [block.row for block in self.blocks[1:]] + [self.grid.rows + 1]
        for block, end in zip(self.blocks, ends, strict=True):
            self.grid.use_row(block.row)
            self.read_block(block, end)

    def read_block(self, block: Block, end: int) -> None:
        for column in range(1, block.indicator):
            cell = self.grid.cell(block.row, column)
            found = heading(cell.text) if cell.anchor and cell.text else None
            if found is not None and found.level:  # `OUTPUT 1`: a new result starts below
                self.level_heading, self.level = found, found.level
                break
        indicator: dict[str, Any] | None = None
        labels = words().rows
        for row in range(block.row + 1, end):
            statement = self.grid.cell(row, block.indicator - 1)
            if statement.anchor and statement.text and (self.level_heading or not self.drafts):
                self.start(row, heading(self.grid.take(row, block.indicator - 1)))
            label = self.label(row, block, labels)
            if label == "planned":
                indicator = self.new_indicator(row, block)
            elif label == "achieved" and indicator is not None:
                self.achieved_row(row, block, indicator)
            elif label == "source" and indicator is not None:
                self.source(row, block, indicator)
            elif label == "weighting":
                self.weighting(row, block)

    def label(self, row: int, block: Block, labels: dict[str, str]) -> str | None:
        """What a row of the block is, from its label (`Planned`, `Achieved`, `Source`, `Impact weighting`)."""
        for column in range(block.indicator, block.indicator + 2):
            text = fold(self.grid.text(row, column))
            if text in labels:
                self.grid.take(row, column)
                return labels[text]
            if "weighting" in text or "ponderation" in text or "ponderacion" in text:
                self.grid.take(row, column)
                return "weighting"
        return None

    def new_indicator(self, row: int, block: Block) -> dict[str, Any] | None:
        if not self.drafts:
            return None
        draft = self.drafts[-1]
        title = self.grid.take(row, block.indicator)
        indicator: dict[str, Any] = {"title": title}
        for column, (kind, year) in block.values.items():
            found = reading(self.grid.take(row, column), self.layout.language)
            if found is None or found.value is None:
                continue
            if found.percent:
                indicator.update(unit="%", measure="percentage")
            if kind == "baseline":
                dated = found.year or year
                indicator["baseline"] = {"value": found.value, **({"year": dated} if dated else {})}
                self.indicators.baseline_years.extend([dated] if dated else [])
            elif dated := found.year or year:
                indicator.setdefault("targets", {})[dated] = found.value
                self.indicators.target_years.append(dated)
            else:
                where = self.grid.ref(row, column)
                self.notes.append(Note(where, f"`{found.value}` has no year in its header: not read"))
        if block.assumptions and (cell := self.grid.cell(row, block.assumptions)).anchor and cell.text:
            self.row_assumptions(row, draft, column=block.assumptions)
        draft.item.setdefault("indicators", []).append(indicator)
        return indicator

    def achieved_row(self, row: int, block: Block, indicator: dict[str, Any]) -> None:
        found = [
            (year, value)
            for column, (_kind, year) in sorted(block.values.items())
            if (value := reading(self.grid.take(row, column), self.layout.language)) is not None and year
        ]
        if found:
            year, latest = found[-1]
            indicator["current"] = {"value": latest.value, "year": latest.year or year}

    def source(self, row: int, block: Block, indicator: dict[str, Any]) -> None:
        beside = [self.grid.take(row, c) for c in range(block.indicator + 1, block.indicator + 3)]
        text = next((t for t in beside if t), "") or self.grid.take(row + 1, block.indicator)
        if text:
            indicator["source"] = text

    def weighting(self, row: int, block: Block) -> None:
        text = self.grid.text(row + 1, block.indicator) or self.grid.text(row, block.indicator + 1)
        found = reading(text.rstrip("%").strip()) if text else None
        if self.drafts and self.drafts[-1].level == "output" and found and isinstance(found.value, int | float):
            self.drafts[-1].item["weighting"] = found.value
            self.grid.take(row + 1, block.indicator) or self.grid.take(row, block.indicator + 1)
