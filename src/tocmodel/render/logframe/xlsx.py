"""The logframe as an Excel workbook (openpyxl): one sheet per section, headers frozen and bold, text wrapped.

The matrix sheet is laid out as people lay out logframes in Excel: one row per indicator, with the result
and its assumptions merged down the rows of its indicators (every table's spanning cells are merged ranges).
Model text is always stored as text, never as a formula: a statement starting with `=`, `+`, `-` or `@` is
shown as typed. The same context always gives the same bytes: fixed workbook properties, fixed zip entries.
"""

from __future__ import annotations

import math
import re
import zipfile
from io import BytesIO
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.rich_text import CellRichText, TextBlock  # type: ignore[import-untyped]
from openpyxl.cell.text import InlineFont  # type: ignore[import-untyped]
from openpyxl.packaging.core import DocumentProperties  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

from ...characters import printable
from ..charts import Chart
from .context import LogframeContext
from .package import document_time, stable_zip
from .sections import document_sections, layout, title_table
from .tables import FILLS, RUNNING, Section, Table, Value

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet would read as the start of a formula; such text is stored quoted, as text."""
WRAP = Alignment(wrap_text=True, vertical="top")
FONT = {"name": "Calibri", "size": 11}
"""openpyxl's default font, named on every font we set (a font without a name shows in a serif face)."""
BOLD = Font(**FONT, bold=True)
EDGE = Side(style="thin", color="999999")
GRID = Border(left=EDGE, right=EDGE, top=EDGE, bottom=EDGE)
"""Every table cell's border, as the HTML and Word tables have (a printed sheet has no gridlines)."""
LINE_HEIGHT = 12.75
"""Points per line of wrapped text at the default font."""


_OOXML_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
"""What Excel reads as an escaped character (`_x0041_` is `A`): a literal one gets its `_` escaped, `_x005F_`."""


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _text(value: str) -> str:
    """Model text as a cell holds it: unprintable characters escaped, a literal `_x0041_` kept literal."""
    return _OOXML_ESCAPE.sub(r"_x005F\g<0>", printable(value))


