"""Diagrams as drawn: each view holds exactly the boxes and arrows it should, with either layout engine;
any text survives escaping; DOT and Mermaid need no engine; failures say what to do.

The expected boxes and arrows are worked out here from the model itself, not from the view code.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

import tocmodel
from conftest import FIXTURES, MODELS, PILOT_WHOLE, ROOT, run_cli
from tocmodel import Model
from tocmodel.errors import UsageError
from tocmodel.render.diagram import DiagramError, diagram, find_engine
from tocmodel.render.diagram import engine as engine_module
from tocmodel.schema import Text

SVG = "{http://www.w3.org/2000/svg}"
PILOT = MODELS / "ewaste-pilot.yaml"


ENGINES = ["dot", "graphviz-pure"]
"""Both engines are part of the test set-up (scripts/setup.sh installs Graphviz; graphviz-pure comes from
PyPI): a missing one fails the suite instead of skipping tests."""


def test_both_engines_are_installed() -> None:
    assert find_engine("dot").name == "dot"
    assert engine_module._graphviz_pure() is not None


def normal(text: str) -> str:
    """Whitespace collapsed: wrapping turns line breaks into separate `<text>` elements."""
    return " ".join(text.split())


# -- what the model says should be drawn ---------------------------------------------------------------


def text_of(model: Model, text: Text | None, lang: str | None = None) -> str:
    """A model text in `lang`, else in the model's main language."""
    if text is None or isinstance(text, str):
        return text or ""
    return text.get(lang or model.model.languages[0]) or text[model.model.languages[0]]


def cause_parents(model: Model) -> dict[str, str]:
    """Every root cause, nested ones included, and what it causes (`problem` for the top ones)."""
    found: dict[str, str] = {}

    def walk(causes: dict[str, Any], parent: str) -> None:
        for cause_id, cause in causes.items():
            found[cause_id] = parent
            walk(cause.causes, cause_id)

    walk(model.problem.root_causes if model.problem else {}, "problem")
    return found


def cause_titles(model: Model) -> dict[str, Text]:
    titles: dict[str, Text] = {}

    def walk(causes: dict[str, Any]) -> None:
        for cause_id, cause in causes.items():
            titles[cause_id] = cause.title
            walk(cause.causes)

    walk(model.problem.root_causes if model.problem else {})
    return titles


def links(model: Model) -> dict[tuple[str, str], list[str]]:
    """Every `leads_to` link and its assumptions."""
    return {
        (source, link.to): list(link.assumptions)
        for section in (model.interventions, model.outputs, model.outcomes)
        for source, item in section.items()
        for link in item.leads_to
    }


