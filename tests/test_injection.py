"""Injection through every output: model texts written to be read as HTML, JavaScript, DOT, XML, Jinja,
spreadsheet formulas, Markdown or terminal commands come out of every command as the same text, and never as
markup, code, a formula or an escape sequence, nor as an invalid file.

One model per payload family, every text field of which holds the family's payloads, goes once through every
output of the real command line (diagrams in each view and format, logframes in each format and style,
analysis, IATI export, check) and the preview's details. A plain model of the same shape gives each output's
structure: a payload that adds an element, a node, a table cell or a line shows up as a difference from it.
Each family is one row of docs/reliability.md (`RELIABILITY_CASES`).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
import lxml.html
import openpyxl  # type: ignore[import-untyped]
import pytest
import yaml
from click.testing import CliRunner
from lxml import etree
from markdown_it import MarkdownIt

from conftest import ROOT
from reliability import Case, case_ids
from tocmodel import load
from tocmodel.cli import main
from tocmodel.i18n import messages as fixed_texts
from tocmodel.serve.details import model_details

AREA = "Injection through every output"
XSD = ROOT / "src" / "tocmodel" / "interop" / "iati" / "schema-2.03" / "iati-activities-schema.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
VIEWS = {
    "toc": (),
    "problem-tree": (),
    "pathway": ("--focus", "oc-1"),
    "stage": ("--focus", "st-1"),
    "actor": ("--focus", "moe"),
    "plan": (),
}
"""Every view of `tocmodel diagram`, with a focus where it needs one."""
MERMAID_VIEWS = ("toc", "pathway")
STYLES = ("eu", "undp", "dfid")


# -- the payload families -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Family:
    """Hostile texts of one kind, and how the model carries them."""

    case: Case
    payloads: tuple[str, ...]
    whole: bool = False
    """Each text is exactly one payload (formulas must start a cell); else every payload, in turn first."""
    lang: str | None = None
    """The texts are the translations in this language (the main language's are plain), rendered in it."""

    def text(self, slot: int) -> str:
        """The text of the `slot`-th text field of the model."""
        turn = slot % len(self.payloads)
        if self.whole:
            return self.payloads[turn]
        return " ".join(self.payloads[turn:] + self.payloads[:turn])


def _case(name: str, given: str, behaviour: str) -> Case:
    return Case(id=f"inject-{name}", area=AREA, given=given, behaviour=behaviour)


FAMILIES = [
    Family(
        _case(
            "html",
            "HTML in every text: `<script>alert(1)</script>`, `<img src=x onerror=alert(1)>`, "
            '`"><svg onload=alert(1)>`, `<iframe>`, a closing `</td></table>`',
            "Shown as the same characters in every output: escaped in SVG, HTML and DOT (HTML-like labels), "
            "backslash-escaped in Markdown, whole in its Word and Excel cell; no `<script>`, `<iframe>` or `on…` "
            "attribute anywhere; HTML and rendered Markdown have exactly the plain model's elements, diagrams "
            "its nodes and edges; `analyse` names ids only, as for the plain model",
        ),
        (
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            '"><svg onload=alert(1)>',
            "<iframe srcdoc='<b>x</b>'></iframe>",
            "</td></tr></table><style>*{}</style>",
        ),
    ),
    Family(
        _case(
            "javascript-url",
            "`javascript:alert(1)`, `JaVaScRiPt:` and `data:` URLs, an `<a href=…>` around one",
            "Text, never a link: no `href`, `src` or `xlink:href` in any SVG, HTML or rendered Markdown page "
            "holds a `javascript:` or `data:` URL, and no page has an element the plain model's lacks; the "
            "preview's details return the text as written, for the page to show with `textContent`",
        ),
        (
            "javascript:alert(1)",
            '<a href="javascript:alert(1)">click</a>',
            "JaVaScRiPt:alert(2)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "<svg><a xlink:href='javascript:alert(3)'>x</a></svg>",
        ),
    ),
    Family(
        _case(
            "entities",
            "Text already escaped: `&amp;`, `&lt;script&gt;`, `&#60;b&#62;`, `&#x3C;`, `&quot;`, `&nbsp;`, `AT&T`",
            "Escaped once more wherever it is markup, so every reader shows `&amp;` as typed, never `&` or `<`: "
            "SVG, HTML, DOT, Mermaid, IATI narratives, Markdown (written `\\&amp;`, shown `&amp;`), Word and Excel",
        ),
        ("&amp;", "&lt;script&gt;", "&#60;b&#62;", "&#x3C;i&#x3E;", "&quot;", "&nbsp;", "AT&T", "&copy"),
    ),
    Family(
        _case(
            "dot",
            'DOT syntax: `"`, `\\"`, `\\n`, `\\l`, `\\N \\G \\E`, `{}`, `];`, `->`, `<b>html-like</b>`, '
            "`digraph x {}`, a trailing backslash",
            "Inside HTML-like labels as entities with backslashes doubled: Graphviz's `dot` lays out the DOT "
            "text without a warning, draws the same nodes and edges as for the plain model and shows the "
            "characters as written",
        ),
        (
            'say "hi"',
            'back\\"slash',
            "\\n",
            "\\l",
            "\\N \\G \\E \\T \\H \\L",
            "{braces}",
            "];",
            "a -> b",
            "<b>html-like</b>",
            "digraph x {}",
            '"; label="x" ]',
            "subgraph cluster_x { y }",
            "end\\",
        ),
    ),
    Family(
        _case(
            "xml",
            'XML markup: `<!DOCTYPE x [<!ENTITY e "boom">]>`, `&e;`, `]]>`, `<![CDATA[x]]>`, '
            "`<?xml …?>`, `<!-- -->`, `</narrative>`",
            "Character data in every XML output: the IATI file has no DOCTYPE or entity, is valid against the "
            "IATI schema and its narratives hold the text; SVG, Word and Excel files parse and show it; `boom` "
            "appears in no output but inside the quoted declaration",
        ),
        (
            '<!DOCTYPE x [<!ENTITY e "boom">]>',
            "&e;",
            "]]>",
            "<![CDATA[x]]>",
            '<?xml version="1.0"?>',
            "<!-- c -->",
            "</narrative>",
            "xmlns:x='urn:x'",
        ),
    ),
    Family(
        _case(
            "xml-forbidden-characters",
            "Characters XML 1.0 forbids (written as YAML escapes): U+0000, U+0001, U+000B, U+001F, U+FFFE, "
            "U+FFFF, U+007F",
            "Never an invalid file: HTML, Markdown, Word, Excel and the IATI narratives show each as a visible "
            "escape (`\\x01`, `\\ufffe`); drawings show a space in its place; U+007F, which XML allows, stays "
            "in documents; `check` quotes the controls among them escaped; the rest of the text is kept",
        ),
        ("nul\x00", "soh\x01", "vt\x0b", "us\x1f", "nonchar\ufffe", "nonchar\uffff", "del\x7f"),
    ),
    Family(
        _case(
            "jinja",
            "Template code: `{{ 7*7 }}`, `{% for x in y %}`, `{#`, `{{ self.__init__ }}`, `{% raw %}`, "
            "`{{ lf.title }}`",
            "Data, never template code: every output shows it as written, and `49`, a bound method or a class "
            "list appears in none",
        ),
        (
            "{{ 7*7 }}",
            "{% for x in y %}",
            "{#",
            "{{ self.__init__ }}",
            "{% raw %}",
            "{{ lf.title }}",
            "{{ ''.__class__.__mro__ }}",
            "#}",
            "{%- endraw %}",
        ),
    ),
    Family(
        _case(
            "formula",
            "A whole text, baseline or target that is a spreadsheet formula: `=1+1`, "
            '`=HYPERLINK("http://x","y")`, `+1`, `-1+2`, `@SUM(A1)`, `=cmd|\' /C calc\'!A0`, a tab then `=1+1`',
            'Each Excel cell holds the text as an inline string (`t="inlineStr"`, read back as `data_type "s"`), '
            "styled with the quote prefix, and no sheet has an `<f>`: Excel shows it and never computes it; Word "
            "and the other outputs show it as written",
        ),
        ("=1+1", '=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)", "=cmd|' /C calc'!A0", "\t=1+1"),
        whole=True,
    ),
    Family(
        _case(
            "markdown",
            "Markdown: `| pipes |`, `**bold**`, `[link](javascript:alert(1))`, backticks and a fence, a "
            "leading `#`, `1.`, `-`, `>`, `![img](x)`, `<br>`",
            "Backslash-escaped in the Markdown logframe: a Markdown renderer shows the characters, every table "
            "row keeps its column count, and the rendered page has the plain model's elements only",
        ),
        (
            "| pipes |",
            "**bold**",
            "[link](javascript:alert(1))",
            "`code`",
            "```",
            "# heading",
            "1. item",
            "- item",
            "> quote",
            "![img](x)",
            "<br>",
            "~~strike~~",
            "_em_",
            "\\|",
        ),
    ),
    Family(
        _case(
            "terminal",
            "Terminal escapes: ANSI `ESC[2J` and colours, an OSC 8 link, C1 `CSI`, backspace, bell, and the "
            "bidirectional controls U+202E and U+2066",
            "`tocmodel check` quotes such text with each control shown as `\\x1b` or `\\u202e`, never sent to "
            "the terminal, as do the notes of `export iati`; `check --format json` writes them as `\\u` "
            "escapes; documents show the C0 controls as `\\x1b`, drawings as spaces",
        ),
        (
            "\x1b[2J",
            "\x1b[41;97mred",
            "\x1b]8;;http://x\x07link\x1b]8;;\x07",
            "\u202eevil",
            "\u2066isolated\u2069",
            "\x9b31m",
            "\x08\x08back",
        ),
    ),
    Family(
        _case(
            "second-language",
            "HTML, Jinja, DOT, entity, XML, Markdown and formula payloads in the French texts of a model in "
            "English and French, rendered with `--lang fr`",
            "The French texts come out exactly as the main language's would: escaped in SVG, HTML, DOT, "
            'Markdown and XML (IATI `narrative xml:lang="fr"`), as strings in Excel',
        ),
        (
            "<script>alert(1)</script>",
            "{{ 7*7 }}",
            'guillemets "» \\N {x}',
            "&amp;",
            "]]>",
            "| pipe |",
            "**gras**",
            "=1+1",
        ),
        lang="fr",
    ),
]
RELIABILITY_CASES = [family.case for family in FAMILIES]
PLAIN = Family(_case("plain", "", ""), ("plain words",))
"""The same model with harmless texts: the structure every output must keep."""


# -- the models ---------------------------------------------------------------------------------------------


def model_data(family: Family) -> dict[str, Any]:
    """A small complete model whose every text field (and every text value) holds `family`'s payloads."""
    slots = iter(range(1000))

    def text() -> str | dict[str, str]:
        slot = next(slots)
        return {"en": f"Plain text {slot}", family.lang: family.text(slot)} if family.lang else family.text(slot)

    def value() -> str:
        return family.text(next(slots))

    indicator = {
        "title": text(),
        "description": text(),
        "unit": value(),
        "measure": "qualitative",
        "baseline": {"value": value(), "year": 2026, "note": text()},
        "targets": {2029: value(), 2031: value()},
        "current": {"value": value(), "year": 2027},
        "source": text(),
        "responsible": "moe",
        "disaggregation": [value()],
    }
    return {
        "tocmodel": 1,
        "model": {
            "id": "hostile",
            "title": text(),
            "description": text(),
            "start": 2027,
            "version": value(),
            "date": "2026-01-01",
            "languages": ["en", family.lang] if family.lang else ["en"],
        },
        "actors": {
            "moe": {"name": text(), "short": value(), "type": "ministry", "description": text()},
            "ngo": {"name": text(), "type": "ngo"},
        },
        "stages": {
            "st-1": {
                "title": text(),
                "years": "1-5",
                "description": text(),
                "deliverables": [text()],
                "entry_criteria": [text()],
            }
        },
        "problem": {
            "core": text(),
            "description": text(),
            "root_causes": {
                "rc-1": {
                    "title": text(),
                    "description": text(),
                    "evidence": text(),
                    "causes": {"rc-2": {"title": text()}},
                }
            },
        },
        "interventions": {
            "i-1": {
                "title": text(),
                "description": text(),
                "stage": "st-1",
                "addresses": ["rc-1", "rc-2"],
                "lead": "moe",
                "support": ["ngo"],
                "leads_to": ["o-1"],
            }
        },
        "outputs": {
            "o-1": {
                "title": text(),
                "description": text(),
                "indicators": [indicator],
                "leads_to": [{"to": "oc-1", "assumptions": ["a-1"], "evidence": text()}],
            }
        },
        "outcomes": {
            "oc-1": {
                "title": text(),
                "description": text(),
                "indicators": [
                    {
                        "title": text(),
                        "unit": value(),
                        "baseline": {"value": value(), "year": 2026},
                        "targets": {2031: value()},
                        "source": text(),
                    }
                ],
                "leads_to": [{"to": "im-1", "assumptions": ["a-2"]}],
            }
        },
        "impact": {
            "im-1": {
                "title": text(),
                "description": text(),
                "indicators": [
                    {
                        "title": text(),
                        "unit": value(),
                        "baseline": {"value": 1, "year": 2026},
                        "targets": {2031: 2},
                        "source": text(),
                    }
                ],
            }
        },
        "assumptions": {"a-1": {"statement": text(), "evidence": text()}, "a-2": {"statement": text()}},
        "risks": {
            "r-1": {
                "statement": text(),
                "category": "political",
                "likelihood": 5,
                "impact": 4,
                "affects": ["o-1"],
                "mitigation": text(),
                "owner": "moe",
            }
        },
    }


def quoted(family: Family) -> list[str]:
    """The texts `check` quotes from the broken model: a number's, an id's (one payload: ids are short), a field
    name's."""
    return [family.text(0), family.payloads[1 % len(family.payloads)], family.text(2)]


def broken_data(family: Family) -> dict[str, Any]:
    """The model with three errors `check` quotes: a text for a number, a text for an id, a text as a field name."""
    data = model_data(family)
    weighting, lead, field_name = quoted(family)
    data["outputs"]["o-1"]["weighting"] = weighting
    data["interventions"]["i-1"]["lead"] = lead
    data["actors"]["ngo"][field_name] = "field"
    return data


def in_language(text: str | dict[str, str], family: Family) -> str:
    """What a document in the family's language shows of a model text."""
    return text[family.lang] if isinstance(text, dict) and family.lang else str(text)


def write_model(data: dict[str, Any], path: Path) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# -- running every output once per family -------------------------------------------------------------------


@dataclass
class Outputs:
    """Everything tocmodel writes for one family's model."""

    data: dict[str, Any]
    svg: dict[str, bytes] = field(default_factory=dict)
    """View → SVG laid out by Graphviz's `dot`; `toc-pure` by graphviz-pure."""
    dot: bytes = b""
    dot_layout: subprocess.CompletedProcess[bytes] | None = None
    """Graphviz's `dot -Tsvg` run on the DOT text."""
    png: bytes = b""
    mermaid: dict[str, str] = field(default_factory=dict)
    html: dict[str, bytes] = field(default_factory=dict)
    md: dict[str, str] = field(default_factory=dict)
    docx: dict[str, bytes] = field(default_factory=dict)
    xlsx: dict[str, bytes] = field(default_factory=dict)
    analysis: str = ""
    analysis_json: str = ""
    iati: bytes = b""
    check: str = ""
    check_json: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    stderr: list[str] = field(default_factory=list)
    """What the commands wrote to standard error."""


def invoke(outputs: Outputs, *args: str, exit_code: int = 0) -> str:
    """Run the command line in this process (on a colour terminal) and return its standard output."""
    result = CliRunner().invoke(main, list(args), color=True)
    assert result.exit_code == exit_code, (args, result.output, result.exception)
    outputs.stderr.append(result.stderr)
    return result.stdout


def render(family: Family, folder: Path) -> Outputs:
    """Run every output of tocmodel on the family's model; files go to `folder`."""
    data = model_data(family)
    model = str(write_model(data, folder / "model.yaml"))
    lang = ("--lang", family.lang) if family.lang else ()
    got = Outputs(data)

    def written(command: str, name: str, *args: str) -> bytes:
        invoke(got, command, model, *lang, *args, "-o", str(folder / name))
        return (folder / name).read_bytes()

    for view, focus in VIEWS.items():
        got.svg[view] = written("diagram", f"{view}.svg", "--view", view, *focus, "--engine", "dot")
    got.svg["toc-pure"] = written("diagram", "toc-pure.svg", "--engine", "graphviz-pure")
    got.dot = written("diagram", "toc.dot", "-f", "dot")
    got.dot_layout = subprocess.run(["dot", "-Tsvg"], input=got.dot, capture_output=True, timeout=60, check=False)
    got.png = written("diagram", "toc.png", "-f", "png", "--engine", "dot")
    for view in MERMAID_VIEWS:
        got.mermaid[view] = written("diagram", f"{view}.mmd", "-f", "mermaid", "--view", view, *VIEWS[view]).decode()
    for style in STYLES:
        for output_format in ("html", "md", "docx", "xlsx"):
            content = written("logframe", f"{style}.{output_format}", "-f", output_format, "--style", style)
            if output_format == "md":
                got.md[style] = content.decode("utf-8")
            else:
                getattr(got, output_format)[style] = content
    got.analysis = invoke(got, "analyse", model)
    got.analysis_json = invoke(got, "analyse", model, "--format", "json")
    invoke(got, "export", "iati", model, "-o", str(folder / "iati.xml"))
    got.iati = (folder / "iati.xml").read_bytes()
    broken = str(write_model(broken_data(family), folder / "broken.yaml"))
    got.check = invoke(got, "check", broken, exit_code=1)
    got.check_json = invoke(got, "check", broken, "--format", "json", exit_code=1)
    got.details = json.loads(json.dumps(model_details(load(model), lang=family.lang, version=1)))
    return got


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Family], Outputs]:
    """Each family's outputs, rendered on first use."""
    done: dict[str, Outputs] = {}

    def outputs(family: Family) -> Outputs:
        if family.case.id not in done:
            done[family.case.id] = render(family, tmp_path_factory.mktemp(family.case.id))
        return done[family.case.id]

    return outputs


