"""A model's data laid over the data of the model it extends: sections merged by id, fields replaced, drops.

Plain data in, plain data out: `tocmodel.load.extends` reads the files, reports problems and keeps the
positions. The rules, as documented in `docs/country-models.md`:

- items of a section (`actors`, `interventions`, ...) and root causes (at any depth) are merged by id:
  an item written with an id the extended model has keeps that model's fields and takes the ones
  written here (a list or a mapping written here replaces the extended one whole); a new id is added;
- the extended model's items keep their order; a new item comes right after the item written just
  before it here, if the extended model has that one, and otherwise after all of them;
- `model:`, `problem:` and `validation:` are merged field by field (root causes by id, as above);
- `drop:` removes items (a root cause with the causes under it). An id both dropped and written here
  is replaced whole, in its place, instead of field by field;
- `extends`, `drop` and `include` belong to the file they are written in and are not inherited.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..locations import Path
from ..schema import SECTIONS
from ..schema.lineage import Dropped

FIELD_MERGED = ("model", "problem", "validation")
"""Top-level mappings merged field by field."""
OWN_KEYS = ("extends", "drop", "include")
"""Top-level keys that belong to the file they are written in."""
ROOT_CAUSES: Path = ("problem", "root_causes")
_START = object()
"""Stands for "before every item" where new items are placed."""


@dataclass(slots=True)
class Overlay:
    """The merged data and what a caller needs to keep positions and report drops."""

    data: dict[str, Any]
    replaced: list[Path] = field(default_factory=list)
    """Paths whose value the extending model writes whole: the extended model's positions under them go."""
    removed: list[Dropped] = field(default_factory=list)
    """The items `drop:` removes or replaces whole, in the order of the `drop:` list."""
    unknown: list[tuple[int, str]] = field(default_factory=list)
    """`drop:` entries (index, id) that name no item of the extended model."""


def drop_ids(value: Any) -> list[str] | None:
    """The ids of a `drop:` value (one id or a list of ids), or None when it is neither."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


def item_paths(data: dict[str, Any]) -> dict[str, list[Path]]:
    """Where each id of a model's data is defined: section items and root causes at any depth."""
    found: dict[str, list[Path]] = {}
    for section in SECTIONS:
        items = data.get(section)
        if isinstance(items, dict):
            for item_id in items:
                found.setdefault(str(item_id), []).append((section, item_id))
    problem = data.get("problem")
    if isinstance(problem, dict):
        for item_id, path in _cause_paths(problem.get("root_causes"), ROOT_CAUSES):
            found.setdefault(str(item_id), []).append(path)
    return found


def _cause_paths(causes: Any, path: Path) -> Iterator[tuple[Any, Path]]:
    if not isinstance(causes, dict):
        return
    for cause_id, cause in causes.items():
        yield cause_id, (*path, cause_id)
        if isinstance(cause, dict):
            yield from _cause_paths(cause.get("causes"), (*path, cause_id, "causes"))


def overlay(base: dict[str, Any], own: dict[str, Any], drops: list[str]) -> Overlay:
    """`own` laid over `base` (both are left as they were), with the ids in `drops` removed from `base`."""
    result = Overlay({key: value for key, value in base.items() if key not in OWN_KEYS})
    whole = _apply_drops(result, own, drops)
    for key, value in own.items():
        current = result.data.get(key)
        if key in SECTIONS and isinstance(value, dict) and isinstance(current, dict):
            result.data[key] = _merge_items(current, value, (key,), whole, result.replaced)
        elif key in FIELD_MERGED and isinstance(value, dict) and isinstance(current, dict):
            result.data[key] = _merge_fields(current, value, (key,), whole, result.replaced)
        else:
            result.data[key] = value
            result.replaced.append((key,))
    return result


def _apply_drops(result: Overlay, own: dict[str, Any], drops: list[str]) -> set[Path]:
    """Remove the dropped items from `result.data`; returns the paths of those `own` writes again."""
    where = item_paths(result.data)
    written = item_paths(own)
    whole: set[Path] = set()
    for index, item_id in enumerate(drops):
        for path in where.get(item_id, []):
            replaced = path in written.get(item_id, [])
            item = _pop(result.data, path, keep=replaced)  # None once removed with a dropped parent cause
            dropped = Dropped(item_id, _kind(path), _title(item), ("drop", index), path, replaced)
            result.removed.append(dropped)
            whole.update([path] if replaced else [])
        if item_id not in where:
            result.unknown.append((index, item_id))
    return whole


def _pop(data: dict[Any, Any], path: Path, *, keep: bool) -> Any:
    """The item at `path` (None if it is gone), removed unless `keep`; the mappings on the way are copied."""
    parent = data
    for part in path[:-1]:
        if not isinstance(parent.get(part), dict):
            return None
        parent[part] = dict(parent[part])
        parent = parent[part]
    return parent.get(path[-1]) if keep else parent.pop(path[-1], None)


def _merge_items(
    base: dict[Any, Any], own: dict[Any, Any], path: Path, whole: set[Path], replaced: list[Path]
) -> dict[Any, Any]:
    """Items merged by id: the base's order, each new id after the base id written just before it."""
    following: dict[Any, list[Any]] = {}
    anchor: Any = _START
    for item_id in own:
        if item_id in base:
            anchor = item_id
        else:
            following.setdefault(anchor, []).append(item_id)
    merged: dict[Any, Any] = {}
    for item_id, base_item in base.items():
        merged[item_id] = _merge_item(base_item, own, (*path, item_id), whole, replaced)
        merged.update((new_id, own[new_id]) for new_id in following.get(item_id, ()))
    merged.update((new_id, own[new_id]) for new_id in following.get(_START, ()))
    return merged


def _merge_item(base_item: Any, own: dict[Any, Any], path: Path, whole: set[Path], replaced: list[Path]) -> Any:
    item_id = path[-1]
    if item_id not in own:
        return base_item
    written = own[item_id]
    if path in whole or not isinstance(written, dict) or not isinstance(base_item, dict):
        replaced.append(path)
        return written
    return _merge_fields(base_item, written, path, whole, replaced)


def _merge_fields(
    base: dict[Any, Any], own: dict[Any, Any], path: Path, whole: set[Path], replaced: list[Path]
) -> dict[Any, Any]:
    """Fields of `own` replace those of `base`; root causes (`root_causes`, `causes`) merge by id."""
    merged = dict(base)
    for key, value in own.items():
        nested = (*path, key)
        current = base.get(key)
        if _holds_causes(nested) and isinstance(value, dict) and isinstance(current, dict):
            merged[key] = _merge_items(current, value, nested, whole, replaced)
        else:
            merged[key] = value
            replaced.append(nested)
    return merged


def _holds_causes(path: Path) -> bool:
    """Whether `path` is the root causes of the problem or the causes under a root cause."""
    depth = len(path) - len(ROOT_CAUSES)  # root causes, then (cause id, "causes") pairs
    return path[: len(ROOT_CAUSES)] == ROOT_CAUSES and (depth == 0 or (depth % 2 == 0 and path[-1] == "causes"))


def _kind(path: Path) -> str:
    kind = SECTIONS.get(str(path[0]), "root_cause") if path[0] != "problem" else "root_cause"
    return kind.replace("_", " ")


def _title(item: Any) -> str:
    if not isinstance(item, dict):
        return ""
    text = item.get("title") or item.get("name") or item.get("statement") or ""
    if isinstance(text, dict):
        text = next(iter(text.values()), "")
    return text if isinstance(text, str) else ""
