"""The documentation site: `mkdocs build --strict` as a reader of docs/development.md runs it, then what it holds.

One build for the whole module, into a temporary folder (so with no pictures cached: everything is made).
It builds every page of the nav without a warning; the pages made from the code are current; every picture
the hooks promise is there and shows its model (each diagram holds every node of its view, the screenshots
are real pictures); the command-line page has every command and option, the rules page every code; and
nothing is loaded from another site, so the site works opened from disk.
"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import click
import pytest
import yaml

from conftest import MODELS, ROOT
from tocmodel import Model, load
from tocmodel.analysis.export import analysis_json_schema
from tocmodel.cli import main as cli_main
from tocmodel.graph import build_graph
from tocmodel.render.diagram.views import build_scene
from tocmodel.rules import CHECK_RULES
from tocmodel.rules.validate import UNKNOWN_RULE
from tocmodel.schema.text import Translator
from tocmodel.source.reader import LOADING_CODES

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MODEL_NAMES = ("ewaste-pilot", "ewaste-generic", "minimal")
GRAPH_VIEWS = ("toc", "problem-tree")
"""Views drawn for every model as nodes and links (the plan, drawn for every model too, is a table)."""
PILOT_FOCUSED_VIEWS = ("pathway", "stage", "actor")
SCREENSHOTS = ("logframe-eu.png", "logframe-undp.png", "serve.png")
LOGFRAMES = ("logframe-eu.html", "logframe-undp.html", "logframe.docx", "logframe.xlsx", "logframe.md")
BUILD_TIMEOUT = 600


@dataclass(frozen=True)
class Built:
    """A built site and what the build printed."""

    site: Path
    output: str
    seconds: float

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def generated(self, model: str, name: str) -> Path:
        return self.site / "generated" / model / name


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = tmp_path_factory.mktemp("docs-site") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    return Built(site, output, time.monotonic() - started)


@pytest.fixture(scope="module")
def models() -> dict[str, Model]:
    return {name: load(MODELS / f"{name}.yaml") for name in MODEL_NAMES}


def nav_pages(entries: list[object]) -> list[str]:
    """The Markdown files the nav of mkdocs.yml names, in order."""
    found = []
    for entry in entries:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        found.extend(nav_pages(target) if isinstance(target, list) else [str(target)])
    return found


def svg_nodes(path: Path) -> set[str]:
    """The ids of a Graphviz SVG's nodes (the `<title>` of each `class="node"` group)."""
    root = ElementTree.parse(path).getroot()
    return {str(g.findtext(f"{SVG}title")) for g in root.iter(f"{SVG}g") if g.get("class") == "node"}


def words(text: str) -> str:
    return " ".join(text.split())


def drawn_text(path: Path) -> str:
    """All the text an SVG draws, whitespace made single spaces."""
    root = ElementTree.parse(path).getroot()
    return words(" ".join(" ".join(text.itertext()) for text in root.iter(f"{SVG}text")))


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header, which must be a PNG's."""
    header = path.read_bytes()[:24]
    assert header[:8] == PNG_SIGNATURE and header[12:16] == b"IHDR", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def focus_of(model: Model, view: str) -> str:
    """The focus the pilot's focused pictures are drawn with: its impact, first stage, first actor."""
    ids: dict[str, list[str]] = {
        "pathway": list(model.impact),
        "stage": list(model.stages),
        "actor": list(model.actors),
    }
    return ids[view][0]


def expected_nodes(model: Model, view: str) -> set[str]:
    """The nodes a view of the model must draw."""
    if view == "toc":
        return set(build_graph(model))
    if view == "problem-tree":
        return {"problem", *(cause_id for cause_id, _, _ in model.iter_root_causes())}
    main_language = model.model.languages[0]
    scene = build_scene(model, Translator(main_language, main_language), view=view, focus=focus_of(model, view))
    return {node.id for node in scene.nodes}


def test_the_build_passes_strict_without_a_warning(built: Built) -> None:
    assert "WARNING" not in built.output and "ERROR" not in built.output, built.output
    print(f"mkdocs build took {built.seconds:.1f} s")


def test_every_page_of_the_nav_is_built(built: Built) -> None:
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    pages = nav_pages(nav)
    assert "cli.md" in pages and "rules.md" in pages
    for page in pages:
        html = built.page(page.removesuffix(".md") + ".html")  # no directory URLs: the site opens from disk
        assert '<article class="md-content__inner' in html and "<h1" in html, page


def test_pages_made_from_the_code_are_current_in_the_site(built: Built) -> None:
    assert json.loads(built.page("analysis.schema.json")) == analysis_json_schema()
    assert svg_nodes(built.site / "assets" / "ewaste-pilot-toc.svg") - {"legend"} == set(
        build_graph(load(MODELS / "ewaste-pilot.yaml"))
    )


