"""Python values straight from PyYAML's parser events, with the position of every value and key.

The C parser's events are cheaper than a composed node tree: no node per value, and no call back into
Python to resolve each tag (a tag is resolved once per distinct text). What the composer would do is
done here: anchors are recorded and an alias replays its anchor's events (so expansion stays bounded by
`Limits.max_nodes`); undefined aliases, repeated anchors and extra documents are syntax errors; and a
syntax error anywhere in the file is reported before a problem found building the values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

from ..diagnostics import Diagnostic
from ..locations import COLUMN_SHIFT, LINE_SHIFT, Location, Path, Position, SourceMap
from .limits import ALIAS_HINT, Limits, YamlProblem, duplicate_key, problem, text_over_limit, too_deep, too_many
from .merge import MergeProblem, Merges
from .scalars import REMOVE_TAG, STR_TAG, Scalars

MERGE_TAG = "tag:yaml.org,2002:merge"
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


Fetch = Callable[[], Event]
"""Where a node's events come from: the parser, or the recording of an anchored node (for an alias)."""

_ENDS = (MappingEndEvent, SequenceEndEvent)


def _start(event: Event) -> Any:
    """Where the event starts: a `Mark`, which the parser always sets (the stubs allow None)."""
    return event.start_mark


def _recording(fetch: Fetch, events: list[Event]) -> Fetch:
    """`fetch`, also appending each event to `events` (the recording of an anchored node, for its aliases)."""

    def next_event() -> Event:
        event = fetch()
        events.append(event)
        return event

    return next_event


