"""What the commands share: exit codes, parameter types in tocmodel's own words (whatever the version of
click), printing a report, loading a model that must be clean, and writing an output."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any

import click

from ..errors import UsageError

if TYPE_CHECKING:
    from ..diagnostics import Report
    from ..schema import Model
    from ..schema.monitoring import Thresholds

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
"""Exit codes: success, a problem with the input or the output, a misuse of the command."""

if TYPE_CHECKING:  # generic in the click that type checks; a plain class in older ones, which tocmodel allows
    _ParamType = click.ParamType[str]
else:
    _ParamType = click.ParamType


class PathParam(_ParamType):
    """A file (or, with `folder=True`, a folder) that must exist, or that may be created (`exists=False`).

    A wrong one is a usage error (exit 2) that names the path and says what is wrong with it in plain words.
    """

    def __init__(self, *, folder: bool = False, exists: bool = True) -> None:
        self.folder = folder
        self.exists = exists
        self.name = "folder" if folder else "file"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        path = str(os.fspath(value))
        if self.exists and not os.path.exists(path):
            self.fail(f"`{path}` does not exist", param, ctx)
        if self.folder and os.path.exists(path) and not os.path.isdir(path):
            self.fail(f"`{path}` is a file, not a folder", param, ctx)
        if not self.folder and os.path.isdir(path):
            self.fail(f"`{path}` is a folder, not a file", param, ctx)
        return path


EXISTING_FILE = PathParam()
"""An input file."""
EXISTING_FOLDER = PathParam(folder=True)
"""An input folder."""
OUTPUT_FILE = PathParam(exists=False)
"""A file to write: anything but a folder."""
OUTPUT_FOLDER = PathParam(folder=True, exists=False)
"""A folder to write into: anything but a file."""


def print_report(report: Report, *, output_format: str, hints: bool, files: list[str]) -> None:
    from ..diagnostics import json_for_terminal

    if output_format == "json":
        click.echo(json_for_terminal(json.dumps({"files": files, **report.to_dict()}, indent=2, ensure_ascii=False)))
        return
    colours = {"error": "red", "warning": "yellow", "info": "blue"}
    for diagnostic in report:
        click.echo(click.style(diagnostic.format(), fg=colours[diagnostic.severity.value]))
        if hints and diagnostic.hint:
            click.echo(f"    hint: {diagnostic.hint}")
    models = f"{len(files)} model{'s' if len(files) != 1 else ''}"
    summary = f"Checked {models}: {report.summary()}."
    click.echo(click.style(summary, bold=True))


def load_clean(model_path: str, *, output_format: str, notes: bool = True) -> Model:
    """Load and validate a model; print the errors and exit 1 if it has any (see `load_and_check` for `notes`)."""
    from ..check import config_beside, load_and_check

    try:
        found = config_beside(model_path)
        settings, limits = (found.settings, found.limits) if found else (None, None)
        model, report = load_and_check(model_path, settings=settings, limits=limits, notes=notes)
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    if model is None or not report.ok:
        print_report(report, output_format=output_format, hints=True, files=[model_path])
        click.echo("The model has errors; nothing else was done.", err=True)
        sys.exit(EXIT_FAILED)
    return model


def thresholds_beside(model_path: str) -> Thresholds | None:
    """The progress thresholds of a `tocmodel.toml` beside the model, if there is one (read by `load_clean`)."""
    from ..check import config_beside

    found = config_beside(model_path)
    return found.thresholds if found else None


def write_output(content: bytes, output: str | None) -> None:
    """Write to a file atomically, or to standard output."""
    from ..writing import write_bytes_atomic

    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    try:
        write_bytes_atomic(output, content)
    except OSError as error:
        click.echo(f"Error: cannot write {output}: {error.strerror or error}", err=True)
        sys.exit(EXIT_FAILED)
    click.echo(f"wrote {output}", err=True)
