"""What a page asks to see: a view, the node, stage or actor it focuses on, and a language."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..render.diagram.scene import OVERLAYS
from ..render.diagram.views import FOCUSED, VIEWS
from ..schema.types import ID_PATTERN, LANG_PATTERN

_ID = re.compile(ID_PATTERN)
_LANG = re.compile(LANG_PATTERN)
MAX_LENGTH = 128


class ViewKeyError(ValueError):
    """A request named an unknown view, or a focus or language that cannot be one."""


@dataclass(frozen=True, slots=True)
class ViewKey:
    """One drawing of the model: pages asking for the same key share one rendering."""

    view: str = "toc"
    focus: str | None = None
    """The result or intervention (`pathway`), stage (`stage`) or actor (`actor`) in focus."""
    lang: str | None = None
    """Language of the texts; None for the model's first language."""
    overlay: str | None = None
    """What is laid over the view (`progress`: each result coloured by its status), if anything."""

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> ViewKey:
        """The key named by a request's `view`, `focus`, `lang` and `overlay` parameters.

        Raises:
            ViewKeyError: the view is unknown, a focused view lacks its focus, or a value is not an id or a
                language code. Whether the focus names something in the model is the drawing's concern.
        """
        view = query.get("view") or "toc"
        if view not in VIEWS:
            raise ViewKeyError(f"unknown view; choose one of {', '.join(VIEWS)}")
        focus = query.get("focus") or None
        if view not in FOCUSED:
            focus = None
        elif focus is None:
            raise ViewKeyError(f"the {view} view needs a focus: {FOCUSED[view]}")
        elif len(focus) > MAX_LENGTH or not _ID.fullmatch(focus):
            raise ViewKeyError("the focus must be an id of the model")
        lang = query.get("lang") or None
        if lang is not None and (len(lang) > MAX_LENGTH or not _LANG.fullmatch(lang)):
            raise ViewKeyError("lang must be a language code such as `en` or `fr`")
        overlay = query.get("overlay") or None
        if overlay is not None and overlay not in OVERLAYS:
            raise ViewKeyError(f"unknown overlay; choose one of {', '.join(OVERLAYS)}")
        return cls(view, focus, lang, overlay)

    def to_dict(self) -> dict[str, str | None]:
        """The key as the page writes it."""
        return {"view": self.view, "focus": self.focus, "lang": self.lang, "overlay": self.overlay}

    def file_stem(self, model_id: str) -> str:
        """A download's file name without its suffix: model id, view, focus and language."""
        parts = [model_id, self.view, self.focus or "", self.lang or "", self.overlay or ""]
        return "-".join(re.sub(r"[^A-Za-z0-9_.-]", "_", part) for part in parts if part)
