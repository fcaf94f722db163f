"""Logframe documents as read back: every statement, value, assumption, risk, actor and stage of the pilot
appears in each format and style; the same model gives the same bytes; hostile text stays text; user
templates are used but sandboxed; a failed render leaves the previous file alone.

What should appear is worked out here from the model itself, not from the logframe's context.
"""

from __future__ import annotations

import functools
import io
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET
import zipfile
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import openpyxl  # type: ignore[import-untyped]
import pytest
import yaml

import tocmodel
from conftest import MODELS, PILOT_WHOLE, ROOT, pilot_with_remarks, run_cli
from tocmodel import Model
from tocmodel.analysis import analyse
from tocmodel.i18n import messages
from tocmodel.render.logframe import FORMATS, STYLES, build_context, logframe
from tocmodel.render.logframe.docx import write_docx
from tocmodel.render.logframe.xlsx import write_xlsx
from tocmodel.render.numbering import number_key, result_numbers
from tocmodel.rules.validate import validate
from tocmodel.schema import Text
from tocmodel.schema.text import iter_texts, untranslated

PILOT = MODELS / "ewaste-pilot.yaml"
GOLDEN = ROOT / "tests" / "golden"
ENGINE = "graphviz-pure"
"""Byte-identical on every machine, so the HTML's embedded SVG can be a golden file."""


@functools.cache
def pilot() -> Model:
    return tocmodel.load(PILOT)


@functools.cache
def rendered(output_format: str, style: str = "eu", lang: str | None = None) -> tocmodel.render.logframe.Document:
    return logframe(pilot(), output_format=output_format, style=style, lang=lang, engine=ENGINE)


# -- reading documents back as text ------------------------------------------------------------------------


def normal(text: str) -> str:
    return " ".join(text.split())


class _Text(HTMLParser):
    """The text of an HTML page outside `<style>` and the diagram's `<svg>`, and its element names."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("svg", "style"):
            self.skipping += 1
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("svg", "style"):
            self.skipping -= 1
        self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(content: bytes) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(content.decode("utf-8"))
    parser.close()
    return "".join(parser.parts), parser.tags


def markdown_text(content: bytes) -> str:
    text = content.decode("utf-8").replace("<br>", "\n")
    return re.sub(r"\\([\\`*_\[\]<>|~#+\-=.])", r"\1", text)


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def xlsx_cells(content: bytes) -> list[Any]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def xlsx_text(content: bytes) -> str:
    return "\n".join(str(cell.value) for cell in xlsx_cells(content) if cell.value is not None)


def document_text(output_format: str, content: bytes) -> str:
    if output_format == "html":
        return html_text(content)[0]
    if output_format == "md":
        return markdown_text(content)
    if output_format == "docx":
        return docx_text(content)
    return xlsx_text(content)


# -- what the model says must appear -----------------------------------------------------------------------


def english(text: Text | None) -> str:
    return text if isinstance(text, str) else (text or {}).get("en", "")


def in_language(text: Text, language: str, main: str) -> str:
    """A text as a document in `language` shows it: in that language, else in the model's main one."""
    return text if isinstance(text, str) else text.get(language) or text.get(main) or next(iter(text.values()))


def model_texts(model: Model, language: str) -> dict[str, str]:
    """Every text of the model (titles, descriptions, evidence, notes...), by where it is, as shown in `language`."""
    main = model.model.languages[0]
    found = {"/".join(map(str, t.path)): in_language(t.text, language, main) for t in iter_texts(model)}
    return {where: text for where, text in found.items() if text.strip()}


def expected_texts(model: Model) -> dict[str, str]:
    """Every text and value a logframe must show, by a description of where it comes from."""
    wanted = model_texts(model, "en")
    number = messages("en").number  # `1,500`: numbers as English writes them
    for _, owner, index, indicator in model.iter_indicators():
        where = f"indicator {owner}[{index}]"
        if indicator.baseline and indicator.baseline.value is not None:
            wanted[f"{where} baseline"] = number(indicator.baseline.value)
        for year, target in indicator.targets.items():
            wanted[f"{where} target {year}"] = number(target) if target is not None else "–"
        if indicator.disaggregation:
            wanted[f"{where} disaggregation"] = ", ".join(indicator.disaggregation)
    return {where: text for where, text in wanted.items() if text}


