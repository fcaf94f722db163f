"""Read one YAML file safely into plain data plus a `SourceMap`, turning every problem into a diagnostic.

PyYAML's C parser reads the text into events (with line and column marks); `tocmodel.source.events` builds
the Python values from them, so that duplicate keys are caught, every value keeps its position, and
alias expansion is bounded.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any, cast

import yaml

from ..diagnostics import Diagnostic
from ..locations import Location, SourceMap
from .events import Builder, Fetch
from .limits import Limits, YamlProblem, problem, too_deep

try:  # the C loader's parser is several times faster; events and marks are the same
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

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
    "TOC013": (
        "bad-extends",
        "An `extends` that is missing, absolute, outside the model's folder, not a model, the model itself or"
        " circular; a `drop` of an id the extended model does not have, or without `extends`.",
    ),
    "TOC014": (
        "bad-bank",
        "An indicator bank named in `tocmodel.toml` that is missing, unreadable or not a bank file, or an"
        " `[indicators]` table that does not name bank files.",
    ),
}
"""Codes of the problems found while loading, which stop the model from being built (always errors)."""

__all__ = ["LOADING_CODES", "Limits", "ParsedFile", "YamlProblem", "parse_yaml", "problem", "read_text", "read_yaml"]


@dataclass(slots=True)
class ParsedFile:
    """The data of one YAML file, where each part was written, and the problems found building it."""

    data: Any
    source_map: SourceMap
    diagnostics: list[Diagnostic]


def read_yaml(path: FilePath, *, display: str, limits: Limits) -> ParsedFile:
    """Read, decode, parse and build one YAML file, recording where every value and key was written.

    Raises:
        YamlProblem: when the file cannot be turned into data at all.
    """
    return parse_yaml(read_text(path, display=display, limits=limits), display=display, limits=limits)


def read_text(path: FilePath, *, display: str, limits: Limits) -> str:
    """The file's text: read within the size limit and decoded from UTF-8.

    Raises:
        YamlProblem: the file is too large, unreadable, binary or not UTF-8.
    """
    return decode(read_bytes(path, display=display, limits=limits), display=display)


def parse_yaml(text: str, *, display: str, limits: Limits, positions: bool = True) -> ParsedFile:
    """Parse and build the text of one YAML file.

    Args:
        text: The file's text.
        display: How the file is named in messages.
        limits: Bounds on what the file may cost.
        positions: Record the position of every value and key. Without it the source map stays empty and a
            duplicate key's message cannot say where the first one was: a loader that skips them
            reads the text again, recording them, when it has a problem to locate.

    Raises:
        YamlProblem: when the text cannot be turned into data at all.
    """
    builder = Builder(display, limits, positions=positions)
    data = parse(text, builder, display=display, limits=limits)
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
                    "split the model over several files with `include:`, "
                    "or raise `max_file_bytes` in tocmodel.toml's [limits]",
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


def parse(text: str, builder: Builder, *, display: str, limits: Limits) -> Any:
    """The value of a single-document text, built by `builder` straight from the parser's events."""
    parser = _Parser(text)
    try:
        return builder.document(cast(Fetch, parser.get_event))  # it returns None only after the stream's end
    except yaml.MarkedYAMLError as error:
        if _parser_depth_limit(error):  # the parser's own bound, met before tocmodel's: one message for both
            mark = error.problem_mark or error.context_mark
            where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
            raise YamlProblem(too_deep(where, limits)) from None
        raise YamlProblem(_syntax_problem(error, text, display)) from None
    except yaml.reader.ReaderError as error:
        raise YamlProblem(_character_problem(error, text, display)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(problem("TOC001", "yaml-syntax", f"YAML error: {error}", Location(display))) from None
    except RecursionError:
        raise YamlProblem(
            problem("TOC010", "limit-exceeded", "the YAML is nested too deeply to read", Location(display))
        ) from None
    finally:
        parser.dispose()


def _parser_depth_limit(error: yaml.MarkedYAMLError) -> bool:
    """Whether the parser stopped at its own nesting bound (libyaml 0.2.5 and later, which PyYAML 6.0.3+ bundles).

    That bound (1,000 levels) lies above any `max_depth` tocmodel allows, so the file is too deep by
    tocmodel's own measure too; the scanner reads flow collections ahead, so it can meet it first.
    """
    return "nesting depth" in (error.problem or "")


def _character_problem(error: yaml.reader.ReaderError, text: str, display: str) -> Diagnostic:
    """A character YAML does not allow (a control character), located where it is first written.

    The reader stops at the first such character, so its first occurrence is the one it met (libyaml counts
    bytes, PyYAML's own reader characters: finding it again needs neither).
    """
    character = error.character if isinstance(error.character, str) else chr(error.character)
    offset = text.find(character)
    where = Location(display)
    if offset >= 0:
        where = Location(display, text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))
    escape = f"\\x{ord(character):02x}" if ord(character) < 0x100 else f"\\u{ord(character):04x}"
    kind = "a control character" if unicodedata.category(character) == "Cc" else "not a text character"
    return problem(
        "TOC001",
        "yaml-syntax",
        f"the character U+{ord(character):04X} ({kind}) is not allowed in YAML",
        where,
        "delete it (editors often show it as a box, or not at all); to keep it, write it as an escape such as "
        f"`{escape}` inside a double-quoted string",
    )


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
    elif "flow" in context and mark is not None and mark.index >= len(text.rstrip()) and error.context_mark:
        bracket = "{" if "mapping" in context else "["
        mark, context = error.context_mark, ""
        what = f"this `{bracket}` is never closed: the file ends first"
        hint = f"add the closing `{'}' if bracket == '{' else ']'}`, or check the file was saved whole"
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
        what, context = "a `: ` (colon and space) inside a value, read as the start of a key", ""
        hint = "a value containing ': ' must be quoted, or this line is indented wrongly"
    elif "expected <block end>" in what or "did not find expected key" in what:
        what, context = "this line does not line up with the lines of its mapping", ""
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
