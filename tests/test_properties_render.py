"""Random models through every renderer, and random damage to a model's text.

Valid models of every shape (see `model_strategies`) are written to a YAML file and loaded as users load
them, then validated, analysed and rendered by every renderer: diagrams in every view that applies (DOT,
Mermaid, and SVG and PNG through Graphviz's `dot`), the logframe in every format and style, the IATI
export and the analysis JSON. Nothing may raise, and each document must show every text it claims to show,
read back the way its readers read it (HTML parsed, Word through python-docx, Excel through openpyxl, SVG
and IATI XML parsed). Diagrams wrap titles at spaces (about 30 characters a line) and never cut them, so
a title's words appear in order, whitespace aside.

Broken model text (lines deleted, swapped or re-indented, truncated, wrong values, duplicated keys, random
bytes, tabs) gives a report of located diagnostics, never a traceback, in the library and on the command
line.

Example counts follow the Hypothesis profile (see tests/conftest.py): `--hypothesis-profile=fuzz` runs
many more.
"""

from __future__ import annotations

import html
import io
import json
import re
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import jsonschema  # type: ignore[import-untyped]
import openpyxl  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import tocmodel
from conftest import run_cli
from model_strategies import expected_texts, iter_causes, main_text, model_yaml, mutated, valid_models, write_model
from tocmodel import Model
from tocmodel.analysis import analyse
from tocmodel.analysis.export import analysis_json_schema, analysis_to_dict
from tocmodel.check import check, load_and_check
from tocmodel.diagnostics import Report
from tocmodel.interop.iati import export_iati, import_iati
from tocmodel.load.loader import load_report
from tocmodel.locations import Location
from tocmodel.render.diagram import diagram
from tocmodel.render.logframe import FORMATS, STYLES, logframe

EXAMPLES = settings().max_examples
"""Examples of the loaded profile: the tests below run this many, or a share of it when an example is slow."""
LOGFRAME_TEXTS = (
    "title",
    "root_causes",
    "interventions",
    "outputs",
    "outcomes",
    "impact",
    "indicators",
    "assumptions",
    "risks",
    "actors",
    "stages",
)
"""What a logframe shows (docs/logframe.md): every result, activity, indicator, assumption, risk with its
mitigation, actor and stage, the root causes in the coverage table, and the model's title."""
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def normal(text: str) -> str:
    """Whitespace collapsed: documents may wrap lines, the words and their order must stay."""
    return " ".join(text.split())


def missing_from(document: str, wanted: dict[str, str]) -> list[str]:
    shown = normal(document)
    return [f"{where}: {text!r}" for where, text in wanted.items() if normal(text) not in shown]


@contextmanager
def written(data: dict[str, Any], *, flow: bool = False) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield write_model(data, Path(folder), flow=flow)


def loaded(path: Path) -> Model:
    """The model as `tocmodel check` sees it: loaded from the file, no errors."""
    model, report = load_and_check(path)
    assert model is not None and report.ok, [d.format() for d in report.errors]
    assert tocmodel.validate(model).ok
    return model


def languages(data: dict[str, Any]) -> list[str]:
    return list(data["model"].get("languages", ["en"]))


# -- reading documents back -------------------------------------------------------------------------------


class _HtmlText(HTMLParser):
    """The text of an HTML page outside `<style>` and the embedded diagram."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: set[str] = set()
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.skipping += tag in ("svg", "style")
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.skipping -= tag in ("svg", "style")
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(content: bytes) -> str:
    parser = _HtmlText()
    parser.feed(content.decode("utf-8"))
    parser.close()
    assert "script" not in parser.tags
    return "".join(parser.parts)


def markdown_text(content: bytes) -> str:
    """Markdown as a reader sees it: backslash escapes undone (GitHub's rule: a backslash before punctuation)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", content.decode("utf-8").replace("<br>", " "))


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def xlsx_text(content: bytes) -> str:
    """The cells' text as Excel shows it: openpyxl leaves `_xHHHH_` (OOXML's escape of a character) as written,
    Excel reads it as that character."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    text = "\n".join(
        str(cell.value) for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row if cell.value
    )
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def document_text(output_format: str, content: bytes) -> str:
    readers = {"html": html_text, "md": markdown_text, "docx": docx_text, "xlsx": xlsx_text}
    return readers[output_format](content)


def svg_text(content: bytes) -> str:
    """The text an SVG shows: every `<text>` element, in document order (Graphviz writes one per line)."""
    root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    return " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))


def dot_text(content: bytes) -> str:
    """The text of DOT's HTML-like labels: line breaks and tags out, entities and doubled backslashes undone."""
    text = content.decode("utf-8").replace("\\\\", "\\")
    return html.unescape(re.sub(r"<[^<>]*>", " ", text))


_MERMAID_ENTITY = re.compile(r"#(quot|lt|gt|amp|\d+);")


def mermaid_text(content: bytes) -> str:
    named = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}
    text = content.decode("utf-8").replace("<br/>", " ")
    return _MERMAID_ENTITY.sub(lambda m: named.get(m.group(1)) or chr(int(m.group(1))), text)


