"""Translating a model's own texts in the tools translators use: gettext PO files (Poedit, Weblate...).

`export_po` writes every text that lacks a language as a PO entry: the text in the model's main language
as the source (`msgid`), where it is in the model as its context (`msgctxt`, e.g.
`outcomes.oc-x.indicators.0.title`) and the file and line it is written on as the reference. `import_po`
writes the translations back into the files the texts are written in, changing nothing else: a text
`title: Formal collection` becomes a mapping `title: {en: ..., fr: ...}` in block layout, and a mapping
of languages gains the new one; comments, order and the rest of the layout stay as they were.
"""

from __future__ import annotations

from ...errors import TranslationError
from .exporting import export_po
from .importing import Imported, import_po

__all__ = ["Imported", "TranslationError", "export_po", "import_po"]
