"""Merge keys (`<<: *base`, `<<: [*a, *b]`): the key and value events a mapping takes from the mappings it merges.

Merges nest: a merged mapping may merge others, so nine levels of ten aliases each name a billion sources.
Two things keep that cheap and bounded. The pairs an anchored mapping contributes are worked out once and
reused by every merge that names it. And each merge counts, toward the file's alias limit, the values a
plain expansion of it would visit (an anchored mapping's count is also worked out once), so a file whose
merges multiply past `Limits.max_alias_values` stops with a `TOC010` at the merge key that passed it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from ..diagnostics import Diagnostic, Severity
from ..locations import Location

if TYPE_CHECKING:
    from .limits import Limits

Pair = tuple[list[Event], list[Event]]
"""The events of one merged key and of its value."""

MERGE_HINT = "write the merged keys out, or raise `max_alias_values` in tocmodel.toml's [limits]"
_ENDS = (MappingEndEvent, SequenceEndEvent)


class MergeProblem(Exception):
    """A merge that cannot be expanded: past the limit, of something that is not a mapping, or of itself."""

    def __init__(self, code: str, message: str, event: Event, hint: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.event, self.hint = code, message, event, hint

    def diagnostic(self, display: str) -> Diagnostic:
        """The problem as a loading error in the file named `display`."""
        mark = self.event.start_mark
        where = Location(display, mark.line + 1, mark.column + 1) if mark is not None else Location(display)
        name = "limit-exceeded" if self.code == "TOC010" else "yaml-syntax"
        return Diagnostic(self.code, Severity.ERROR, self.message, where, self.hint, name)


def spans(events: list[Event]) -> list[list[Event]]:
    """The recorded events of a collection (start and end included) split into one list per child node."""
    found: list[list[Event]] = []
    depth = 0
    for event in events[1:-1]:
        if depth == 0:
            found.append([])
        found[-1].append(event)
        depth += isinstance(event, CollectionStartEvent) - isinstance(event, _ENDS)
    return found


class Merges:
    """Expands the merge keys of one file: memoised per anchored mapping, and counted against the alias limit.

    Args:
        limits: The file's limits; `max_alias_values` bounds both the plain expansion and the work done.
        recorded: The recording of the node an alias names (an error for an undefined alias).
        key: The Python key a key's first event stands for.
        is_merge: Whether a key's first event is the merge key `<<`.
    """

    def __init__(
        self,
        limits: Limits,
        *,
        recorded: Callable[[AliasEvent], list[Event]],
        key: Callable[[Event], object],
        is_merge: Callable[[Event], bool],
    ) -> None:
        self.limits = limits
        self.recorded = recorded
        self.key = key
        self.is_merge = is_merge
        self.expanded: dict[int, tuple[list[Event], list[Pair], int]] = {}
        """By the id of an anchored mapping's recording: the recording, its pairs and its plain expansion's size."""
        self.complete: set[int] = set()
        """Recordings read to their end: an alias to one still being read is inside it."""
        self.expanding: set[int] = set()
        """Recordings whose pairs are being worked out: one met again merges itself."""
        self.at: Event | None = None
        """The merge key being expanded, where a limit or a bad source is reported."""
        self.work = 0
        """Pairs looked at so far, memoised ones not counted again."""

    def expand(self, at: Event, merges: list[list[Event]]) -> tuple[list[Pair], int]:
        """The pairs the merge key `at` brings in (first source wins), and how many a plain expansion visits.

        Raises:
            MergeProblem: a source is not a mapping, merges itself, or the work passes the limit.
        """
        self.at = at
        return self.sources(merges)

    def sources(self, merges: list[list[Event]]) -> tuple[list[Pair], int]:
        found: list[Pair] = []
        size = 0
        for events in merges:
            node = self.resolve(events[0]) if isinstance(events[0], AliasEvent) else events
            listed = isinstance(node[0], SequenceStartEvent)
            if listed:
                self.spend(len(node))  # the list of sources is walked again at each merge that names it
            for source in spans(node) if listed else [events]:
                pairs, naive = self.source(source)
                found.extend(pairs)
                size += naive
        return found, size

    def source(self, source: list[Event]) -> tuple[list[Pair], int]:
        """The pairs of one merged mapping, worked out once for an anchored one."""
        if not isinstance(source[0], AliasEvent):
            return self.mapping(source)
        recording = self.resolve(source[0])
        known = self.expanded.get(id(recording))
        if known is not None:
            return known[1], known[2]
        if id(recording) in self.expanding:
            raise self.merges_itself(source[0])
        self.expanding.add(id(recording))
        try:
            pairs, naive = self.mapping(recording)
        finally:
            self.expanding.discard(id(recording))
        self.expanded[id(recording)] = (recording, pairs, naive)
        return pairs, naive

    def resolve(self, alias: AliasEvent) -> list[Event]:
        """The recording an alias names, which must be complete: a merge inside its own anchor is refused."""
        recording = self.recorded(alias)
        if id(recording) not in self.complete:
            depth = 0
            for event in recording:
                depth += isinstance(event, CollectionStartEvent) - isinstance(event, _ENDS)
            if depth:
                raise self.merges_itself(alias)
            self.complete.add(id(recording))
        return recording

    def merges_itself(self, alias: Event) -> MergeProblem:
        return MergeProblem(
            "TOC001",
            "a merge key (`<<`) merges a mapping it is part of",
            self.at or alias,
            "merge another mapping, or remove the merge key",
        )

    def mapping(self, source: list[Event]) -> tuple[list[Pair], int]:
        """Key and value events of one merged mapping, its own merge keys expanded (explicit keys win)."""
        if not isinstance(source[0], MappingStartEvent):
            raise MergeProblem("TOC001", "`<<` must merge a mapping", source[0])
        self.spend(len(source))
        parts = spans(source)
        keys = [self.resolve(k[0]) if isinstance(k[0], AliasEvent) else k for k in parts[::2]]
        pairs = list(zip(keys, parts[1::2], strict=True))  # a value stays an alias: a merged one is memoised
        merged, naive = self.sources([value for key, value in pairs if self.is_merge(key[0])])
        own = [(key, value) for key, value in pairs if not self.is_merge(key[0])]
        self.spend(len(merged) + len(own))
        seen = {self.key(key[0]) for key, _ in own}
        kept = []
        for key, value in merged:
            if (name := self.key(key[0])) not in seen:
                seen.add(name)
                kept.append((key, value))
        return kept + own, naive + len(own)

    def spend(self, pairs: int) -> None:
        """Count pairs looked at; past the limit, stop at the merge key being expanded."""
        self.work += pairs
        if self.work > self.limits.max_alias_values:
            raise self.over_limit()

    def over_limit(self) -> MergeProblem:
        """The problem of merges that expand past the alias limit, at the merge key being expanded."""
        assert self.at is not None
        message = f"the file's merge keys (`<<`) expand to more than {self.limits.max_alias_values:,} values"
        return MergeProblem("TOC010", message, self.at, MERGE_HINT)
