"""One view of a model as SVG, with recent layouts remembered by their DOT text.

Most saves change one box: every other view's DOT text is then the same as before, and so is its picture, so
it costs no layout at all. Edits that change nothing drawn (an indicator's target, a comment) cost none either.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from ..render.diagram.dot import to_dot
from ..render.diagram.engine import Engine, layout
from ..render.diagram.views import build_scene
from ..schema import Model
from ..text import Translator
from .keys import ViewKey

REMEMBERED = 24
"""Layouts kept: a few per view that pages show, a few versions back (undoing an edit brings one back)."""

_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_NOT_SHOWN = re.compile(r"<!--.*?-->\n?|<title>[^<]*</title>\n?")


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


class Drawer:
    """Draws views with one layout engine; safe to call from several worker threads."""

    def __init__(self, engine: Engine, *, timeout: float) -> None:
        self.engine = engine
        self.timeout = timeout
        self._layouts: OrderedDict[str, Picture] = OrderedDict()
        self._lock = threading.Lock()

    def picture(self, model: Model, key: ViewKey) -> Picture:
        """One view of the model. Blocking: runs the layout engine unless the layout is remembered.

        Raises:
            UsageError: the focus names nothing of the right kind in this model.
            DiagramError: the layout failed or took too long.
        """
        return self.layout(self.dot(model, key))

    def dot(self, model: Model, key: ViewKey) -> str:
        """The DOT text of one view (raises as `picture` does for a wrong focus)."""
        languages = model.model.languages
        translator = Translator(key.lang or languages[0], languages[0])
        return to_dot(build_scene(model, translator, view=key.view, focus=key.focus))

    def layout(self, dot_text: str) -> Picture:
        """The picture of DOT text, remembered."""
        with self._lock:
            if dot_text in self._layouts:
                self._layouts.move_to_end(dot_text)
                return self._layouts[dot_text]
        svg = layout(dot_text, output_format="svg", engine=self.engine, timeout=self.timeout).decode("utf-8")
        picture = Picture(svg, page_svg(svg))
        with self._lock:
            self._layouts[dot_text] = picture
            while len(self._layouts) > REMEMBERED:
                self._layouts.popitem(last=False)
        return picture

    def png(self, model: Model, key: ViewKey) -> bytes:
        """The view as PNG, for export. Blocking (raises as `picture` does)."""
        return layout(self.dot(model, key), output_format="png", engine=self.engine, timeout=self.timeout)
