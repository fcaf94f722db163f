"""Merging an included or monitoring file into the file that names it: sections by id, actuals by period."""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic
from ..locations import Location, SourceMap
from ..schema import SECTIONS
from ..source.reader import problem


def merge(data: dict[str, Any], fragment: dict[str, Any]) -> list[tuple[str, str]]:
    """Merge an included file's sections into the including file's data.

    Returns:
        The `(section, id)` pairs defined in both, which keep the including file's definition.
    """
    duplicates: list[tuple[str, str]] = []
    for section in SECTIONS:
        items = fragment.get(section)
        target = data.setdefault(section, {}) if isinstance(items, dict) else None
        if not isinstance(items, dict) or not isinstance(target, dict):
            continue
        for item_id, item in items.items():
            if item_id in target:
                duplicates.append((section, item_id))
            else:
                target[item_id] = item
    problem_part = fragment.get("problem")
    into = data.setdefault("problem", {}) if isinstance(problem_part, dict) else None
    if isinstance(problem_part, dict) and isinstance(into, dict):
        for key, value in problem_part.items():
            if key == "root_causes" and isinstance(value, dict) and isinstance(into.get(key, {}), dict):
                into.setdefault(key, {}).update({k: v for k, v in value.items() if k not in into[key]})
            else:
                into.setdefault(key, value)
    return duplicates


def merge_actuals(data: dict[str, Any], fragment: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """Merge an included or monitoring file's actuals into the including file's, period by period.

    Returns:
        The `("actuals", indicator, period)` paths given in both, which keep the including file's value.
    """
    given = fragment.get("actuals")
    into = data.setdefault("actuals", {}) if isinstance(given, dict) else None
    if not isinstance(given, dict) or not isinstance(into, dict):
        return []
    twice: list[tuple[str, Any, Any]] = []
    for indicator, periods in given.items():
        mine = into.setdefault(indicator, {}) if isinstance(periods, dict) else None
        if not isinstance(mine, dict) or not isinstance(periods, dict):
            into.setdefault(indicator, periods)
            continue
        for period, actual in periods.items():
            if period in mine:
                twice.append(("actuals", indicator, period))
            else:
                mine[period] = actual
    return twice


def duplicate_actual(path: tuple[str, Any, Any], *, first: SourceMap, again: SourceMap) -> Diagnostic:
    earlier = first.key_location(path)
    return problem(
        "TOC002",
        "duplicate-key",
        f"indicator `{path[1]}` has an actual for `{path[2]}` twice" + (f" (first at {earlier})" if earlier else ""),
        again.key_location(path) or Location(""),
        "keep one value per indicator and period: correct the period, or remove one",
    )


def duplicate(section: str, item_id: str, *, first: SourceMap, again: SourceMap) -> Diagnostic:
    earlier = first.key_location((section, item_id))
    return problem(
        "TOC002",
        "duplicate-key",
        f"`{item_id}` is defined twice in `{section}`" + (f" (first at {earlier})" if earlier else ""),
        again.key_location((section, item_id)) or Location(""),
        "give one of them another id, or remove one",
    )
