"""The YAML an importer writes reads back exactly: every text, however hostile, and the whole pilot."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tocmodel
from conftest import MODELS
from tocmodel.interop.yamlwriter import model_yaml

deterministic = settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def test_the_pilot_written_again_loads_to_the_same_model(tmp_path: Path) -> None:
    pilot = tocmodel.load(MODELS / "ewaste-pilot.yaml")
    path = tmp_path / "again.yaml"
    apart = {"extends", "drop", "monitoring"}  # one file, with the monitoring files' actuals in it
    whole = pilot.model_dump(mode="json", exclude_defaults=True, exclude=apart)
    path.write_text(model_yaml(whole), encoding="utf-8")
    assert tocmodel.load(path).model_dump(exclude=apart) == pilot.model_dump(exclude=apart)


def test_layout_reads_like_a_hand_written_model() -> None:
    data = {
        "tocmodel": 1,
        "model": {"id": "m", "title": "T", "start": 2027, "languages": ["en", "fr"], "date": datetime.date(2026, 1, 2)},
        "outputs": {
            "o-a": {
                "title": "A " * 60 + "end",
                "indicators": [{"title": "yes", "baseline": {"value": "no", "year": 2026}, "targets": {2027: 1.5}}],
            }
        },
    }
    text = model_yaml(data, comment="Imported from x.xml")
    assert text.splitlines()[:5] == ["# Imported from x.xml", "", "tocmodel: 1", "model:", "  id: m"]
    assert "  languages: [en, fr]\n  date: 2026-01-02\n\noutputs:\n  o-a:\n    title: >-\n" in text
    assert "      - title: 'yes'\n        baseline: {value: 'no', year: 2026}\n        targets: {2027: 1.5}\n" in text
    assert yaml.safe_load(text) == data


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=160)


@deterministic
@given(title=TEXT, note=TEXT, listed=st.lists(TEXT, max_size=3))
def test_any_text_comes_back_exactly(tmp_path: Path, title: str, note: str, listed: list[str]) -> None:
    data = {
        "tocmodel": 1,
        "model": {"id": "m", "title": title or "t", "start": 2027},
        "outputs": {
            "o-a": {
                "title": title or "t",
                "description": note or None,
                "indicators": [{"title": "i", "baseline": {"value": note, "year": 2026, "note": title or None}}],
            }
        },
        "problem": {"core": "c", "root_causes": {"rc-a": {"title": "x", "evidence": note or None}}},
        "stages": {"s": {"title": "s", "years": 1, "deliverables": listed}},
    }
    text = model_yaml(data)
    assert yaml.load(text, Loader=yaml.CSafeLoader) == data
    path = tmp_path / "any.yaml"
    path.write_text(text, encoding="utf-8")
    model = tocmodel.load(path)
    assert model.outputs["o-a"].title == (title or "t")
    assert model.stages["s"].deliverables == listed
