"""IATI XML read safely (no entity expansion, no network, bounded size) and checked against the 2.03 schema."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any, NoReturn

from ...errors import InputError
from ..inputs import sized_file
from ..notes import Note

SCHEMA = Path(__file__).parent / "schema-2.03" / "iati-activities-schema.xsd"
"""The official IATI 2.03 activity schema (it includes `iati-common.xsd` and imports `xml.xsd` beside it)."""
MAX_BYTES = 64 * 1024 * 1024
"""Larger files are refused: an IATI file of one publisher's activities is far smaller."""
MAX_SCHEMA_NOTES = 10
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
LANG = f"{{{XML_NAMESPACE}}}lang"
ENTITY_DECLARATION = re.compile(rb"<!ENTITY\s+%?\s*([^\s\"'>]+)")
"""An entity declared in a document type declaration: its name."""
ENTITY_SCAN_BYTES = 1024 * 1024
"""How much of the head of a file that failed to parse is searched for entity declarations."""


def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )


def parse_file(path: str | os.PathLike[str]) -> Any:
    """The XML document in `path` (an lxml element tree).

    Raises:
        InputError: the file is missing, too large, or not well-formed XML; the message gives the line.
    """
    from lxml import etree

    file = sized_file(path, limit=MAX_BYTES, what="an IATI file")
    try:
        return _without_entities(etree.parse(str(file), _parser()), name=str(path))
    except etree.XMLSyntaxError as error:
        with open(file, "rb") as stream:
            _refuse_entities(stream.read(ENTITY_SCAN_BYTES), name=str(path))
        line, column = error.position
        raise InputError(f"{path}:{line}:{column}: not well-formed XML: {error.msg}") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error}") from None


def _refuse_entities(head: bytes, *, name: str) -> None:
    """Refuse a document whose type declaration declares entities, in tocmodel's words.

    The XML parser stops some such files itself (an entity that expands too far), in words that change from
    one libxml2 version to the next; whatever stopped it, a file that declares entities is refused as
    `_without_entities` refuses one the parser read.

    Raises:
        InputError: the head of the file declares entities.
    """
    names = [found.decode("utf-8", "replace") for found in ENTITY_DECLARATION.findall(head)]
    if names:
        _entities_refused(names, name=name)


def _entities_refused(entities: list[str], *, name: str) -> NoReturn:
    shown = ", ".join(f"`{entity}`" for entity in entities[:3]) + (", ..." if len(entities) > 3 else "")
    raise InputError(f"{name}: declares entities ({shown}), which IATI files never use; refused, nothing read")


def _without_entities(tree: Any, *, name: str) -> Any:
    """`tree`, once it is known to declare no entities of its own (they are never expanded either way).

    Raises:
        InputError: the document type declares entities: IATI files never do, so the file is refused
            rather than read with those references left empty.
    """
    declared = tree.docinfo.internalDTD
    entities = [entity.name for entity in declared.iterentities()] if declared is not None else []
    if entities:
        _entities_refused(entities, name=name)
    return tree


def parse_bytes(content: bytes, *, name: str) -> Any:
    """An XML document from bytes (see `parse_file`).

    Raises:
        InputError: not well-formed XML.
    """
    from lxml import etree

    try:
        return _without_entities(etree.ElementTree(etree.fromstring(content, _parser())), name=name)
    except etree.XMLSyntaxError as error:
        _refuse_entities(content[:ENTITY_SCAN_BYTES], name=name)
        line, column = error.position
        raise InputError(f"{name}:{line}:{column}: not well-formed XML: {error.msg}") from None


@functools.cache
def schema() -> Any:
    """The IATI 2.03 activity schema, loaded once."""
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(SCHEMA), _parser()))


def schema_errors(tree: Any) -> list[Note]:
    """Every way `tree` departs from the IATI 2.03 schema, located by line and XPath (empty when valid)."""
    checker = schema()
    if checker.validate(tree):
        return []
    return [Note(f"line {error.line}, {error.path}", error.message) for error in checker.error_log]


def schema_notes(tree: Any) -> list[Note]:
    """`schema_errors` as import notes: the first few in full, then how many more."""
    errors = schema_errors(tree)
    notes = [
        Note(error.where, f"not valid against the IATI 2.03 schema: {error.message}")
        for error in errors[:MAX_SCHEMA_NOTES]
    ]
    if len(errors) > MAX_SCHEMA_NOTES:
        notes.append(Note("", f"{len(errors) - MAX_SCHEMA_NOTES} more schema errors not listed"))
    return notes


def where(element: Any) -> str:
    """`line N, /xpath` of an element."""
    return f"line {element.sourceline}, {element.getroottree().getpath(element)}"
