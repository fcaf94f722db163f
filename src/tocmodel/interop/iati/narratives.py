"""Model texts as IATI narratives (one per language, `xml:lang`) and back, with the labelled paragraphs that
carry what IATI has no element for: an indicator's unit and means of verification, a result's assumptions.

A description written by the exporter ends with a block of labelled lines after a blank line::

    Definition of the indicator.

    Unit: kg/inh
    Means of verification: National e-waste statistics

and a result's description with its assumptions::

    Assumptions:
    - Customs shares import records

The importer reads the same labels back (from any IATI file: a publisher's own `Unit: …` line is read too).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ...characters import printable
from ...schema import Text
from .files import LANG

UNIT = "Unit"
SOURCE = "Means of verification"
VALUE = "Value"
MEASURED = "Measured"
STATUS = "Status"
IDENTIFIER = "Identifier"
STANDARD = "Standard"
ASSUMPTIONS = "Assumptions:"
FIELD_LABELS = (UNIT, SOURCE, VALUE, MEASURED, STATUS, IDENTIFIER, STANDARD)


def xml_text(text: str) -> str:
    """Text XML can hold: characters XML 1.0 forbids are written as `\\x01` or `\\ufffe`, as in every document."""
    return printable(text)


def in_language(text: Text | None, language: str, main: str) -> str | None:
    """The text in `language`: a plain string counts as the main language's."""
    if text is None:
        return None
    if isinstance(text, str):
        return text if language == main else None
    return text.get(language)


def add_narratives(parent: Any, texts: dict[str, str]) -> Any:
    """Append one `narrative` per language to `parent` and return `parent`."""
    from lxml import etree

    for language, text in texts.items():
        narrative = etree.SubElement(parent, "narrative")
        narrative.set(LANG, language)
        narrative.text = xml_text(text)
    return parent


def per_language(text: Text, languages: Sequence[str]) -> dict[str, str]:
    """A text's versions in the model's languages, main language first; languages it lacks are left out."""
    order = list(dict.fromkeys([*languages, *(text.keys() if isinstance(text, dict) else [])]))
    found = {language: in_language(text, language, languages[0]) for language in order}
    return {language: value for language, value in found.items() if value}


def with_fields(body: str | None, fields: Sequence[tuple[str, str | None]]) -> str:
    """`body`, then a blank line and `Label: value` lines for the fields that have a value."""
    lines = [f"{label}: {value}" for label, value in fields if value]
    parts = [part for part in (body, "\n".join(lines)) if part]
    return "\n\n".join(parts)


def split_fields(text: str) -> tuple[str, dict[str, str]]:
    """The body of a description and its labelled fields (`with_fields` read back)."""
    start = _block_start(text, tuple(f"{label}: " for label in FIELD_LABELS))
    if start is None:
        return text, {}
    fields: dict[str, str] = {}
    label = ""
    for line in text[start:].split("\n"):
        found = next((name for name in FIELD_LABELS if line.startswith(f"{name}: ")), None)
        if found:
            label = found
            fields[label] = line[len(found) + 2 :]
        else:
            fields[label] += "\n" + line
    return text[: max(start - 2, 0)], fields


def with_assumptions(body: str | None, statements: Sequence[str]) -> str:
    """`body`, then an `Assumptions:` paragraph listing `statements`."""
    if not statements:
        return body or ""
    block = ASSUMPTIONS + "".join(f"\n- {statement}" for statement in statements)
    return f"{body}\n\n{block}" if body else block


def split_assumptions(text: str) -> tuple[str, list[str]]:
    """The body of a description and the statements of its `Assumptions:` paragraph."""
    start = _block_start(text, (ASSUMPTIONS + "\n",))
    if start is None:
        return text, []
    statements: list[str] = []
    for line in text[start + len(ASSUMPTIONS) + 1 :].split("\n"):
        if line.startswith("- ") or not statements:
            statements.append(line.removeprefix("- "))
        else:
            statements[-1] += "\n" + line
    return text[: max(start - 2, 0)], [statement for statement in statements if statement.strip()]


def _block_start(text: str, openings: tuple[str, ...]) -> int | None:
    """Where a trailing labelled block starts: the text's start or just after a blank line."""
    starts = [0, *(match.end() for match in re.finditer(r"\n\n", text))]
    return next((start for start in starts if text.startswith(openings, start)), None)


def read_narratives(element: Any, default_language: str) -> tuple[dict[str, str], list[str]]:
    """The narratives of `element` by language (lower case) and the languages met more than once."""
    texts: dict[str, str] = {}
    repeated: list[str] = []
    for narrative in element.iterfind("narrative"):
        language = (narrative.get(LANG) or default_language).strip().lower()
        text = narrative.text or ""
        if not text.strip():
            continue
        if language in texts:
            repeated.append(language)
            continue
        texts[language] = text
    return texts, repeated


def as_text(texts: dict[str, str], main: str) -> Text | None:
    """Texts by language as a model text: a plain string when only the main language has one."""
    if not texts:
        return None
    if list(texts) == [main]:
        return texts[main]
    return texts
