"""Read one YAML file safely into plain data plus a `SourceMap`, turning every problem into a diagnostic.

PyYAML composes a node tree (with line and column marks); we build the Python values ourselves so that
duplicate keys are caught, every value keeps its position, and alias expansion is bounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostic, Severity
from .locations import Location, Path, Position, SourceMap

try:  # the C loader is several times faster; marks are the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


class _MemoLoader(_Loader):
    """The safe loader, resolving the implicit tag of each distinct scalar once.

    Ids, years and small numbers recur throughout a model. The safe loader has no path resolvers, so a
    scalar's tag depends only on its text and on how it was quoted.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._scalar_tags: dict[tuple[str, tuple[bool, bool]], str] = {}

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is not ScalarNode:
            return self._resolve(kind, value, implicit)
        key = (value, implicit)
        tag = self._scalar_tags.get(key)
        if tag is None:
            tag = self._scalar_tags[key] = self._resolve(kind, value, implicit)
        return tag

    def _resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        tag: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return tag


LOADING_CODES: dict[str, tuple[str, str]] = {
    "TOC001": ("yaml-syntax", "The file is not valid YAML: tabs, unclosed quotes, bad indentation, tags."),
    "TOC002": ("duplicate-key", "A key written twice in one mapping, or an id defined in two files."),
    "TOC003": ("unknown-field", "A field the format does not know; the message suggests the closest one."),
    "TOC004": ("invalid-value", "A value of the wrong type or outside its allowed values."),
    "TOC005": ("missing-field", "A required field is missing."),
    "TOC006": ("empty-file", "The file is empty."),
    "TOC007": ("root-not-mapping", "The top level of the file is a list or a single value."),
    "TOC008": ("not-text", "The file is binary, or not UTF-8."),
    "TOC009": ("bad-include", "An include that is missing, absolute, outside the model's folder or circular."),
    "TOC010": ("limit-exceeded", "The file is too large, too deeply nested or expands too many aliases."),
    "TOC011": ("format-version", "The file declares a format version this tocmodel does not read."),
}
"""Codes of the problems found while loading, which stop the model from being built (always errors)."""


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what one model file may cost to read."""

    max_file_bytes: int = 20_000_000
    """Largest file read, in bytes."""
    max_nodes: int = 2_000_000
    """Most YAML values built, aliases expanded (guards against "billion laughs")."""
    max_depth: int = 64
    """Deepest nesting of mappings and lists."""


class YamlProblem(Exception):
    """A file that cannot be read at all; carries the one diagnostic that says why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def problem(code: str, name: str, message: str, where: Location, hint: str | None = None) -> Diagnostic:
    """A loading error."""
    return Diagnostic(code, Severity.ERROR, message, where, hint, name)


@dataclass(slots=True)
class ParsedFile:
    """The data of one YAML file, where each part was written, and the problems found building it."""

    data: Any
    source_map: SourceMap
    diagnostics: list[Diagnostic]


def read_yaml(path: FilePath, *, display: str, limits: Limits) -> ParsedFile:
    """Read, decode, parse and build one YAML file.

    Raises:
        YamlProblem: when the file cannot be turned into data at all.
    """
    text = decode(read_bytes(path, display=display, limits=limits), display=display)
    node = compose(text, display=display)
    builder = _Builder(display, limits)
    data = builder.build(node, ()) if node is not None else None
    return ParsedFile(data, builder.source_map, builder.diagnostics)


def read_bytes(path: FilePath, *, display: str, limits: Limits) -> bytes:
    """The file's bytes, refusing files over the size limit."""
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise YamlProblem(
                problem(
                    "TOC010",
                    "limit-exceeded",
                    f"file is {size:,} bytes, over the limit of {limits.max_file_bytes:,}",
                    Location(display),
                    "split the model over several files with `include:`, or raise the limit",
                )
            )
        with path.open("rb") as stream:
            return stream.read(limits.max_file_bytes + 1)
    except OSError as error:
        raise YamlProblem(
            problem("TOC009", "unreadable-file", f"cannot read file: {error.strerror or error}", Location(display))
        ) from None