def closure(start: Iterable[str], pairs: Iterable[tuple[str, str]]) -> set[str]:
    """Everything reachable from `start` along `pairs`."""
    following: dict[str, set[str]] = {}
    for source, target in pairs:
        following.setdefault(source, set()).add(target)
    seen, pending = set(start), list(start)
    while pending:
        for nxt in following.get(pending.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                pending.append(nxt)
    return seen


@dataclass
class Expected:
    """The boxes (id → title), arrows (id → label words) and stage clusters a view should draw."""

    nodes: dict[str, str]
    edges: dict[str, str] = field(default_factory=dict)
    clusters: dict[str, str] = field(default_factory=dict)


def expected_view(model: Model, view: str, focus: str | None = None, lang: str | None = None) -> Expected:
    def tr(text: Text | None) -> str:
        return text_of(model, text, lang)

    titles: dict[str, str] = {c: tr(t) for c, t in cause_titles(model).items()}
    for section in (model.interventions, model.outputs, model.outcomes, model.impact):
        titles.update({item_id: tr(item.title) for item_id, item in section.items()})
    if view == "problem-tree":
        core = tr(model.problem.core) if model.problem else ""
        parents = cause_parents(model)
        edges = {f"{c}->{p}": "" for c, p in parents.items()}
        edges |= {f"{c}->{link.to}": "" for c in parents for link in model.root_causes[c].feeds}  # causes it feeds
        return Expected({"problem": core, **{c: titles[c] for c in parents}}, edges)
    causal = links(model)
    addresses = {(c, i) for i, item in model.interventions.items() for c in item.addresses}
    chosen: set[str]
    actor_edges: dict[str, str] = {}
    if view == "toc":
        chosen = set(titles)
    elif view == "pathway":
        keep = closure([str(focus)], causal) | closure([str(focus)], [(t, s) for s, t in causal])
        chosen = keep | {c for c, i in addresses if i in keep}
    elif view == "stage":
        started = {i for i, item in model.interventions.items() if item.stage == focus}
        chosen = closure(started, causal) | {c for c, i in addresses if i in started}
    else:  # actor
        led = {i for i, item in model.interventions.items() if item.lead == focus}
        supported = {i for i, item in model.interventions.items() if focus in item.support} - led
        chosen = led | supported | {t for s, t in causal if s in led | supported}
        actor_edges = {f"{focus}->{i}": "leads" for i in led} | {f"{focus}->{i}": "supports" for i in supported}
    edges = {f"{s}->{t}": "" for s, t in causal if s in chosen and t in chosen}
    edges |= {f"{c}->{i}": "" for c, i in addresses if c in chosen and i in chosen}
    nodes = {n: titles[n] for n in chosen}
    if view == "actor":
        nodes[str(focus)] = tr(model.actors[str(focus)].name)
    stages = {model.interventions[n].stage for n in chosen if n in model.interventions}
    clusters = {f"stage:{s}": tr(stage.title) for s, stage in model.stages.items() if s in stages}
    return Expected(nodes, edges | actor_edges, clusters)


# -- what the SVG shows ------------------------------------------------------------------------------


@dataclass
class Drawn:
    """The groups of an SVG drawing, by id: each group's text pieces joined with spaces."""

    nodes: dict[str, str]
    edges: dict[str, str]
    clusters: dict[str, str]
    pieces: dict[str, list[str]]
    """Each group's `<text>` elements, in order."""
    title: str
    """The text drawn outside any node, edge or cluster (the diagram's title)."""
    has_script: bool


def read_svg(content: bytes) -> Drawn:
    root = ET.fromstring(content)
    groups: dict[str, dict[str, str]] = {"node": {}, "edge": {}, "cluster": {}}
    pieces: dict[str, list[str]] = {}
    inside: set[ET.Element] = set()
    for group in root.iter(f"{SVG}g"):
        kind = group.get("class")
        if kind in groups:
            texts = list(group.iter(f"{SVG}text"))
            inside.update(texts)
            pieces[group.get("id", "")] = ["".join(t.itertext()) for t in texts]
            groups[kind][group.get("id", "")] = normal(" ".join(pieces[group.get("id", "")]))
    title = normal(" ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text") if t not in inside))
    has_script = any(e.tag.rsplit("}", 1)[-1].lower() == "script" for e in root.iter())
    return Drawn(groups["node"], groups["edge"], groups["cluster"], pieces, title, has_script)


def legend_entries(drawn: Drawn) -> dict[str, str]:
    """Badge (`A1`) → the text the legend gives it."""
    entries: dict[str, list[str]] = {}
    current: list[str] | None = None
    for piece in drawn.pieces.get("legend", []):
        if re.fullmatch(r"A\d+", piece.strip()):
            current = entries.setdefault(piece.strip(), [])
        elif current is not None:
            current.append(piece)
    return {badge: normal(" ".join(words)) for badge, words in entries.items()}


def assert_drawn_as_expected(model: Model, drawn: Drawn, expected: Expected, lang: str | None = None) -> None:
    assert set(drawn.nodes) - {"legend"} == set(expected.nodes)
    assert set(drawn.edges) == set(expected.edges)
    assert set(drawn.clusters) == set(expected.clusters)
    for node_id, title in expected.nodes.items():
        assert normal(title) in drawn.nodes[node_id], node_id
    for cluster_id, title in expected.clusters.items():
        assert normal(title) in drawn.clusters[cluster_id], cluster_id
    for edge_id, label in expected.edges.items():
        assert label in drawn.edges[edge_id], edge_id
    legend = legend_entries(drawn)
    statements = {a: normal(text_of(model, item.statement, lang)) for a, item in model.assumptions.items()}
    used: set[str] = set()
    for (source, target), assumptions in links(model).items():
        edge = f"{source}->{target}"
        if edge not in drawn.edges:
            continue
        badges = re.findall(r"\bA\d+\b", drawn.edges[edge])
        used.update(badges)
        shown = {re.sub(r".*\(([^()]*)\)$", r"\1", legend[b]) for b in badges}
        assert shown == {a for a in assumptions if a in model.assumptions}, edge
        for badge in badges:
            assumption = re.sub(r".*\(([^()]*)\)$", r"\1", legend[badge])
            assert legend[badge] == f"{statements[assumption]} ({assumption})"
    assert set(legend) == used, "the legend explains exactly the badges drawn"


