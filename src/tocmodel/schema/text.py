"""Text in the reader's language: pick one language of a per-language text, and remember what was missing."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from . import Text


@dataclass
class Translator:
    """Resolves texts in one language, falling back to the model's main language.

    Attributes:
        language: The language wanted.
        fallback: The model's main language, used where a text lacks `language`.
        missing: Texts (by a short description) that fell back, in the order met.
    """

    language: str
    fallback: str
    missing: list[str] = field(default_factory=list)

    def __call__(self, text: Text | None, *, where: str = "") -> str:
        """The text in `language`, else in `fallback`, else in any language it has; "" for None."""
        if text is None:
            return ""
        if isinstance(text, str):
            return text
        if self.language in text:
            return text[self.language]
        if where:
            self.missing.append(where)
        return text.get(self.fallback) or next(iter(text.values()), "")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters (longer words stay whole); the author's line breaks are kept."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False) or [""])
    return lines
