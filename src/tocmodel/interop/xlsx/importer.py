"""A model from a logframe workbook: its sheets read (`workbook`), the matrix found among them and read
(`tocmodel.interop.tables`). The workbooks `tocmodel logframe -f xlsx` writes import back: their ids,
numbers, units, assumption numbers and causal links are read too."""

from __future__ import annotations

import os

from ..notes import Imported
from ..tables import Options, import_tables
from .workbook import read_workbook


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
    options = Options(columns=columns, sheet=sheet, header_row=header_row, start=start, years=years)
    return import_tables(read_workbook(path), str(path), options)