@pytest.mark.parametrize("name", MODEL_NAMES)
@pytest.mark.parametrize("view", GRAPH_VIEWS)
def test_every_model_is_drawn_with_every_node(built: Built, models: dict[str, Model], name: str, view: str) -> None:
    drawn = svg_nodes(built.generated(name, f"{view}.svg"))
    assert expected_nodes(models[name], view) <= drawn, name
    assert drawn - expected_nodes(models[name], view) <= {"legend"}


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_every_plan_shows_every_stage_and_intervention(built: Built, models: dict[str, Model], name: str) -> None:
    model = models[name]
    main_language = model.model.languages[0]
    scene = build_scene(model, Translator(main_language, main_language), view="plan")
    text = drawn_text(built.generated(name, "plan.svg"))
    assert scene.timeline
    for row in scene.timeline:
        assert words(row.title) in text, row.id


@pytest.mark.parametrize("view", PILOT_FOCUSED_VIEWS)
def test_the_pilot_is_drawn_in_focus(built: Built, models: dict[str, Model], view: str) -> None:
    pilot = models["ewaste-pilot"]
    focus = focus_of(pilot, view)
    drawn = svg_nodes(built.generated("ewaste-pilot", f"{view}.svg"))
    assert expected_nodes(pilot, view) <= drawn
    if view == "stage":
        assert {i for i, item in pilot.interventions.items() if item.stage == focus} <= drawn
    else:
        assert focus in drawn


def test_the_pilot_logframes_are_there(built: Built, models: dict[str, Model]) -> None:
    pilot = models["ewaste-pilot"]
    assert all(built.generated("ewaste-pilot", name).is_file() for name in LOGFRAMES)
    indicators = [pilot.indicator_id(owner, index, item) for _, owner, index, item in pilot.iter_indicators()]
    assert indicators
    for name in ("logframe-eu.html", "logframe-undp.html", "logframe.md"):
        text = built.generated("ewaste-pilot", name).read_text(encoding="utf-8")
        assert all(indicator in text for indicator in indicators), name
    for name in ("logframe.docx", "logframe.xlsx"):
        assert zipfile.is_zipfile(built.generated("ewaste-pilot", name)), name
    assert "UNDP" in built.generated("ewaste-pilot", "logframe-undp.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SCREENSHOTS)
def test_screenshots_are_real_pictures(built: Built, name: str) -> None:
    path = built.generated("ewaste-pilot", name)
    width, height = png_size(path)
    assert width >= 1000 and height >= 600, (width, height)
    assert path.stat().st_size > 20_000  # a blank page compresses to a few kilobytes


def test_the_command_line_page_has_every_command_and_option(built: Built) -> None:
    sections = dict(re.findall(r'<h2 id="([^"]+)">(.*?)(?=<h2 id=|</article>)', built.page("cli.html"), re.S))
    root = click.Context(cli_main, info_name="tocmodel")
    commands = list(walk(root))
    assert len(commands) >= 13  # check, analyse, diagram, logframe, serve, schema, export (iati), import (2), diff, new
    for context in commands:
        section = sections[context.command_path.replace(" ", "-")]
        for param in context.command.params:
            names = (
                param.opts + param.secondary_opts if isinstance(param, click.Option) else [param.human_readable_name]
            )
            for name in names:
                assert f"<code>{name}" in section, f"{context.command_path}: {name}"
    assert "<code>--version</code>" in built.page("cli.html") and "<code>--help</code>" in built.page("cli.html")


def walk(context: click.Context) -> list[click.Context]:
    """Every command and subgroup below the group of `context` (an alias only once)."""
    group = context.command
    assert isinstance(group, click.Group)
    found = []
    for name, command in group.commands.items():
        if name != command.name:
            continue  # another name for a command listed under its own
        child = click.Context(command, info_name=name, parent=context)
        found.append(child)
        if isinstance(command, click.Group):
            found.extend(walk(child))
    return found


def test_the_rules_page_has_every_code(built: Built) -> None:
    headings = set(re.findall(r'<h3 id="[^"]*">(TOC\d{3})', built.page("rules.html")))
    assert {rule.code for rule in CHECK_RULES} <= headings
    assert set(LOADING_CODES) | {UNKNOWN_RULE[0]} <= set(re.findall(r"TOC\d{3}", built.page("rules.html")))


def test_nothing_is_loaded_from_another_site(built: Built) -> None:
    external = re.compile(r"""(?:\bsrc=|<link\b[^>]*\bhref=|url\(|@import\s)\s*["']?(?:https?:)?//""", re.I)
    for path in [*built.site.rglob("*.html"), *built.site.rglob("*.css")]:
        if ".cache" not in path.parts:
            found = external.search(path.read_text(encoding="utf-8"))
            assert found is None, f"{path.relative_to(built.site)}: {found and found.group(0)}"


def test_pages_point_only_at_generated_files_that_exist(built: Built) -> None:
    for path in built.site.rglob("*.html"):
        if "generated" in path.relative_to(built.site).parts:
            continue
        for target in re.findall(r'(?:src|href)="([^"#?]*generated/[^"#?]+)"', path.read_text(encoding="utf-8")):
            assert (path.parent / target).resolve().is_file(), f"{path.relative_to(built.site)} → {target}"
