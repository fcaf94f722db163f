"""The texts of logframe cells read as model parts: indicator lines, baselines and targets with their years,
assumptions (a result's own cell is read by `statements`). Both hand-made layouts and tocmodel's own
(`id: text` lines) are read."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...i18n import messages, shipped_languages
from ..ids import is_id
from ..values import is_placeholder

_MARKER = re.compile(
    r"^\s*(?:[-•*▪‣◦]|(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4})[a-z]?[.)]|\d{1,2}(?:\.\d{1,2})+[a-z]?|\d{1,2}[a-z]|[a-z][.)]"
    r"|\(\w{1,3}\))\s+"
)
"""A list item's marker: `-`, `•`, `1.`, `1.2`, `1.2a`, `1a.`, `Ia.`, `a)`, `(i)`."""
_ASSUMPTION_NUMBER = re.compile(r"^A(\d+)\s+")
_RISK_LINE = re.compile(r"^[\w.-]+ \([^(),:]+, \d+\): ")
"""A risk as tocmodel's logframes list it: `r-id (high, 16): statement`, its band in the document's language."""
_OWN_ID = re.compile(r"^(?P<id>[A-Za-z0-9][A-Za-z0-9_.-]*): (?P<rest>.*)$", re.DOTALL)


def items(text: str) -> list[str]:
    """A cell's entries: one per line when every line starts with a list marker (`1.`, `-`, `•`), else the cell."""
    return [entry for _marker, entry in marked_items(text)]


def marked_items(text: str) -> list[tuple[str, str]]:
    """A cell's entries with the list marker each was written with (`1.1`, `•`; "" for none): one per line
    when every line starts with one, else the cell (a single entry's marker taken off too)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if lines and (len(lines) > 1 or len(text.strip().split("\n")) == 1) and all(_MARKER.match(line) for line in lines):
        return [(_marker(line), _MARKER.sub("", line, count=1).strip()) for line in lines]
    return [("", text.strip())] if text.strip() else []


def _marker(line: str) -> str:
    found = _MARKER.match(line)
    return found.group().strip() if found else ""


def without_marker(text: str, marker: str) -> str:
    """A value's text without the number of the indicator it is for (`1.2 40 (2031)` → `40 (2031)`)."""
    stripped = text.strip()
    if marker and marker[0].isdigit() and stripped.startswith(marker + " "):
        return stripped[len(marker) + 1 :].strip()
    return text


def own_id(text: str) -> tuple[str | None, str]:
    """`ind-x: text` → (`ind-x`, `text`), as tocmodel's logframe writes indicator lines; else (None, text)."""
    found = _OWN_ID.match(text)
    if found and is_id(found.group("id")) and not found.group("id").isdigit():
        return found.group("id"), found.group("rest")
    return None, text


def without_id(text: str, indicator_id: str | None) -> str:
    """A cell's text without the `id: ` that tocmodel's logframe puts before each indicator's value."""
    if indicator_id and text.startswith(f"{indicator_id}: "):
        return text[len(indicator_id) + 2 :]
    return text


@functools.cache
def prefixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """How tocmodel's logframes start a risk line and an assumption line, in every shipped language
    (`Risk: `, `Risque : `; `Assumption: `, `Hypothèse : `)."""
    risks, assumptions = set(), set()
    for language in shipped_languages():
        say = messages(language)
        risks.add(say("Risk: %(risk)s").split("%(")[0])
        assumptions.add(say("Assumption: %(assumption)s").split("%(")[0])
    return tuple(risks), tuple(sorted(assumptions, key=len, reverse=True))


def _without(line: str, starts: tuple[str, ...]) -> str:
    return next((line[len(start) :] for start in starts if line.startswith(start)), line)


@dataclass(frozen=True)
class AssumptionLine:
    """An assumption as listed in a cell: its statement and its number in tocmodel's register (`A3`)."""

    statement: str
    number: int | None = None


def assumption_lines(text: str) -> tuple[list[AssumptionLine], list[str]]:
    """The assumptions listed in a cell, and the risk lines met among them (not taken as assumptions)."""
    found: list[AssumptionLine] = []
    risks: list[str] = []
    for line in (line.strip() for line in text.split("\n")):
        if not line or is_placeholder(line):
            continue
        risk, assumption = prefixes()
        if _RISK_LINE.match(line) or line.startswith(risk):
            risks.append(line)
            continue
        line = _MARKER.sub("", _without(line, assumption), count=1)
        numbered = _ASSUMPTION_NUMBER.match(line)
        if numbered:
            found.append(AssumptionLine(line[numbered.end() :].strip(), int(numbered.group(1))))
        else:
            found.append(AssumptionLine(line.strip()))
    return found, risks
