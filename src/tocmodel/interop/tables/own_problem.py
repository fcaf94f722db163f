"""The problem and its tree of causes in tocmodel's own documents, read back: each cause under the one its
number puts it under (`C1.2` under `C1`), with the other causes it feeds and what shows each link."""

from __future__ import annotations

import functools
import re
from typing import Any

from ...i18n import messages, shipped_languages
from .grid import Grid
from .headings import fold
from .registers import Registers
from .views import find, vocabulary

_FEEDS = re.compile(r"^→\s*(?P<number>\S+?):\s*(?P<evidence>.*?)\s*(?:\((?P<sure>[^()]*)\))?$")


def read_problem(grids: list[Grid], registers: Registers, data: dict[str, Any], paragraphs: list[str]) -> None:
    """The tree of causes (`C1`, `C1.1`), each with the causes it feeds and why; the core problem and its
    context from the lines above the table, or from the paragraphs under the section's heading."""
    view = find(grids, "#", "Root cause", "Deeper cause of", "Description", "Evidence")
    if view is None:
        return
    ids = {number: item_id for (kind, number), item_id in registers.numbered.items() if kind == "root_cause"}
    above = [text for row in range(1, view.row) for text in view.grid.row_texts(row) if text] or paragraphs
    for row in range(1, view.row):
        view.done(row)
    causes: dict[str, dict[str, Any]] = {}
    parents: dict[str, str | None] = {}
    for row in view.rows():
        cause_id = ids.get(view.text(row, "#"))
        if cause_id is None:
            continue
        cause: dict[str, Any] = {"title": view.text(row, "root cause")}
        if description := view.text(row, "description"):
            cause["description"] = description
        evidence, feeds = _cause_evidence(view.text(row, "evidence"), ids)
        if evidence:
            cause["evidence"] = evidence
        number = view.grid.text(row, view.columns["#"])
        parent = ids.get(number.rsplit(".", 1)[0]) if "." in number else None  # `C1.2` is written under `C1`
        fed = [ids.get(n.strip(), n.strip()) for n in view.text(row, "deeper cause of").split(",") if n.strip()]
        parents[cause_id] = parent
        links = [feeds.get(target, target) for target in fed if target != parent]
        if parent in feeds:  # what shows the link to the cause it is written under
            links.append(feeds[parent])
        if links:
            cause["feeds"] = links
        causes[cause_id] = cause
        view.done(row)
    if causes and above:
        data["problem"] = {"core": above[0], **({"description": above[1]} if len(above) > 1 else {})}
        data["problem"]["root_causes"] = _nested(causes, parents)


def _cause_evidence(text: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """A cause's own evidence, and the `→ C2: why (confidence: high)` lines, as links to the causes it feeds."""
    own, feeds = [], {}
    for line in text.split("\n"):
        found = _FEEDS.match(line.strip())
        if not found:
            own.append(line)
            continue
        target = ids.get(found["number"], found["number"])
        link: dict[str, Any] = {"to": target}
        if found["evidence"]:
            link["evidence"] = found["evidence"]
        if sure := _confidence(found["sure"] or ""):
            link["confidence"] = sure
        feeds[target] = link
    return "\n".join(own).strip(), feeds


@functools.cache
def _confidences() -> dict[str, str]:
    """`high confidence`, `confiance élevée`… folded → `high`."""
    found = {}
    for language in shipped_languages():
        say = messages(language)
        for level in ("low", "medium", "high"):
            found[fold(say(f"{level} confidence"))] = level
    return found


def _confidence(text: str) -> str | None:
    return _confidences().get(fold(text)) or vocabulary(text.rsplit(":", 1)[-1].strip())


def _nested(causes: dict[str, dict[str, Any]], parents: dict[str, str | None]) -> dict[str, Any]:
    """The causes as the format nests them: each under the cause it is written under in the table."""
    top: dict[str, Any] = {}
    for cause_id, cause in causes.items():
        parent = parents.get(cause_id)
        home = causes.get(parent) if parent else None
        (home.setdefault("causes", {}) if home is not None else top)[cause_id] = cause
    return top
