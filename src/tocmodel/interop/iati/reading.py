"""Reading one IATI activity: texts in every language, codes, values and dates, with a note for each thing
that cannot be taken. Shared by the importer's activity and result readers."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from ...schema import Text
from ..ids import IdMaker
from ..notes import Note
from ..values import is_placeholder, number
from . import codes
from .files import where
from .narratives import as_text, read_narratives, split_fields

_CODE = re.compile(r"^(?=.*\d)[\w./:-]{1,16}$")
"""A title that is only a code, such as `2400` or `2400-A`."""


def looks_like_code(text: str) -> bool:
    """Whether a title is a bare code (`2400-A`) rather than a statement."""
    return bool(_CODE.match(text.strip()))


@dataclass
class Reader:
    """What the readers of one activity share: its main language, the languages met, ids and notes."""

    main: str
    languages: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    ids: IdMaker = field(default_factory=IdMaker)

    def note(self, element: Any, message: str) -> None:
        """Record something that could not be taken, located at `element`."""
        self.notes.append(Note(where(element) if element is not None else "", message))

    def texts(self, element: Any) -> dict[str, str]:
        """The narratives of `element` by language, stripped; the languages are remembered."""
        if element is None:
            return {}
        found, repeated = read_narratives(element, self.main)
        for language in dict.fromkeys(repeated):
            self.note(element, f"more than one `{language}` narrative: the first is taken")
        texts = {language: text.strip() for language, text in found.items()}
        for language in texts:
            if language not in self.languages:
                self.languages.append(language)
        return texts

    def text(self, element: Any) -> Text | None:
        """The narratives of `element` as a model text."""
        return as_text(self.texts(element), self.main)

    def year(self, element: Any, attribute: str) -> int | None:
        """A year attribute, or None (with a note when it is present but not a year)."""
        raw = element.get(attribute)
        if raw is None:
            return None
        found = number(raw)
        if isinstance(found, int) and 1900 <= found <= 2200:
            return found
        self.note(element, f"@{attribute} `{raw}` is not a year between 1900 and 2200: left out")
        return None

    def date(self, element: Any) -> datetime.date | None:
        """The `iso-date` of an element, or None (with a note when it is not a date)."""
        if element is None:
            return None
        raw = (element.get("iso-date") or "").strip()
        try:
            found = datetime.date.fromisoformat(raw[:10])
        except ValueError:
            self.note(element, f"@iso-date `{raw}` is not a date such as 2021-01-31: left out")
            return None
        if not 1900 <= found.year <= 2200:
            self.note(element, f"@iso-date `{raw}` is outside the years 1900–2200: left out")
            return None
        return found

    def value(self, element: Any, measure: str, what: str) -> tuple[bool, int | float | str | None]:
        """`(found, value)` of a baseline, target or actual: a number for numeric measures, text for others.

        A qualitative value comes from the comment (`Value: …`, or the whole comment).
        """
        raw = element.get("value")
        if measure == codes.QUALITATIVE and raw is None:
            comment = self.texts(element.find("comment")).get(self.main)
            if not comment:
                return False, None
            return True, split_fields(comment)[1].get("Value", comment)
        if raw is None:
            self.note(element, f"{what} has no value: left out")
            return False, None
        if is_placeholder(raw):
            self.note(element, f"{what} value `{raw}` is not a value: left empty")
            return True, None
        found = number(raw)
        if found is None and measure in codes.NUMERIC_MEASURES:
            self.note(element, f"{what} value `{raw}` is not a number, which its measure needs: left empty")
            return True, None
        return True, raw.strip() if found is None else found

    def leftovers(self, element: Any, used: frozenset[str], what: str) -> None:
        """A note naming the child elements of `element` that nothing reads (foreign namespaces aside)."""
        counts: dict[str, int] = {}
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and not tag.startswith("{") and tag not in used:
                counts[tag] = counts.get(tag, 0) + 1
        if counts:
            listed = ", ".join(f"{tag} ({count})" if count > 1 else tag for tag, count in counts.items())
            self.note(element, f"not imported from {what}: {listed}")
