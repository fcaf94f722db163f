"""Rich display in Jupyter: a model shows as its diagram, a report and an analysis as HTML tables, a drawing
and a logframe as themselves; every text from a model is escaped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

import tocmodel
from conftest import FIXTURES, MODELS
from tocmodel import notebook
from tocmodel.analysis import SECTIONS
from tocmodel.render.diagram import engine as engines

SVG = "{http://www.w3.org/2000/svg}"
PILOT = MODELS / "ewaste-pilot.yaml"
RULE_FIXTURES = sorted((FIXTURES / "rules").glob("*.yaml"))
PAYLOAD = "<script>alert('x')</script> & \"co\""


def drawn_nodes(svg: str) -> set[str]:
    """The ids of the boxes an SVG element draws, the legend's left out."""
    root = etree.fromstring(svg.encode("utf-8"))
    assert root.tag == f"{SVG}svg"
    return {group.get("id") for group in root.iter(f"{SVG}g") if group.get("class") == "node"} - {"legend"}


def every_box(model: tocmodel.Model) -> set[str]:
    """The ids the theory-of-change view draws a box for: root causes and the causal chain."""
    sections = (model.interventions, model.outputs, model.outcomes, model.impact)
    return set(model.root_causes) | {item_id for section in sections for item_id in section}


def table_rows(html: str) -> list[list[str]]:
    """The text of each cell of each body row of the first table."""
    root = lxml.html.fromstring(html)
    return [[cell.text_content() for cell in row.iter("td")] for row in next(root.iter("tbody")).iter("tr")]


# -- a model shows as its diagram ---------------------------------------------------------------------------


def test_model_shows_as_its_theory_of_change() -> None:
    model = tocmodel.load(PILOT)
    svg = notebook.model_svg(model)
    assert svg is not None and svg.startswith("<svg")
    assert drawn_nodes(svg) == every_box(model)


def test_model_shows_without_graphviz_through_the_pure_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines.shutil, "which", lambda name, *args, **kwargs: None)
    assert engines.find_engine().name == "graphviz-pure"
    model = tocmodel.load(PILOT)
    svg = notebook.model_svg(model)
    assert svg is not None
    assert drawn_nodes(svg) == every_box(model)


def test_a_model_that_cannot_be_drawn_falls_back_to_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_engine(choice: str = "auto") -> engines.Engine:
        raise tocmodel.DiagramError("no layout engine found")

    monkeypatch.setattr("tocmodel.render.diagram.find_engine", no_engine)
    assert notebook.model_svg(tocmodel.load(MODELS / "minimal.yaml")) is None


# -- a report shows as a table ----------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", RULE_FIXTURES, ids=lambda path: path.stem)
def test_report_is_a_table_with_a_row_per_finding(fixture: Path) -> None:
    report = tocmodel.check(fixture)
    assert len(report) >= 1
    expected = [
        [d.code, d.severity.value, str(d.location) if d.location else "", d.message, d.hint or ""] for d in report
    ]
    assert table_rows(notebook.report_html(report)) == expected


def test_report_headings_and_counts() -> None:
    report = tocmodel.check(FIXTURES / "rules" / "TOC101-dangling-reference.yaml")
    root = lxml.html.fromstring(notebook.report_html(report))
    assert [th.text_content() for th in root.iter("th")] == ["code", "severity", "location", "message", "hint"]
    assert root.findtext(".//p") == "1 error, 0 warnings."


def test_an_empty_report_says_so() -> None:
    html = notebook.report_html(tocmodel.check(MODELS / "minimal.yaml"))
    root = lxml.html.fromstring(html)
    assert not list(root.iter("table"))
    assert root.text_content() == "0 errors, 0 warnings."


def test_report_escapes_what_a_model_wrote(tmp_path: Path) -> None:
    """A note quoting the name of a dropped actor shows the name as text, not as markup."""
    generic = (MODELS / "minimal.yaml").read_text(encoding="utf-8")
    actor = '  evil: {name: "' + PAYLOAD.replace('"', '\\"') + '", type: ministry}\n'
    (tmp_path / "generic.yaml").write_text(generic.replace("actors:\n", "actors:\n" + actor), encoding="utf-8")
    (tmp_path / "country.yaml").write_text(
        "tocmodel: 1\nextends: generic.yaml\nmodel: {id: country, title: Country}\ndrop: [evil]\n", encoding="utf-8"
    )
    report = tocmodel.check(tmp_path / "country.yaml")
    assert report.codes() == ["TOC701"] and PAYLOAD in report.diagnostics[0].message
    html = notebook.report_html(report)
    assert "<script" not in html
    root = lxml.html.fromstring(html)
    assert not list(root.iter("script"))
    assert table_rows(html)[0][3] == report.diagnostics[0].message