def decode(raw: bytes, *, display: str) -> str:
    """UTF-8 text without a byte-order mark; binary data and other encodings are located errors."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem(
            problem(
                "TOC008",
                "not-text",
                'the file is saved as UTF-16 (Windows "Unicode"), not UTF-8',
                Location(display, 1, 1),
                "save the file as UTF-8 (in most editors: File › Save with encoding › UTF-8)",
            )
        )
    if b"\x00" in raw[:8192]:
        offset = raw.index(b"\x00")
        raise YamlProblem(
            problem(
                "TOC008",
                "not-text",
                "this is not a text file (it contains NUL bytes)",
                _byte_location(raw, offset, display),
                "a model is a UTF-8 YAML text file",
            )
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise YamlProblem(
            problem(
                "TOC008",
                "not-text",
                f"invalid UTF-8 (byte 0x{raw[error.start]:02x})",
                _byte_location(raw, error.start, display),
                "save the file as UTF-8 (in most editors: File › Save with encoding › UTF-8)",
            )
        ) from None


def _byte_location(raw: bytes, offset: int, display: str) -> Location:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Location(display, raw.count(b"\n", 0, offset) + 1, column)


def compose(text: str, *, display: str) -> Node | None:
    """The YAML node tree of a single-document text."""
    try:
        return yaml.compose(text, Loader=_MemoLoader)  # safe: composing builds no Python objects
    except yaml.MarkedYAMLError as error:
        raise YamlProblem(_syntax_problem(error, text, display)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(problem("TOC001", "yaml-syntax", f"YAML error: {error}", Location(display))) from None
    except RecursionError:
        raise YamlProblem(
            problem("TOC010", "limit-exceeded", "the YAML is nested too deeply to read", Location(display))
        ) from None


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, display: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    what = (error.problem or "invalid YAML").strip()
    context = (error.context or "").strip()
    hint = "check the indentation and quoting around this line"
    lines = text.splitlines()
    line_text = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if mark is not None and ("\t" in line_text[: mark.column + 1] or "'\\t'" in what):
        what, context = "a tab character is used for indentation", ""
        hint = "YAML indents with spaces only; replace the tabs with spaces"
    elif "end of stream" in what and "quoted" in context:
        mark, context = error.context_mark or mark, ""
        what = "a quoted string is never closed"
        hint = "add the closing quote, or remove the opening one"
    elif (opened := _unclosed_quote_before(lines, mark.line if mark else 0)) is not None:
        line, column = opened
        return problem(
            "TOC001",
            "yaml-syntax",
            f"a quoted string opened here runs on to line {mark.line + 1 if mark else '?'}",
            Location(display, line + 1, column + 1),
            "add the closing quote at the end of this value",
        )
    elif "could not find expected ':'" in what:
        mark, context = error.context_mark or mark, ""
        what = "a key is not followed by `:`"
        hint = "write `key: value`, with a colon and a space after the key"
    elif "mapping values are not allowed" in what:
        hint = "a value containing ': ' must be quoted, or this line is indented wrongly"
    elif "expected <block end>" in what or "did not find expected key" in what:
        hint = "items of one mapping must start in the same column; check this line's indentation"
    elif "single document" in what:
        hint = "a model file holds one YAML document; remove the extra `---`"
    suffix = f" ({context})" if context else ""
    where = Location(display, mark.line + 1, mark.column + 1) if mark is not None else Location(display)
    return problem("TOC001", "yaml-syntax", f"{what}{suffix}", where, hint)


def _unclosed_quote_before(lines: list[str], error_line: int) -> tuple[int, int] | None:
    """Where a double-quoted value opens and runs over its line end, before a syntax error (line, column).

    YAML lets a double-quoted string span lines, so a forgotten closing quote is usually reported much
    later, where the next `"` closes it. A single-line value that opens a quote and does not close it
    is the likely culprit.
    """
    for number in range(min(error_line, len(lines) - 1), -1, -1):
        stripped = lines[number].split(" #", 1)[0].rstrip()
        key, colon, value = stripped.partition(": ")
        value = value.strip() if colon else stripped.lstrip("- ").strip()
        if value.startswith('"') and (len(value) == 1 or not value.endswith('"') or value.endswith('\\"')):
            return number, len(lines[number]) - len(lines[number].lstrip()) + (len(key) + 2 if colon else 0)
    return None


class _Builder:
    """Builds Python values from nodes, recording locations and duplicate keys."""

    def __init__(self, display: str, limits: Limits) -> None:
        self.display = display
        self.limits = limits
        self.source_map = SourceMap()
        self.diagnostics: list[Diagnostic] = []
        self.nodes = 0
        self.constructor = SafeConstructor()

    def where(self, node: Node) -> Location:
        return Location(*self.position(node))

    def position(self, node: Node) -> Position:
        return self.display, node.start_mark.line + 1, node.start_mark.column + 1

    def build(self, node: Node, path: Path, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes or depth > self.limits.max_depth:
            what = "values (aliases expanded)" if self.nodes > self.limits.max_nodes else "levels of nesting"
            limit = self.limits.max_nodes if self.nodes > self.limits.max_nodes else self.limits.max_depth
            raise YamlProblem(
                problem(
                    "TOC010",
                    "limit-exceeded",
                    f"the file has more than {limit:,} {what}",
                    self.where(node),
                    "remove the repeated aliases or the deep nesting",
                )
            )
        mark = node.start_mark  # `position(node)`, written out: this runs for every value of the file
        self.source_map.values[path] = (self.display, mark.line + 1, mark.column + 1)
        if isinstance(node, ScalarNode):
            return node.value if node.tag == STR_TAG else self.scalar(node)
        if node.tag not in _PLAIN_TAGS:
            raise YamlProblem(
                problem(
                    "TOC001",
                    "yaml-syntax",
                    f"the tag `{node.tag}` is not allowed in a model",
                    self.where(node),
                    "remove the tag; a model holds only plain mappings, lists, text and numbers",
                )
            )
        if isinstance(node, MappingNode):
            return self.mapping(node, path, depth)
        return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]

    def scalar(self, node: Node) -> Any:
        if node.tag == STR_TAG:  # most values are text, which needs no conversion
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except ConstructorError as error:
            raise YamlProblem(
                problem(
                    "TOC001",
                    "yaml-syntax",
                    (error.problem or "cannot read this value").strip(),
                    self.where(node),
                    "remove the tag; a model holds only plain mappings, lists, text and numbers",
                )
            ) from None

    def mapping(self, node: MappingNode, path: Path, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        keys = self.source_map.keys
        for key_node, value_node in self._pairs(node):
            key = self.key(key_node)
            child = (*path, key)
            if key in result:
                self.diagnostics.append(
                    problem(
                        "TOC002",
                        "duplicate-key",
                        f"duplicate key `{key}` (first written at line {keys[child][1]})",
                        self.where(key_node),
                        "remove one of the two, or merge them; YAML would silently keep only the last",
                    )
                )
                continue
            keys[child] = self.position(key_node)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _pairs(self, node: MappingNode) -> list[tuple[Node, Node]]:
        """Key-value pairs, with YAML merge keys (`<<: *base`) expanded; explicit keys win."""
        pairs: list[tuple[Node, Node]] = node.value
        if not any(key_node.tag == MERGE_TAG for key_node, _ in pairs):
            return pairs
        merged: list[tuple[Node, Node]] = []
        own: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag != MERGE_TAG:
                own.append((key_node, value_node))
                continue
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, MappingNode):
                    raise YamlProblem(problem("TOC001", "yaml-syntax", "`<<` must merge a mapping", self.where(source)))
                merged.extend(self._pairs(source))
        seen = {self.key(k) for k, _ in own}
        kept: list[tuple[Node, Node]] = []
        for pair in merged:  # the first source of a merged key wins, as YAML specifies
            if (key := self.key(pair[0])) not in seen:
                seen.add(key)
                kept.append(pair)
        return kept + own

    def key(self, node: Node) -> Any:
        if not isinstance(node, ScalarNode):
            raise YamlProblem(
                problem(
                    "TOC001",
                    "yaml-syntax",
                    "a key must be a plain value, not a list or mapping",
                    self.where(node),
                )
            )
        key = self.scalar(node)
        return "" if key is None else key
