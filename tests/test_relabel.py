"""Redrawing boxes in place (`render.diagram.relabel`), against Graphviz's own layout of the edited graph.

Whenever the relabeller says a picture needs no new layout, the picture it makes must be, byte for byte, the
one Graphviz lays out from the new DOT text; whenever the premise fails (a box changes size, anything but a
label changes, the old picture is not what the old text gives) it must say so.
"""

from __future__ import annotations

import re
import time

import pytest

from conftest import MODELS, PILOT_WHOLE, synthetic_module
from tocmodel.load.loader import load
from tocmodel.render.diagram.dot import to_dot
from tocmodel.render.diagram.engine import Engine, Running, find_engine, layout
from tocmodel.render.diagram.relabel import NodeLine, changed_labels, relabel, worth_trying
from tocmodel.render.diagram.views import build_scene
from tocmodel.schema import Model
from tocmodel.schema.text import Translator
from tocmodel.serve.drawing import Drawer
from tocmodel.serve.keys import ViewKey

DOT = find_engine("dot")
PILOT = PILOT_WHOLE.read_text(encoding="utf-8")
synthetic_model_text = synthetic_module().synthetic_model_text
TITLE = re.compile(r'(<FONT POINT-SIZE="14">)(\S+)( .*?</FONT>)')
"""A box's title in DOT text: its first word, and the rest."""


def model_of(text: str) -> Model:
    return load("model.yaml", text=text)


def dot_of(text: str) -> str:
    model = model_of(text)
    languages = model.model.languages
    return to_dot(build_scene(model, Translator(languages[0], languages[0]), view="toc", focus=None))


def svg_of(dot: str, engine: Engine = DOT) -> str:
    return layout(dot, output_format="svg", engine=engine).decode("utf-8")


def reworded(dot: str, number: int, word: str) -> str:
    """The DOT text with the first word of the `number`th box's title replaced by `word`."""
    found = list(TITLE.finditer(dot))[number]
    return dot[: found.start(2)] + word + dot[found.end(2) :]


def redrawn(old_dot: str, old_svg: str, new_dot: str) -> str | None:
    changed = changed_labels(old_dot, new_dot)
    assert changed is not None, "only labels changed"
    picture = relabel(changed, old_svg, new_dot, engine=DOT, timeout=30)
    return None if picture is None else picture.svg


@pytest.mark.parametrize("source", ["pilot", "synthetic-300"])
def test_boxes_redrawn_in_place_are_what_graphviz_lays_out(source: str) -> None:
    old_dot = dot_of(PILOT) if source == "pilot" else dot_of(synthetic_model_text(300, seed=0))
    old_svg = svg_of(old_dot)
    boxes = len(TITLE.findall(old_dot))
    tried = range(0, boxes, 1 if source == "pilot" else 25)
    in_place = 0
    for number in tried:
        new_dot = reworded(old_dot, number, f"rev{number:04d}")
        picture = redrawn(old_dot, old_svg, new_dot)
        if picture is not None:
            in_place += 1
            assert picture == svg_of(new_dot), f"box {number} redrawn is not what Graphviz draws"
            assert f"rev{number:04d}" in picture
    # the titles' least width keeps most boxes their size when a word changes
    assert in_place >= 0.7 * len(tried), (in_place, len(tried))


def test_several_boxes_at_once() -> None:
    old_dot = dot_of(PILOT)
    old_svg = svg_of(old_dot)
    keeping = [n for n in range(0, 50, 4) if redrawn(old_dot, old_svg, reworded(old_dot, n, f"rev{n:04d}"))]
    assert len(keeping) >= 3
    new_dot = old_dot
    for number in keeping:
        new_dot = reworded(new_dot, number, f"rev{number:04d}")
    picture = redrawn(old_dot, old_svg, new_dot)
    assert picture is not None and picture == svg_of(new_dot)


