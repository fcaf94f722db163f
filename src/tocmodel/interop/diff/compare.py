"""What changed between two models, compared by id: each thing added, removed, or changed field by field.

Texts are compared per language, lists of ids as what was added to and removed from them, indicator
baselines and targets value by value (`target 2030: 40 → 60`). A result that moved to another level
(an output made an outcome) is one change of its `level`, not a removal and an addition.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ...schema import RESULT_KIND, RESULT_SECTIONS, Model, Text

ChangeKind = Literal["added", "removed", "changed"]
SECTIONS = (
    "model",
    "problem",
    "root causes",
    "actors",
    "stages",
    "interventions",
    "outputs",
    "outcomes",
    "impact",
    "links",
    "indicators",
    "actuals",
    "assumptions",
    "risks",
    "validation",
)
"""Sections of a difference, in the order they are shown."""
SKIPPED_FIELDS = frozenset({"indicators", "leads_to", "causes"})
ORDERLESS = frozenset({"support", "addresses", "feeds", "needs", "affects", "assumptions", "after", "programme_areas"})
"""Fields whose entries' order says nothing: the same entries in another order are no change."""
"""Fields compared as sections of their own."""


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between two models.

    Attributes:
        section: Where it is, one of `SECTIONS`.
        kind: `added`, `removed` or `changed`.
        id: The thing's id; `source → target` for a link.
        field: For a change, the field (`title`, `title [fr]`, `baseline`, `target 2030`, `level`).
        old: The value before (None when added, or when the field was not set).
        new: The value after (None when removed, or when the field is no longer set).
        label: The thing's title or statement, to recognise it by.
    """

    section: str
    kind: ChangeKind
    id: str
    field: str = ""
    old: Any = None
    new: Any = None
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (dates as ISO text)."""
        return {
            "section": self.section,
            "change": self.kind,
            "id": self.id,
            "field": self.field,
            "old": _json(self.old),
            "new": _json(self.new),
            "label": self.label,
        }


def _json(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json(item) for key, item in value.items()}
    return value


def main_text(text: Any) -> str:
    """A text in its first language, for labels."""
    if isinstance(text, dict):
        return str(next(iter(text.values()), ""))
    return "" if text is None else str(text)


class Comparer:
    """Compares two versions of one kind of thing field by field."""

    def __init__(self, old_language: str, new_language: str) -> None:
        self.languages = (old_language, new_language)

    def fields(
        self, section: str, item_id: str, old: Mapping[str, Any], new: Mapping[str, Any], label: str
    ) -> Iterator[Change]:
        """A change for each field whose value differs (texts per language)."""
        for name in dict.fromkeys([*old, *new]):
            if name in SKIPPED_FIELDS:
                continue
            before, after = old.get(name), new.get(name)
            if before == after or (name in ORDERLESS and _same_set(before, after)):
                continue
            if _is_text(before) and _is_text(after) and (isinstance(before, dict) or isinstance(after, dict)):
                yield from self.texts(section, item_id, name, before, after, label)
            else:
                yield Change(section, "changed", item_id, name, before, after, label)

    def texts(
        self, section: str, item_id: str, name: str, old: Text | None, new: Text | None, label: str
    ) -> Iterator[Change]:
        before, after = _by_language(old, self.languages[0]), _by_language(new, self.languages[1])
        for language in dict.fromkeys([*before, *after]):
            if before.get(language) != after.get(language):
                yield Change(
                    section,
                    "changed",
                    item_id,
                    f"{name} [{language}]",
                    before.get(language),
                    after.get(language),
                    label,
                )


def _same_set(before: Any, after: Any) -> bool:
    """Whether two lists hold the same entries in another order (ids, or links keyed by where they go)."""
    if not (isinstance(before, list) and isinstance(after, list)) or len(before) != len(after):
        return False
    return sorted(map(repr, before)) == sorted(map(repr, after))


def _is_text(value: Any) -> bool:
    return (
        value is None
        or isinstance(value, str)
        or (isinstance(value, dict) and all(isinstance(v, str) for v in value.values()))
    )


def _by_language(text: Text | None, main: str) -> dict[str, str]:
    if text is None:
        return {}
    return {main: text} if isinstance(text, str) else dict(text)


def dumped(item: Any, *, full: bool = False) -> dict[str, Any]:
    """A part of the model as plain values; unless `full`, what is unset or at its default is left out."""
    if full:
        return dict(item.model_dump(mode="python"))
    return dict(item.model_dump(exclude_defaults=True, exclude_none=True, mode="python"))


def keyed(
    comparer: Comparer,
    section: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    label: str = "title",
) -> Iterator[Change]:
    """Changes between two mappings of id → part: added, removed, and changed field by field."""
    for item_id, item in new.items():
        text = main_text(getattr(item, label, None))
        if item_id not in old:
            yield Change(section, "added", item_id, new=dumped(item), label=text)
        else:
            yield from comparer.fields(section, item_id, dumped(old[item_id], full=True), dumped(item, full=True), text)
    for item_id, item in old.items():
        if item_id not in new:
            yield Change(section, "removed", item_id, old=dumped(item), label=main_text(getattr(item, label, None)))


def results(comparer: Comparer, old: Model | None, new: Model | None) -> Iterator[Change]:
    """Interventions and results by id; one that changed level is listed in its new section."""
    before = {i: (s, item) for s in RESULT_SECTIONS if old for i, item in getattr(old, s).items()}
    after = {i: (s, item) for s in RESULT_SECTIONS if new for i, item in getattr(new, s).items()}
    for item_id, (section, item) in after.items():
        label = main_text(item.title)
        if item_id not in before:
            yield Change(section, "added", item_id, new=dumped(item), label=label)
            continue
        old_section, old_item = before[item_id]
        if old_section != section:
            yield Change(section, "changed", item_id, "level", RESULT_KIND[old_section], RESULT_KIND[section], label)
        yield from comparer.fields(section, item_id, dumped(old_item, full=True), dumped(item, full=True), label)
    for item_id, (section, item) in before.items():
        if item_id not in after:
            yield Change(section, "removed", item_id, old=dumped(item), label=main_text(item.title))


def links(comparer: Comparer, old: Model | None, new: Model | None) -> Iterator[Change]:
    """Causal links by `source → target`, with their assumptions, evidence and confidence."""
    before, after = _links(old), _links(new)
    yield from keyed(comparer, "links", before, after, label="")


def _links(model: Model | None) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for section in ("interventions", "outputs", "outcomes"):
        for source, item in getattr(model, section).items() if model else ():
            for link in item.leads_to:
                found.setdefault(f"{source} → {link.to}", link)
    return found


def root_causes(model: Model | None) -> dict[str, Any]:
    """Every root cause by id, nested ones included, each with the id of the cause it feeds (`parent`)."""
    if model is None:
        return {}
    return {cause_id: _Cause(cause, path) for cause_id, cause, path in model.iter_root_causes()}


class _Cause:
    """A root cause with its parent, compared like any other part."""

    def __init__(self, cause: Any, path: tuple[str | int, ...]) -> None:
        self.title = cause.title
        self.cause = cause
        self.parent = str(path[-3]) if len(path) > 3 else None

    def model_dump(self, **options: Any) -> dict[str, Any]:
        data: dict[str, Any] = self.cause.model_dump(**options)
        data.pop("causes", None)
        if self.parent:
            data["parent"] = self.parent
        return data