# -- how each kind of output shows a text -------------------------------------------------------------------

_NOT_IN_DOCUMENTS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 cannot hold: documents show these as `\\x01` (or `\\ufffe`)."""
_NOT_IN_DRAWINGS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""What a drawing cannot hold: shown as a space."""
_NOT_ON_TERMINALS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Controls and bidirectional marks: `check` shows them as `\\x1b` or `\\u202e`."""
_CLICK_STYLES = re.compile("\x1b\\[(0|1|3[1-4])m")
"""The colours and bold `check` itself prints its findings in."""


def escaped(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def in_documents(text: str) -> str:
    """A text as HTML, Markdown, Word, Excel and IATI show it."""
    return _NOT_IN_DOCUMENTS.sub(lambda match: escaped(match.group()), text)


def in_drawings(text: str) -> str:
    """A text as SVG, PNG, DOT and Mermaid show it."""
    return _NOT_IN_DRAWINGS.sub(" ", text)


def on_terminals(text: str) -> str:
    """A text as `tocmodel check` prints it."""
    return _NOT_ON_TERMINALS.sub(lambda match: escaped(match.group()), text)


def normal(text: str) -> str:
    return " ".join(text.split())


def missing(family: Family, shown: str, show: Callable[[str], str]) -> list[str]:
    """The family's payloads that `shown` lacks, each as `show` would write it (white space aside)."""
    text = normal(shown)
    return [payload for payload in family.payloads if normal(show(payload)) not in text]


