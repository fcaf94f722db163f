"""A model difference shown as text (for a terminal or a pager), Markdown (for a review) or JSON.

Every change is one line: `+ id  title` added, `- id  title` removed, or under `~ id  title` one line per
changed field, `field: old → new`; a list of ids shows what joined and left it (`+ unido, − ilo`).
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterator
from itertools import groupby
from typing import Any

from .compare import Change

Style = Callable[..., str]
"""Colours a piece of text: `style(text, fg="green")`; the identity leaves it plain."""
MARKS = {"added": ("+", "green"), "removed": ("-", "red"), "changed": ("~", "yellow")}
NONE = "–"
"""Shown for a value that is not set."""
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def plain(text: str, **_: Any) -> str:
    """No colour."""
    return text


def show(value: Any) -> str:
    """A value as a reader expects it: `40`, `0.06`, `yes`, lists joined by commas, `–` when not set."""
    if value is None or value == [] or value == {}:
        return NONE
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return ", ".join(show(item) for item in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "; ".join(f"{key}: {show(item)}" for key, item in value.items())
    return str(value)


def change_line(change: Change) -> str:
    """`field: old → new`, or for two lists what joined and what left: `support: + unido; − ilo`."""
    if isinstance(change.old, list) and isinstance(change.new, list):
        joined = [item for item in change.new if item not in change.old]
        left = [item for item in change.old if item not in change.new]
        if joined or left:
            parts = ([f"+ {show(joined)}"] if joined else []) + ([f"− {show(left)}"] if left else [])
            return f"{change.field}: {'; '.join(parts)}"
    return f"{change.field}: {show(change.old)} → {show(change.new)}"


def summary(changes: list[Change]) -> str:
    """`2 added, 1 removed, 5 changed` (counting things, not fields), or `no differences`."""
    if not changes:
        return "no differences"
    counts = {kind: len({(c.section, c.id) for c in changes if c.kind == kind}) for kind in MARKS}
    return ", ".join(f"{count} {kind}" for kind, count in counts.items() if count)


def _items(changes: list[Change]) -> Iterator[tuple[str, list[tuple[Change, list[Change]]]]]:
    """Changes by section, then by thing: each thing's first change and all of them."""
    for section, in_section in groupby(changes, key=lambda change: change.section):
        things = [
            (group[0], group)
            for _, grouped in groupby(in_section, key=lambda c: (c.kind, c.id))
            for group in [list(grouped)]
        ]
        yield section, things


def to_text(changes: list[Change], *, old: str, new: str, style: Style = plain) -> str:
    """The difference as indented text lines, coloured by `style`."""
    lines = [style(f"--- {old}", bold=True), style(f"+++ {new}", bold=True)]
    for section, things in _items(changes):
        lines.append(style(section, bold=True))
        for first, group in things:
            mark, colour = MARKS[first.kind]
            label = f"  {first.label}" if first.label else ""
            lines.append(style(f"  {mark} {first.id}{label}", fg=colour))
            if first.kind == "changed":
                lines.extend(f"      {change_line(change)}" for change in group)
    lines.append(summary(changes).capitalize() + ".")
    return "\n".join(lines) + "\n"


def escape_markdown(text: str) -> str:
    """Model text that Markdown shows as written: its markup characters escaped, line breaks as `<br>`."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\r", "").replace("\n", "<br>")


def to_markdown(changes: list[Change], *, old: str, new: str) -> str:
    """The difference as a Markdown section: a heading per part of the model, a bullet per thing."""
    lines = ["# Model changes", "", f"`{old}` → `{new}`: {summary(changes)}."]
    for section, things in _items(changes):
        lines += ["", f"## {section.capitalize()}", ""]
        for first, group in things:
            label = f": {escape_markdown(first.label)}" if first.label else ""
            lines.append(f"- **{first.kind}** `{first.id}`{label}")
            if first.kind == "changed":
                lines.extend(f"  - {escape_markdown(change_line(change))}" for change in group)
    return "\n".join(lines) + "\n"


def to_json(changes: list[Change], *, old: str, new: str) -> str:
    """The difference as JSON: `{old, new, identical, summary: {added, removed, changed}, changes: [...]}`."""
    counts = {kind: len({(c.section, c.id) for c in changes if c.kind == kind}) for kind in MARKS}
    document = {
        "old": old,
        "new": new,
        "identical": not changes,
        "summary": counts,
        "changes": [change.to_dict() for change in changes],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