# -- what each diagram view shows -------------------------------------------------------------------------


def _titles(data: dict[str, Any], ids: set[str]) -> dict[str, str]:
    """The titles of the given results, interventions and root causes."""
    found: dict[str, str] = {}
    for section in ("interventions", "outputs", "outcomes", "impact"):
        found |= {i: item["title"] for i, item in data.get(section, {}).items() if i in ids}
    causes = (data.get("problem") or {}).get("root_causes", {})
    found |= {i: cause["title"] for i, cause in iter_causes(causes) if i in ids}
    return {f"node {i}": main_text(text, languages(data)) for i, text in found.items()}


def _ancestry(data: dict[str, Any]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each node's successors along `leads_to` links, and each intervention's addressed causes."""
    after: dict[str, set[str]] = {}
    addressed: dict[str, set[str]] = {}
    for section in ("interventions", "outputs", "outcomes", "impact"):
        for item_id, item in data.get(section, {}).items():
            after[item_id] = {link if isinstance(link, str) else link["to"] for link in item.get("leads_to", [])}
            addressed[item_id] = set(item.get("addresses", []))
    return after, addressed


def _reach(start: set[str], step: dict[str, set[str]]) -> set[str]:
    seen, todo = set(start), list(start)
    while todo:
        for nxt in step.get(todo.pop(), set()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def views(data: dict[str, Any]) -> list[tuple[str, str | None, dict[str, str]]]:
    """Every view that applies to the model, with a focus where it needs one, and the texts it must show."""
    langs = languages(data)
    title = {"model title": main_text(data["model"]["title"], langs)}
    every = {i for s in ("interventions", "outputs", "outcomes", "impact") for i in data.get(s, {})}
    causes = {i for i, _ in iter_causes((data.get("problem") or {}).get("root_causes", {}))}
    stages = {f"stage {s}": main_text(stage["title"], langs) for s, stage in data.get("stages", {}).items()}
    used = {s for i in data["interventions"].values() if (s := i.get("stage"))}
    toc = {**title, **_titles(data, every | causes), **{k: v for k, v in stages.items() if k[6:] in used}}
    problem = {**title, **_titles(data, causes)}
    if data.get("problem"):
        problem["core"] = main_text(data["problem"]["core"], langs)
    shown: list[tuple[str, str | None, dict[str, str]]] = [("toc", None, toc), ("problem-tree", None, problem)]
    after, addressed = _ancestry(data)
    before: dict[str, set[str]] = {}
    for source, targets in after.items():
        for target in targets:
            before.setdefault(target, set()).add(source)
    focus = sorted(every)[len(every) // 2]
    path = _reach({focus}, after) | _reach({focus}, before)
    path |= {c for i in path for c in addressed.get(i, set())}
    shown.append(("pathway", focus, {**title, **_titles(data, path)}))
    for stage_id, stage in data.get("stages", {}).items():
        mine = {i for i, item in data["interventions"].items() if item.get("stage") == stage_id}
        downstream = _reach(mine, after) | {c for i in mine for c in addressed[i]}
        texts = {**title, f"stage {stage_id}": main_text(stage["title"], langs), **_titles(data, downstream)}
        shown.append(("stage", stage_id, texts))
        break
    for actor_id, actor in data.get("actors", {}).items():
        led = {
            i for i, item in data["interventions"].items() if actor_id in (item.get("lead"), *item.get("support", []))
        }
        outputs = {o for i in led for o in after[i]}
        shown.append(
            ("actor", actor_id, {**title, "actor": main_text(actor["name"], langs), **_titles(data, led | outputs)})
        )
        break
    plan = {**title, **stages}
    plan |= {
        f"node {i}": main_text(item["title"], langs) for i, item in data["interventions"].items() if item.get("stage")
    }
    shown.append(("plan", None, plan))
    return shown


def _legend(data: dict[str, Any], shown: dict[str, str]) -> dict[str, str]:
    """Statements of the assumptions on links between nodes a view shows (its legend lists them)."""
    ids = {where.removeprefix("node ") for where in shown}
    on_links: set[str] = set()
    for section in ("outputs", "outcomes"):
        for item_id, item in data.get(section, {}).items():
            for link in item.get("leads_to", []):
                if isinstance(link, dict) and item_id in ids and link["to"] in ids:
                    on_links |= set(link.get("assumptions", []))
    assumptions = data.get("assumptions", {})
    return {f"assumption {a}": main_text(assumptions[a]["statement"], languages(data)) for a in on_links}


# -- valid models: every renderer, every text --------------------------------------------------------------


def check_diagrams(model: Model, data: dict[str, Any], formats: tuple[str, ...]) -> None:
    readers = {"dot": dot_text, "mermaid": mermaid_text, "svg": svg_text}
    for view, focus, texts in views(data):
        wanted = texts | (_legend(data, texts) if view in ("toc", "pathway", "stage") else {})
        for output_format in formats:
            expected = wanted
            if output_format == "mermaid":
                if view not in ("toc", "pathway"):
                    continue
                # Mermaid has no stage clusters: the stage titles are not part of its flowchart.
                expected = {where: text for where, text in wanted.items() if not where.startswith("stage ")}
            drawing = diagram(model, view=view, focus=focus, output_format=output_format, engine="dot")
            if output_format == "png":
                assert drawing.content.startswith(PNG_SIGNATURE)
                continue
            shown = readers[output_format](drawing.content)
            assert missing_from(shown, expected) == [], (view, output_format)


def check_logframes(model: Model, data: dict[str, Any]) -> None:
    wanted = expected_texts(data, sections=LOGFRAME_TEXTS)
    for output_format in FORMATS:
        for style in STYLES:
            document = logframe(model, output_format=output_format, style=style, engine="dot")
            assert not [note for note in document.notes if "diagram" in note]  # the diagram was drawn
            shown = document_text(output_format, document.content)
            assert missing_from(shown, wanted) == [], (output_format, style)


def narratives(content: bytes) -> str:
    root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    return "\n".join(n.text or "" for n in root.iter("narrative"))


def iati_texts(data: dict[str, Any]) -> dict[str, str]:
    """Texts the IATI export carries, in every language they are written in: the title, and each result with
    an indicator (IATI needs one), its indicators and the assumptions it and its links rest on."""
    texts: dict[str, Any] = {"model title": data["model"]["title"]}
    assumptions = data.get("assumptions", {})
    for section in ("impact", "outcomes", "outputs"):
        for result_id, result in data.get(section, {}).items():
            if not result.get("indicators"):
                continue
            texts[f"{section} {result_id}"] = result["title"]
            for n, indicator in enumerate(result["indicators"]):
                texts[f"indicator {result_id}[{n}]"] = indicator["title"]
            linked = [
                a for link in result.get("leads_to", []) if isinstance(link, dict) for a in link.get("assumptions", [])
            ]
            for a in [*result.get("assumptions", []), *linked]:
                texts[f"assumption {a} of {result_id}"] = assumptions[a]["statement"]
    flat: dict[str, str] = {}
    for where, text in texts.items():
        for language, version in text.items() if isinstance(text, dict) else [("", text)]:
            flat[f"{where} {language}".strip()] = version
    return flat


def check_iati(model: Model, data: dict[str, Any], folder: Path) -> None:
    exported = export_iati(model)
    assert missing_from(narratives(exported.content), iati_texts(data)) == []
    path = folder / "activity.xml"
    path.write_bytes(exported.content)
    back = import_iati(path)
    assert back.model is not None
    # The importer takes a description for a title that looks like a code (`RDN0YDD`), and says so.
    as_code = {m.group(1) for note in back.notes if (m := re.search(r"result title `(.*)` is a code", note.format()))}
    langs = languages(data)
    for section in ("impact", "outcomes", "outputs"):
        carried = {i: main_text(r["title"], langs) for i, r in data.get(section, {}).items() if r.get("indicators")}
        again = {i: main_text(r.title, langs) for i, r in getattr(back.model, section).items()}
        assert set(again) == set(carried), section
        changed = {i for i in carried if normal(again[i]) != normal(carried[i]) and carried[i] not in as_code}
        assert changed == set(), [(carried[i], again[i]) for i in changed]


def check_analysis(model: Model, data: dict[str, Any]) -> None:
    taken = sorted(data["interventions"])[0]
    result = json.loads(json.dumps(analysis_to_dict(analyse(model, without=[taken])), ensure_ascii=False))
    jsonschema.validate(result, analysis_json_schema())
    results = {i for s in ("outputs", "outcomes", "impact") for i in data.get(s, {})}
    assert {r["result"] for r in result["pathways"]["results"]} == results
    assert {i["intervention"] for i in result["pathways"]["interventions"]} == set(data["interventions"])
    causes = {i for i, _ in iter_causes((data.get("problem") or {}).get("root_causes", {}))}
    assert {c["root_cause"] for c in result["coverage"]["causes"]} == causes
    own = {exposure["result"]: set(exposure["own"]) for exposure in result["risk"]}
    for risk_id, risk in data.get("risks", {}).items():
        for target in set(risk.get("affects", [])) - set(data.get("stages", {})):
            assert risk_id in own.get(target, set()), (risk_id, target)
    assert result["what_if"] is not None
    assert 0 <= result["completeness"]["score"] <= 100


@settings(max_examples=EXAMPLES)
@given(data=valid_models(), flow=st.booleans())
def test_a_valid_model_shows_every_text_in_every_document(data: dict[str, Any], flow: bool) -> None:
    with written(data, flow=flow) as path:
        model = loaded(path)
        check_analysis(model, data)
        check_diagrams(model, data, ("dot", "mermaid"))
        check_logframes(model, data)
        check_iati(model, data, path.parent)


@settings(max_examples=max(3, EXAMPLES // 2))
@given(data=valid_models())
def test_graphviz_draws_every_text_of_every_view(data: dict[str, Any]) -> None:
    with written(data) as path:
        check_diagrams(loaded(path), data, ("svg", "png"))


# -- broken text: a report, never a traceback --------------------------------------------------------------

BROKEN_BASES = valid_models().map(lambda data: model_yaml(data).encode("utf-8"))
NO_LINE = {"TOC006"}
"""Findings about the file as a whole (it is empty), which no line number would help locate."""


def located(report: Report, path: Path, text: bytes) -> None:
    """Every finding has a code, a message and (but for `NO_LINE`) a line and column in the file."""
    last_line = text.count(b"\n") + 1
    for diagnostic in report:
        assert re.fullmatch(r"TOC\d{3}", diagnostic.code), diagnostic
        assert diagnostic.message.strip(), diagnostic
        location = diagnostic.location
        assert location is not None and location.file == str(path), diagnostic.format()
        if diagnostic.code not in NO_LINE:
            assert 1 <= location.line <= last_line and location.column >= 1, diagnostic.format()


@settings(max_examples=EXAMPLES * 10)
@given(st.data())
def test_broken_model_text_gives_located_diagnostics(data: st.DataObject) -> None:
    text = data.draw(BROKEN_BASES.flatmap(mutated), label="broken text")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.yaml"
        path.write_bytes(text)
        report = check(path)
        located(report, path, text)
        again = load_report(path)
        assert (again.model is None) == (not again.report.ok)
        if again.model is not None:
            located(tocmodel.validate(again.model), path, text)


@settings(max_examples=max(3, EXAMPLES // 3))
@given(st.data())
def test_broken_model_text_on_the_command_line(data: st.DataObject) -> None:
    text = data.draw(BROKEN_BASES.flatmap(mutated), label="broken text")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.yaml"
        path.write_bytes(text)
        for command in (["check", str(path)], ["logframe", str(path), "-f", "md"]):
            result = run_cli(*command)
            output = result.stdout + result.stderr
            assert result.returncode in (0, 1), output
            assert "Traceback" not in output
            if result.returncode == 1:
                assert "error" in output.lower()


def test_a_control_character_is_located(tmp_path: Path) -> None:
    """Regression (found by the mutation test): a control character in the text was a TOC001 without a line."""
    path = tmp_path / "model.yaml"
    text = b'tocmodel: 1\nmodel:\n  id: m\n  title: "caf\xc3\xa9 \x01 bar"\n'
    path.write_bytes(text)
    [diagnostic] = check(path)
    assert (diagnostic.code, diagnostic.location) == ("TOC001", Location(str(path), 4, 16))
    assert "U+0001" in diagnostic.message and diagnostic.hint and "\\x01" in diagnostic.hint
    located(check(path), path, text)


def test_the_document_readers_find_a_known_title() -> None:
    """The readers above read real documents: the shipped minimal model's title is found in each format."""
    model = tocmodel.load(Path(__file__).resolve().parent.parent / "models" / "minimal.yaml")
    for output_format in FORMATS:
        content = logframe(model, output_format=output_format, engine="dot").content
        if output_format in ("docx", "xlsx"):
            assert zipfile.is_zipfile(io.BytesIO(content))
        assert "Smallest complete model" in document_text(output_format, content)
        assert "No collection points" in document_text(output_format, content)
