"""The analysis as JSON-ready data, and the JSON Schema that documents its shape."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from . import SECTIONS, Analysis


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
