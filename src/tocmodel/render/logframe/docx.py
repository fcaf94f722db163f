"""The logframe as a Word document (python-docx), in the sections and order of the HTML template.

Built-in styles only ("Title", "Heading 1/2", "Table Grid") plus two paragraph styles, "Table Text" and
"Table Heading", so a reviewer can restyle the whole document from Word's styles pane. Table header rows
repeat on every page. The same context always gives the same bytes: no clock, fixed zip entries.
"""

from __future__ import annotations

import struct
from io import BytesIO

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.table import _Cell, _Row

from ...characters import printable
from .. import charts
from .context import LogframeContext
from .package import document_time, stable_zip
from .sections import document_sections, layout, title_table
from .tables import FILLS, RUNNING, Section, Table, Value, cell_lines

A4 = (Mm(210), Mm(297))
MARGIN = Mm(15)
WIDE_MARGIN = Mm(12)


class _Writer:
    """Adds sections to a document, switching to landscape pages and back as sections need."""

    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.wide = False

    def text_width(self) -> int:
        section = self.document.sections[-1]
        return int(section.page_width or 0) - int(section.left_margin or 0) - int(section.right_margin or 0)

    def start(self, heading: str, *, wide: bool, level: int = 1, new_page: bool = True) -> None:
        """A heading, on a new page (landscape if `wide`) unless it continues the previous section."""
        if level == 1 and wide != self.wide:
            _page_setup(self.document.add_section(WD_SECTION.NEW_PAGE), wide=wide)
            self.wide = wide
            new_page = False
        paragraph = self.document.add_heading(printable(heading), level=level)
        paragraph.paragraph_format.page_break_before = new_page and level == 1

    def table(self, table: Table) -> None:
        if table.title:
            self.document.add_heading(printable(table.title), level=2)
        word_table = _new_table(self.document, table.headers, _widths(table.widths, self.text_width()))
        first = len(word_table.rows)
        for number, row in enumerate(table.rows):
            word_row = _add_row(word_table)
            if table.row_height:
                word_row.height = Mm(table.row_height)
            for column, (cell, value) in enumerate(zip(word_row.cells, row, strict=True)):
                if value is None:
                    continue
                fill = table.fills.get((number, column))
                bold = number in table.strong_rows or column in table.strong_columns
                _write(cell, cell_lines(value), bold=bold, fill=fill, strong_first=column in table.strong_first)
                if (link := table.links.get((number, column))) is not None:
                    _link(cell, *link)
        for (number, column), span in table.spans.items():
            top = word_table.cell(first + number, column)
            top.merge(word_table.cell(first + number + span - 1, column))

    def picture(self, png: bytes, note: str) -> None:
        """The diagram, as large as the page allows, or why it is not there."""
        if not png:
            self.document.add_paragraph(printable(note or "The diagram was not drawn; see the HTML version."))
            return
        width, height = _png_size(png)
        room_width, room_height = self.text_width(), int(Mm(160))
        scale = min(room_width / width, room_height / height)
        self.document.add_picture(BytesIO(png), width=int(width * scale), height=int(height * scale))

    def section(self, section: Section, diagram: bytes, note: str) -> None:
        self.start(section.heading, wide=section.wide, level=section.level, new_page=section.new_page)
        if section.lead:
            self.document.add_paragraph().add_run(printable(section.lead)).bold = True
        for paragraph in section.paragraphs:
            self.document.add_paragraph(printable(paragraph))
        if section.diagram:
            self.picture(diagram, note)
        for table in section.tables:
            if table.rows:  # a spreadsheet keeps an empty table's headers for filling in; a document does not
                self.table(table)
        if section.charts and charts.available():
            for chart in section.charts:
                self.document.add_picture(BytesIO(charts.png(chart)), width=int(self.text_width() * 0.75))
                self.document.add_paragraph(printable(chart.title), style="Caption")


def _text(value: Value) -> str:
    return value if isinstance(value, str) else str(value)