def _put(
    sheet: Any,
    row: int,
    column: int,
    value: Value,
    *,
    bold: bool = False,
    fill: str | None = None,
    lead: bool = False,
    border: bool = True,
) -> None:
    """Write one cell; text always as text (a `=` at its start is no formula, a `#N/A` no error).

    Lines (a tuple) go in one cell, one per line; with `lead`, the first line in bold.
    """
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, tuple) and lead and len(value) > 1 and not bold:
        first, rest = _text(value[0]), _text("\n".join(value[1:]))
        cell.value = CellRichText(
            TextBlock(InlineFont(rFont=FONT["name"], sz=FONT["size"], b=True), first), "\n" + rest
        )
    elif isinstance(value, tuple | str):
        text = _text(value if isinstance(value, str) else "\n".join(value))
        cell.value = text
        cell.data_type = "s"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    else:
        cell.value = value
    cell.alignment = WRAP
    if border:
        cell.border = GRID
    if bold or (lead and not isinstance(value, tuple)):
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
        _put(self.sheet, self.row, 1, text, bold=True, border=False)
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
        needed = [1] * len(table.rows)
        spanned: list[tuple[int, int, int]] = []
        for number, values in enumerate(table.rows):
            for column, value in enumerate(values):
                if value is None:
                    continue
                fill = table.fills.get((number, column))
                bold = number in table.strong_rows or column in table.strong_columns
                lead = column in table.strong_first
                _put(self.sheet, self.row + number, column + 1, value, bold=bold, fill=fill, lead=lead)
                if (link := table.links.get((number, column))) is not None:  # the whole cell: Excel links cells
                    self.sheet.cell(row=self.row + number, column=column + 1).hyperlink = link[1]
                lines = _line_count("\n".join(value) if isinstance(value, tuple) else str(value), widths[column])
                if (span := table.spans.get((number, column), 1)) > 1:
                    for below in range(1, span):  # the merged range's border, all round
                        self.sheet.cell(row=self.row + number + below, column=column + 1).border = GRID
                    self.sheet.merge_cells(
                        start_row=self.row + number,
                        start_column=column + 1,
                        end_row=self.row + number + span - 1,
                        end_column=column + 1,
                    )
                    spanned.append((number, span, lines))
                else:
                    needed[number] = max(needed[number], lines)
        _spread(needed, spanned)
        least = table.row_height * 72 / 25.4
        for number, lines in enumerate(needed):
            # Spreadsheet programs do not all fit a row to its wrapped text on opening; give it the height.
            self.sheet.row_dimensions[self.row + number].height = max(lines * LINE_HEIGHT, least)
        self.row += len(table.rows)

    def section(self, section: Section) -> None:
        for text in (section.lead, *section.paragraphs):
            if text:
                self.line(text)
        for table in section.tables:
            self.table(table)
        for chart in section.charts:
            self.chart(chart)

    def chart(self, chart: Chart) -> None:
        """The chart's values (years, baseline, targets, actuals) and a line chart of them beside, Excel's own."""
        from openpyxl.chart import LineChart, Reference  # type: ignore[import-untyped]

        self.row += 1
        top = self.row
        _put(self.sheet, top, 1, chart.title, bold=True, border=False)
        first = min([chart.years[0], *([chart.baseline[0]] if chart.baseline else [])])
        years = list(range(first, chart.years[-1] + 1))
        for column, year in enumerate(years, start=2):
            self.sheet.cell(top + 1, column, year).font = BOLD
        series = [
            (chart.legend[0], dict([chart.baseline]) if chart.baseline else {}),
            (chart.legend[1], dict([*([chart.baseline] if chart.baseline else []), *chart.targets])),
            (chart.legend[2], dict(chart.actuals)),
        ]
        for offset, (label, values) in enumerate(series, start=2):
            _put(self.sheet, top + offset, 1, label, bold=True)
            for column, year in enumerate(years, start=2):
                if year in values:
                    self.sheet.cell(top + offset, column, values[year])
        drawn = LineChart()
        drawn.title = _text(chart.title)[:250]
        drawn.y_axis.title = _text(chart.unit) if chart.unit else None
        drawn.display_blanks = "span"  # the target line runs from one target to the next
        drawn.height, drawn.width = 7, 16
        last = len(years) + 1
        drawn.add_data(
            Reference(self.sheet, min_col=1, max_col=last, min_row=top + 2, max_row=top + 4),
            from_rows=True,
            titles_from_data=True,
        )
        drawn.set_categories(Reference(self.sheet, min_col=2, max_col=last, min_row=top + 1))
        for series, symbol in zip(drawn.series, ("square", "diamond", "circle"), strict=False):
            series.marker.symbol = symbol  # a baseline is one point, and a first year's actual too: markers show them
            series.marker.size = 7
        self.sheet.add_chart(drawn, f"{get_column_letter(last + 2)}{top}")
        self.row = top + 15  # the chart's height in rows


def _spread(needed: list[int], spanned: list[tuple[int, int, int]]) -> None:
    """Give the rows under a merged cell the lines its text needs beyond theirs, shared out evenly."""
    for first, span, lines in spanned:
        shortfall = max(0, lines - sum(needed[first : first + span]))
        for number in range(first, first + span):
            needed[number] += math.ceil(shortfall / span)


def _line_count(text: str, width: float) -> int:
    """Lines a text needs in a wrapped column of `width` characters (a little generous)."""
    return sum(max(1, math.ceil(len(line) * 1.1 / max(width - 1, 1))) for line in text.split("\n"))


def _properties(workbook: Any, context: LogframeContext) -> None:
    moment = document_time(context.date).replace(tzinfo=None)
    workbook.properties = DocumentProperties(
        title=printable(context.title),
        subject=printable(layout(context)),
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
    sheets: dict[str, _Sheet] = {}
    for section in document_sections(context):
        if section.diagram:
            continue  # a workbook has no room for the picture; the Word and HTML documents carry it
        if section.sheet not in sheets:
            sheets[section.sheet] = _Sheet(workbook, section.sheet)
            if section.id == "summary":  # the title page's facts head the first sheet
                sheets[section.sheet].table(title_table(context, iso_date=True))
                sheets[section.sheet].row += 1
        sheets[section.sheet].section(section)
    buffer = BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the clock into the file's properties.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return stable_zip(buffer.getvalue())