def missing_from(text: str, wanted: dict[str, str]) -> list[str]:
    shown = normal(text)
    return [f"{where}: {value!r}" for where, value in wanted.items() if normal(value) not in shown]


# -- nothing lost ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("output_format", FORMATS)
def test_every_statement_value_and_name_of_the_pilot_appears(output_format: str, style: str) -> None:
    document = rendered(output_format, style)
    assert document.output_format == output_format
    wanted = expected_texts(pilot())
    assert len(wanted) > 150  # the pilot is a real model, not a toy
    assert missing_from(document_text(output_format, document.content), wanted) == []


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("path", [PILOT, tocmodel.shipped_model_path()], ids=["pilot", "generic"])
def test_every_text_of_the_model_appears_in_each_language(path: Path, language: str, output_format: str) -> None:
    model = tocmodel.load(path)
    wanted = model_texts(model, language)
    assert len(wanted) > 200  # every title, description, statement, evidence, note, deliverable...
    document = logframe(model, output_format=output_format, lang=language, engine=ENGINE)
    assert missing_from(document_text(output_format, document.content), wanted) == []


@pytest.mark.parametrize("output_format", FORMATS)
def test_the_same_model_gives_the_same_bytes(output_format: str) -> None:
    first = rendered(output_format).content
    again = logframe(tocmodel.load(PILOT), output_format=output_format, engine=ENGINE).content
    assert first == again


def test_indicator_table_has_a_column_per_plan_year_in_word_and_excel() -> None:
    years = [str(year) for year in pilot().plan_years]
    document = docx.Document(io.BytesIO(rendered("docx").content))
    headers = [[cell.text for cell in table.rows[0].cells] for table in document.tables if table.rows]
    assert any(header[5 : 5 + len(years)] == years for header in headers)
    workbook = openpyxl.load_workbook(io.BytesIO(rendered("xlsx").content))
    assert [c.value for c in workbook["Indicators"][1]][5 : 5 + len(years)] == years


# -- one numbering of the assumptions ----------------------------------------------------------------------

ASSUMPTION_LABEL = re.compile(r"\bA(\d+)\b")
SVG = "{http://www.w3.org/2000/svg}"


def labelled(text: str) -> list[tuple[str, str]]:
    """Each `A<n>` label in a text, with the words after it up to the next label."""
    pieces = ASSUMPTION_LABEL.split(normal(text.replace("<br/>", " ")))
    return [(f"A{number}", words.strip(" :|")) for number, words in zip(pieces[1::2], pieces[2::2], strict=True)]


def named(words: str, model: Model) -> str:
    """The assumption that the words after a label name: by its id first (the register), by its id in
    brackets at the end (a legend), or by its statement (the matrix)."""
    for assumption_id, item in model.assumptions.items():
        if re.match(rf"{re.escape(assumption_id)}(?![\w-])", words) or words.endswith(f"({assumption_id})"):
            return assumption_id
        if words.startswith(normal(english(item.statement))):
            return assumption_id
    raise AssertionError(f"no assumption named by {words!r}")


def section(text: str, heading: str, next_heading: str) -> str:
    """The text of a document between two of its headings."""
    start = text.index(heading)
    return text[start : text.index(next_heading, start)]


def svg_legend(svg: str) -> str:
    """The text of a drawn diagram's legend."""
    root = ET.fromstring(svg)
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "legend")
    return " ".join("".join(t.itertext()) for t in legend.iter(f"{SVG}text"))


def mermaid_legend(text: str) -> str:
    """The text of a Mermaid diagram's legend."""
    return next(line for line in text.splitlines() if line.strip().startswith('legend["'))


def logframe_parts(output_format: str) -> dict[str, str]:
    """The pilot logframe's diagram legend, matrix (with the indicators table) and assumptions register."""
    content = rendered(output_format).content
    if output_format == "html":
        svg = re.search(r"<svg\b.*?</svg>", content.decode("utf-8"), re.DOTALL)
        assert svg, "the HTML logframe embeds the diagram"
        legend, text = svg_legend(svg.group()), html_text(content)[0]
    else:
        legend, text = mermaid_legend(content.decode("utf-8")), markdown_text(content)
    return {
        "legend": legend,
        "matrix": section(text, "Logframe matrix", "Five-year workplan"),
        "register": section(text, "Assumptions register", "Causal links"),
    }


