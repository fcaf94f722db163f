"""Load and validate in one call: what `tocmodel check` does for each file."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import ValidationError

from .diagnostics import Report
from .errors import UsageError
from .loader import load_report
from .schema import ValidationSettings
from .validate import validate
from .yamlsource import Limits

CONFIG_NAME = "tocmodel.toml"
"""A configuration file found beside a model applies to it."""


def check(
    path: str | os.PathLike[str], *, settings: ValidationSettings | None = None, limits: Limits | None = None
) -> Report:
    """Load a model and validate it; loading problems and rule findings come back in one report.

    Raises:
        UsageError: the file does not exist.
    """
    loaded = load_report(path, limits=limits)
    if loaded.model is None:
        return loaded.report.sorted()
    report = validate(loaded.model, settings=settings)
    report.extend(loaded.report)
    return report.sorted()


def read_settings(path: str | os.PathLike[str]) -> ValidationSettings:
    """The `[validation]` table of a TOML configuration file.

    Raises:
        UsageError: the file cannot be read or its settings are invalid.
    """
    try:
        with open(path, "rb") as stream:
            table = tomllib.load(stream).get("validation", {})
        return ValidationSettings.model_validate(table)
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as error:
        raise UsageError(f"{path}: invalid configuration: {error}") from None


def settings_beside(model_path: str | os.PathLike[str]) -> ValidationSettings | None:
    """Settings from a `tocmodel.toml` in the model's folder, if there is one."""
    candidate = Path(model_path).parent / CONFIG_NAME
    return read_settings(candidate) if candidate.is_file() else None