def _widths(shares: list[int], total: int) -> list[int]:
    return [total * share // sum(shares) for share in shares]


def _page_setup(section: object, *, wide: bool) -> None:
    from docx.section import Section as WordSection

    assert isinstance(section, WordSection)
    short, long = A4
    section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if wide else (short, long)
    margin = WIDE_MARGIN if wide else MARGIN
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin


def _new_table(document: WordDocument, headers: list[str] | None, widths: list[int]) -> WordTable:
    """A "Table Grid" table of fixed column widths, with a header row that repeats on each page."""
    table: WordTable = document.add_table(rows=0, cols=len(widths))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    if headers is not None:
        header = _add_row(table)
        header._tr.get_or_add_trPr().append(_element("w:tblHeader", val="true"))
        for cell, heading in zip(header.cells, headers, strict=True):
            _write(cell, [heading], style="TableHeading", fill=FILLS["header"])
    return table


def _add_row(table: WordTable) -> _Row:
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]
    return row


def _link(cell: _Cell, line: str, address: str) -> None:
    """Make the cell's paragraph that reads `line` a hyperlink to `address`."""
    for paragraph in cell.paragraphs:
        if paragraph.text != printable(line):
            continue
        relation = paragraph.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), relation)
        for run in paragraph.runs:
            run.font.underline = True
            run.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
            hyperlink.append(run._r)
        paragraph._p.append(hyperlink)
        return


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _write(
    cell: _Cell,
    lines: list[str],
    *,
    style: str = "TableText",
    bold: bool = False,
    fill: str | None = None,
    strong_first: bool = False,
) -> None:
    """Fill a cell: one paragraph per line; a line's own line breaks become breaks."""
    if fill:
        cell._tc.get_or_add_tcPr().append(_element("w:shd", val="clear", color="auto", fill=fill))
    for number, line in enumerate(lines or [""]):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        paragraph._p.style = style  # a style id: looking styles up by name is slow in python-docx
        run = paragraph.add_run(printable(line))
        run.bold = bold or (strong_first and number == 0) or None
        if line == RUNNING and fill:
            run.font.color.rgb = RGBColor.from_string(fill)


def _styles(document: WordDocument) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)  # style id `TableText`
    text.base_style = normal
    text.font.size = Pt(8.5)
    text.paragraph_format.space_after = Pt(2)
    text.paragraph_format.space_before = Pt(0)
    heading = styles.add_style("Table Heading", WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = text
    heading.font.bold = True


def _properties(document: WordDocument, context: LogframeContext) -> None:
    """Fixed document properties (no clock), and no thumbnail of python-docx's blank template."""
    properties = document.core_properties
    properties.title = printable(context.title)[:255]
    properties.subject = printable(layout(context))
    properties.author = properties.last_modified_by = "tocmodel"
    properties.comments = ""
    properties.language = context.language
    properties.revision = 1
    properties.created = properties.modified = document_time(context.date)
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[rel_id]


def _title_page(document: WordDocument, context: LogframeContext) -> None:
    document.add_paragraph(printable(context.title), style="Title")
    document.add_paragraph(printable(layout(context)), style="Subtitle")
    rows = title_table(context).rows[2:7]  # after the title and layout, which head the page; before the description
    table = _new_table(document, None, _widths([1, 4], int(A4[0] - 2 * MARGIN)))
    for label, value in rows:
        assert label is not None and value is not None
        cells = _add_row(table).cells
        _write(cells[0], [_text(label)], style="TableHeading")
        _write(cells[1], [_text(value)])
    if context.description:
        document.add_paragraph(printable(context.description))


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its header."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def write_docx(context: LogframeContext) -> bytes:
    """The logframe as a .docx file."""
    document = Document()
    _styles(document)
    _properties(document, context)
    _page_setup(document.sections[0], wide=False)
    writer = _Writer(document)
    _title_page(document, context)
    for section in document_sections(context):
        writer.section(section, context.diagram_png, context.diagram_note)
    buffer = BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())
