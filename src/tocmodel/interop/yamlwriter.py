"""Model data written as YAML that reads like a hand-written model: block style, sections apart, short
mappings (`baseline: {value: 0, year: 2026}`) and lists of ids on one line, long texts folded.

Every scalar is rendered by PyYAML itself, so quoting and escapes are exactly what a YAML reader
expects: whatever text goes in comes back unchanged when the file is loaded.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

WIDTH = 110
"""Lines are folded to about this many characters."""
FLOW_MAPPINGS = frozenset({"baseline", "targets", "current"})
"""Keys whose mapping of plain values is written on one line when it fits."""
LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")
"""Characters YAML reads as line breaks: a scalar holding one is written double-quoted, with escapes."""
SECTION_ORDER = (
    "tocmodel",
    "model",
    "include",
    "actors",
    "stages",
    "problem",
    "interventions",
    "outputs",
    "outcomes",
    "impact",
    "assumptions",
    "risks",
    "validation",
)


def model_yaml(data: Mapping[str, Any], *, comment: str = "") -> str:
    """The model `data` as YAML text: top-level sections in the format's order, a blank line between them.

    Args:
        data: The model as plain data (mappings, lists, strings, numbers, dates, None).
        comment: Text for a comment at the top of the file (one line per line of text).
    """
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    if lines:
        lines.append("")
    keys = [key for key in SECTION_ORDER if key in data] + [key for key in data if key not in SECTION_ORDER]
    for number, key in enumerate(keys):
        if number > 1:
            lines.append("")
        lines.extend(_entry(key, data[key], indent=0))
    return "\n".join(lines) + "\n"


def _entry(key: Any, value: Any, *, indent: int) -> list[str]:
    """`key: value` at `indent`, the value inline when it fits on the line, else in a block below."""
    pad = " " * indent
    head = f"{pad}{_scalar(key)}:"
    if isinstance(value, Mapping):
        if not value:
            return [f"{head} {{}}"]
        inline = _flow_mapping(value) if key in FLOW_MAPPINGS else None
        if inline is not None and len(head) + 1 + len(inline) <= WIDTH:
            return [f"{head} {inline}"]
        return [head, *_mapping(value, indent=indent + 2)]
    if isinstance(value, Sequence) and not isinstance(value, str):
        return _sequence_entry(head, value, indent=indent)
    return _scalar_entry(head, value, indent=indent)


def _mapping(value: Mapping[Any, Any], *, indent: int) -> list[str]:
    lines: list[str] = []
    for key, item in value.items():
        lines.extend(_entry(key, item, indent=indent))
    return lines


def _sequence_entry(head: str, value: Sequence[Any], *, indent: int) -> list[str]:
    if not value:
        return [f"{head} []"]
    if all(_is_plain(item) for item in value):
        inline = "[" + ", ".join(_scalar(item, flow=True) for item in value) + "]"
        if len(head) + 1 + len(inline) <= WIDTH:
            return [f"{head} {inline}"]
    pad = " " * (indent + 2)
    lines = [head]
    for item in value:
        if isinstance(item, Mapping) and item:
            block = _mapping(item, indent=indent + 4)
            lines.append(f"{pad}- {block[0].lstrip()}")
            lines.extend(block[1:])
        else:
            lines.extend(_scalar_entry(f"{pad}-", item, indent=indent + 2))
    return lines


def _scalar_entry(head: str, value: Any, *, indent: int) -> list[str]:
    text = _scalar(value)
    if isinstance(value, str) and "\n" in value:
        literal = _literal(value, indent=indent + 2)
        if literal is not None:
            return [f"{head} |-", *literal]
    elif isinstance(value, str) and len(head) + 1 + len(text) > WIDTH:
        folded = _folded(value, indent=indent + 2)
        if folded is not None:
            return [f"{head} >-", *folded]
    return [f"{head} {text}"]


def _is_plain(value: Any) -> bool:
    return not isinstance(value, Mapping | list | tuple)


def _flow_mapping(value: Mapping[Any, Any]) -> str | None:
    if not all(_is_plain(item) for item in value.values()):
        return None
    inner = ", ".join(f"{_scalar(key, flow=True)}: {_scalar(item, flow=True)}" for key, item in value.items())
    return "{" + inner + "}"


def _scalar(value: Any, *, flow: bool = False) -> str:
    """One scalar as PyYAML writes it, on one line: plain or single-quoted when it can be, else double-quoted."""
    if flow:
        text = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=sys.maxsize)
        text = text.strip()[1:-1]
    else:
        text = yaml.safe_dump(value, allow_unicode=True, width=sys.maxsize)
        text = text.removesuffix("\n").removesuffix("\n...")
    if any(mark in text for mark in LINE_BREAKS):
        text = yaml.safe_dump(value, allow_unicode=True, width=sys.maxsize, default_style='"').strip()
    return text


def _literal(text: str, *, indent: int) -> list[str] | None:
    """A text of several lines as a literal block (`|-`), or None when the block could change it."""
    lines = text.split("\n")
    if not all(line.isprintable() and line == line.rstrip() for line in lines) or lines[0] != lines[0].lstrip():
        return None
    pad = " " * indent
    block = [pad + line if line else "" for line in lines]
    return block if _reads_back("|-", block, text) else None


def _reads_back(style: str, block: list[str], text: str) -> bool:
    """Whether a block scalar gives `text` back exactly when read."""
    return bool(yaml.safe_load(f"k: {style}\n" + "\n".join(block) + "\n") == {"k": text})


def _folded(text: str, *, indent: int) -> list[str] | None:
    """A long text as the lines of a folded block (`>-`), or None when folding could change it."""
    if not text.isprintable() or "  " in text or text != text.strip() or not text:
        return None
    width = max(WIDTH - indent, 40)
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    pad = " " * indent
    block = [pad + line for line in lines]
    # A folded block joins its lines with single spaces; check that it gives the text back exactly.
    return block if _reads_back(">-", block, text) else None