# -- reading outputs back -----------------------------------------------------------------------------------

SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "background", "poster", "xlink:href"}
"""Attributes whose value a browser follows or loads (`href` is also the local name of `xlink:href`)."""


def active_content(root: Any) -> list[str]:
    """Elements and attributes in an HTML or SVG tree that run code or lead to a script URL."""
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = local_name(element.tag)
        if name in ("script", "iframe", "object", "embed", "foreignobject"):
            found.append(f"<{name}>")
        for attribute, value in element.attrib.items():
            attribute = local_name(attribute)
            if attribute.startswith("on") or attribute == "srcdoc":
                found.append(f"<{name} {attribute}=…>")
            if attribute in URL_ATTRIBUTES and re.match(r"\s*(javascript|data|vbscript):", value, re.IGNORECASE):
                found.append(f"<{name} {attribute}={value!r}>")
    return found


def local_name(name: str) -> str:
    """An element's or attribute's name without its namespace URI (`xlink:href` stays as written)."""
    return name.rpartition("}")[2].lower()


def svg_tree(content: bytes) -> Any:
    return etree.fromstring(content, SAFE_XML)


def svg_shapes(root: Any) -> list[tuple[str, str]]:
    """The nodes, edges and clusters Graphviz drew, by class and title (ids only, never model text)."""
    return [
        (group.get("class"), group.findtext("{http://www.w3.org/2000/svg}title"))
        for group in root.iter("{http://www.w3.org/2000/svg}g")
        if group.get("class") in ("node", "edge", "cluster")
    ]