def assert_numbered_as_the_model(parts: dict[str, str], model: Model) -> None:
    """Every `A<n>` label in every part names the model's n-th assumption."""
    numbers = {f"A{n}": a for n, a in enumerate(model.assumptions, start=1)}
    for part, text in parts.items():
        labels = labelled(text)
        assert labels, f"no assumption labels in the {part}"
        for label, words in labels:
            assert named(words, model) == numbers[label], f"{label} in the {part}"


@pytest.mark.parametrize("output_format", ["html", "md"])
def test_legend_matrix_and_register_number_the_assumptions_alike(output_format: str) -> None:
    model = pilot()
    parts = logframe_parts(output_format)
    register = [label for label, _ in labelled(parts["register"])]
    assert register == [f"A{n}" for n in range(1, len(model.assumptions) + 1)], "the register lists all, in order"
    assert_numbered_as_the_model(parts, model)


def test_the_diagram_command_numbers_the_assumptions_as_the_logframe() -> None:
    model = pilot()
    svg = run_cli("diagram", str(PILOT), "--engine", ENGINE)
    mermaid = run_cli("diagram", str(PILOT), "-f", "mermaid")
    pathway = run_cli("diagram", str(PILOT), "-f", "mermaid", "--view", "pathway", "--focus", "o-ewaste-baseline")
    for result in (svg, mermaid, pathway):
        assert result.returncode == 0, result.stderr
    legends = {
        "svg legend": svg_legend(svg.stdout),
        "mermaid legend": mermaid_legend(mermaid.stdout),
        "pathway legend": mermaid_legend(pathway.stdout),
    }
    assert_numbered_as_the_model(legends, model)
    shown = [label for label, _ in labelled(legends["pathway legend"])]
    assert shown != [f"A{n}" for n in range(1, len(shown) + 1)], "a part of the model keeps the model's numbers"


# -- Word --------------------------------------------------------------------------------------------------


def test_word_document_has_real_tables_repeating_headers_and_builtin_styles() -> None:
    content = rendered("docx").content
    document = docx.Document(io.BytesIO(content))
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == english(pilot().model.title)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Summary",
        "The problem",
        "Theory of change",
        "Logframe matrix",
        "Indicators",
        "Progress against the plan",
        "Five-year workplan",
        "Risk register",
        "Assumptions register",
        "Causal links",
        "Responsibility matrix",
        "Root-cause coverage",
        "Identifiers",
        "Validation summary",
    ]
    assert len(document.tables) >= 11
    for table in document.tables[1:]:  # the first is the title page's facts, without a header
        assert table.style.name == "Table Grid"
        assert table.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    landscape = [s for s in document.sections if s.page_width > s.page_height]
    assert landscape, "the matrix is laid out on landscape pages"
    assert document.inline_shapes and document.inline_shapes[0].width > 0  # the diagram


def test_word_and_excel_files_carry_no_clock() -> None:
    for output_format in ("docx", "xlsx"):
        with zipfile.ZipFile(io.BytesIO(rendered(output_format).content)) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            core = archive.read("docProps/core.xml").decode("utf-8")
        assert "2026-11-01T00:00:00Z" in core  # the model's date
    properties = docx.Document(io.BytesIO(rendered("docx").content)).core_properties
    assert properties.created == properties.modified
    assert properties.created is not None and properties.created.year == 2026
    assert properties.author == "tocmodel"


# -- Excel -------------------------------------------------------------------------------------------------


def test_excel_workbook_has_a_sheet_per_section_with_frozen_bold_headers() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(rendered("xlsx").content))
    assert workbook.sheetnames == [
        "Summary",
        "Problem",
        "Matrix",
        "Indicators",
        "Progress",
        "Workplan",
        "Risks",
        "Risk matrix",
        "Assumptions",
        "Links",
        "Responsibilities",
        "Coverage",
        "Identifiers",
        "Validation",
    ]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes, sheet.title
        header_row = int(re.sub(r"\D", "", sheet.freeze_panes)) - 1
        assert sheet.cell(row=header_row, column=1).font.b, sheet.title


