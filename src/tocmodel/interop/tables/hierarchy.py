"""Which result leads to which, from what a logframe table says (see `reader` for the order of the clues)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..notes import Note
from .headings import fold
from .reader import Draft

_PREFIX = re.compile(r"^[A-Za-z]+\s?")


@dataclass(frozen=True)
class Counted:
    """How many links each clue gave."""

    stated: int = 0
    numbered: int = 0
    ordered: int = 0
    only: int = 0
    registered: int = 0


def digits(code: str | None) -> str | None:
    """A number without its letters: `OP1.2` → `1.2`, `A1` → `1`; None when it has no digits."""
    if not code:
        return None
    found = _PREFIX.sub("", code).strip(".")
    return found if found and found[0].isdigit() else None


def link_drafts(drafts: list[Draft], notes: list[Note]) -> Counted:
    """Give each result the link to the result it leads to (`leads_to`), from the clues the table gives."""
    by_code = {(level_key(d), digits(d.code)): d for d in drafts if digits(d.code)}
    by_title = {fold(str(d.item["title"])): d for d in drafts}
    by_id = {d.id: d for d in drafts}
    counts = {"stated": 0, "numbered": 0, "ordered": 0, "only": 0}
    for index, draft in enumerate(drafts):
        ups = _levels_above(draft, drafts)
        if not ups:
            continue
        parent, how = None, ""
        if draft.parent:
            parent = _named(draft.parent, ups, by_code, by_title, by_id)
            how = "stated"
            if parent is None:
                notes.append(Note(_where(draft), f"contributes to `{draft.parent}`: no such result above it"))
        if parent is None and (number := digits(draft.code)) and "." in number:
            parent = next((by_code.get((up, number.rsplit(".", 1)[0])) for up in ups), None)
            how = "numbered"
        if parent is None:
            parent = next((d for d in reversed(drafts[:index]) if _is(d, ups)), None)
            how = "ordered"
        if parent is None:
            above = [d for d in drafts if _is(d, ups)]
            parent, how = (above[0], "only") if len(above) == 1 else (None, "")
        if parent is None:
            notes.append(Note(_where(draft), f"`{draft.id}` leads to no result: the table does not say which"))
            continue
        draft.item["leads_to"] = [parent.id]
        counts[how] += 1
    return Counted(**counts)


def level_key(draft: Draft) -> str:
    """`outcome:end` for an end outcome, else the level."""
    return "outcome:end" if draft.level == "outcome" and draft.item.get("kind") == "end" else draft.level


def _levels_above(draft: Draft, drafts: Iterable[Draft]) -> list[str]:
    """The levels a result may lead to: an activity to an output, an output to an outcome, an intermediate
    outcome to an end outcome when there are some (else to the impact), an end outcome to the impact."""
    if draft.level == "outcome" and level_key(draft) == "outcome":
        return ["outcome:end"] if any(level_key(d) == "outcome:end" for d in drafts) else ["impact"]
    return {"intervention": ["output"], "output": ["outcome", "outcome:end"], "outcome": ["impact"]}.get(
        draft.level, []
    )


def _is(draft: Draft, levels: list[str]) -> bool:
    return level_key(draft) in levels


def _named(
    text: str,
    ups: list[str],
    by_code: dict[tuple[str, str | None], Draft],
    by_title: dict[str, Draft],
    by_id: dict[str, Draft],
) -> Draft | None:
    """The result a "contributes to" text names: by its number (`1`, `Outcome 1`), its id or its statement."""
    number = digits(text.split()[-1]) if text.split() else None
    for up in ups:
        found = by_code.get((up, number))
        if found is not None:
            return found
    return by_id.get(text.strip()) or by_title.get(fold(text))


def _where(draft: Draft) -> str:
    return f"row {draft.row}" if draft.row else ""


def apply_links(drafts: list[Draft], links: list[dict[str, Any]]) -> int:
    """tocmodel's own `Causal links` table: every link with its assumptions, confidence and evidence."""
    by_id = {d.id: d for d in drafts}
    count = 0
    for link in links:
        source = by_id.get(link["from"])
        if source is None:
            continue
        entry = {key: value for key, value in link.items() if key != "from" and value}
        source.item.setdefault("leads_to", []).append(entry if len(entry) > 1 else entry["to"])
        count += 1
    return count
