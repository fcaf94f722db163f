"""The portfolio as a document: HTML (with its diagram), Markdown (with a Mermaid diagram), Excel (a sheet per
table) or JSON (the data of `tocmodel.analysis.portfolio`)."""

from __future__ import annotations

import io
import json

from markupsafe import Markup

from ...analysis.portfolio import Portfolio, portfolio_to_dict
from ...schema import Model
from ...schema.text import Translator
from ..templates import environment
from .diagram import portfolio_mermaid, portfolio_svg
from .tables import Sheet, sheets

FORMATS = ("html", "md", "xlsx", "json")


def render_portfolio(
    found: Portfolio, generic: Model, *, output_format: str = "html", engine: str = "auto", lang: str | None = None
) -> bytes:
    """The portfolio's document in one of `FORMATS`.

    Raises:
        ValueError: an unknown format.
        DiagramError: the diagram could not be laid out (HTML only).
    """
    if output_format == "json":
        return (json.dumps(portfolio_to_dict(found), indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    main = generic.model.languages[0]
    tr = Translator(lang or main, main)
    tables = sheets(found, tr)
    title = f"Portfolio: {tr(generic.model.title)} in {len(found.countries)} countries"
    if output_format == "xlsx":
        return _workbook(title, tables)
    if output_format not in FORMATS:
        raise ValueError(f"unknown format `{output_format}`; choose one of {', '.join(FORMATS)}")
    fields: dict[str, object] = {"title": title, "generic_id": found.generic_id, "generic_path": found.generic_path}
    fields |= {"as_of": found.as_of, "sheets": tables, "lang": lang or main}
    if output_format == "html":
        svg = portfolio_svg(found, generic, tr, engine=engine).decode("utf-8")
        svg = svg[svg.find("<svg") :]  # without the XML declaration and doctype
        text = environment().get_template("portfolio.html.j2").render(**fields, svg=Markup(svg))
    else:
        text = (
            environment()
            .get_template("portfolio.md.j2")
            .render(**fields, mermaid=portfolio_mermaid(found, generic, tr))
        )
    return text.encode("utf-8")


def _workbook(title: str, tables: list[Sheet]) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.name)
        sheet.append([title])
        sheet.append([table.lead])
        sheet.append(table.headers)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_cell(value) for value in row])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.freeze_panes = "A4"
        for column in range(1, len(table.headers) + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 14 if column > 4 else 28
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _cell(value: object) -> object:
    """Text stays text in the sheet (a leading `=` is no formula)."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return value
