"""Adding a language to texts of a YAML file by editing its text: what is not edited stays byte for byte.

The file is parsed once more with PyYAML's composer for the start and end of each node; each edit
replaces one text's scalar (or adds one entry to a mapping of languages), and the edits are applied from
the end of the file backwards so that their positions stay true.

- `title: Formal collection` becomes `title:` with `en: Formal collection` and `fr: ...` below it, in
  block layout, the original scalar kept as written (a block scalar `>-` keeps its lines, indented two
  more spaces);
- `- Formal collection`, an item of a block list, becomes `- en: ...` with `fr: ...` below it;
- a text inside a flow collection (`[a, b]`, `{title: a}`) becomes a flow mapping `{en: "a", fr: "b"}`;
- a mapping of languages gains the new language after its last entry (`, fr: "..."` in a flow mapping).
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass

import yaml

from ...errors import TranslationError

_ANCHOR = re.compile(r"&[^\s,\[\]{}]+[ \t]*")
"""An anchor written before a value: `&name `."""
_KEEP = re.compile(r"[|>](?:\d?\+|\+\d)")
"""The header of a block scalar that keeps its trailing line breaks (`|+`, `>+`, `|2+`)."""
WIDTH = 116
"""The width the folded translations are wrapped to, the width of the shipped models' lines."""
_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")
"""A single-line text that may be written unquoted (then checked by reading it back)."""


@dataclass(frozen=True)
class Edit:
    """Replace the characters from `start` to `end` of the file's text with `text`."""

    start: int
    end: int
    text: str


def scalar(text: str, indent: str = "") -> str:
    """A text as a YAML scalar after a key at `indent`: a long one-line text folded (`>-`) into lines of about
    the width the models use; else plain where that reads back as the same text, else double-quoted."""
    if len(indent) + len(text) > WIDTH and _foldable(text):
        lines = textwrap.wrap(text, WIDTH - len(indent) - 2, break_long_words=False, break_on_hyphens=False)
        return ">-" + "".join(f"\n{indent}  {line}" for line in lines)
    return _one_line(text)


def _foldable(text: str) -> bool:
    """Whether folding the text into lines and reading it back gives the same text: words one space apart."""
    return "\n" not in text and "  " not in text and text == text.strip() and "\t" not in text


def _one_line(text: str) -> str:
    if _PLAIN_SAFE.match(text) and ": " not in text and " #" not in text and not text.endswith((" ", ":")):
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


