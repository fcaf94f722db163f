"""One view of a model as SVG, with recent layouts remembered by their DOT text.

Most saves change one box: every other view's DOT text is then the same as before, and so is its picture, so
it costs no layout at all. Edits that change nothing drawn (an indicator's target, a comment) cost none either.
An edit to the words of a box that leaves it the same size redraws that box alone, in place, in the view's
last picture (`render.diagram.relabel`): the page is sent that box, not a new picture.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..render.diagram.dot import to_dot
from ..render.diagram.engine import DiagramError, Engine, Running, layout
from ..render.diagram.relabel import changed_labels, relabel, worth_trying
from ..render.diagram.views import build_scene
from ..schema import Model
from ..schema.monitoring import Thresholds
from ..schema.text import Translator
from .keys import ViewKey

REMEMBERED = 24
"""Layouts kept: a few per view that pages show, a few versions back (undoing an edit brings one back)."""

_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_NOT_SHOWN = re.compile(r"<!--.*?-->\n?|<title>[^<]*</title>\n?")
_SERIALS = itertools.count(1)


def page_svg(svg: str) -> str:
    """Graphviz's SVG as the page inserts it: without the XML declaration, doctype, comments and the `<title>`
    of each box and arrow (the page names boxes in its side panel), a tenth fewer elements to build.

    Model text never holds `<` here: Graphviz writes every `<` in a text as `&lt;`.
    """
    return _NOT_SHOWN.sub("", _PROLOGUE.sub("", svg, count=1))


@dataclass(frozen=True, slots=True)
class Picture:
    """A laid-out view: Graphviz's SVG as written, for downloads, and the page's lighter copy."""

    svg: str
    page: str
    serial: int = field(default_factory=lambda: next(_SERIALS))
    """Tells pictures apart, for a page to know which one it shows."""
    base: int | None = None
    """The picture (serial) this one is, but for some boxes redrawn in place; None when laid out anew."""
    boxes: Mapping[str, str] = field(default_factory=dict)
    """The redrawn boxes' groups as the page inserts them, by id."""


class Drawer:
    """Draws views with one layout engine; safe to call from several worker threads."""

    def __init__(self, engine: Engine, *, timeout: float, thresholds: Thresholds | None = None) -> None:
        self.engine = engine
        self.timeout = timeout
        self.thresholds = thresholds
        """Where the progress overlay's statuses start (`[progress]` of the model's `tocmodel.toml`)."""
        self._layouts: OrderedDict[str, Picture] = OrderedDict()
        self._last: OrderedDict[ViewKey, tuple[str, Picture]] = OrderedDict()
        """Each view's last picture and its DOT text: the base for redrawing boxes in place."""
        self._lock = threading.Lock()

    def picture(self, model: Model, key: ViewKey) -> Picture:
        """One view of the model. Blocking: runs the layout engine unless the layout is remembered.

        Raises:
            UsageError: the focus names nothing of the right kind in this model.
            DiagramError: the layout failed or took too long.
        """
        return self.layout(self.dot(model, key), key=key)

    def dot(self, model: Model, key: ViewKey) -> str:
        """The DOT text of one view (raises as `picture` does for a wrong focus)."""
        languages = model.model.languages
        translator = Translator(key.lang or languages[0], languages[0])
        scene = build_scene(
            model, translator, view=key.view, focus=key.focus, overlay=key.overlay, thresholds=self.thresholds
        )
        return to_dot(scene)

    def layout(self, dot_text: str, *, key: ViewKey | None = None) -> Picture:
        """The picture of DOT text: remembered, else the view's last picture with the boxes whose words changed
        redrawn in place, else laid out anew."""
        with self._lock:
            picture = self._layouts.get(dot_text)
            if picture is not None:
                self._layouts.move_to_end(dot_text)
            last = self._last.get(key) if key is not None else None
        if picture is None:
            picture = self._relabelled(*last, dot_text) if last else None
        if picture is None:
            picture = self._laid_out(Running(dot_text, ["-Tsvg"], engine=self.engine, timeout=self.timeout))
        with self._lock:
            self._layouts[dot_text] = picture
            while len(self._layouts) > REMEMBERED:
                self._layouts.popitem(last=False)
            if key is not None:
                self._last[key] = (dot_text, picture)
                self._last.move_to_end(key)
                while len(self._last) > REMEMBERED:
                    self._last.popitem(last=False)
        return picture

    def _relabelled(self, old_dot: str, old: Picture, dot_text: str) -> Picture | None:
        """The old picture with the boxes whose words changed redrawn, or None when only the words of no box
        changed. When the boxes change size, the whole layout, started meanwhile, is the picture."""
        changed = changed_labels(old_dot, dot_text)
        if changed is None or not worth_trying(changed, self.engine):
            return None
        whole = Running(dot_text, ["-Tsvg"], engine=self.engine, timeout=self.timeout)
        try:
            redrawn = relabel(changed, old.svg, dot_text, engine=self.engine, timeout=self.timeout)
        except DiagramError:  # the small graph failed: the whole one says why, if it fails too
            redrawn = None
        if redrawn is None:
            return self._laid_out(whole)
        whole.stop()
        boxes = {node_id: page_svg(group) for node_id, group in redrawn.boxes.items()}
        return Picture(redrawn.svg, page_svg(redrawn.svg), base=old.serial, boxes=boxes)

    @staticmethod
    def _laid_out(running: Running) -> Picture:
        svg = running.result().decode("utf-8")
        return Picture(svg, page_svg(svg))

    def png(self, model: Model, key: ViewKey) -> bytes:
        """The view as PNG, for export. Blocking (raises as `picture` does)."""
        return layout(self.dot(model, key), output_format="png", engine=self.engine, timeout=self.timeout)
