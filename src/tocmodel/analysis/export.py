"""The analysis as JSON-ready data, and the JSON Schema that documents its shape."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from . import SECTIONS, Analysis
from .progress import Progress


@cache
def _adapter() -> TypeAdapter[Analysis]:
    return TypeAdapter(Analysis)


def analysis_to_dict(analysis: Analysis, *, sections: Sequence[str] = SECTIONS) -> dict[str, Any]:
    """The analysis as plain data, limited to `sections` (the model id is always there)."""
    data: dict[str, Any] = _adapter().dump_python(analysis, mode="json")
    return {key: value for key, value in data.items() if key == "model" or key in sections}


def analysis_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of `tocmodel analyse --format json`."""
    schema = _adapter().json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "tocmodel analysis", **schema}


@cache
def _progress_adapter() -> TypeAdapter[Progress]:
    return TypeAdapter(Progress)


def progress_to_dict(progress: Progress) -> dict[str, Any]:
    """Progress as plain data, with how many results stand at each status."""
    data: dict[str, Any] = _progress_adapter().dump_python(progress, mode="json")
    return {**data, "counts": progress.counts()}


def progress_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of `tocmodel progress --format json` (`counts` aside)."""
    schema = _progress_adapter().json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "tocmodel progress", **schema}
