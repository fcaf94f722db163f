"""Examples are tests: every shipped model loads, and passes `tocmodel check --strict`."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MODELS, run_cli
from tocmodel import load, validate

SHIPPED = sorted(MODELS.glob("*.yaml"))


def test_models_are_shipped() -> None:
    assert {p.name for p in SHIPPED} >= {"ewaste-generic.yaml", "ewaste-pilot.yaml", "minimal.yaml"}


@pytest.mark.parametrize("model_file", SHIPPED, ids=lambda p: p.name)
def test_model_validates_clean(model_file: Path) -> None:
    report = validate(load(model_file))
    assert list(report) == []


@pytest.mark.parametrize("model_file", SHIPPED, ids=lambda p: p.name)
def test_check_strict_passes(model_file: Path) -> None:
    result = run_cli("check", "--strict", str(model_file))
    assert result.returncode == 0, result.stdout
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("Checked 1 model: 0 errors, 0 warnings"), summary  # notes on drops may follow


def test_pilot_is_complete() -> None:
    """The pilot has what the coalition's model asks for."""
    model = load(MODELS / "ewaste-pilot.yaml")
    assert model.model.country == "GH" and model.model.years == 5
    assert len(model.stages) == 5
    assert len(model.root_causes) >= 8
    assert len(model.interventions) >= 12
    assert {i.stage for i in model.interventions.values()} == set(model.stages)
    assert {i.programme_area for i in model.interventions.values()} == set(model.model.programme_areas)
    assert len(model.impact) == 1 and model.outputs and model.outcomes
    assert len(model.risks) >= 8
    types = {a.type for a in model.actors.values()}
    assert {
        "ministry",
        "statistics-office",
        "employers-organisation",
        "workers-organisation",
        "pro",
        "coalition-member",
        "partner",
    } <= types
    assert any(a.type == "pro" and a.twinned_with for a in model.actors.values())
    indicators = [ind for *_, ind in model.iter_indicators()]
    assert all(ind.baseline and ind.targets and ind.source for ind in indicators)
    assert any("inhabitant" in str(ind.title) for ind in indicators)