def test_excel_matrix_has_a_row_per_indicator_and_merges_the_result() -> None:
    model = pilot()
    sheet = openpyxl.load_workbook(io.BytesIO(rendered("xlsx").content))["Matrix"]
    numbers = result_numbers(model)
    indicators = {
        item_id: len(item.indicators)
        for section in ("impact", "outcomes", "outputs", "interventions")
        for item_id, item in sorted(getattr(model, section).items(), key=lambda pair: number_key(numbers[pair[0]]))
    }
    assert sheet.max_row == 1 + sum(max(1, n) for n in indicators.values())
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    row = 2
    for count in indicators.values():
        if count > 1:
            assert f"A{row}:A{row + count - 1}" in merged
        row += max(1, count)


# -- languages ---------------------------------------------------------------------------------------------


def test_french_where_the_model_has_it_and_missing_texts_reported(tmp_path: Path) -> None:
    french_title = pilot().model.title["fr"]  # type: ignore[index]
    for output_format in FORMATS:
        document = rendered(output_format, lang="fr")
        assert french_title in normal(document_text(output_format, document.content)), output_format
        assert document.missing_translations == [], output_format  # the pilot has every text in French
    one_file = tocmodel.load(PILOT_WHOLE)  # the pilot in one file, with only some of its French
    lacking = [".".join(map(str, t.path)) for t in untranslated(one_file, "fr")]
    assert "model.description" in lacking and "model.title" not in lacking and "stages.s3-dialogue.title" not in lacking
    edited = tmp_path / "pilot.yaml"
    source = PILOT_WHOLE.read_text(encoding="utf-8")
    assert "      fr: Dialogue politique concerté\n" in source
    edited.write_text(source.replace("      fr: Dialogue politique concerté\n", ""), encoding="utf-8")
    for output_format in FORMATS:
        document = logframe(tocmodel.load(edited), output_format=output_format, lang="fr", engine=ENGINE)
        assert set(document.missing_translations) - set(lacking) == {"stages.s3-dialogue.title"}, output_format
        assert "Concerted policy dialogue" in document_text(output_format, document.content)
    result = run_cli("logframe", str(edited), "-f", "md", "--lang", "fr")
    assert result.returncode == 0, result.stderr
    assert "Modèle d'intervention national" in result.stdout.replace("\\", "")
    assert f"warning: no `fr` text for {lacking[0]}, " in result.stderr
    assert f" and {len(lacking) + 1 - 8} more; shown in another language" in result.stderr


# -- hostile text ------------------------------------------------------------------------------------------

HOSTILE = [
    '=HYPERLINK("http://x.example","click")',
    "+1 plus",
    "-2 minus",
    "@SUM(A1)",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% raw %}",
    "\"double\" and 'single' quotes",
    "line one\nline two",
    "#N/A",
]


def hostile_model(folder: Path) -> Model:
    """A model whose texts try to be HTML, template code and spreadsheet formulas."""

    def text(index: int) -> str:
        return " ".join(HOSTILE[index:] + HOSTILE[:index])

    indicator = {
        "title": text(1),
        "baseline": {"value": "=1+1", "year": 2026},
        "targets": {2031: "-3"},
        "source": text(2),
    }
    data = {
        "tocmodel": 1,
        "model": {"id": "hostile", "title": text(0), "start": 2027, "date": "2026-01-01"},
        "actors": {"moe": {"name": text(3), "type": "ministry"}},
        "stages": {"only": {"title": text(4), "years": "1-5"}},
        "problem": {"core": text(5), "root_causes": {"rc-1": {"title": text(6)}}},
        "interventions": {
            "i-1": {"title": text(7), "stage": "only", "addresses": ["rc-1"], "lead": "moe", "leads_to": ["o-1"]}
        },
        "outputs": {"o-1": {"title": text(8), "leads_to": [{"to": "oc-1", "assumptions": ["a-1"]}]}},
        "outcomes": {"oc-1": {"title": text(9), "indicators": [indicator], "leads_to": ["im-1"]}},
        "impact": {"im-1": {"title": HOSTILE[0]}},
        "assumptions": {"a-1": {"statement": HOSTILE[2]}},
        "risks": {
            "r-1": {
                "statement": HOSTILE[3],
                "category": "political",
                "likelihood": 4,
                "impact": 4,
                "affects": ["o-1"],
                "mitigation": HOSTILE[1],
                "owner": "moe",
            }
        },
    }
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tocmodel.load(path)


