"""The logframe document as format-neutral sections of tables, which every writer lays out the same way.

HTML, Markdown, Word and Excel all render these `Section`s in this order, so no format can leave out what
another shows: a text of the model is in a document once it is in a section.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..charts import Chart

Lines = tuple[str, ...]
"""A cell of several lines of text (paragraphs), each shown whole: a model text's own line breaks stay in it."""
Value = str | int | Lines
"""A cell value: text, lines of text, or a whole number a spreadsheet may sort and sum."""

FILLS = {
    "header": "E8EEF6",
    "high": "F4CCCC",
    "medium": "FCE5CD",
    "low": "D9EAD3",
    "stage": "F3F3F3",
    "stage-on": "073763",
    "on": "7F6000",
    "Impact": "D9D2E9",
    "Outcome": "CFE2F3",
    "Output": "D9EAD3",
    "Activity": "FFF2CC",
}
"""Background colours (RGB hex)."""

RUNNING = "■"
"""Marks a year in which a stage or intervention runs."""


@dataclass(frozen=True)
class Table:
    """A table: a header row, rows of values, column widths in characters, and how cells look.

    A cell that spans several rows is in the first of them, with its span in `spans`; the cells it covers
    are None.
    """

    headers: list[str]
    rows: list[list[Value | None]]
    widths: list[int]
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    """(row, column) → background colour of a body cell."""
    strong_rows: frozenset[int] = frozenset()
    """Body rows shown in bold (stages of the workplan)."""
    strong_columns: frozenset[int] = frozenset()
    """Body columns shown in bold (the likelihoods of the risk matrix)."""
    strong_first: frozenset[int] = frozenset()
    """Body columns whose cells have their first line in bold (`Outcome 1` in the matrix)."""
    spans: dict[tuple[int, int], int] = field(default_factory=dict)
    """(row, column) → number of body rows the cell spans (2 or more)."""
    notes: dict[tuple[int, int], str] = field(default_factory=dict)
    """(row, column) → a note on the cell, such as the model's id of what it names (a tooltip in HTML)."""
    links: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    """(row, column) → a line of the cell and the address it links to (a standard indicator's definition)."""
    row_height: int = 0
    """Least height of a body row in millimetres (0: as the text needs)."""
    title: str = ""
    """A caption, for a section of several tables."""


@dataclass(frozen=True)
class Section:
    """A section of the document: a heading, paragraphs, and its tables."""

    sheet: str
    """Short name, in the document's language (a spreadsheet's sheet: at most 31 characters)."""
    heading: str
    tables: list[Table]
    lead: str = ""
    """A paragraph before the tables, shown in bold."""
    paragraphs: list[str] = field(default_factory=list)
    """Paragraphs after the lead."""
    wide: bool = False
    """Laid out on a landscape page."""
    level: int = 1
    """Heading level: 2 for a section that continues the previous one."""
    new_page: bool = True
    """Starts a new page (the summary shares the title page)."""
    diagram: bool = False
    """The theory-of-change diagram goes here (each format embeds it its own way)."""
    id: str = ""
    """The section's anchor in HTML."""
    charts: list[Chart] = field(default_factory=list)
    """Charts after the tables, one per indicator (see `tocmodel.render.charts`)."""


def lines(*parts: str) -> Lines:
    """A cell's lines: the non-empty parts, one per line (empty when all are)."""
    return tuple(part for part in parts if part)


def cell_lines(value: Value | None) -> list[str]:
    """A cell's lines as text: one for a text or a number, none for a cell covered by one above it."""
    if value is None:
        return []
    return list(value) if isinstance(value, tuple) else [str(value)]
