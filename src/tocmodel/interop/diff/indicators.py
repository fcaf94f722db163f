"""Indicators of two models paired and compared: their own ids first, then the same title on the same
result, then the same position; a baseline or target change is shown value by value (`target 2030: 40 → 60`)."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from typing import Any

from ...schema import Indicator, Model
from .compare import Change, Comparer, dumped, main_text

VALUE_FIELDS = frozenset({"id", "baseline", "targets", "current"})
"""Fields compared one value at a time rather than as a whole."""


@dataclass(frozen=True)
class Entry:
    """An indicator where it is: its result, its position there and its id."""

    owner: str
    id: str
    indicator: Indicator

    @property
    def title(self) -> str:
        return main_text(self.indicator.title)


def entries(model: Model | None) -> list[Entry]:
    """Every indicator of a model, with its result and id."""
    if model is None:
        return []
    return [
        Entry(owner, model.indicator_id(owner, index, indicator), indicator)
        for _, owner, index, indicator in model.iter_indicators()
    ]


def pairs(old: list[Entry], new: list[Entry]) -> tuple[list[tuple[Entry, Entry]], list[Entry], list[Entry]]:
    """Matched (old, new) indicators, then the old ones unmatched (removed) and the new ones (added).

    Each way of matching (the indicator's own id, then its result and title, then its place) pairs an
    entry with the first unmatched one of the same key, in the old model's order, in linear time.
    """
    left: dict[int, Entry] = {id(entry): entry for entry in old}  # unmatched, in order
    right: dict[int, Entry] = {id(entry): entry for entry in new}
    matched: list[tuple[Entry, Entry]] = []
    for key in (_own_id, _owner_and_title, _position):
        waiting: dict[Hashable, list[Entry]] = {}
        for entry in reversed(left.values()):
            if (found := key(entry)) is not None:
                waiting.setdefault(found, []).append(entry)  # reversed: the first one is popped first
        for entry in list(right.values()):
            candidates = waiting.get(key(entry)) if key(entry) is not None else None
            if candidates:
                partner = candidates.pop()
                matched.append((partner, entry))
                del left[id(partner)], right[id(entry)]
    order = {id(entry): number for number, entry in enumerate(new)}
    matched.sort(key=lambda pair: order[id(pair[1])])
    return matched, list(left.values()), list(right.values())


def _own_id(entry: Entry) -> Hashable | None:
    return entry.indicator.id


def _owner_and_title(entry: Entry) -> Hashable | None:
    return (entry.owner, entry.title)


def _position(entry: Entry) -> Hashable | None:
    return entry.id if entry.indicator.id is None else None


def indicators(comparer: Comparer, old: Model | None, new: Model | None) -> Iterator[Change]:
    """Indicators added, removed, moved to another result or changed."""
    matched, removed, added = pairs(entries(old), entries(new))
    for before, after in matched:
        yield from _changed(comparer, before, after)
    for entry in added:
        yield Change(
            "indicators", "added", entry.id, new={"result": entry.owner, **dumped(entry.indicator)}, label=entry.title
        )
    for entry in removed:
        yield Change(
            "indicators", "removed", entry.id, old={"result": entry.owner, **dumped(entry.indicator)}, label=entry.title
        )


def _changed(comparer: Comparer, before: Entry, after: Entry) -> Iterator[Change]:
    label, key = after.title, after.id
    if before.owner != after.owner:
        yield Change("indicators", "changed", key, "result", before.owner, after.owner, label)
    if before.id != after.id:
        yield Change("indicators", "changed", key, "id", before.id, after.id, label)
    old_fields = {k: v for k, v in dumped(before.indicator, full=True).items() if k not in VALUE_FIELDS}
    new_fields = {k: v for k, v in dumped(after.indicator, full=True).items() if k not in VALUE_FIELDS}
    yield from comparer.fields("indicators", key, old_fields, new_fields, label)
    yield from _baseline(comparer, key, label, before.indicator, after.indicator)
    for year in sorted({*before.indicator.targets, *after.indicator.targets}):
        old_value, new_value = before.indicator.targets.get(year), after.indicator.targets.get(year)
        if old_value != new_value or (year in before.indicator.targets) != (year in after.indicator.targets):
            yield Change("indicators", "changed", key, f"target {year}", old_value, new_value, label)
    old_current, new_current = before.indicator.current, after.indicator.current
    for name in ("value", "year", "note"):
        old_value = getattr(old_current, name) if old_current else None
        new_value = getattr(new_current, name) if new_current else None
        if old_value != new_value:
            yield Change(
                "indicators", "changed", key, f"current {name}".replace(" value", ""), old_value, new_value, label
            )


def _baseline(comparer: Comparer, key: str, label: str, before: Indicator, after: Indicator) -> Iterator[Change]:
    old: dict[str, Any] = dumped(before.baseline, full=True) if before.baseline else {}
    new: dict[str, Any] = dumped(after.baseline, full=True) if after.baseline else {}
    names = {"value": "baseline", "year": "baseline year", "note": "baseline note"}
    for name, shown in names.items():
        if old.get(name) == new.get(name):
            continue
        if name == "note":
            yield from comparer.fields("indicators", key, {shown: old.get(name)}, {shown: new.get(name)}, label)
        else:
            yield Change("indicators", "changed", key, shown, old.get(name), new.get(name), label)