# -- the pilot, view by view, engine by engine ---------------------------------------------------------


@functools.cache
def pilot() -> Model:
    return tocmodel.load(PILOT)


@functools.cache
def pilot_svg(view: str, focus: str | None, engine: str) -> bytes:
    drawing = diagram(pilot(), view=view, focus=focus, output_format="svg", engine=engine)
    assert drawing.engine is not None and drawing.engine.startswith(engine)
    return drawing.content


FOCUSED_CASES = [
    ("pathway", "oc-policy-framework"),
    ("pathway", "oc-formal-esm"),
    ("pathway", "o-collection-network"),
    *(("stage", s) for s in ("s1-identify", "s2-value-chain", "s3-dialogue", "s4-strategy", "s5-implementation")),
    ("actor", "epa"),
    ("actor", "scrap-dealers"),
]
CASES = [("toc", None), ("problem-tree", None), *FOCUSED_CASES]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("view", "focus"), CASES)
def test_view_draws_exactly_its_nodes_and_edges(view: str, focus: str | None, engine: str) -> None:
    model = pilot()
    drawn = read_svg(pilot_svg(view, focus, engine))
    assert_drawn_as_expected(model, drawn, expected_view(model, view, focus))
    assert text_of(model, model.model.title) in drawn.title


def test_focused_views_are_not_trivial() -> None:
    """The chosen focuses pick a real part of the pilot, not all of it or one box."""
    model = pilot()
    everything = len(expected_view(model, "toc").nodes)
    for view, focus in FOCUSED_CASES:
        assert 3 <= len(expected_view(model, view, focus).nodes) < everything, (view, focus)


@pytest.mark.parametrize("engine", ENGINES)
def test_plan_lists_every_stage_and_intervention(engine: str) -> None:
    model = pilot()
    drawn = read_svg(pilot_svg("plan", None, engine))
    assert set(drawn.nodes) == {"plan"} and not drawn.edges
    plan = drawn.nodes["plan"]
    for stage in model.stages.values():
        assert normal(text_of(model, stage.title)) in plan
    for intervention in model.interventions.values():
        assert normal(text_of(model, intervention.title)) in plan
    for year in model.plan_years:
        assert str(year) in plan


@pytest.mark.parametrize(("view", "focus"), [*CASES, ("plan", None)])
def test_both_engines_draw_the_same_diagram(view: str, focus: str | None) -> None:
    by_dot = read_svg(pilot_svg(view, focus, "dot"))
    by_pure = read_svg(pilot_svg(view, focus, "graphviz-pure"))
    assert by_dot.nodes == by_pure.nodes
    assert by_dot.edges == by_pure.edges
    assert by_dot.clusters == by_pure.clusters


def test_focus_is_drawn_emphasised() -> None:
    drawing = diagram(pilot(), view="pathway", focus="oc-formal-esm", output_format="dot")
    lines = drawing.content.decode().splitlines()
    (focus_line,) = [line for line in lines if line.strip().startswith('"oc-formal-esm" [')]
    assert "penwidth=3.5" in focus_line
    assert all("penwidth=3.5" not in line for line in lines if line is not focus_line)


# -- DOT and Mermaid text need no engine ------------------------------------------------------------------


@pytest.fixture
def no_engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No layout engine can be found or started: an empty PATH, and no subprocess at all."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a subprocess was started: {args}")

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(subprocess, "Popen", refuse)


@pytest.mark.usefixtures("no_engine")
@pytest.mark.parametrize(("view", "focus"), [*CASES, ("plan", None)])
def test_dot_text_needs_no_engine(view: str, focus: str | None) -> None:
    drawing = diagram(pilot(), view=view, focus=focus, output_format="dot")
    assert drawing.engine is None
    text = drawing.content.decode("utf-8")
    assert text.startswith("digraph ") and text.endswith("}\n")
    for node_id in expected_view(pilot(), view, focus).nodes if view != "plan" else ["plan"]:
        assert f'"{node_id}" [id="{node_id}"' in text or f'{node_id} [id="{node_id}"' in text


