"""Findings as data: `Severity`, `Diagnostic` and the `Report` that collects them."""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from .locations import Location, Path

_OBEYED_BY_TERMINALS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (escape sequences, carriage return, backspace, ...) and bidirectional marks."""


def for_terminal(text: str) -> str:
    """`text` with each character a terminal would obey written as an escape (`\\x1b`, `\\u202e`): a message
    that quotes a model's text can neither recolour, clear or rewrite the screen nor reorder what it shows."""
    return _OBEYED_BY_TERMINALS.sub(lambda match: _escape(match.group()), text)


def json_for_terminal(text: str) -> str:
    """JSON text with the characters a terminal would obey, which JSON may leave as they are, as `\\u` escapes:
    the same JSON value."""
    return _OBEYED_BY_TERMINALS.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class Severity(enum.StrEnum):
    """How serious a finding is: errors fail a check, warnings fail it only with `--strict`."""

    ERROR = "error"
    """Fails a check."""
    WARNING = "warning"
    """Fails a check with `--strict` (`Report.passes(strict=True)`)."""
    INFO = "info"
    """A note, such as what a country model dropped from the generic one; never fails a check."""

    @property
    def rank(self) -> int:
        """2 for errors, 1 for warnings, 0 for information."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: a stable code, a severity, a message, where it is and how to fix it.

    Examples:
        >>> from tocmodel import Diagnostic, Location, Severity
        >>> finding = Diagnostic(
        ...     "TOC101",
        ...     Severity.ERROR,
        ...     "unknown root cause `rc-no-ep`",
        ...     Location("model.yaml", 12, 17),
        ...     hint="did you mean `rc-no-epr`?",
        ...     name="dangling-reference",
        ... )
        >>> print(finding.format())
        model.yaml:12:17: TOC101 error: unknown root cause `rc-no-ep`
        >>> finding.to_dict()["line"], finding.with_severity(Severity.WARNING).severity
        (12, <Severity.WARNING: 'warning'>)
    """

    code: str
    """The rule's stable code, e.g. `TOC101` (see docs/rules.md)."""
    severity: Severity
    message: str
    """What is wrong, in plain language."""
    location: Location | None = None
    """Where it was written; None for a model built in Python rather than read from files."""
    hint: str | None = None
    """How to fix it."""
    name: str = ""
    """The rule's name, e.g. `dangling-reference`."""
    path: Path = ()
    """Where it is in the model's data, e.g. `("outputs", "o-points", "leads_to", 0, "to")`."""

    def with_severity(self, severity: Severity) -> Diagnostic:
        """A copy at another severity."""
        return replace(self, severity=severity)

    def format(self) -> str:
        """`file:line:col: CODE severity: message`, as compilers print it, fit for a terminal (`for_terminal`)."""
        where = f"{self.location}: " if self.location else ""
        return for_terminal(f"{where}{self.code} {self.severity.value}: {self.message}")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        loc = self.location
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "file": loc.file if loc else None,
            "line": loc.line if loc and loc.line else None,
            "column": loc.column if loc and loc.column else None,
            "path": [str(p) for p in self.path],
        }

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, line, column, then code."""
        loc = self.location or Location("")
        return (loc.file, loc.line, loc.column, self.code, self.message)


@dataclass(slots=True)
class Report:
    """Every finding of a load and validation run, in a stable order.

    A report iterates over its findings; in a notebook it shows as a table.

    Examples:
        >>> from tocmodel import Diagnostic, Location, Report, Severity
        >>> report = Report(
        ...     [
        ...         Diagnostic("TOC205", Severity.WARNING, "the link states no assumption", Location("m.yaml", 40, 9)),
        ...         Diagnostic("TOC101", Severity.ERROR, "unknown root cause `rc-no-ep`", Location("m.yaml", 12, 17)),
        ...     ]
        ... )
        >>> report.ok, len(report), report.counts()
        (False, 2, {'error': 1, 'warning': 1, 'info': 0})
        >>> report.codes(), report.sorted().codes()
        (['TOC205', 'TOC101'], ['TOC101', 'TOC205'])
        >>> [finding.code for finding in report.warnings]
        ['TOC205']
        >>> report.to_dict()["counts"]["error"]
        1
    """

    diagnostics: list[Diagnostic] = field(default_factory=list)
    """The findings."""

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)

    def __len__(self) -> int:
        return len(self.diagnostics)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Add findings."""
        self.diagnostics.extend(diagnostics)

    def sorted(self) -> Report:
        """A copy in file, line, column order."""
        return Report(sorted(self.diagnostics, key=Diagnostic.sort_key))

    @property
    def errors(self) -> list[Diagnostic]:
        """Findings at error severity."""
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        """Findings at warning severity."""
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """True when there is no error."""
        return not self.errors

    def passes(self, *, strict: bool = False) -> bool:
        """Whether a check passes: no errors, and with `strict` no warnings either.

        Args:
            strict: Fail on warnings too, as `tocmodel check --strict` does.

        Returns:
            True when the check passes; notes (`info`) never fail it.

        Examples:
            >>> from tocmodel import Diagnostic, Report, Severity
            >>> report = Report([Diagnostic("TOC403", Severity.WARNING, "outcome `oc-a` has no indicator")])
            >>> report.passes(), report.passes(strict=True)
            (True, False)
        """
        return self.ok and not (strict and self.warnings)

    def counts(self) -> dict[str, int]:
        """Number of findings by severity."""
        counter = Counter(d.severity.value for d in self.diagnostics)
        return {s.value: counter.get(s.value, 0) for s in Severity}

    def summary(self) -> str:
        """The counts in words: `1 error, 2 warnings`, and the notes when there are any.

        Examples:
            >>> from tocmodel import Diagnostic, Report, Severity
            >>> Report([Diagnostic("TOC403", Severity.WARNING, "outcome `oc-a` has no indicator")]).summary()
            '0 errors, 1 warning'
        """
        counts = self.counts()
        parts = [_plural(counts["error"], "error"), _plural(counts["warning"], "warning")]
        if counts["info"]:
            parts.append(_plural(counts["info"], "note"))
        return ", ".join(parts)

    def codes(self) -> list[str]:
        """The codes found, in order."""
        return [d.code for d in self.diagnostics]

    def raise_for_errors(self) -> None:
        """Raise if the report holds any error; do nothing otherwise.

        Raises:
            ModelValidationError: there is an error; the exception's `report` is this report.

        Examples:
            >>> import tocmodel
            >>> tocmodel.check(tocmodel.shipped_model_path()).raise_for_errors()
            >>> report = tocmodel.Report([tocmodel.Diagnostic("TOC201", tocmodel.Severity.ERROR, "a causal cycle")])
            >>> report.raise_for_errors()
            Traceback (most recent call last):
            ...
            tocmodel.errors.ModelValidationError: model has 1 error(s): TOC201 error: a causal cycle
        """
        if not self.ok:
            from .errors import ModelValidationError

            raise ModelValidationError(self)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping: `{"ok": ..., "counts": ..., "diagnostics": [...]}`."""
        return {
            "ok": self.ok,
            "counts": self.counts(),
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
