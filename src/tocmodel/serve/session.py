"""The model as the preview knows it: the last good reading, the current findings, and the files to watch.

A reading that fails (a half-typed edit, a file being replaced) never replaces the last good model: pages keep
their picture and show what is wrong until a later save fixes it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..check import CONFIG_NAME, config_beside
from ..diagnostics import Diagnostic, Report, Severity
from ..errors import UsageError
from ..load.loader import load_report
from ..locations import Location
from ..rules.validate import validate
from ..schema import Model

MAX_LISTED = 200
"""Findings sent to the page at most; the counts always cover all of them."""


@dataclass(frozen=True, slots=True)
class Reading:
    """One reading of the model files."""

    model: Model | None
    """The model, or None when it has errors and cannot be drawn."""
    report: Report
    files: frozenset[Path]
    """Every file the reading depends on: the model, its includes, the configuration beside it."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A good model: one the preview can draw."""

    version: int
    """Counts good readings from 1."""
    model: Model
    loaded_at: float
    """When it was read (seconds since the epoch)."""


@dataclass(frozen=True, slots=True)
class Change:
    """What taking in a reading changed."""

    snapshot: Snapshot | None
    """The new good model, or None when the reading failed (the last good one stays)."""
    findings_changed: bool
    files_changed: bool


class Session:
    """Reads one model file (and what it includes) again and again, keeping the last good model."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.snapshot: Snapshot | None = None
        self.report = Report()
        self.files = frozenset({resolved(self.path), self.config_path})
        self._findings: list[dict[str, Any]] = []

    @property
    def config_path(self) -> Path:
        """The `tocmodel.toml` beside the model, which applies to it when it exists."""
        return resolved(self.path).parent / CONFIG_NAME

    def read(self) -> Reading:
        """Load and validate the files now. Blocking; safe to run in a worker thread."""
        files = {resolved(self.path), self.config_path}
        try:
            config = config_beside(self.path)
            settings = config.settings if config else None
            loaded = load_report(self.path, limits=config.limits if config else None)
        except UsageError as error:
            # the file is gone (an editor replacing it) or the configuration is unreadable: keep watching
            return Reading(None, Report([_file_problem(self.path, str(error))]), frozenset(files | self.files))
        files.update(resolved(file) for file in loaded.files)
        if loaded.model is None:
            return Reading(None, loaded.report.sorted(), frozenset(files))
        report = validate(loaded.model, settings=settings)
        report.extend(loaded.report)
        report = report.sorted()
        return Reading(loaded.model if report.ok else None, report, frozenset(files))

    def failed(self, message: str) -> Reading:
        """A reading that could not be made at all (the files it depends on stay watched)."""
        return Reading(None, Report([_file_problem(self.path, message)]), self.files)

    def take(self, reading: Reading) -> Change:
        """Make a reading current: a good one becomes the next version; a failed one only updates the findings."""
        findings = [diagnostic.to_dict() for diagnostic in reading.report]
        findings_changed = findings != self._findings
        files_changed = reading.files != self.files
        self.report, self._findings, self.files = reading.report, findings, reading.files
        if reading.model is None:
            return Change(None, findings_changed, files_changed)
        version = self.snapshot.version + 1 if self.snapshot else 1
        self.snapshot = Snapshot(version, reading.model, time.time())
        return Change(self.snapshot, findings_changed, files_changed)

    def folders(self) -> list[Path]:
        """The folders holding the files, to watch (not recursively)."""
        return sorted({file.parent for file in self.files})

    def findings(self) -> dict[str, Any]:
        """The current findings as the page shows them, with the state of the last good model."""
        counts = self.report.counts()
        return {
            "ok": self.report.ok,
            "drawable": self.snapshot is not None,
            "version": self.snapshot.version if self.snapshot else 0,
            "loadedAt": self.snapshot.loaded_at if self.snapshot else None,
            "errors": counts["error"],
            "warnings": counts["warning"],
            "items": self._findings[:MAX_LISTED],
        }


def resolved(path: Path) -> Path:
    """The file a path names, through symbolic links; the path itself, made absolute, when they loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError for a loop, later versions OSError
        return path.absolute()


def _file_problem(path: Path, message: str) -> Diagnostic:
    """A finding for a model file that cannot be opened at all."""
    return Diagnostic(
        code="",
        severity=Severity.ERROR,
        message=message.removeprefix(f"{path}: "),
        location=Location(str(path)),
        hint="save the file again; the preview reloads it on every save",
    )
