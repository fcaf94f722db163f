"""The JSON Schema (draft 2020-12) of the model format, for editors' autocompletion and inline errors."""

from __future__ import annotations

import json
from typing import Any

from .schema import Model
from .schema.docs import field_docs, format_classes

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://tocmodel.org/schema/tocmodel-1.schema.json"


def json_schema() -> dict[str, Any]:
    """The format's JSON Schema, with `$schema`, `$id`, titles and the field docstrings as descriptions."""
    body = Model.model_json_schema(mode="validation")
    definitions = body.get("$defs", {})
    for cls in format_classes():
        target = body if cls is Model else definitions.get(cls.__name__)
        if target is None:
            continue
        for field, text in field_docs(cls).items():
            if field in target.get("properties", {}):
                target["properties"][field]["description"] = text
    return {"$schema": DRAFT, "$id": SCHEMA_ID, **body}


def json_schema_text() -> str:
    """The JSON Schema as stable, indented text (as committed in `schema/tocmodel.schema.json`)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
