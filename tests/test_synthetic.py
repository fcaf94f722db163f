"""The benchmarks' synthetic models load, validate without errors and have the size asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import synthetic_module
from tocmodel.load.loader import load
from tocmodel.rules.validate import validate

synthetic = synthetic_module()


@pytest.mark.parametrize("nodes", [5, 200, 2_000])
def test_synthetic_model_is_valid_and_sized(tmp_path: Path, nodes: int) -> None:
    path = tmp_path / "synthetic.yaml"
    path.write_text(synthetic.synthetic_model_text(nodes, seed=1), encoding="utf-8")
    model = load(path)
    report = validate(model)
    assert report.errors == []
    assert report.warnings == []
    counted = len(model.root_causes) + len(model.interventions) + len(model.outputs)
    assert counted + len(model.outcomes) + len(model.impact) == nodes
    assert len(model.stages) == 5
    assert {o.kind for o in model.outcomes.values()} == ({"intermediate", "end"} if nodes > 5 else {"end"})


def test_synthetic_model_is_deterministic() -> None:
    assert synthetic.synthetic_model_text(300, seed=3) == synthetic.synthetic_model_text(300, seed=3)
    assert synthetic.synthetic_model_text(300, seed=3) != synthetic.synthetic_model_text(300, seed=4)


def test_synthetic_model_has_nested_causes_and_assumed_links() -> None:
    text = synthetic.synthetic_model_text(200)
    assert "      causes:" in text
    assert "assumptions: [" in text
    assert "affects: [" in text
