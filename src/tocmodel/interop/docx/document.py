"""The tables of a Word document read into `Grid`s, merged cells resolved (python-docx), within bounds.

A matrix the author split over pages into several tables (the header repeated, or the next table going on
with as many columns right after the last) is read as one table. List paragraphs in a cell become list
items (`• `), so that one indicator per bullet is read as such.
"""

from __future__ import annotations

import os
import warnings
import zipfile
from typing import Any

from ...errors import InputError
from ..inputs import sized_file, unpacked_size
from ..tables.grid import Grid, Span, cell_text
from ..tables.headings import fold

MAX_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_ROWS = 5_000
MAX_COLUMNS = 60
"""Rows and columns read from a table; a logframe is far smaller."""
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_document(path: str | os.PathLike[str]) -> tuple[list[Grid], str, dict[str, list[str]]]:
    """Every table of a Word document (.docx) as a `Grid`, in the document's order; its title (from its
    properties, else its first Title or Heading paragraph; "" when it has none); and the text paragraphs
    under each heading (`""` for those before the first heading), outside the tables.

    Raises:
        InputError: the file is missing, too large, or not a Word document.
    """
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    file = sized_file(path, limit=MAX_BYTES, what="a logframe document")
    unpacked_size(file, limit=MAX_UNPACKED_BYTES, what="the document")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = Document(str(file))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise InputError(f"{path}: not a Word document (.docx): {error}") from None
    except Exception as error:
        raise InputError(f"{path}: cannot read the document: {error}") from None
    grids = _joined([_grid(table, f"Table {n}") for n, table in enumerate(document.tables, start=1)], document)
    return grids, _title(document), _paragraphs(document)


def _paragraphs(document: Any) -> dict[str, list[str]]:
    """The body's text paragraphs by the heading they come under (tables, titles and subtitles left out)."""
    found: dict[str, list[str]] = {"": []}
    heading = ""
    for paragraph in document.paragraphs:
        style = str(paragraph.style.name if paragraph.style is not None else "")
        text = str(paragraph.text).strip()
        if style.startswith("Heading"):
            heading = text
            found.setdefault(heading, [])
        elif text and not style.startswith(("Title", "Subtitle")):
            found.setdefault(heading, []).append(text)
    return found


def _grid(table: Any, name: str) -> Grid:
    """A Word table's cells with text; a cell merged over several grid cells is read once, at its first."""
    cells: dict[tuple[int, int], str] = {}
    merged: dict[int, list[Span]] = {}
    first_of: dict[Any, tuple[int, int]] = {}  # keyed by the cell's element, kept alive: the same cell again
    columns = 0
    for row_number, row in enumerate(table.rows[:MAX_ROWS], start=1):
        for column_number, cell in enumerate(row.cells[:MAX_COLUMNS], start=1):
            columns = max(columns, column_number)
            anchor = first_of.setdefault(cell._tc, (row_number, column_number))
            if anchor == (row_number, column_number):
                if text := _cell_text(cell):
                    cells[anchor] = text
            else:
                merged.setdefault(row_number, []).append((column_number, column_number, anchor))
    rows = min(len(table.rows), MAX_ROWS)
    beyond = f"rows {MAX_ROWS + 1:,} to {len(table.rows):,}" if len(table.rows) > MAX_ROWS else ""
    return Grid(name, cells, merged, rows, columns, beyond=beyond)


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs, one per line; a list paragraph as a list item (`• text`)."""
    lines = []
    for paragraph in cell.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        listed = paragraph._p.find(f"{_W}pPr/{_W}numPr") is not None
        lines.append(f"• {text}" if listed else text)
    return cell_text("\n".join(lines))


def _joined(grids: list[Grid], document: Any) -> list[Grid]:
    """Tables that go on from the one before (the same header again, or as many columns and nothing but empty
    paragraphs between them) joined into it."""
    adjacent = _adjacent_tables(document)
    joined: list[Grid] = []
    for index, grid in enumerate(grids):
        previous = joined[-1] if joined else None
        goes_on = previous is not None and (index in adjacent and _same_width(previous, grid))
        if previous is not None and (goes_on or _same_header(previous, grid)):
            joined[-1] = _append(previous, grid)
        else:
            joined.append(grid)
    return joined


def _adjacent_tables(document: Any) -> set[int]:
    """The indexes of the tables that follow the table before them with only empty paragraphs between."""
    found, index, gap_empty = set(), -1, False
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}tbl":
            index += 1
            if index > 0 and gap_empty:
                found.add(index)
            gap_empty = True
        elif element.tag == f"{_W}p" and "".join(element.itertext()).strip():
            gap_empty = False
    return found


def _same_header(first: Grid, then: Grid) -> bool:
    header = [fold(text) for text in first.row_texts(1)]
    return any(header) and [fold(text) for text in then.row_texts(1)] == header


def _same_width(first: Grid, then: Grid) -> bool:
    return first.columns == then.columns


def _append(first: Grid, then: Grid) -> Grid:
    """`then`'s rows under `first`'s, as one table named as the first."""
    offset = first.rows
    cells = dict(first.cells) | {(row + offset, column): text for (row, column), text in then.cells.items()}
    merged = dict(first.merged)
    for row, spans in then.merged.items():
        merged[row + offset] = [(low, high, (anchor[0] + offset, anchor[1])) for low, high, anchor in spans]
    return Grid(first.name, cells, merged, first.rows + then.rows, max(first.columns, then.columns))


def _title(document: Any) -> str:
    title = str(document.core_properties.title or "").strip()
    if title:
        return title
    for paragraph in document.paragraphs[:50]:
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
        if style.startswith(("Title", "Heading")) and paragraph.text.strip():
            return str(paragraph.text).strip()
    return ""