def test_a_box_that_changes_size_needs_a_new_layout() -> None:
    old_dot = dot_of(PILOT)
    old_svg = svg_of(old_dot)
    longer = reworded(old_dot, 5, "Extraordinarily-long-hyphenated-words-that-widen-the-box")
    assert redrawn(old_dot, old_svg, longer) is None
    found = list(TITLE.finditer(old_dot))[5]
    one_more_line = old_dot[: found.end(2)] + ' more<BR ALIGN="LEFT"/>' + old_dot[found.end(2) :]
    changed = changed_labels(old_dot, one_more_line)
    assert changed is not None and not worth_trying(changed, DOT)  # known without drawing anything
    assert relabel(changed, old_svg, one_more_line, engine=DOT, timeout=30) is None


def test_anything_but_a_label_changed_needs_a_new_layout() -> None:
    old_dot = dot_of(PILOT)
    assert changed_labels(old_dot, old_dot) == []
    edge = next(line for line in old_dot.splitlines() if " -> " in line)
    assert changed_labels(old_dot, old_dot.replace(edge, edge.replace("]", " style=bold]"), 1)) is None
    assert changed_labels(old_dot, old_dot.replace("penwidth=1.5]", "penwidth=2.5]", 1)) is None
    title = next(line for line in old_dot.splitlines() if line.startswith("  graph ["))
    assert changed_labels(old_dot, old_dot.replace(title, title.replace("pilot", "draft"))) is None
    assert changed_labels(old_dot, old_dot + "  extra\n") is None


def test_an_old_picture_that_is_not_the_old_text_s_is_not_patched() -> None:
    """The old box drawn alone must draw as the old picture's box: a picture laid out otherwise is refused."""
    old_dot = dot_of(PILOT)
    new_dot = reworded(old_dot, 2, "Sign")
    wrong = svg_of(old_dot.replace('fontsize=12 margin="0.08,0.04"', 'fontsize=12 margin="0.3,0.3"'))
    changed = changed_labels(old_dot, new_dot)
    assert changed and relabel(changed, wrong, new_dot, engine=DOT, timeout=30) is None


def test_only_graphviz_dot_redraws_boxes() -> None:
    old_dot = dot_of((MODELS / "minimal.yaml").read_text(encoding="utf-8"))
    new_dot = reworded(old_dot, 0, "Other")
    changed = changed_labels(old_dot, new_dot)
    pure = find_engine("graphviz-pure")
    assert changed and relabel(changed, svg_of(old_dot, pure), new_dot, engine=pure, timeout=30) is None


def test_node_lines_split_around_their_label() -> None:
    line = '    "a\\"b" [id="a-b" label=<<B>x &lt; y</B>> fillcolor="#fff" penwidth=1.5]'
    parsed = NodeLine.parse(line)
    assert parsed is not None and parsed.node_id == "a-b" and parsed.label == "<<B>x &lt; y</B>>"
    assert NodeLine.parse('  "a" -> "b" [id="a->b"]') is None  # an edge
    assert NodeLine.parse('  a [label="plain"]') is None  # no id, no HTML-like label
    again = parsed.line(name='"other"', node_id="other")
    assert again.startswith('    "other" [id="other"') and again.endswith("label=<<B>x &lt; y</B>>]")


def test_the_preview_s_drawer_redraws_in_place_and_lays_out_otherwise() -> None:
    text = PILOT
    drawer = Drawer(DOT, timeout=30)
    first = drawer.picture(model_of(text), ViewKey())
    title = "Country engagement agreement signed and national steering committee operating"
    second = drawer.picture(model_of(text.replace(title, title.replace("signed", "agreed"))), ViewKey())
    assert second.base == first.serial and list(second.boxes) == ["o-country-engagement"]
    assert "agreed" in second.boxes["o-country-engagement"] and "<title>" not in second.boxes["o-country-engagement"]
    third = drawer.picture(model_of(text.replace(title, "Signed")), ViewKey())  # fewer lines: a new layout
    assert third.base is None and not third.boxes and "Signed" in third.svg


def test_a_layout_started_and_not_wanted_stops_at_once() -> None:
    running = Running(dot_of(synthetic_model_text(1000, seed=1)), ["-Tsvg"], engine=DOT, timeout=60)
    started = time.monotonic()
    running.stop()
    assert time.monotonic() - started < 2
    assert running._process.returncode is not None  # the engine is gone, not left running