@pytest.mark.usefixtures("no_engine")
@pytest.mark.parametrize(("view", "focus"), [("toc", None), ("pathway", "oc-formal-esm")])
def test_mermaid_needs_no_engine(view: str, focus: str | None) -> None:
    drawing = diagram(pilot(), view=view, focus=focus, output_format="mermaid")
    assert drawing.engine is None
    labels = mermaid_labels(drawing.content.decode("utf-8"))
    expected = expected_view(pilot(), view, focus)
    assert {label[0] for label in labels.values() if label[0] != "Assumptions"} == set(expected.nodes)


def test_mermaid_is_only_for_toc_and_pathway() -> None:
    with pytest.raises(DiagramError, match="Mermaid output is available for the toc and pathway views"):
        diagram(pilot(), view="stage", focus="s4-strategy", output_format="mermaid")


# -- engines and their failures -----------------------------------------------------------------------------


def test_pdf_with_graphviz_pure_is_refused_clearly() -> None:
    with pytest.raises(DiagramError, match=r"graphviz-pure cannot write PDF; install Graphviz .* --engine dot"):
        diagram(pilot(), output_format="pdf", engine="graphviz-pure")


def test_pdf_with_dot() -> None:
    drawing = diagram(pilot(), view="stage", focus="s1-identify", output_format="pdf", engine="dot")
    assert drawing.content.startswith(b"%PDF")


def test_missing_dot_names_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert shutil.which("dot") is None
    with pytest.raises(
        DiagramError, match=r"`dot` is not installed; install it \(Debian: `apt-get install graphviz`\)"
    ):
        find_engine("dot")


