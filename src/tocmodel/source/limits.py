"""What one model file may cost to read (`Limits`), and how a file that cannot be read is reported."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Severity
from ..locations import Location

DUPLICATE_HINT = "remove one of the two, or merge them; YAML would silently keep only the last"
ALIAS_HINT = "write the values out, or raise `max_alias_values` in tocmodel.toml's [limits]"


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what one model file may cost to read; a file past one gets a `TOC010` finding.

    Set them from Python, or in the `[limits]` table of a `tocmodel.toml` beside the model.
    """

    max_file_bytes: int = field(
        default=20_000_000,
        metadata={"doc": "Largest file read, in bytes; also the most characters of text aliases may repeat."},
    )
    max_nodes: int = field(
        default=2_000_000, metadata={"doc": "Most YAML values in one file, counting those aliases repeat."}
    )
    max_depth: int = field(
        default=64, metadata={"doc": "Deepest nesting of mappings and lists (at most 500 may be set)."}
    )
    max_alias_values: int = field(
        default=100_000,
        metadata={
            "doc": "Most values built by repeating anchors through aliases or visited by merge keys (`<<`) expanded"
            ' plainly (guards against "billion laughs").'
        },
    )


MAX_INTEGER_DIGITS = 1000
"""Whole numbers are bounded: Python refuses to print one of more than 4,300 digits, which YAML's hexadecimal
and base-60 forms can write in a few kilobytes."""
MAX_INTEGER_BITS = int(MAX_INTEGER_DIGITS * 3.3219280948873626)  # log2(10)
MAX_DEPTH_ALLOWED = 500
"""The deepest `max_depth` a configuration may set: YAML parsers stop at about 1,000 levels themselves."""
LIMIT_HINT = "remove the repeated aliases or the deep nesting, or raise the limit in tocmodel.toml's [limits]"


def too_deep(where: Location, limits: Limits) -> Diagnostic:
    """The problem of a file nested more deeply than `limits.max_depth`, found by tocmodel or by the parser."""
    message = f"the file has more than {limits.max_depth:,} levels of nesting"
    return problem("TOC010", "limit-exceeded", message, where, LIMIT_HINT)


class YamlProblem(Exception):
    """A file that cannot be read at all; carries the one diagnostic that says why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def problem(code: str, name: str, message: str, where: Location, hint: str | None = None) -> Diagnostic:
    """A loading error."""
    return Diagnostic(code, Severity.ERROR, message, where, hint, name)


def too_many(where: Location, limits: Limits) -> Diagnostic:
    """The problem of a file with more values than `limits.max_nodes`, aliases expanded."""
    message = f"the file has more than {limits.max_nodes:,} values (aliases expanded)"
    return problem("TOC010", "limit-exceeded", message, where, LIMIT_HINT)


def text_over_limit(where: Location, limits: Limits) -> Diagnostic:
    """The problem of aliases that repeat more text than the largest file allowed holds."""
    message = (
        f"the file's aliases repeat more than {limits.max_file_bytes:,} characters of text,"
        " more than the largest file allowed"
    )
    hint = "write the text once, or raise `max_file_bytes` in tocmodel.toml's [limits]"
    return problem("TOC010", "limit-exceeded", message, where, hint)


def duplicate_key(key: object, where: Location, first_line: int | None) -> Diagnostic:
    """The finding of a key written twice in one mapping (the file is still read: the first one is kept)."""
    message = f"duplicate key `{key}`" + (f" (first written at line {first_line})" if first_line else "")
    return problem("TOC002", "duplicate-key", message, where, DUPLICATE_HINT)
