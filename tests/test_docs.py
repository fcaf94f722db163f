"""Generated reference pages are current, and every diagnostic code is documented."""

from __future__ import annotations

import importlib.util
import re
from xml.etree import ElementTree

from conftest import MODELS, ROOT
from tocmodel import load
from tocmodel.graph import build_graph
from tocmodel.rules import CHECK_RULES
from tocmodel.rules.validate import UNKNOWN_RULE
from tocmodel.source.reader import LOADING_CODES

spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
assert spec and spec.loader
gen_docs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen_docs)


def test_generated_pages_are_current() -> None:
    for path, text in gen_docs.pages().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run python scripts/gen_docs.py"


def test_readme_picture_shows_the_current_pilot() -> None:
    """Its bytes depend on the Graphviz version, so its meaning is compared: a box for each node of the pilot."""
    svg = "{http://www.w3.org/2000/svg}"
    root = ElementTree.parse(gen_docs.README_PICTURE).getroot()
    boxes = {g.findtext(f"{svg}title") for g in root.iter(f"{svg}g") if g.get("class") == "node"}
    pilot = build_graph(load(MODELS / "ewaste-pilot.yaml"))
    assert boxes == {*pilot.nodes, "legend"}, (
        "docs/assets/ewaste-pilot-toc.svg is stale: run python scripts/gen_docs.py"
    )


def test_every_code_emitted_by_the_loader_is_documented() -> None:
    emitted = set()
    for module in (
        "source/events.py",
        "source/reader.py",
        "load/loader.py",
        "load/schema_errors.py",
        "load/extends.py",
    ):
        emitted |= set(re.findall(r'"(TOC0\d\d)"', (ROOT / "src" / "tocmodel" / module).read_text()))
    assert emitted <= set(LOADING_CODES)
    assert UNKNOWN_RULE[0] in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def test_rule_page_has_every_rule_with_its_example() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in CHECK_RULES:
        section = page.split(f"### {rule.code}\n", 1)[1].split("\n### ", 1)[0]
        assert rule.name in section and f"# expect: {rule.code}" in section
