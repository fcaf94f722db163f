"""Worksheets of an .xlsx workbook read into `Grid`s, within bounds: a workbook that unpacks or merges too
much is refused before it is read."""

from __future__ import annotations

import os
import re
import warnings
import zipfile
from typing import Any

from ...errors import InputError
from ..inputs import sized_file, unpacked_size
from ..tables.grid import Grid, Span, cell_text, column_number

MAX_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
"""Most bytes a workbook's parts may unpack to, as its zip directory declares (a "zip bomb" declares more)."""
MAX_ROWS = 20_000
MAX_COLUMNS = 200
"""Rows and columns read from a sheet; a logframe is far smaller."""
MAX_MERGED_CELLS = 200_000
"""Most cells the merged ranges of a workbook may cover: the reader makes an object for each of them, so one
range written in a few bytes (`A1:XFD1048576`) would otherwise cost gigabytes."""
_MERGE = re.compile(
    rb"<(?:\w+:)?mergeCell\b[^>]*?\bref\s*=\s*([\"'])\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})\1"
)
_TAG = re.compile(rb"<(?:\w+:)?(sheet|Relationship)\b([^>]*)>")
_ATTRIBUTE = re.compile(rb"\b([\w:]+)=\"([^\"]*)\"")


def read_workbook(path: str | os.PathLike[str]) -> list[Grid]:
    """Every worksheet of an .xlsx workbook as a `Grid`, in the workbook's order.

    Raises:
        InputError: the file is missing, too large, or not an .xlsx workbook.
    """
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    file = sized_file(path, limit=MAX_BYTES, what="a logframe workbook")
    _check_unpacked_size(file)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
            workbook = load_workbook(file, read_only=False, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise InputError(f"{path}: not an Excel workbook (.xlsx): {error}") from None
    except Exception as error:  # openpyxl raises its own InvalidFileException, among others
        raise InputError(f"{path}: cannot read the workbook: {error}") from None
    return [_grid(sheet) for sheet in workbook.worksheets]


def _check_unpacked_size(file: os.PathLike[str]) -> None:
    """Refuse a workbook whose parts unpack to more than `MAX_UNPACKED_BYTES`, before any is unpacked, or whose
    merged ranges cover more than `MAX_MERGED_CELLS` cells, before the reader makes them.

    Raises:
        InputError: the workbook unpacks to too much, or merges too much. (A file that is no zip archive is
            left to openpyxl.)
    """
    unpacked_size(file, limit=MAX_UNPACKED_BYTES, what="the workbook")
    try:
        with zipfile.ZipFile(file) as archive:
            _check_merged_cells(archive, file)
    except InputError:
        raise
    except Exception:  # a damaged, encrypted or oddly compressed part: openpyxl says what is wrong with it
        return


def _check_merged_cells(archive: zipfile.ZipFile, file: os.PathLike[str]) -> None:
    names = _sheet_names(archive)
    total, largest = 0, (0, "", b"")
    for part in archive.namelist():
        if part.endswith(".xml"):  # worksheets, wherever the workbook's relationships put them
            for found in _MERGE.finditer(archive.read(part)):
                _, first_column, first_row, last_column, last_row = found.groups()
                rows = int(last_row) - int(first_row) + 1
                columns = column_number(last_column.decode()) - column_number(first_column.decode()) + 1
                cells = max(rows, 0) * max(columns, 0)
                total += cells
                largest = max(largest, (cells, names.get(part, part), found.group(0)))
    if total > MAX_MERGED_CELLS:
        cells, sheet, written = largest
        where = re.search(rb"ref\s*=\s*[\"']([^\"']*)", written)
        shown = f"{sheet}!{where.group(1).decode()}" if where else sheet
        raise InputError(
            f"{file}: merged ranges cover {total:,} cells, more than the {MAX_MERGED_CELLS:,} a logframe workbook "
            f"may merge here (the largest, {shown}, covers {cells:,}); refused, nothing read"
        )


def _tags(xml: bytes, name: bytes = b"Relationship") -> list[dict[bytes, bytes]]:
    """The attributes of each `name` element of a workbook part (read without an XML parser: no entities)."""
    return [dict(_ATTRIBUTE.findall(attributes)) for tag, attributes in _TAG.findall(xml) if tag == name]


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet part's sheet name (`xl/worksheets/sheet1.xml` → `Logframe`), as far as it can be told."""
    try:
        sheets = _tags(archive.read("xl/workbook.xml"), b"sheet")
        targets = {r.get(b"Id"): r.get(b"Target", b"") for r in _tags(archive.read("xl/_rels/workbook.xml.rels"))}
    except KeyError:
        return {}
    found = {}
    for sheet in sheets:
        target = (targets.get(sheet.get(b"r:id")) or b"").decode("utf-8", "replace").lstrip("/")
        part = target if target.startswith("xl/") else f"xl/{target}"
        found[part] = sheet.get(b"name", b"").decode("utf-8", "replace")
    return found


def _shown(cell: Any) -> str:
    """A cell's text as Excel shows it where that matters: a number formatted as a percentage (`0.4` as `40%`)."""
    value = getattr(cell, "value", None)
    percent = "%" in str(getattr(cell, "number_format", "") or "")
    if percent and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value * 100:.10g}%"
    return cell_text(value)


def _grid(sheet: Any) -> Grid:
    """A sheet's cells with text, as far as `MAX_ROWS` and `MAX_COLUMNS` (one stray cell far out adds nothing)."""
    written = getattr(sheet, "_cells", None)  # the cells the file holds; iter_rows would create the empty ones
    if not isinstance(written, dict):
        written = {(cell.row, cell.column): cell for row in sheet.iter_rows() for cell in row}
    cells: dict[tuple[int, int], str] = {}
    for (row, column), cell in written.items():
        if row <= MAX_ROWS and column <= MAX_COLUMNS and (text := _shown(cell)):
            cells[(row, column)] = text
    merged: dict[int, list[Span]] = {}
    for merged_range in sheet.merged_cells.ranges:
        first = (merged_range.min_row, merged_range.min_col)
        last_column = min(merged_range.max_col, MAX_COLUMNS)
        for row in range(merged_range.min_row, min(merged_range.max_row, MAX_ROWS) + 1):
            merged.setdefault(row, []).append((merged_range.min_col, last_column, first))
    rows = max([row for row, _ in cells] + list(merged), default=0)
    columns = max([column for _, column in cells] + [span[1] for spans in merged.values() for span in spans], default=0)
    far = [(row, column) for row, column in written if row > MAX_ROWS or column > MAX_COLUMNS]
    count = f"{len(far):,} cell{'s' if len(far) != 1 else ''}"
    beyond = f"{count} past row {MAX_ROWS:,} or column {MAX_COLUMNS}" if far else ""
    return Grid(sheet.title, cells, merged, rows, columns, beyond=beyond)