class Document:
    """A YAML file's text and its nodes, found by where they start."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.lines = text.splitlines(keepends=True)
        self.offsets = [0]
        for line in self.lines:
            self.offsets.append(self.offsets[-1] + len(line))
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as error:
            raise TranslationError(f"{name}: cannot read it again to write the translations: {error}") from None
        self.starts: dict[tuple[int, int], yaml.Node] = {}
        self.parents: dict[int, yaml.Node] = {}
        self.keys: dict[int, yaml.Node] = {}
        if root is not None:
            self._index(root)

    def _index(self, node: yaml.Node) -> None:
        self.starts.setdefault((node.start_mark.line, node.start_mark.column), node)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                self.parents.setdefault(id(value), node)  # an alias's node: where its anchor is
                self.keys.setdefault(id(value), key)
                self._index(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                self.parents.setdefault(id(item), node)
                self._index(item)

    def node_at(self, line: int, column: int) -> yaml.Node:
        """The node starting at a line and column counted from 1, as the model's source map gives them."""
        node = self.starts.get((line - 1, column - 1))
        if node is None:
            raise TranslationError(f"{self.name}:{line}:{column}: no text starts here; export the catalogue again")
        return node

    def add_language(self, node: yaml.Node, main: str, language: str, translation: str) -> Edit:
        """The edit that gives the text at `node` its version in `language`."""
        if isinstance(node, yaml.MappingNode):
            return self._add_entry(node, language, translation)
        if not isinstance(node, yaml.ScalarNode):
            raise TranslationError(f"{self.where(node)}: a text here is neither a string nor a mapping of languages")
        parent = self.parents.get(id(node))
        if isinstance(parent, yaml.CollectionNode) and parent.flow_style:
            return self._inline(node, main, language, translation)
        return self._block(node, parent, main, language, translation)

    def replace_language(self, node: yaml.Node, language: str, translation: str) -> Edit:
        """The edit that replaces the text in `language` of the mapping of languages at `node`."""
        value = self.key_node(node, language) if isinstance(node, yaml.MappingNode) else None
        if not isinstance(node, yaml.MappingNode) or not isinstance(value, yaml.ScalarNode):
            raise TranslationError(f"{self.where(node)}: the text has no `{language}` string to replace")
        start, end = self._written(value)
        if node.flow_style:
            return Edit(start, end, json.dumps(translation, ensure_ascii=False))
        return Edit(start, end, scalar(translation, " " * node.value[0][0].start_mark.column))

    def line_end(self, position: int) -> int:
        """Where the line holding `position` ends: at its `\n`, or its `\r\n`, or the end of the text."""
        found = self.text.find("\n", position)
        if found < 0:
            return len(self.text)
        return found - 1 if found > position and self.text[found - 1] == "\r" else found

    def where(self, node: yaml.Node) -> str:
        return f"{self.name}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"

    def _written(self, node: yaml.Node) -> tuple[int, int]:
        """Where the node's own characters are: from its start to its end, trailing line breaks left out, and
        an anchor before it (`&name`) left in place, so that its aliases name the translated text."""
        start, end = node.start_mark.index, node.end_mark.index
        if anchor := _ANCHOR.match(self.text, start):
            start = anchor.end()
        if _KEEP.match(self.text, start):  # `|+`: its trailing blank lines are part of the text; only the
            for ending in ("\r\n", "\n"):  # break of its last line is not
                if self.text.endswith(ending, start, end):
                    return start, end - len(ending)
            return start, end
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def _inline(self, node: yaml.Node, main: str, language: str, translation: str) -> Edit:
        start, end = self._written(node)
        pairs = ((main, node.value), (language, translation))
        return Edit(
            start, end, "{" + ", ".join(f"{name}: {json.dumps(text, ensure_ascii=False)}" for name, text in pairs) + "}"
        )

    def _block(self, node: yaml.Node, parent: yaml.Node | None, main: str, language: str, translation: str) -> Edit:
        start, end = self._written(node)
        original = self.text[start:end].replace("\n", "\n  ")  # a block scalar's lines, two spaces deeper
        rest = self.text[end : self.line_end(end)]
        comment = ""
        if rest.strip().startswith("#"):  # a note after the text stays on the line it was on
            comment, end = rest.rstrip(), end + len(rest)
        if parent is None or isinstance(parent, yaml.SequenceNode):  # `- text` → `- en: text` + `  fr: ...`
            indent = " " * node.start_mark.column
            return Edit(start, end, f"{main}: {original}{comment}\n{indent}{language}: {scalar(translation, indent)}")
        indent = " " * (self.keys[id(node)].start_mark.column + 2)
        while start > 0 and self.text[start - 1] in " \t":  # the space after `key:` goes with the value
            start -= 1
        value = f"{comment}\n{indent}{main}: {original}\n{indent}{language}: {scalar(translation, indent)}"
        return Edit(start, end, value)

    def _add_entry(self, node: yaml.MappingNode, language: str, translation: str) -> Edit:
        if any(isinstance(k, yaml.ScalarNode) and k.value == language for k, _ in node.value):
            raise TranslationError(f"{self.where(node)}: the text already has `{language}`")
        if node.flow_style:
            return self.add_entry(node, language, json.dumps(translation, ensure_ascii=False))
        indent = " " * node.value[0][0].start_mark.column
        return self.add_entry(node, language, scalar(translation, indent))

    def add_entry(self, node: yaml.MappingNode, key: str, value: str) -> Edit:
        """The edit that adds `key: value` (value as YAML text) after a mapping's last entry."""
        if node.flow_style:
            close = node.end_mark.index - 1  # the `}`
            return Edit(close, close, f", {key}: {value}")
        first_key, _ = node.value[0]
        _, end = self._written(node.value[-1][1])
        line_end = self.line_end(end)
        return Edit(line_end, line_end, f"\n{' ' * first_key.start_mark.column}{key}: {value}")

    def add_item(self, node: yaml.SequenceNode, item: str) -> Edit:
        """The edit that adds `item` (as YAML text) after a list's last item."""
        if node.flow_style:
            close = node.end_mark.index - 1  # the `]`
            return Edit(close, close, f", {item}" if node.value else item)
        _, end = self._written(node.value[-1])
        line_end = self.line_end(end)
        column = node.value[-1].start_mark.column
        return Edit(line_end, line_end, f"\n{' ' * (column - 2)}- {item}")

    def key_node(self, mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
        """The value of `key` in a mapping node."""
        return next((v for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def apply(text: str, edits: list[Edit]) -> str:
    """The text with the edits made (they must not overlap), from the last one back; a file whose lines end
    in CRLF gets CRLF line ends in what is added too."""
    crlf = "\r\n" in text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        added = re.sub(r"(?<!\r)\n", "\r\n", edit.text) if crlf else edit.text
        text = text[: edit.start] + added + text[edit.end :]
    return text
