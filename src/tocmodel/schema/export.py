"""The JSON Schema (draft 2020-12) of the model format, for editors' autocompletion and inline errors."""

from __future__ import annotations

import copy
import json
from typing import Any

from . import Model
from .docs import field_docs, format_classes

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://tocmodel.org/schema/tocmodel-1.schema.json"
MERGED_BY_ID = (
    *("Meta", "Problem", "RootCause", "Actor", "Stage"),
    *("Intervention", "Output", "Outcome", "Impact", "Assumption", "Risk"),
)
"""Parts a model with `extends` may write in part: only the fields it changes (see `tocmodel.load.overlay`)."""
PARTIAL = "Partial"
"""Prefix of the definitions of those parts without their required fields."""


def json_schema() -> dict[str, Any]:
    """The format's JSON Schema, with `$schema`, `$id`, titles and the field docstrings as descriptions.

    A model with `extends` writes only what differs from the model it extends, so the required fields of
    the parts merged by id are required only of a model without it: the top level and those parts are
    described without them (for autocompletion in every model), and `Model`, the whole format, applies
    in addition unless the model has `extends`.
    """
    body = Model.model_json_schema(mode="validation")
    definitions = body.get("$defs", {})
    for cls in format_classes():
        target = body if cls is Model else definitions.get(cls.__name__)
        if target is None:
            continue
        for field, text in field_docs(cls).items():
            if field in target.get("properties", {}):
                target["properties"][field]["description"] = text
    return {"$schema": DRAFT, "$id": SCHEMA_ID, **_extending(body)}


def _extending(body: dict[str, Any]) -> dict[str, Any]:
    """The schema with partial parts at the top level and the whole format applied to models without `extends`."""
    definitions: dict[str, Any] = body.pop("$defs", {})
    merged = [name for name in MERGED_BY_ID if name in definitions]
    definitions.update({PARTIAL + name: _partial(definitions[name], merged) for name in merged})
    definitions["Model"] = body
    top = _partial(body, merged)
    top["if"] = {"required": ["extends"]}
    top["else"] = {"$ref": "#/$defs/Model"}
    return {"$defs": dict(sorted(definitions.items())), **top}


def _partial(definition: dict[str, Any], merged: list[str]) -> dict[str, Any]:
    """A copy of `definition` without its required fields, its parts merged by id partial too."""
    partial = copy.deepcopy(definition)
    partial.pop("required", None)
    targets = {f"#/$defs/{name}": f"#/$defs/{PARTIAL}{name}" for name in merged}
    _rewrite_refs(partial, targets)
    return partial


def _rewrite_refs(node: Any, targets: dict[str, str]) -> None:
    if isinstance(node, dict):
        if node.get("$ref") in targets:
            node["$ref"] = targets[node["$ref"]]
        for value in node.values():
            _rewrite_refs(value, targets)
    elif isinstance(node, list):
        for value in node:
            _rewrite_refs(value, targets)


def json_schema_text() -> str:
    """The JSON Schema as stable, indented text (as committed in `schema/tocmodel.schema.json`)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