class Builder:
    """Builds Python values straight from the parser's events, recording positions and duplicate keys.

    Working from events rather than from a composed node tree saves making a node for every value and
    calling back into Python to resolve each tag. What the composer does is done here: anchors are
    recorded (and an alias replays its anchor's events, so expansion stays bounded by `max_nodes`),
    undefined aliases, repeated anchors and extra documents are syntax errors, and a syntax error
    anywhere in the file is reported before a problem found building the values.
    """

    def __init__(self, display: str, limits: Limits, *, positions: bool = True) -> None:
        self.display = display
        self.limits = limits
        self.positions = positions
        """Record each value's and key's position in `source_map` (see `tocmodel.source.reader.parse_yaml`)."""
        self.source_map = SourceMap()
        self.file = self.source_map.file_index(display)
        """The low bits of this file's packed positions (see `tocmodel.locations.LINE_SHIFT`)."""
        self.diagnostics: list[Diagnostic] = []
        self.nodes = 0
        self.anchors: dict[str, list[Event]] = {}
        self.replaying = 0
        """How many aliases are being replayed: their anchors were registered when first read."""
        self.aliased = 0
        """How many values replaying aliases has built (and merge keys would visit, expanded plainly)."""
        self.aliased_text = 0
        """How many characters of text replaying aliases has built."""
        self.alias: Event | None = None
        """The outermost alias or merge key being replayed: where a limit its replay passes is reported."""
        self.merges = Merges(limits, recorded=self.recorded, key=self.key, is_merge=self.is_merge)
        scalars = Scalars(display)
        self.tags = scalars.tags
        self.tag, self.scalar = scalars.tag, scalars.scalar

    def where(self, event: Event) -> Location:
        return Location(*self.position(event))

    def position(self, event: Event) -> Position:
        mark = _start(event)
        return self.display, mark.line + 1, mark.column + 1

    # -- the document ---------------------------------------------------------------------------------

    def document(self, fetch: Fetch) -> Any:
        """The value of the stream's only document (None when it has none)."""
        fetch()  # the stream start
        if isinstance(fetch(), StreamEndEvent):
            return None
        first = fetch()
        try:
            data = self.build(first, fetch, ())
        except YamlProblem:
            self.drain(fetch, first)  # a syntax error further on is reported first, as the composer would
            raise
        fetch()  # the document end
        self.single_document(fetch(), first)
        return data

    def drain(self, fetch: Fetch, first: Event) -> None:
        """Read the rest of the stream for syntax errors, undefined aliases and repeated anchors."""
        while not isinstance(event := fetch(), StreamEndEvent):
            if isinstance(event, DocumentStartEvent):
                self.single_document(event, first)
            elif isinstance(event, AliasEvent):
                self.recorded(event)
            elif isinstance(event, NodeEvent) and event.anchor is not None:
                self.register(event, [event])

    @staticmethod
    def single_document(event: Event, first: Event) -> None:
        if not isinstance(event, StreamEndEvent):
            raise ComposerError(
                "expected a single document in the stream",
                _start(first),
                "but found another document",
                _start(event),
            )

    # -- anchors and aliases --------------------------------------------------------------------------

    def register(self, event: NodeEvent, events: list[Event]) -> None:
        """Record an anchored node's events (the list grows as they are read)."""
        anchor = event.anchor
        assert anchor is not None
        if anchor in self.anchors:
            first = _start(self.anchors[anchor][0])
            raise ComposerError("found duplicate anchor; first occurrence", first, "second occurrence", _start(event))
        self.anchors[anchor] = events

    def anchored(self, event: NodeEvent, fetch: Fetch) -> Fetch:
        """`fetch` for the node that starts with `event`: recording its events when it is anchored."""
        if event.anchor is None or self.replaying:
            return fetch
        events: list[Event] = [event]
        self.register(event, events)
        return fetch if isinstance(event, ScalarEvent) else _recording(fetch, events)

    def recorded(self, alias: AliasEvent) -> list[Event]:
        found = self.anchors.get(alias.anchor or "")
        if found is None:
            raise ComposerError(None, None, "found undefined alias", _start(alias))
        return found

    def replay(self, alias: AliasEvent) -> tuple[Event, Fetch]:
        """The first event of the aliased node and where the rest of its events come from."""
        events = iter(self.recorded(alias))
        return next(events), events.__next__

    def skip(self, event: Event, fetch: Fetch) -> None:
        """Read past one node without building it (the value of a repeated key): anchors still count, and so
        does the work of reading it again each time an alias replays it."""
        if self.replaying:
            self.aliased += 1
            self.check_aliased(event)
        if isinstance(event, AliasEvent):
            self.recorded(event)
            return
        fetch = self.anchored(event, fetch)  # type: ignore[arg-type]
        if isinstance(event, CollectionStartEvent):
            while not isinstance(child := fetch(), _ENDS):
                self.skip(child, fetch)

    # -- values ---------------------------------------------------------------------------------------

    def build(self, event: Event, fetch: Fetch, path: Path, depth: int = 0) -> Any:
        if isinstance(event, AliasEvent):
            return self.replayed(event, path, depth)
        self.count(event, depth)
        if self.positions:
            mark: Any = event.start_mark  # `source_map.pack(...)`, written out: this runs for every value
            self.source_map.packed_values[path] = (
                (mark.line + 1) << LINE_SHIFT | (mark.column + 1) << COLUMN_SHIFT | self.file
            )
        if event.anchor is not None:  # type: ignore[attr-defined]
            fetch = self.anchored(event, fetch)  # type: ignore[arg-type]
        if isinstance(event, ScalarEvent):
            return self.scalar(event)
        tag = event.tag  # type: ignore[attr-defined]
        if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
            message = f"the tag `{tag}` is not allowed in a model"
            raise YamlProblem(problem("TOC001", "yaml-syntax", message, self.where(event), REMOVE_TAG))
        if isinstance(event, MappingStartEvent):
            return self.mapping(fetch, path, depth)
        return self.sequence(fetch, path, depth)

    def replayed(self, alias: AliasEvent, path: Path, depth: int) -> Any:
        """The value an alias repeats, built again from its anchor's recorded events."""
        if not self.replaying:
            self.alias = alias
        event, fetch = self.replay(alias)
        self.replaying += 1
        try:
            return self.build(event, fetch, path, depth)
        finally:
            self.replaying -= 1

    def count(self, event: Event, depth: int) -> None:
        """Count one value against the limits; past one, stop at the outermost alias being replayed."""
        self.nodes += 1
        self.aliased += self.replaying > 0
        if self.nodes > self.limits.max_nodes or depth > self.limits.max_depth:
            raise YamlProblem(self.over_limit(self.alias if self.replaying and self.alias else event))
        self.check_aliased(event)
        if self.replaying and isinstance(event, ScalarEvent):
            self.aliased_text += len(event.value)
            if self.aliased_text > self.limits.max_file_bytes:
                raise YamlProblem(text_over_limit(self.where(self.alias or event), self.limits))

    def check_aliased(self, event: Event) -> None:
        if self.aliased > self.limits.max_alias_values:
            message = f"the file's aliases expand to more than {self.limits.max_alias_values:,} values"
            raise YamlProblem(problem("TOC010", "limit-exceeded", message, self.where(self.alias or event), ALIAS_HINT))

    def sequence(self, fetch: Fetch, path: Path, depth: int) -> list[Any]:
        items: list[Any] = []
        positions = self.positions
        while not isinstance(child := fetch(), SequenceEndEvent):
            index = (*path, len(items)) if positions else path
            if child.__class__ is ScalarEvent and self.plain(child, index, depth):
                items.append(self.plain_value(child))
            else:
                items.append(self.build(child, fetch, index, depth + 1))
        return items

    def plain(self, event: ScalarEvent, path: Path, depth: int) -> bool:
        """Count and place a scalar without an anchor at `path` inside a collection at `depth`, as `build` does.

        False (nothing done) when it has an anchor or is past a limit: `build` then handles it. This and
        `plain_value` are `build` written out for the most common value, which runs a million times.
        """
        if (
            event.anchor is not None
            or self.replaying
            or self.nodes >= self.limits.max_nodes
            or depth >= self.limits.max_depth
        ):
            return False
        self.nodes += 1
        if self.positions:
            mark: Any = event.start_mark
            self.source_map.packed_values[path] = (
                (mark.line + 1) << LINE_SHIFT | (mark.column + 1) << COLUMN_SHIFT | self.file
            )
        return True

    def plain_value(self, event: ScalarEvent) -> Any:
        """`scalar(event)`, with the tag of text seen before looked up in place."""
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.tags.get((event.value, event.implicit))
        return event.value if tag == STR_TAG else self.scalar(event)

    def over_limit(self, event: Event) -> Diagnostic:
        """The problem of a file with too many values or too deep a nesting."""
        if self.nodes <= self.limits.max_nodes:
            return too_deep(self.where(event), self.limits)
        return too_many(self.where(event), self.limits)

    def mapping(self, fetch: Fetch, path: Path, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        keys, values = self.source_map.packed_keys, self.source_map.packed_values
        tags = self.tags
        positions = self.positions
        max_nodes, max_depth = self.limits.max_nodes, self.limits.max_depth
        merges: list[tuple[Event, list[Event]]] = []
        while not isinstance(key_event := fetch(), MappingEndEvent):
            if key_event.__class__ is not ScalarEvent or key_event.anchor is not None:
                key_event = self.unusual_key(key_event, fetch)
            if key_event.__class__ is ScalarEvent and (
                key_event.tag == STR_TAG
                or (key_event.tag in (None, "!") and tags.get((key_event.value, key_event.implicit)) == STR_TAG)
                or self.tag(key_event) == STR_TAG
            ):
                key = key_event.value  # the common case, written out: most keys are text
            elif self.is_merge(key_event):
                merges.append((key_event, self.capture(fetch(), fetch)))
                continue
            else:
                key = self.key(key_event)
            child = (*path, key) if positions else path
            if key in result:
                self.diagnostics.append(self.duplicate_key(key, key_event, child))
                self.skip(fetch(), fetch)
                continue
            if positions:
                mark: Any = key_event.start_mark
                keys[child] = (mark.line + 1) << LINE_SHIFT | (mark.column + 1) << COLUMN_SHIFT | self.file
            value_event: Any = fetch()
            if (  # `plain` and `plain_value`, written out for the values of mappings: most of a model's values
                value_event.__class__ is ScalarEvent
                and value_event.anchor is None
                and not self.replaying
                and self.nodes < max_nodes
                and depth < max_depth
            ):
                self.nodes += 1
                if positions:
                    mark = value_event.start_mark
                    values[child] = (mark.line + 1) << LINE_SHIFT | (mark.column + 1) << COLUMN_SHIFT | self.file
                tag = value_event.tag
                if tag is None or tag == "!":
                    tag = tags.get((value_event.value, value_event.implicit))
                result[key] = value_event.value if tag == STR_TAG else self.scalar(value_event)
            else:
                result[key] = self.build(value_event, fetch, child, depth + 1)
        return self.merge(result, [events for _, events in merges], merges[0][0], path, depth) if merges else result

    def unusual_key(self, event: Event, fetch: Fetch) -> Event:
        """The key event to read for an alias used as a key (its anchor's), or an anchored key (recorded)."""
        if isinstance(event, AliasEvent):
            key = self.replay(event)[0]
            if isinstance(key, ScalarEvent):  # a long key repeated counts as a long value repeated does
                self.aliased_text += len(key.value)
                if self.aliased_text > self.limits.max_file_bytes:
                    raise YamlProblem(text_over_limit(self.where(event), self.limits))
            return key
        if isinstance(event, NodeEvent) and event.anchor is not None:
            self.anchored(event, fetch)
        return event

    def duplicate_key(self, key: Any, event: Event, path: Path) -> Diagnostic:
        first = self.source_map.packed_keys.get(path) if self.positions else None
        return duplicate_key(key, self.where(event), first >> LINE_SHIFT if first else None)

    def key(self, event: Event) -> Any:
        if not isinstance(event, ScalarEvent):
            raise YamlProblem(
                problem(
                    "TOC001", "yaml-syntax", "a key must be a plain value, not a list or mapping", self.where(event)
                )
            )
        key = self.scalar(event)
        return "" if key is None else key

    # -- merge keys (`<<: *base`) ---------------------------------------------------------------------

    def is_merge(self, event: Event) -> bool:
        tag = self.tag(event) if isinstance(event, ScalarEvent) else getattr(event, "tag", None)
        return tag == MERGE_TAG

    def capture(self, event: Event, fetch: Fetch) -> list[Event]:
        """The events of the node that starts with `event`: the alias alone, or read now."""
        if isinstance(event, AliasEvent):
            self.recorded(event)  # an undefined alias is an error here, as anywhere
            return [event]
        events = [event]
        self.skip(event, _recording(fetch, events))
        return events

    def merge(
        self, own: dict[Any, Any], merges: list[list[Event]], at: Event, path: Path, depth: int
    ) -> dict[Any, Any]:
        """The mapping's own values after the merged ones they do not override (the first source wins)."""
        try:
            pairs, naive = self.merges.expand(at, merges)
            self.aliased += naive  # what a plain expansion would visit counts toward the alias limit
            if self.aliased > self.limits.max_alias_values:
                raise self.merges.over_limit()
        except MergeProblem as failure:
            raise YamlProblem(failure.diagnostic(self.display)) from None
        if not self.replaying:
            self.alias = at
        result: dict[Any, Any] = {}
        for key_events, value_events in pairs:
            key = self.key(key_events[0])
            if key in own or key in result:
                continue
            child = (*path, key)
            if self.positions:
                self.source_map.packed_keys[child] = self.source_map.pack(*self.position(key_events[0]))
            replay = iter(value_events).__next__
            self.replaying += 1
            try:
                result[key] = self.build(replay(), replay, child, depth + 1)
            finally:
                self.replaying -= 1
        result.update(own)
        return result