def test_auto_falls_back_to_graphviz_pure_without_dot(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_engine("auto").name == "graphviz-pure"


def test_no_engine_at_all_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(engine_module, "_graphviz_pure", lambda: None)
    with pytest.raises(DiagramError, match=r"no layout engine found; `pip install graphviz-pure`.*-f dot"):
        find_engine("auto")
    with pytest.raises(DiagramError, match="unknown engine `neato`"):
        find_engine("neato")


def synthetic_model(nodes: int, folder: Path) -> Model:
    """A synthetic model from `benchmarks/synthetic.py`, loaded from a file."""
    module = sys.modules.get("synthetic")
    if module is None:
        spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["synthetic"] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    path = folder / f"synthetic-{nodes}.yaml"
    path.write_text(module.synthetic_model_text(nodes), encoding="utf-8")
    return tocmodel.load(path)


@pytest.mark.parametrize("engine", ENGINES)
def test_overlong_layout_is_stopped(engine: str, tmp_path: Path) -> None:
    model = synthetic_model(1000, tmp_path)
    started = time.perf_counter()
    with pytest.raises(DiagramError, match=r"the layout took longer than 0\.05 s and was stopped; draw a focused view"):
        diagram(model, output_format="svg", engine=engine, timeout=0.05)
    assert time.perf_counter() - started < 10


def test_unknown_view_format_and_focus() -> None:
    with pytest.raises(UsageError, match="unknown view `tree`"):
        diagram(pilot(), view="tree", output_format="dot")
    with pytest.raises(DiagramError, match="unknown format `jpg`"):
        diagram(pilot(), output_format="jpg")
    with pytest.raises(UsageError, match="the actor view needs --focus with an actor"):
        diagram(pilot(), view="actor", output_format="dot")
    with pytest.raises(UsageError, match="did you mean `s4-strategy`"):
        diagram(pilot(), view="stage", focus="s4-stratgy", output_format="dot")


# -- languages ---------------------------------------------------------------------------------------------


def without_french_stage_title(folder: Path) -> Path:
    """The pilot with the French title of stage 3 taken out."""
    text = PILOT_WHOLE.read_text(encoding="utf-8")
    assert text.count("      fr: Dialogue politique concerté\n") == 1
    path = folder / "pilot-partly-french.yaml"
    path.write_text(text.replace("      fr: Dialogue politique concerté\n", ""), encoding="utf-8")
    return path


@pytest.mark.parametrize("engine", ENGINES)
def test_french_texts_where_present(engine: str) -> None:
    model = pilot()
    drawing = diagram(model, view="toc", output_format="svg", lang="fr", engine=engine)
    drawn = read_svg(drawing.content)
    assert_drawn_as_expected(model, drawn, expected_view(model, "toc", lang="fr"), lang="fr")
    assert text_of(model, model.model.title, "fr") in drawn.title
    assert "Dialogue politique concerté" in drawn.clusters["stage:s3-dialogue"]
    assert normal(text_of(model, model.impact["im-reduced-harm"].title, "fr")) in drawn.nodes["im-reduced-harm"]
    assert drawing.missing_translations == []


def test_missing_french_text_falls_back_and_is_reported(tmp_path: Path) -> None:
    model = tocmodel.load(without_french_stage_title(tmp_path))
    drawing = diagram(model, view="stage", focus="s3-dialogue", output_format="dot", lang="fr")
    text = drawing.content.decode("utf-8")
    assert "Concerted policy dialogue" in text and "Modèle d&#x27;intervention national" in text
    assert drawing.missing_translations == ["s3-dialogue"]  # once, though both cluster and view title fell back


# -- the command line ------------------------------------------------------------------------------------


def test_cli_writes_svg_and_names_the_engine(tmp_path: Path) -> None:
    out = tmp_path / "toc.svg"
    result = run_cli("diagram", str(PILOT), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stderr
    assert re.search(r"^drawn with (dot|graphviz-pure) \(.+\)$", result.stderr, re.MULTILINE)
    assert set(read_svg(out.read_bytes()).nodes) - {"legend"} == set(expected_view(pilot(), "toc").nodes)


@pytest.mark.parametrize("engine", ENGINES)
def test_cli_engine_choice(engine: str, tmp_path: Path) -> None:
    out = tmp_path / "stage.svg"
    result = run_cli(
        "diagram", str(PILOT), "--view", "stage", "--focus", "s2-value-chain", "--engine", engine, "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert f"drawn with {engine} (" in result.stderr
    assert read_svg(out.read_bytes()).clusters.keys() == {"stage:s2-value-chain"}


def test_cli_dot_text_to_stdout_uses_no_engine() -> None:
    result = run_cli("diagram", str(PILOT), "-f", "dot", "--view", "actor", "--focus", "ilo")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('digraph "actor" {')
    assert "drawn with" not in result.stderr


def test_cli_french(tmp_path: Path) -> None:
    out = tmp_path / "fr.dot"
    result = run_cli("diagram", str(PILOT), "-f", "dot", "--lang", "fr", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    assert "Dialogue politique concerté" in out.read_text(encoding="utf-8")
    partly = without_french_stage_title(tmp_path)
    result = run_cli("diagram", str(partly), "-f", "dot", "--lang", "fr", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "warning: no `fr` text for s3-dialogue; shown in another language\n" in result.stderr
    assert "Concerted policy dialogue" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--view", "pathway"], "the pathway view needs --focus with a result or intervention"),
        (["--view", "pathway", "--focus", "oc-formal-esn"], "did you mean `oc-formal-esm`?"),
        (["--view", "actor", "--focus", "s4-strategy"], "`s4-strategy` is not an actor"),
        (["--view", "stage", "--focus", "epa"], "`epa` is not a stage"),
    ],
)
def test_cli_bad_focus_exits_two(args: list[str], message: str, tmp_path: Path) -> None:
    out = tmp_path / "never.svg"
    result = run_cli("diagram", str(PILOT), *args, "-o", str(out))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_cli_model_with_errors_exits_one(tmp_path: Path) -> None:
    out = tmp_path / "never.svg"
    result = run_cli("diagram", str(FIXTURES / "load" / "unknown-key.yaml"), "-o", str(out))
    assert result.returncode == 1
    assert "TOC003 error" in result.stdout
    assert "The model has errors" in result.stderr
    assert not out.exists()


def test_cli_output_is_deterministic(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The same bytes from fresh processes with different hash seeds: DOT text, and graphviz-pure's SVG."""
    formats = [("-f", "dot"), ("--engine", "graphviz-pure")]
    for option, value in formats:
        outputs = []
        for seed in ("1", "2"):
            monkeypatch.setenv("PYTHONHASHSEED", seed)
            out = tmp_path / f"{value}-{seed}"
            assert run_cli("diagram", str(PILOT), option, value, "-o", str(out)).returncode == 0
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1], value
    drawings = [diagram(pilot(), view="pathway", focus="oc-formal-esm", output_format="mermaid") for _ in range(2)]
    assert drawings[0].content == drawings[1].content


# -- faithful escaping ------------------------------------------------------------------------------------

HOSTILE = [
    'a "double" quote',
    "it's single",
    "<script>alert(1)</script>",
    "&amp; &lt;b&gt; &#35; & lone",
    "{braces} [brackets]",
    "pipe | semi ; colon:",
    "back\\slash \\N \\G \\E \\L \\l \\n end\\",
    "line one\nline two\r\nline three",
    "arrow --> and -.-> and ==>",
    "%% not a comment %%{init: {}}%%",
    "# hash #quot; #35;",
    "`back`ticks``",
    "مرحبا بالعالم",
    "你好，世界",
    "नमस्ते दुनिया",
    "emoji 🙂🌍👩🏽‍💻",
    "]]> <!-- comment --> <![CDATA[x]]>",
    "\ttab and  double  spaces ",
]


def hostile(index: int) -> str:
    """All the hostile texts in one, starting at a different one for each field."""
    return " ".join(HOSTILE[index:] + HOSTILE[:index])


def hostile_model(folder: Path) -> Model:
    """A model whose every text, and every id as far as ids allow, is made to break a naive writer."""
    data = {
        "tocmodel": 1,
        "model": {"id": "x.y_z-1", "title": hostile(0), "start": 2027, "languages": ["en"]},
        "actors": {
            "a.b_c--d": {"name": hostile(1), "short": hostile(2), "type": "ministry"},
            "helper": {"name": hostile(3), "type": "ngo"},
        },
        "stages": {"st.1--x": {"title": hostile(4), "years": "1-5"}},
        "problem": {
            "core": hostile(5),
            "root_causes": {"rc--1": {"title": hostile(6), "causes": {"rc.deep_1": {"title": hostile(7)}}}},
        },
        "interventions": {
            "i--x.1": {
                "title": hostile(8),
                "stage": "st.1--x",
                "addresses": ["rc--1", "rc.deep_1"],
                "lead": "a.b_c--d",
                "support": ["helper"],
                "leads_to": ["o_1"],
            }
        },
        "outputs": {"o_1": {"title": hostile(9), "leads_to": [{"to": "oc.1", "assumptions": ["a-1", "a_2"]}]}},
        "outcomes": {"oc.1": {"title": hostile(10), "leads_to": [{"to": "im--1", "assumptions": ["a_2"]}]}},
        "impact": {"im--1": {"title": hostile(11)}},
        "assumptions": {"a-1": {"statement": hostile(12)}, "a_2": {"statement": hostile(13)}},
        "risks": {
            "r.1": {"statement": hostile(14), "category": "political", "likelihood": 5, "impact": 4, "affects": ["o_1"]}
        },
    }
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    model = tocmodel.load(path)
    assert model.interventions["i--x.1"].title == hostile(8)  # YAML kept every character
    return model


HOSTILE_CASES = [
    ("toc", None),
    ("problem-tree", None),
    ("plan", None),
    ("pathway", "oc.1"),
    ("stage", "st.1--x"),
    ("actor", "a.b_c--d"),
    ("actor", "helper"),
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("view", "focus"), HOSTILE_CASES)
def test_hostile_texts_are_drawn_literally(view: str, focus: str | None, engine: str, tmp_path: Path) -> None:
    model = hostile_model(tmp_path)
    drawing = diagram(model, view=view, focus=focus, output_format="svg", engine=engine)
    drawn = read_svg(drawing.content)  # parses as XML
    assert not drawn.has_script
    assert b"<script" not in drawing.content
    assert normal(hostile(0)) in drawn.title
    if view == "plan":
        assert normal(hostile(4)) in drawn.nodes["plan"] and normal(hostile(8)) in drawn.nodes["plan"]
        return
    assert_drawn_as_expected(model, drawn, expected_view(model, view, focus))
    if "i--x.1" in drawn.nodes:
        assert f"lead: {normal(hostile(2))}" in drawn.nodes["i--x.1"]  # the lead's short name


def mermaid_unescape(text: str) -> str:
    names = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}
    return re.sub(r"#(\w+);", lambda m: names.get(m.group(1)) or chr(int(m.group(1))), text)


MERMAID_LINE = re.compile(
    r"%% [^\n]*"
    r"|flowchart (LR|BT)"
    r"|  classDef \w+ fill:#\w+,stroke:#\w+,color:#\w+"
    r'|  (?P<name>n\d+|legend)\["(?P<label>[^"]*)"\](:::\w+)?'
    r'|  n\d+ (-->|-\.->)(\|"A\d+( A\d+)*"\|)? n\d+'
)


def mermaid_labels(text: str) -> dict[str, list[str]]:
    """Each node's label, split at its line breaks and unescaped; every line must be one Mermaid statement."""
    labels: dict[str, list[str]] = {}
    for line in text.splitlines():
        match = MERMAID_LINE.fullmatch(line)
        assert match, f"not a statement tocmodel writes: {line!r}"
        if match["name"]:
            label = match["label"]
            assert not set(label.replace("<br/>", "")) & set('"<>'), label
            labels[match["name"]] = [mermaid_unescape(part) for part in label.split("<br/>")]
    return labels


@pytest.mark.parametrize(("view", "focus"), [("toc", None), ("pathway", "oc.1")])
def test_hostile_texts_stay_inside_mermaid_labels(view: str, focus: str | None, tmp_path: Path) -> None:
    model = hostile_model(tmp_path)
    text = diagram(model, view=view, focus=focus, output_format="mermaid").content.decode("utf-8")
    labels = mermaid_labels(text)
    expected = expected_view(model, view, focus)
    shown = {
        parts[0]: normal(" ".join(p for p in parts[1:] if not re.fullmatch(r"risk \d+", p)))
        for parts in labels.values()
    }
    legend = shown.pop("Assumptions")
    assert set(shown) == set(expected.nodes)
    for node_id, title in expected.nodes.items():
        assert shown[node_id] == normal(title)
    for assumption in ("a-1", "a_2"):
        assert normal(f"{model.assumptions[assumption].statement} ({assumption})") in legend
    first_line = text.splitlines()[0]
    assert first_line.startswith("%% ") and "%%" not in first_line[3:]
    assert normal(mermaid_unescape(first_line[3:])).startswith(normal(hostile(0)) + " — ")


def html_labels(dot_text: str) -> tuple[str, list[str]]:
    """The DOT text outside HTML-like labels, and the labels (`<...>` after `=`, nested tags included)."""
    outside, labels, position = [], [], 0
    while (start := dot_text.find("=<", position)) != -1:
        outside.append(dot_text[position : start + 1])
        depth, end = 0, start + 1
        while depth or end == start + 1:
            depth += {"<": 1, ">": -1}.get(dot_text[end], 0)
            end += 1
        labels.append(dot_text[start + 1 : end])
        position = end
    outside.append(dot_text[position:])
    return "".join(outside), labels


@pytest.mark.parametrize(("view", "focus"), [*HOSTILE_CASES[:4], ("actor", "a.b_c--d")])
def test_hostile_dot_text_keeps_texts_in_labels(view: str, focus: str | None, tmp_path: Path) -> None:
    """In the DOT text, model texts occur only inside HTML-like labels, as entities: never as DOT syntax."""
    model = hostile_model(tmp_path)
    text = diagram(model, view=view, focus=focus, output_format="dot").content.decode("utf-8")
    outside, labels = html_labels(text)
    for fragment in ("script", "double", "braces", "comment", "مرحبا", "你好", "नमस्ते", "🙂"):
        assert fragment not in outside
        assert any(fragment in label for label in labels)
    for label in labels:
        words = re.sub(r"</?[A-Z]+( [A-Z-]+=\"[^\"<>]*\")*/?>", " ", label[1:-1])
        assert not set(words) & set('<>"'), words
        assert "&" not in re.sub(r"&(amp|lt|gt|quot|#x27);", "", words)
