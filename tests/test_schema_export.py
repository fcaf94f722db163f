"""The committed JSON Schema is current, and it validates real models the way the loader does."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import MODELS, ROOT, run_cli
from tocmodel.schema.export import DRAFT, json_schema, json_schema_text

COMMITTED = ROOT / "schema" / "tocmodel.schema.json"


def test_committed_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == json_schema_text(), (
        "schema/tocmodel.schema.json is stale: run `tocmodel schema -o schema/tocmodel.schema.json`"
    )


def test_schema_is_draft_2020_12_with_descriptions() -> None:
    schema = json_schema()
    assert schema["$schema"] == DRAFT
    jsonschema.Draft202012Validator.check_schema(schema)
    intervention = schema["$defs"]["Intervention"]["properties"]
    assert all(field.get("description") for field in intervention.values())
    assert schema["properties"]["tocmodel"]["description"]


@pytest.mark.parametrize("model_file", sorted(MODELS.glob("*.yaml")), ids=lambda p: p.name)
def test_schema_accepts_shipped_models(model_file: Path) -> None:
    # Editors see YAML dates as strings; so does this check.
    data = json.loads(json.dumps(yaml.safe_load(model_file.read_text(encoding="utf-8")), default=str))
    jsonschema.Draft202012Validator(json.loads(COMMITTED.read_text())).validate(data)


def test_schema_rejects_unknown_key() -> None:
    data = yaml.safe_load((MODELS / "minimal.yaml").read_text(encoding="utf-8"))
    data["interventions"]["i-collect"]["leed"] = "moe"
    validator = jsonschema.Draft202012Validator(json.loads(COMMITTED.read_text()))
    errors = list(validator.iter_errors(data))
    assert errors and any("leed" in e.message for e in errors)


def test_model_files_point_editors_at_the_schema() -> None:
    for model_file in MODELS.glob("*.yaml"):
        first = model_file.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/tocmodel.schema.json", model_file


def test_schema_command_prints_the_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    assert result.stdout == json_schema_text()
