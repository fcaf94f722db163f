"""Characters that XML 1.0, and so HTML, Word, Excel and IATI files, cannot hold: shown as visible escapes.

A document shows such a character as `\\x01` (or `\\ufffe` above U+00FF) rather than dropping it, so a
reader sees that the model holds something odd, and where.
"""

from __future__ import annotations

import re

_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""C0 controls but tab and line breaks, lone surrogates and the two noncharacters XML 1.0 excludes."""


def escape_character(character: str) -> str:
    """`\\x01` for a character below U+0100, `\\ufffe` for any other: how Python writes it."""
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Text any document can hold: each character XML 1.0 forbids written as its escape, never dropped."""
    return _NOT_IN_XML.sub(lambda match: escape_character(match.group()), text)
