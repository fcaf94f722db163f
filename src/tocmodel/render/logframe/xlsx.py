"""The logframe as an Excel workbook (openpyxl): one sheet per section, headers frozen and bold, text wrapped.

The matrix sheet is laid out as people lay out logframes in Excel: one row per indicator, with the result
and its assumptions merged down the rows of its indicators. Model text is always stored as text, never as
a formula: a statement starting with `=`, `+`, `-` or `@` is shown as typed. The same context always gives
the same bytes: fixed workbook properties, fixed zip entries.
"""

from __future__ import annotations

import math
import re
import zipfile
from io import BytesIO
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.packaging.core import DocumentProperties  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

from ...characters import printable
from .context import LogframeContext, MatrixRow
from .package import document_time, stable_zip
from .styles import Cell, Column, matrix_cells
from .tables import FILLS, RUNNING, Section, Table, Value, sections_after_matrix, summary, title_table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet would read as the start of a formula; such text is stored quoted, as text."""
WRAP = Alignment(wrap_text=True, vertical="top")
FONT = {"name": "Calibri", "size": 11}
"""openpyxl's default font, named on every font we set (a font without a name shows in a serif face)."""
BOLD = Font(**FONT, bold=True)
LINE_HEIGHT = 12.75
"""Points per line of wrapped text at the default font."""


_OOXML_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
"""What Excel reads as an escaped character (`_x0041_` is `A`): a literal one gets its `_` escaped, `_x005F_`."""


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _put(sheet: Any, row: int, column: int, value: Value, *, bold: bool = False, fill: str | None = None) -> None:
    """Write one cell; text always as text (a `=` at its start is no formula, a `#N/A` no error)."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        text = _OOXML_ESCAPE.sub(r"_x005F\g<0>", printable(value))
        cell.value = text
        cell.data_type = "s"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    else:
        cell.value = value
    cell.alignment = WRAP
    if bold:
        cell.font = BOLD
    if fill:
        cell.fill = _fill(fill)
        if value == RUNNING:
            cell.font = Font(**FONT, color=fill)


class _Sheet:
    """Writes tables one below the other on a sheet, the first table's header frozen."""

    def __init__(self, workbook: Any, name: str) -> None:
        self.sheet = workbook.create_sheet(name)
        self.row = 1
        self.frozen = False
        self.sheet.page_setup.orientation = "landscape"
        self.sheet.page_setup.paperSize = self.sheet.PAPERSIZE_A4
        self.sheet.page_setup.fitToWidth = 1
        self.sheet.page_setup.fitToHeight = 0
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True

    def line(self, text: str) -> None:
        _put(self.sheet, self.row, 1, text, bold=True)
        self.row += 1

    def header(self, headers: list[str], widths: list[int | float]) -> None:
        for column, (heading, width) in enumerate(zip(headers, widths, strict=True), start=1):
            _put(self.sheet, self.row, column, heading, bold=True, fill=FILLS["header"])
            letter = get_column_letter(column)
            self.sheet.column_dimensions[letter].width = max(self.sheet.column_dimensions[letter].width or 0, width)
        lines = max(_line_count(heading, width) for heading, width in zip(headers, widths, strict=True))
        self.sheet.row_dimensions[self.row].height = lines * LINE_HEIGHT
        if not self.frozen:
            self.sheet.freeze_panes = self.sheet.cell(row=self.row + 1, column=1)
            self.sheet.print_title_rows = f"{self.row}:{self.row}"
            self.frozen = True
        self.row += 1

    def table(self, table: Table) -> None:
        if table.title:
            self.row += 1 if self.row > 1 else 0
            self.line(table.title)
        self.header(table.headers, list(table.widths))
        widths = [self.sheet.column_dimensions[get_column_letter(c + 1)].width for c in range(len(table.headers))]
        for number, values in enumerate(table.rows):
            for column, value in enumerate(values):
                fill = table.fills.get((number, column))
                bold = number in table.strong_rows or column in table.strong_columns
                _put(self.sheet, self.row, column + 1, value, bold=bold, fill=fill)
            # Spreadsheet programs do not all fit a row to its wrapped text on opening; give it the height.
            lines = max(
                (_line_count(str(value), width) for value, width in zip(values, widths, strict=False)), default=1
            )
            self.sheet.row_dimensions[self.row].height = max(lines * LINE_HEIGHT, table.row_height * 72 / 25.4)
            self.row += 1

    def section(self, section: Section) -> None:
        if section.lead:
            self.line(section.lead)
        for table in section.tables:
            self.table(table)


def _summary(workbook: Any, context: LogframeContext) -> None:
    sheet = _Sheet(workbook, "Summary")
    sheet.table(title_table(context))
    section = summary(context)
    sheet.row += 1
    sheet.line(section.lead)
    for table in section.tables:
        sheet.table(table)


def _line_count(text: str, width: float) -> int:
    """Lines a text needs in a wrapped column of `width` characters (a little generous)."""
    return sum(max(1, math.ceil(len(line) * 1.1 / max(width - 1, 1))) for line in text.split("\n"))


def _matrix_group(sheet: _Sheet, row: MatrixRow, cells: list[Cell], columns: list[Column], widths: list[float]) -> None:
    """One matrix row: a sheet row per indicator, the other columns merged down those rows."""
    height = max(1, len(row.indicators))
    lines_per_row = [1] * height
    merged_lines = 1
    for column, (spec, lines) in enumerate(zip(columns, cells, strict=True), start=1):
        fill = FILLS.get(row.level) if column == 1 else None
        if spec.per_indicator:
            for offset, line in enumerate(lines[:height]):
                _put(sheet.sheet, sheet.row + offset, column, line)
                lines_per_row[offset] = max(lines_per_row[offset], _line_count(line, widths[column - 1]))
            continue
        text = "\n".join(lines)
        _put(sheet.sheet, sheet.row, column, text, bold=column == 1, fill=fill)
        merged_lines = max(merged_lines, _line_count(text, widths[column - 1]))
        if height > 1:
            sheet.sheet.merge_cells(
                start_row=sheet.row, start_column=column, end_row=sheet.row + height - 1, end_column=column
            )
    shortfall = max(0, merged_lines - sum(lines_per_row))
    for offset in range(height):
        extra = math.ceil(shortfall / height)
        sheet.sheet.row_dimensions[sheet.row + offset].height = (lines_per_row[offset] + extra) * LINE_HEIGHT
    sheet.row += height


def _matrix(workbook: Any, context: LogframeContext) -> None:
    sheet = _Sheet(workbook, "Matrix")
    columns, rows = matrix_cells(context)
    widths = [column.width * 2.2 for column in columns]
    sheet.header([column.heading for column in columns], list(widths))
    for row, cells in rows:
        _matrix_group(sheet, row, cells, columns, widths)


def _properties(workbook: Any, context: LogframeContext) -> None:
    moment = document_time(context.date).replace(tzinfo=None)
    workbook.properties = DocumentProperties(
        title=printable(context.title),
        subject="Logical framework",
        creator="tocmodel",
        lastModifiedBy="tocmodel",
        language=context.language,
        created=moment,
        modified=moment,
    )


def write_xlsx(context: LogframeContext) -> bytes:
    """The logframe as an .xlsx workbook."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _properties(workbook, context)
    _summary(workbook, context)
    _matrix(workbook, context)
    for section in sections_after_matrix(context):
        _Sheet(workbook, section.sheet).section(section)
    buffer = BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the clock into the file's properties.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return stable_zip(buffer.getvalue())
