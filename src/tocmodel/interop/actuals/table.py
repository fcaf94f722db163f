"""A statistics office's table of values, CSV or Excel, as rows of cells that know where they are written."""

from __future__ import annotations

import csv
import datetime
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import InputError
from ..inputs import sized_file, unpacked_size

MAX_BYTES = 20_000_000
"""Most bytes a table of values may have."""
MAX_ROWS = 200_000
"""Most rows read; a longer table is refused rather than read in part."""


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's value (text, number or date) and where it is: `values.csv:5:3` or `Sheet1!C5`."""

    value: Any
    where: str


def read_table(path: str | os.PathLike[str], *, sheet: str | None = None) -> list[list[Cell]]:
    """The rows of a CSV file or of one sheet of an Excel workbook (the first, or `sheet`), empty rows left out.

    Raises:
        InputError: the file cannot be read, is too large, is neither CSV nor a workbook, or has no such sheet.
    """
    file = sized_file(path, limit=MAX_BYTES, what="a table of values")
    if file.suffix.lower() in (".xlsx", ".xlsm"):
        return _workbook(file, sheet)
    if file.suffix.lower() not in (".csv", ".txt", ".tsv"):
        raise InputError(f"{path}: not a table of values: give a .csv or an .xlsx file")
    return _csv(file)


def _csv(file: Path) -> list[list[Cell]]:
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{file}: not UTF-8 text: save the table as CSV UTF-8") from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        if number > MAX_ROWS:
            raise InputError(f"{file}: more than {MAX_ROWS:,} rows")
        cells = [Cell(value.strip(), f"{file.name}:{number}:{column}") for column, value in enumerate(row, start=1)]
        if any(cell.value for cell in cells):
            rows.append(cells)
    return rows


def _workbook(file: Path, sheet: str | None) -> list[list[Cell]]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    unpacked_size(file, limit=MAX_BYTES * 10, what="a table of values")
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is no workbook
        raise InputError(f"{file}: not an Excel workbook: {error}") from None
    if sheet is not None and sheet not in workbook.sheetnames:
        raise InputError(f"{file}: no sheet `{sheet}` (sheets: {', '.join(workbook.sheetnames)})")
    worksheet = workbook[sheet or workbook.sheetnames[0]]
    rows = []
    for number, row in enumerate(worksheet.iter_rows(), start=1):
        if number > MAX_ROWS:
            raise InputError(f"{file}: more than {MAX_ROWS:,} rows in `{worksheet.title}`")
        cells = [
            Cell(_cell(cell), f"{worksheet.title}!{get_column_letter(column)}{number}")
            for column, cell in enumerate(row, start=1)
        ]
        if any(cell.value not in (None, "") for cell in cells):
            rows.append(cells)
    workbook.close()
    return rows


def _cell(cell: Any) -> Any:
    """A cell's value as the sheet shows it: a percentage-formatted `0.16` is 16, as the reader sees `16%`."""
    value = getattr(cell, "value", None)
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in str(cell.number_format or ""):
        return round(value * 100, 10)
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):
        return value.strip()
    return "" if value is None else value
