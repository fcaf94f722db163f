"""Rules on references between parts of the model: they must exist, be of the right kind, be unique."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..locations import Path
from ..schema import SECTIONS
from ..schema.references import ReferenceField
from .base import Context, Rule

_KIND_NAMES = {
    "root_cause": "root cause",
    "programme_area": "programme area",
    "impact": "impact",
}


def kind_name(kind: str) -> str:
    """`root cause` for `root_cause`."""
    return _KIND_NAMES.get(kind, kind)


def a_or_an(noun: str) -> str:
    """`an outcome`, `a stage`."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


class DanglingReference(Rule):
    """A reference names an id that is defined nowhere in the model.

    Usually a typo; the message suggests the closest id of the right kind.
    """

    code = "TOC101"
    name = "dangling-reference"
    severity = Severity.ERROR
    hint = "correct the id, or define what it names"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        kinds = context.model.kinds
        if all(target in kinds for ids in context.referenced.values() for target in ids):
            return  # the usual case, found without going through every reference
        for ref in context.references:
            for index, target in enumerate(ref.targets):
                if target in kinds:
                    continue
                hint = _dropped(context, target, ref) or context.suggester(ref.kinds).did_you_mean(target)
                hint = hint or f"define `{target}`, or name an existing one"
                yield self.found(context, f"unknown {ref.role} `{target}`", ref.at(index), hint=hint)


def _dropped(context: Context, target: str, ref: ReferenceField) -> str | None:
    """Why a reference to an item the model dropped from the model it extends no longer resolves, and the fixes.

    The reference may be written in the extended model, which the author does not edit: the item holding it
    can be dropped too, or given the field anew in the author's own model.
    """
    lineage = context.model.lineage
    dropped = lineage.dropped_ids().get(target) if lineage else None
    if dropped is None:
        return None
    where = context.locate(dropped.drop_path)
    by = f" (by `drop:` at {where})" if where else ""
    fixes = "keep it, or remove this reference"
    if len(ref.path) >= 3 and isinstance(ref.path[1], str) and isinstance(ref.path[2], str):
        owner, field = ref.path[1], ref.path[2]
        fixes = f"keep it, drop `{owner}` too, or write `{owner}`'s `{field}` without it in this model"
    return f"`{target}` is dropped from {dropped.base}{by}: {fixes}"


class WrongKindReference(Rule):
    """A reference names an id of the wrong kind, e.g. an intervention that "addresses" an outcome."""

    code = "TOC102"
    name = "wrong-kind-reference"
    severity = Severity.ERROR
    hint = "name an item of the kind the field expects"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        kinds = context.model.kinds
        referenced = context.referenced.items()
        if all(kinds[target] in wanted for wanted, ids in referenced for target in ids if target in kinds):
            return  # the usual case, found without going through every reference
        for ref in context.references:
            for index, target in enumerate(ref.targets):
                kind = kinds.get(target)
                if kind is None or kind in ref.kinds:
                    continue
                wanted = " or ".join(sorted(kind_name(k) for k in ref.kinds))
                yield self.found(
                    context,
                    f"`{target}` is {a_or_an(kind_name(kind))}, but the {ref.role} must be {a_or_an(wanted)}",
                    ref.at(index),
                    hint=context.suggester(ref.kinds).did_you_mean(target) or f"name {a_or_an(wanted)} here",
                )


class DuplicateId(Rule):
    """The same id is defined in two places (two sections, or two root causes of the tree).

    Every reference must say exactly one thing, so ids are unique across the whole model.
    """

    code = "TOC103"
    name = "duplicate-id"
    severity = Severity.ERROR
    hint = "rename one of them; ids are unique across all sections"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        model = context.model
        first: dict[str, str] = {}
        definitions = [(cause_id, "root causes", path) for cause_id, _, path in model.iter_root_causes()]
        for section in SECTIONS:
            definitions.extend((item_id, section, (section, item_id)) for item_id in getattr(model, section))
        definitions.extend(
            (area, "programme areas", ("model", "programme_areas", i))
            for i, area in enumerate(model.model.programme_areas)
        )
        for item_id, section, path in definitions:
            if item_id in first:
                yield self.found(
                    context, f"`{item_id}` is defined in {section} and already in {first[item_id]}", path, key=True
                )
            else:
                first[item_id] = section


class CauseFeedsItself(Rule):
    """A root cause that feeds itself: its `feeds` names its own id.

    A cause cannot be its own cause; the entry is a slip, usually for the id of another cause.
    """

    code = "TOC105"
    name = "cause-feeds-itself"
    severity = Severity.ERROR
    hint = "name the cause it feeds, or remove the entry"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        for cause_id, link_to, path, _earlier in _cause_feeds(context):
            if link_to == cause_id:
                yield self.found(context, f"root cause `{cause_id}` feeds itself", path)


class DuplicateCauseLink(Rule):
    """A root cause that names the same cause twice in `feeds`.

    The two entries are one link written twice, perhaps with different evidence; a reader of the model, and
    of its documents, sees two.
    """

    code = "TOC106"
    name = "duplicate-cause-link"
    severity = Severity.WARNING
    hint = "merge them into one entry, with all the evidence"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        for cause_id, link_to, path, earlier in _cause_feeds(context):
            if link_to in earlier:
                yield self.found(context, f"root cause `{cause_id}` feeds `{link_to}` twice", path)


def _cause_feeds(context: Context) -> Iterator[tuple[str, str, Path, set[str]]]:
    """Each `feeds` entry of each root cause: the cause, the cause it names, where, and those named before it."""
    for cause_id, cause, path in context.model.iter_root_causes():
        earlier: set[str] = set()
        for index, link in enumerate(cause.feeds):
            yield cause_id, link.to, (*path, "feeds", index, "to"), set(earlier)
            earlier.add(link.to)