@pytest.mark.parametrize("output_format", FORMATS)
def test_hostile_text_is_shown_literally(output_format: str, tmp_path: Path) -> None:
    model = hostile_model(tmp_path)
    document = logframe(model, output_format=output_format, engine=ENGINE)
    assert missing_from(document_text(output_format, document.content), expected_texts(model)) == []
    text = normal(document_text(output_format, document.content))
    assert "{{ 7*7 }}" in text and "{% raw %}" in text
    assert "49" not in text
    if output_format == "html":
        _, tags = html_text(document.content)
        assert "script" not in tags
        assert b"<script>" not in document.content


def test_excel_stores_formula_like_text_as_text(tmp_path: Path) -> None:
    content = logframe(hostile_model(tmp_path), output_format="xlsx").content
    cells = [cell for cell in xlsx_cells(content) if isinstance(cell.value, str)]
    risky = [cell for cell in cells if cell.value.startswith(("=", "+", "-", "@", "#"))]
    assert {cell.value[0] for cell in risky} >= {"=", "+", "-", "@", "#"}
    for cell in risky:
        assert cell.data_type == "s", (cell.coordinate, cell.value)
    assert all(cell.quotePrefix for cell in risky if cell.value.startswith(("=", "+", "-", "@")))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert not any(b"<f>" in sheet or b"<f " in sheet for sheet in sheets)


def test_excel_shows_text_that_looks_like_its_own_escapes_as_written(tmp_path: Path) -> None:
    path = tmp_path / "escape.yaml"
    minimal = MODELS.joinpath("minimal.yaml").read_text(encoding="utf-8")
    path.write_text(minimal.replace("title: Open collection points", "title: Open _x0041_ points"), encoding="utf-8")
    content = logframe(tocmodel.load(path), output_format="xlsx").content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))
    # Excel reads `_x0041_` as `A`; `_x005F_` is its escaped `_`, so the cell shows `_x0041_` as written
    assert b"Open _x005F_x0041_ points" in sheets and b"Open _x0041_ points" not in sheets


def test_control_characters_do_not_break_word_or_excel(tmp_path: Path) -> None:
    path = tmp_path / "control.yaml"
    path.write_text(
        MODELS.joinpath("minimal.yaml")
        .read_text(encoding="utf-8")
        .replace("title: Open collection points", 'title: "Open\\x01 collection\\x0b points"'),
        encoding="utf-8",
    )
    model = tocmodel.load(path)
    for output_format in ("docx", "xlsx"):
        text = document_text(output_format, logframe(model, output_format=output_format, engine=ENGINE).content)
        assert "Open\\x01 collection\\x0b points" in text


# -- templates and failures ---------------------------------------------------------------------------------


def test_user_template_is_used(tmp_path: Path) -> None:
    (tmp_path / "logframe.html.j2").write_text("<p>Custom: {{ lf.title }} ({{ lf.indicators | length }})</p>\n")
    document = logframe(pilot(), output_format="html", templates=tmp_path, engine=ENGINE)
    assert document.content.decode() == f"<p>Custom: {english(pilot().model.title)} (36)</p>\n"


@pytest.mark.parametrize(
    "template",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ lf.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    ],
)
def test_user_template_escaping_the_sandbox_is_stopped(template: str, tmp_path: Path) -> None:
    (tmp_path / "logframe.md.j2").write_text(template)
    output = tmp_path / "out.md"
    result = run_cli("logframe", str(PILOT), "-f", "md", "--templates", str(tmp_path), "-o", str(output))
    assert result.returncode == 1
    assert "Error:" in result.stderr and "Traceback" not in result.stderr
    assert "uid=" not in result.stdout + result.stderr
    assert not output.exists()


def test_failed_render_leaves_the_previous_file_intact(tmp_path: Path) -> None:
    output = tmp_path / "logframe.md"
    output.write_text("previous logframe\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "logframe.md.j2").write_text("{{ lf.title }} {{ lf.no_such_field }}\n")
    result = run_cli("logframe", str(PILOT), "-f", "md", "--templates", str(tmp_path / "templates"), "-o", str(output))
    assert result.returncode == 1
    assert "Error: template problem" in result.stderr and "no_such_field" in result.stderr
    assert "Traceback" not in result.stderr
    assert output.read_text() == "previous logframe\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logframe.md", "templates"]  # no temporary file left


def test_template_syntax_error_is_located(tmp_path: Path) -> None:
    (tmp_path / "logframe.md.j2").write_text("line one\n{% for x in %}\n")
    result = run_cli("logframe", str(PILOT), "-f", "md", "--templates", str(tmp_path))
    assert result.returncode == 1
    assert "logframe.md.j2, line 2" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("output_format", ["docx", "xlsx"])