def svg_text(root: Any) -> str:
    return " ".join(text.text or "" for text in root.iter("{http://www.w3.org/2000/svg}text"))


def html_tree(content: bytes) -> Any:
    return lxml.html.document_fromstring(content)


def without_svg(root: Any) -> Any:
    """The page with its embedded diagram taken out (its text wraps differently for every text)."""
    for drawing in root.xpath("//svg"):
        drawing.drop_tree()
    return root


def html_skeleton(root: Any) -> list[tuple[str, list[str]]]:
    """Every element of the page in order, with its attribute names."""
    return [(str(element.tag), sorted(element.attrib)) for element in root.iter() if isinstance(element.tag, str)]


MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
"""A Markdown renderer as GitHub's: raw HTML passes through, so unescaped markup would show up as elements."""


def markdown_tree(text: str) -> Any:
    return lxml.html.fragment_fromstring(MARKDOWN.render(text), create_parent="div")


def prose(root: Any) -> Any:
    """A rendered Markdown page without its code blocks (the Mermaid diagram, checked as such)."""
    for block in root.xpath("//pre"):
        block.drop_tree()
    return root


def unescaped_pipes(line: str) -> int:
    """Column separators of a Markdown table row: pipes not escaped with a backslash."""
    return len(re.findall(r"(?<!\\)\|", line))


