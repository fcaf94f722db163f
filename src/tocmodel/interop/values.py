"""Indicator values written as text (in a spreadsheet cell or an XML attribute) read back as numbers or text."""

from __future__ import annotations

import re

from ..schema.results import PLACEHOLDERS

_INT = re.compile(r"^[+-]?\d+$")
_FLOAT = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def number(text: str) -> int | float | None:
    """The number written in `text` (`3`, `3.30`, `1,200`, `1e3`), or None when it is not one."""
    cleaned = text.strip()
    if _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if _INT.match(cleaned):
        return int(cleaned)
    if _FLOAT.match(cleaned):
        value = float(cleaned)
        return value if value == value and abs(value) != float("inf") else None
    return None


NOT_APPLICABLE = frozenset({"not applicable", "non applicable", "sans objet", "no aplica", "no procede", "none"})
"""What a template's cell says when nothing applies there (`Not applicable` in an impact's assumptions)."""


def is_placeholder(text: str) -> bool:
    """Whether `text` stands for no value (`N/A`, `TBD`, `–`, `Not applicable`, empty)."""
    written = text.strip().lower().rstrip(".")
    return written in PLACEHOLDERS or written in NOT_APPLICABLE or text.strip() in ("–", "—")


def value(text: str) -> int | float | str | None:
    """A number when `text` is one, None for a placeholder, else the text itself (stripped)."""
    if is_placeholder(text):
        return None
    found = number(text)
    return found if found is not None else text.strip()


def format_number(item: int | float) -> str:
    """A number as written in an export: `3`, `3.3`, `2.0` (a float stays a float when read back)."""
    return str(item) if isinstance(item, int) else repr(float(item))