def test_word_and_excel_files_are_written_with_o(output_format: str, tmp_path: Path) -> None:
    output = tmp_path / f"logframe.{output_format}"
    result = run_cli("logframe", str(MODELS / "minimal.yaml"), "-f", output_format, "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert zipfile.is_zipfile(output)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_binary_formats_need_o_on_a_terminal() -> None:
    import pty
    import subprocess

    leader, follower = pty.openpty()
    try:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
        command = [sys.executable, "-m", "tocmodel", "logframe", str(MODELS / "minimal.yaml"), "-f", "xlsx"]
        result = subprocess.run(command, stdout=follower, stderr=subprocess.PIPE, env=env, timeout=60, check=False)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    assert b"give -o FILE" in result.stderr


# -- golden files ------------------------------------------------------------------------------------------


def tiny_png() -> bytes:
    """A 2 × 1 PNG, standing in for the diagram in the Word golden file (the real one is a megabyte)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00\x00\x00\xff", 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def golden_content(output_format: str) -> bytes:
    if output_format in ("html", "md"):
        return rendered(output_format).content
    model = pilot()
    context = build_context(model, analyse(model), validate(model), diagram_png=tiny_png())
    return write_docx(context) if output_format == "docx" else write_xlsx(context)


@pytest.mark.parametrize("output_format", FORMATS)
def test_golden_files(output_format: str, request: pytest.FixtureRequest) -> None:
    path = GOLDEN / f"ewaste-pilot.{output_format}"
    content = golden_content(output_format)
    if request.config.getoption("--regen-golden"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
    assert path.exists(), f"no golden file {path.name}; run pytest --regen-golden"
    golden = path.read_bytes()
    if output_format in ("docx", "xlsx") and golden != content:
        with zipfile.ZipFile(io.BytesIO(golden)) as old, zipfile.ZipFile(io.BytesIO(content)) as new:
            assert old.namelist() == new.namelist()
            for name in old.namelist():
                assert old.read(name) == new.read(name), f"{name} differs; run pytest --regen-golden if intended"
    if output_format in ("html", "md"):
        assert content.decode("utf-8") == golden.decode("utf-8"), "differs; run pytest --regen-golden if intended"
    assert content == golden


def test_golden_word_file_embeds_the_picture() -> None:
    document = docx.Document(io.BytesIO((GOLDEN / "ewaste-pilot.docx").read_bytes()))
    assert len(document.inline_shapes) == 1


def test_dfid_layout_shows_output_impact_weightings() -> None:
    from tocmodel import load
    from tocmodel.render.logframe import logframe

    markdown = logframe(load(MODELS / "ewaste-pilot.yaml"), output_format="md", style="dfid").content.decode()
    assert "Impact weighting" in markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| Output 4.1<br>"))
    assert " | 12% | " in row


def test_results_that_lead_nowhere_never_share_a_number() -> None:
    from tocmodel.render.numbering import result_numbers

    model = tocmodel.load(MODELS / "minimal.yaml")
    data = model.model_dump(mode="json", exclude_defaults=True)
    data["outputs"]["o-loose"] = {"title": "Loose output"}
    data["interventions"]["i-loose"] = {"title": "Loose activity"}
    numbers = result_numbers(tocmodel.Model.model_validate(data))
    assert numbers["o-loose"] == "0.1" and numbers["i-loose"] == "0.0.1"
    assert len(set(numbers.values())) == len(numbers)


@pytest.mark.parametrize("output_format", ["html", "md", "docx", "xlsx"])
def test_notes_on_targets_periods_and_the_current_value_are_in_every_format(output_format: str, tmp_path: Path) -> None:
    path, first = pilot_with_remarks(tmp_path, "Zqtarget counts trainers too", "Zqcurrent provisional, two regions")
    model = tocmodel.load(path)
    for language, period in (("en", f"July 1, {first - 1}"), ("fr", f"1 juillet {first - 1}")):
        document = logframe(model, output_format=output_format, lang=language, engine="graphviz-pure")
        text = normal(document_text(output_format, document.content))
        assert "Zqtarget counts trainers too" in text and "Zqcurrent provisional, two regions" in text
        assert period in text, language
