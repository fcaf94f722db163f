"""The standard an imported IATI indicator references: the bank's code in its description (`Standard:
EN_EWT_RCYR`, as tocmodel writes it), or an SDG indicator reference (`<reference vocabulary="9" code="8.8.1"/>`)
that the indicator bank has. Every other reference, and a `Standard:` line naming no standard of the bank, is
named in a note; the line stays in the description."""

from __future__ import annotations

from typing import Any

from ...load.bank import shipped_bank
from ...schema import Text
from . import codes
from .narratives import STANDARD
from .reading import Reader


def read_standard(
    reader: Reader, element: Any, written: str | None, body: Text | None
) -> tuple[str | None, Text | None]:
    """The bank's code of the standard the indicator references, if any, and its description (with a
    `Standard:` line that names no standard put back)."""
    bank = shipped_bank()
    standard = None
    if written and written.strip():
        code = written.strip()
        if bank.get(code) is not None:
            standard = code
        else:
            reader.note(
                element, f"`{STANDARD}: {code}` names no standard of the indicator bank: kept in the description"
            )
            body = _with_line(body, f"{STANDARD}: {code}", reader.main)
    ours = bank.get(standard).iati if standard and bank.get(standard) else None  # type: ignore[union-attr]
    for reference in element.iterfind("reference"):
        vocabulary, code = reference.get("vocabulary", ""), reference.get("code", "").strip()
        if vocabulary == codes.REPORTING_ORGANISATION:
            continue  # the indicator's own code: its id
        if ours is not None and (vocabulary, code) == (ours.vocabulary, ours.code):
            continue  # the standard's own reference, as tocmodel writes it
        if vocabulary == codes.SDG_INDICATORS and standard is None and bank.get(f"SDG-{code}") is not None:
            standard = f"SDG-{code}"
            continue
        why = "a second reference" if standard else "no standard of the indicator bank"
        reader.note(reference, f"indicator reference `{code}` (vocabulary {vocabulary}) not taken: {why}")
    return standard, body


def _with_line(body: Text | None, line: str, main: str) -> Text:
    if body is None:
        return line
    if isinstance(body, str):
        return f"{body}\n{line}"
    return {**body, main: f"{body[main]}\n{line}" if main in body else line}