def table_rows(text: str) -> Iterator[list[str]]:
    """The rows of each Markdown table, table by table."""
    rows: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            rows.append(line)
        elif rows:
            yield rows
            rows = []


def mermaid_unescape(text: str) -> str:
    names = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}
    text = text.replace("<br/>", " ")
    return re.sub(r"#(\w+);", lambda match: names.get(match[1]) or chr(int(match[1])), text)


def mermaid_labels(text: str) -> list[str]:
    return re.findall(r'"([^"]*)"', text)


def docx_tables(content: bytes) -> list[list[list[str]]]:
    document = docx.Document(io.BytesIO(content))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell for table in docx_tables(content) for row in table for cell in row]
    return "\n".join([*(paragraph.text for paragraph in document.paragraphs), *cells])


def xlsx_sheets(content: bytes) -> dict[str, list[list[Any]]]:
    """Sheet name → rows of openpyxl cells."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {sheet.title: [list(row) for row in sheet.iter_rows()] for sheet in workbook}


def sheet_xml(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")}


def by_id(rows: list[list[str]], id_column: str) -> dict[str, dict[str, str]]:
    """The body rows of a table with a header row, keyed by the value in `id_column`."""
    headers = rows[0]
    column = headers.index(id_column)
    return {row[column]: dict(zip(headers, row, strict=False)) for row in rows[1:]}


def expected_cells(data: dict[str, Any], family: Family) -> dict[str, dict[str, dict[str, str]]]:
    """Cells of the Word and Excel tables whose value is one model text: table (by its first header) → id →
    column → text (in the document's language)."""
    indicator = data["outcomes"]["oc-1"]["indicators"][0]
    risk, assumption = data["risks"]["r-1"], data["assumptions"]["a-1"]
    return {
        "Unit": {
            "1a": {  # outcome 1's first indicator, `oc-1.1` in the model
                "Indicator": in_language(indicator["title"], family),
                "Unit": indicator["unit"],
                "2031": indicator["targets"][2031],
                "Source": in_language(indicator["source"], family),
            }
        },
        "Mitigation": {
            "r-1": {
                "Risk": in_language(risk["statement"], family),
                "Mitigation": in_language(risk["mitigation"], family),
                "Owner": in_language(data["actors"]["moe"]["name"], family),
            }
        },
        "Criticality": {
            "a-1": {
                "Assumption": in_language(assumption["statement"], family),
                "Evidence": in_language(assumption["evidence"], family),
            }
        },
        "Name": {"moe": {"Name": in_language(data["actors"]["moe"]["name"], family)}},
        "Root cause": {"C1": {"Root cause": in_language(data["problem"]["root_causes"]["rc-1"]["title"], family)}},
    }


def wrong_cells(tables: list[list[list[str]]], data: dict[str, Any], family: Family) -> list[str]:
    """Where a table cell is not exactly the model text it shows."""
    wrong: list[str] = []
    say = fixed_texts(family.lang)  # the tables' headings are in the document's language
    for header, rows in expected_cells(data, family).items():
        table = next((t[t.index(r) :] for t in tables for r in t if say(header) in r), None)
        if table is None:
            wrong.append(f"no table with a {say(header)!r} column")
            continue
        found = by_id(table, next(say(h) for h in ("ID", "Actor id", "#") if say(h) in table[0]))
        for row_id, cells in rows.items():
            for column, text in cells.items():
                shown = found.get(row_id, {}).get(column if column.isdigit() else say(column))
                if shown != in_documents(text):
                    wrong.append(f"{header} table, {row_id}, {column}: {shown!r}")
    return wrong


# -- what every output must do with every family ------------------------------------------------------------

Check = Callable[[Family, Outputs, Outputs], None]


def svg_diagrams(family: Family, got: Outputs, plain: Outputs) -> None:
    """Each view parses as SVG, runs nothing, draws what the plain model's does, and shows the text."""
    texts = []
    for view, content in got.svg.items():
        root = svg_tree(content)
        assert active_content(root) == [], view
        assert svg_shapes(root) == svg_shapes(svg_tree(plain.svg[view])), view
        texts.append(svg_text(root))
        if not family.whole:
            assert missing(family, texts[-1], in_drawings) == [], view
    assert missing(family, " ".join(texts), in_drawings) == []


def dot_text(family: Family, got: Outputs, plain: Outputs) -> None:
    """Graphviz's own `dot` lays the DOT text out without a word on standard error, as for the plain model."""
    assert got.dot_layout is not None and plain.dot_layout is not None
    assert (got.dot_layout.returncode, got.dot_layout.stderr) == (0, b"")
    root = svg_tree(got.dot_layout.stdout)
    assert svg_shapes(root) == svg_shapes(svg_tree(plain.dot_layout.stdout))
    assert active_content(root) == []
    assert missing(family, svg_text(root), in_drawings) == [] or family.whole


def png_picture(family: Family, got: Outputs, plain: Outputs) -> None:
    assert got.png.startswith(b"\x89PNG\r\n\x1a\n") and got.png[12:16] == b"IHDR"
    assert int.from_bytes(got.png[16:20], "big") > 0 and int.from_bytes(got.png[20:24], "big") > 0


def mermaid_text(family: Family, got: Outputs, plain: Outputs) -> None:
    """Every text stays inside its double-quoted label: the lines are the plain model's, labels aside."""
    shown = []
    for view, text in got.mermaid.items():
        title, *lines = text.splitlines()
        plain_lines = plain.mermaid[view].splitlines()[1:]
        assert title.startswith("%% ") and "%%" not in title[3:] and "\n" not in title
        blank = [re.sub(r'"[^"]*"', '""', line) for line in lines]
        assert blank == [re.sub(r'"[^"]*"', '""', line) for line in plain_lines], view
        labels = mermaid_labels(text)
        assert not any(set(label.replace("<br/>", "")) & set("<>`") for label in labels), view
        shown += [mermaid_unescape(label) for label in labels] + [mermaid_unescape(title[3:])]
    assert missing(family, " ".join(shown), in_drawings) == []


def html_logframes(family: Family, got: Outputs, plain: Outputs) -> None:
    """The page parses, runs nothing, has the plain model's elements, and shows every text once escaped."""
    for style, content in got.html.items():
        root = html_tree(content)
        assert active_content(root) == [], style
        page = without_svg(root)
        assert html_skeleton(page) == html_skeleton(without_svg(html_tree(plain.html[style]))), style
        assert missing(family, page.text_content(), in_documents) == [], style


def markdown_logframes(family: Family, got: Outputs, plain: Outputs) -> None:
    """Every table row has its header's columns, and a renderer shows the text with the plain model's elements."""
    for style, text in got.md.items():
        for rows in table_rows(text):
            assert len({unescaped_pipes(row) for row in rows}) == 1, (style, rows)
        root = markdown_tree(text)
        assert active_content(root) == [], style
        assert html_skeleton(root) == html_skeleton(markdown_tree(plain.md[style])), style
        assert missing(family, prose(root).text_content(), in_documents) == [], style


def word_documents(family: Family, got: Outputs, plain: Outputs) -> None:
    """The same tables as for the plain model, each text whole in its own cell."""
    for style, content in got.docx.items():
        tables = docx_tables(content)
        shape = [(len(table), len(table[0])) for table in tables]
        assert shape == [(len(table), len(table[0])) for table in docx_tables(plain.docx[style])], style
        assert wrong_cells(tables, got.data, family) == [], style
        assert missing(family, docx_text(content), in_documents) == [], style


def excel_workbooks(family: Family, got: Outputs, plain: Outputs) -> None:
    """The plain model's sheets; every text a string cell (never a formula), whole in its own cell."""
    for style, content in got.xlsx.items():
        sheets = xlsx_sheets(content)
        shape = [(len(rows), len(rows[0])) for rows in sheets.values()]  # the names are in the document's language
        assert shape == [(len(rows), len(rows[0])) for rows in xlsx_sheets(plain.xlsx[style]).values()]
        cells = [cell for rows in sheets.values() for row in rows for cell in row if cell.value is not None]
        assert {cell.data_type for cell in cells if isinstance(cell.value, str)} == {"s"}, style
        for name, xml in sheet_xml(content).items():
            assert not re.search(rb"<f[ >]|t=\"(str|e)\"", xml), (style, name)
        tables = [[["" if c.value is None else str(c.value) for c in row] for row in rows] for rows in sheets.values()]
        assert wrong_cells(tables, got.data, family) == [], style
        assert missing(family, "\n".join(str(cell.value) for cell in cells), in_documents) == [], style


def analysis(family: Family, got: Outputs, plain: Outputs) -> None:
    """The analysis names results by id, never by text: the same output as for the plain model."""
    assert got.analysis == plain.analysis and "o-1" in got.analysis
    assert json.loads(got.analysis_json) == json.loads(plain.analysis_json)


def iati_file(family: Family, got: Outputs, plain: Outputs) -> None:
    """Valid against the shipped IATI schema, no DOCTYPE or entity, the texts in the narratives of their language."""
    root = etree.fromstring(got.iati, SAFE_XML)
    tree = root.getroottree()
    assert tree.docinfo.doctype == "" and tree.docinfo.internalDTD is None
    assert not any(isinstance(node, etree._Entity) for node in root.iter())
    assert etree.XMLSchema(etree.parse(str(XSD))).validate(tree), "not valid against the IATI schema"
    main_language = [n for n in root.iter("narrative") if n.get(XML_LANG, "en") == "en"]
    assert len(main_language) == len(list(etree.fromstring(plain.iati, SAFE_XML).iter("narrative")))
    narratives = [n.text or "" for n in root.iter("narrative") if n.get(XML_LANG, "en") == (family.lang or "en")]
    assert missing(family, "\n".join(narratives), in_documents) == []


def check_output(family: Family, got: Outputs, plain: Outputs) -> None:
    """`check` quotes the texts of its three findings with controls escaped; its JSON carries them exactly."""
    assert not _NOT_ON_TERMINALS.search(_CLICK_STYLES.sub("", got.check)), repr(got.check)
    findings = normal("\n".join(line for line in got.check.splitlines() if " error: " in line))
    assert [text for text in quoted(family) if normal(on_terminals(text)) not in findings] == []
    assert not re.search("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", got.check_json)
    messages = [finding["message"] for finding in json.loads(got.check_json)["diagnostics"]]
    assert len(messages) == 3
    assert [text for text in quoted(family) if not any(text in message for message in messages)] == []


def preview_details(family: Family, got: Outputs, plain: Outputs) -> None:
    """The preview's details endpoint returns each text exactly as written (the page shows it with textContent)."""
    nodes, data = got.details["nodes"], got.data
    assert got.details["title"] == in_language(data["model"]["title"], family)
    assert nodes["o-1"]["title"] == in_language(data["outputs"]["o-1"]["title"], family)
    indicator = nodes["oc-1"]["indicators"][0]
    assert indicator["unit"] == data["outcomes"]["oc-1"]["indicators"][0]["unit"]
    assert indicator["source"] == in_language(data["outcomes"]["oc-1"]["indicators"][0]["source"], family)
    risk = nodes["o-1"]["risks"][0]
    assert risk["mitigation"] == in_language(data["risks"]["r-1"]["mitigation"], family)
    assert nodes["moe"]["title"] == in_language(data["actors"]["moe"]["name"], family)


def messages(family: Family, got: Outputs, plain: Outputs) -> None:
    """What any command says on standard error (notes quoting values, for one) sends no control either."""
    for said in got.stderr:
        assert not _NOT_ON_TERMINALS.search(_CLICK_STYLES.sub("", said)), repr(said)


CHECKS: list[Check] = [
    svg_diagrams,
    dot_text,
    png_picture,
    mermaid_text,
    html_logframes,
    markdown_logframes,
    word_documents,
    excel_workbooks,
    analysis,
    iati_file,
    check_output,
    messages,
    preview_details,
]
"""What every output must do with every family's texts."""


# -- and what some outputs must do with some families -------------------------------------------------------


def shown_texts(got: Outputs) -> dict[str, str]:
    """The text a reader sees in each output: output name → text."""
    shown = {f"{view}.svg": svg_text(svg_tree(content)) for view, content in got.svg.items()}
    shown |= {
        f"{view}.mmd": " ".join(map(mermaid_unescape, mermaid_labels(text))) for view, text in got.mermaid.items()
    }
    for style in STYLES:
        shown[f"{style}.html"] = html_tree(got.html[style]).text_content()
        shown[f"{style}.md"] = prose(markdown_tree(got.md[style])).text_content()
        shown[f"{style}.docx"] = docx_text(got.docx[style])
        cells = [c.value for rows in xlsx_sheets(got.xlsx[style]).values() for row in rows for c in row]
        shown[f"{style}.xlsx"] = "\n".join(str(value) for value in cells if value is not None)
    shown["iati.xml"] = "\n".join(n.text or "" for n in etree.fromstring(got.iati, SAFE_XML).iter("narrative"))
    return shown


def template_code_is_not_run(family: Family, got: Outputs, plain: Outputs) -> None:
    """No output shows what the template code would give: `49`, a bound method, a class hierarchy."""
    for name, text in shown_texts(got).items():
        assert "49" not in text and "bound method" not in text and "<class" not in text, name


def entities_are_not_expanded(family: Family, got: Outputs, plain: Outputs) -> None:
    """`boom` appears only inside the entity declaration that names it, never where `&e;` stands."""
    for name, text in shown_texts(got).items():
        assert text.count("boom") == text.count('"boom">') > 0, name


def formulas_are_strings(family: Family, got: Outputs, plain: Outputs) -> None:
    """In the sheets' XML each formula-like text is an inline string cell, no `<f>`, styled with the quote
    prefix (so Excel keeps it text even when the cell is edited)."""
    for style, content in got.xlsx.items():
        cells = sheet_cells(content)
        for payload in family.payloads:
            found = [cell for cell in cells if cell[0] == payload]
            assert found, (style, payload)
            assert all(cell[1:] == ("inlineStr", False, True) for cell in found), (style, payload, found)
        assert not any(formula for _, _, formula, _ in cells), style


def sheet_cells(content: bytes) -> list[tuple[str, str | None, bool, bool]]:
    """Every cell of every sheet as written: its text, its type `t`, whether it has a formula, and whether its
    style has the quote prefix."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        styles = etree.fromstring(archive.read("xl/styles.xml"), SAFE_XML)
        quoted = [xf.get("quotePrefix") == "1" for xf in styles.find(f"{main}cellXfs")]
        cells = []
        for xml in sheet_xml(content).values():
            for cell in etree.fromstring(xml, SAFE_XML).iter(f"{main}c"):
                text = "".join(cell.find(f"{main}is").itertext()) if cell.find(f"{main}is") is not None else ""
                formula = cell.find(f"{main}f") is not None
                cells.append((text, cell.get("t"), formula, quoted[int(cell.get("s", "0"))]))
    return cells


EXTRA_CHECKS: dict[str, list[Check]] = {
    "inject-jinja": [template_code_is_not_run],
    "inject-second-language": [template_code_is_not_run],
    "inject-xml": [entities_are_not_expanded],
    "inject-formula": [formulas_are_strings],
}
BY_ID = {family.case.id: family for family in FAMILIES}


@pytest.mark.parametrize("case", RELIABILITY_CASES, ids=case_ids(RELIABILITY_CASES))
def test_texts_come_out_as_text_through_every_output(case: Case, rendered: Callable[[Family], Outputs]) -> None:
    family = BY_ID[case.id]
    got, plain = rendered(family), rendered(PLAIN)
    failures = []
    for check in [*CHECKS, *EXTRA_CHECKS.get(case.id, [])]:
        try:
            check(family, got, plain)
        except AssertionError as error:
            failures.append(f"{check.__name__}: {error}")
    assert not failures, "\n\n".join(failures)
