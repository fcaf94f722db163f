"""The bulk view of a model's references (`referenced_ids`) holds exactly the ids the located view names."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from test_synthetic import synthetic
from tocmodel.load.loader import load
from tocmodel.schema import Model
from tocmodel.schema.references import iter_reference_fields, referenced_ids

MODELS = [ROOT / "models" / "ewaste-pilot.yaml", ROOT / "models" / "minimal.yaml"]
BROKEN = sorted((FIXTURES / "rules").glob("TOC*.yaml"))
"""Rule fixtures: models that load, some with references that do not resolve."""


def _grouped(model: Model) -> dict[frozenset[str], set[str]]:
    found: dict[frozenset[str], set[str]] = {}
    for field in iter_reference_fields(model):
        if field.path[:2] == ("actors", field.targets[0]):  # an actor twinned with itself is left out
            continue
        found.setdefault(field.kinds, set()).update(field.targets)
    return found


def _nonempty(groups: dict[frozenset[str], set[str]]) -> dict[frozenset[str], set[str]]:
    return {kinds: ids for kinds, ids in groups.items() if ids}


@pytest.mark.parametrize("path", MODELS + BROKEN, ids=lambda p: p.name)
def test_bulk_ids_equal_the_located_references(path: Path) -> None:
    model = load(path)
    assert _nonempty(referenced_ids(model)) == _nonempty(_grouped(model))


def test_bulk_ids_of_a_synthetic_model(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.yaml"
    path.write_text(synthetic.synthetic_model_text(1_500, seed=3), encoding="utf-8")
    model = load(path)
    groups = _nonempty(referenced_ids(model))
    assert groups == _nonempty(_grouped(model))
    assert len(groups) >= 6  # actors, stages, root causes, outputs, assumptions, results and affected items


def test_located_fields_give_each_id_its_own_path() -> None:
    model = load(ROOT / "models" / "ewaste-pilot.yaml")
    listed = next(f for f in iter_reference_fields(model) if f.listed and len(f.targets) > 1)
    assert listed.at(1) == (*listed.path, 1)
    single = next(f for f in iter_reference_fields(model) if not f.listed)
    assert single.at(0) == single.path
