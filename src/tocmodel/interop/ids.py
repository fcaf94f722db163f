"""Ids for imported things: the source's own code when it makes a valid, unused id, else a slug of the title."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..schema.types import ID_PATTERN

_ID = re.compile(ID_PATTERN)
_NOT_ID = re.compile(r"[^a-z0-9]+")
STOP_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "by", "with", "at", "is", "are"})
"""Words left out of slugs."""


def is_id(text: str) -> bool:
    """Whether `text` is a valid model id."""
    return len(text) <= 128 and bool(_ID.match(text))


def slug(text: str, *, words: int = 5, limit: int = 40) -> str:
    """A short lower-case id part from a text: `Households vulnerable to COVID-19` → `households-vulnerable-covid-19`.

    Short words such as `to` are left out, and the slug ends at a word within `limit` characters.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    parts = [part for part in _NOT_ID.split(ascii_text) if part]
    kept = [part for part in parts if part not in STOP_WORDS] or parts
    if not kept:
        return ""
    joined = ""
    for part in kept[:words]:
        longer = f"{joined}-{part}" if joined else part
        if len(longer) > limit:
            break
        joined = longer
    return joined or kept[0][:limit]


def as_id(text: str) -> str:
    """`text` with every character an id cannot hold turned into `-`: `NL-KVK-1:PK` → `NL-KVK-1-PK`."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", text.strip()).strip("-._")
    return cleaned[:128] or "model"


class IdMaker:
    """Hands out ids unique within one model."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken: set[str] = set(taken)
        self.numbers: dict[str, int] = {}
        """The last number given to each base: many results of one title are numbered in linear time."""

    def take(self, wanted: str) -> str | None:
        """`wanted` itself when it is a valid id not yet used (and now reserved), else None."""
        if not is_id(wanted) or wanted in self.taken:
            return None
        self.taken.add(wanted)
        return wanted

    def make(self, prefix: str, text: str) -> str:
        """A new id `<prefix>-<slug of text>`, numbered when already used: `o-collection-network-2`."""
        base = f"{prefix}-{slug(text) or 'item'}" if prefix else slug(text) or "item"
        candidate, number = base, self.numbers.get(base, 1)
        if number > 1:
            candidate = f"{base}-{number}"
        while candidate in self.taken or not is_id(candidate):
            number += 1
            candidate = f"{base}-{number}"
        self.numbers[base] = number
        self.taken.add(candidate)
        return candidate