def test_report_escapes_every_column() -> None:
    finding = tocmodel.Diagnostic(
        "TOC101", tocmodel.Severity.ERROR, PAYLOAD, tocmodel.Location(f"{PAYLOAD}.yaml", 3, 4), hint=PAYLOAD
    )
    html = notebook.report_html(tocmodel.Report([finding]))
    assert "<script" not in html
    assert table_rows(html) == [["TOC101", "error", f"{PAYLOAD}.yaml:3:4", PAYLOAD, PAYLOAD]]


# -- an analysis shows as tables --------------------------------------------------------------------------


def test_analysis_shows_every_section() -> None:
    model = tocmodel.load(PILOT)
    analysis = tocmodel.analyse(model, without=["a-data-shared"])
    root = lxml.html.fromstring(notebook.analysis_html(analysis))
    sections = root.findall(".//section")
    assert [s.get("data-section") for s in sections] == list(SECTIONS)
    assert all(s.findtext("h4") for s in sections)
    by_name = {s.get("data-section"): s for s in sections}
    assert f"{analysis.pathways.total_paths} intervention → impact paths" in by_name["pathways"].findtext("h4")
    assert "a-data-shared" in by_name["what_if"].findtext("h4")
    assert f"{analysis.completeness.score}/100" in by_name["completeness"].findtext("h4")
    coverage = [row[0] for row in table_rows(etree.tostring(by_name["coverage"], encoding="unicode"))]
    assert coverage == [cause.root_cause for cause in analysis.coverage.causes]
    assessed = [row[0] for row in table_rows(etree.tostring(by_name["criticality"], encoding="unicode"))]
    assert assessed == [row.assumption for row in analysis.criticality]


def test_analysis_without_what_if_says_how_to_ask() -> None:
    analysis = tocmodel.analyse(tocmodel.load(MODELS / "minimal.yaml"))
    root = lxml.html.fromstring(notebook.analysis_html(analysis))
    what_if = root.find(".//section[@data-section='what_if']")
    assert what_if is not None and "without=" in what_if.text_content()


# -- drawings and logframes show as themselves ------------------------------------------------------------


def test_drawing_shows_in_its_own_format() -> None:
    model = tocmodel.load(MODELS / "minimal.yaml")
    svg = tocmodel.diagram(model)
    assert svg._repr_svg_() is not None and drawn_nodes(svg._repr_svg_() or "") == every_box(model)
    assert svg._repr_png_() is None and svg._repr_markdown_() is None
    png = tocmodel.diagram(model, output_format="png")
    assert png._repr_png_() == png.content and png._repr_svg_() is None
    mermaid = tocmodel.diagram(model, output_format="mermaid")
    assert mermaid._repr_markdown_() == "```mermaid\n" + mermaid.content.decode() + "```"
    dot = tocmodel.diagram(model, output_format="dot")
    assert (dot._repr_svg_(), dot._repr_png_(), dot._repr_markdown_()) == (None, None, None)


def test_logframe_shows_in_a_frame_of_its_own() -> None:
    model = tocmodel.load(MODELS / "minimal.yaml")
    page = tocmodel.logframe(model)
    frame = lxml.html.fragment_fromstring(page._repr_html_() or "")
    assert frame.tag == "iframe" and frame.get("sandbox") == ""
    assert frame.get("srcdoc") == page.content.decode("utf-8")
    markdown = tocmodel.logframe(model, output_format="md")
    assert markdown._repr_markdown_() == markdown.content.decode("utf-8") and markdown._repr_html_() is None
    assert tocmodel.logframe(model, output_format="xlsx")._repr_html_() is None


# -- through IPython's own display machinery (IPython is in the test extra) --------------------------------


def test_ipython_chooses_these_displays() -> None:
    from IPython.core.formatters import DisplayFormatter

    display = DisplayFormatter()
    notebook.register(display)  # as importing tocmodel does in a running IPython, or `%load_ext tocmodel`
    model = tocmodel.load(PILOT)
    data, _ = display.format(model)
    assert drawn_nodes(data["image/svg+xml"]) == every_box(model)
    data, _ = display.format(tocmodel.check(FIXTURES / "rules" / "TOC101-dangling-reference.yaml"))
    assert "TOC101" in data["text/html"]
    data, _ = display.format(tocmodel.analyse(model))
    assert 'data-section="completeness"' in data["text/html"]


def test_importing_tocmodel_inside_ipython_registers_the_displays() -> None:
    """As in Jupyter: IPython runs first, then `import tocmodel`; a model ending a cell shows as its diagram."""
    program = (
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance()\n"
        "import tocmodel\n"
        f"model = tocmodel.load({str(PILOT)!r})\n"
        "data, _ = shell.display_formatter.format(model)\n"
        "print(sorted(data))\n"
        f"data, _ = shell.display_formatter.format(tocmodel.check({str(PILOT)!r}))\n"
        "print(sorted(data))\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.splitlines() == ["['image/svg+xml', 'text/plain']", "['text/html', 'text/plain']"]
