"""Exceptions for runs that cannot go on.

TocmodelError
├── ModelLoadError        the files could not be read into a model (carries a Report)
├── ModelValidationError  `Report.raise_for_errors()` found errors (carries the Report)
├── UsageError            a caller asked for something impossible (missing file, bad option)
├── InputError            a file to import or compare cannot be read (not well-formed, not the expected kind)
├── RenderError           a document could not be rendered (a template problem, scratch files that cannot be written)
└── ServeError            the live preview cannot start (the port is taken, no layout engine)

(`DiagramError`, for a diagram that cannot be drawn, lives with the diagrams in `tocmodel.render.diagram`.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .diagnostics import Report


class TocmodelError(Exception):
    """Base class of every tocmodel exception."""


class ModelLoadError(TocmodelError):
    """The model files could not be read into a model; `report` says why, with locations."""

    def __init__(self, report: Report) -> None:
        self.report = report
        first = report.errors[0].format() if report.errors else "unknown problem"
        more = f" (and {len(report.errors) - 1} more)" if len(report.errors) > 1 else ""
        super().__init__(f"cannot load model: {first}{more}")


class ModelValidationError(TocmodelError):
    """Validation found errors; `report` holds every finding."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(f"model has {len(report.errors)} error(s): {report.errors[0].format()}")


class UsageError(TocmodelError):
    """A caller asked for something that cannot be done, such as reading a file that does not exist."""


class InputError(TocmodelError):
    """A file given to an importer cannot be read at all; the message says where and why."""


class ServeError(TocmodelError):
    """The preview cannot start: the port is taken, the address cannot be used, no layout engine."""


class RenderError(TocmodelError):
    """A document could not be rendered: a user template's problem, or scratch files that cannot be written."""


class TranslationError(TocmodelError):
    """A translation catalogue cannot be written or read back into a model; the message says why and where."""
