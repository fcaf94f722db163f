"""A monitoring file read for a difference: its actuals in a model of their own, so that two versions of the
file compare as two models do (only their actuals differ)."""

from __future__ import annotations

import re

from ...diagnostics import Report
from ...errors import ModelLoadError
from ...load.schema_errors import translate
from ...locations import Location, SourceMap
from ...schema import Model
from ...source.reader import Limits, YamlProblem, parse_yaml, problem


def is_monitoring_text(text: str) -> bool:
    """Whether a file's text is a monitoring file's: a mapping whose only section is `actuals`."""
    try:
        parsed = parse_yaml(text, display="", limits=Limits(), positions=False)
    except YamlProblem:
        return False
    return isinstance(parsed.data, dict) and set(parsed.data) == {"actuals"}


def monitoring_model(text: str, *, display: str) -> Model:
    """The actuals of a monitoring file's `text` as a model named after the file.

    Raises:
        ModelLoadError: the actuals are not valid (a period that is none, a field unknown).
    """
    from pydantic import ValidationError

    parsed = parse_yaml(text, display=display, limits=Limits(), positions=False)
    actuals = parsed.data["actuals"] if isinstance(parsed.data["actuals"], dict) else {}
    periods = [period for found in actuals.values() if isinstance(found, dict) for period in found]
    years = [int(year[1]) for period in periods if (year := re.search(r"(\d{4})(?:-\d{2}-\d{2})?$", str(period)))]
    meta = {"id": "monitoring", "title": "monitoring file", "start": min(years, default=2000)}
    data = {"tocmodel": 1, "model": meta, "actuals": actuals}
    try:
        return Model.model_validate(data)
    except ValidationError as error:
        found = [
            problem(d.code, d.name or "invalid-value", d.message, Location(display), d.hint or "")
            for d in translate(error, SourceMap(), Model)
        ]
        raise ModelLoadError(Report(found)) from None
