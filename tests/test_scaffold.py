"""`tocmodel new`: a country model started from a generic one checks clean, and lists what it drops once edited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MODELS, run_cli
from tocmodel import load
from tocmodel.errors import UsageError
from tocmodel.interop.scaffold import country_code, scaffold


@pytest.mark.parametrize(("country", "name"), [("KE", "Kenya"), ("sn", "Senegal"), ("CI", "Côte d'Ivoire")])
def test_a_new_country_model_passes_check(tmp_path: Path, country: str, name: str) -> None:
    folder = tmp_path / "countries" / country.lower()  # made, parents too
    result = run_cli("new", "--country", country, str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    path = folder / f"ewaste-{country.lower()}.yaml"
    assert f"wrote {path}" in result.stdout and "checked: 0 errors, 0 warnings" in result.stdout
    checked = run_cli("check", "--strict", str(path))
    assert checked.returncode == 0 and checked.stdout.strip() == "Checked 1 model: 0 errors, 0 warnings."
    model = load(path)
    assert (model.model.id, model.model.country, model.extends) == (
        f"ewaste-{country.lower()}",
        country.upper(),
        "ewaste-generic",
    )
    assert model.model.title == {
        "en": f"National e-waste intervention model – {name}",
        "fr": f"Modèle national d'intervention sur les déchets électroniques – {name}",
    }
    generic = load(MODELS / "ewaste-generic.yaml")
    assert model.model.start == generic.model.start and set(model.interventions) == set(generic.interventions)


def test_the_new_model_says_how_to_add_change_and_drop(tmp_path: Path) -> None:
    path = scaffold(country="KE", folder=tmp_path).path
    text = path.read_text(encoding="utf-8")
    assert "extends: ewaste-generic\n" in text and "# drop: [" in text
    assert "a list written here replaces the generic list whole" in text
    assert "#   interventions: i-country-agreement, i-steering-committee," in text
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") or first.startswith("# For autocompletion")


def test_an_edited_country_model_lists_what_it_drops(tmp_path: Path) -> None:
    path = scaffold(country="KE", folder=tmp_path).path
    dropped = ["rc-no-legal-basis", "i-ewaste-law", "o-ewaste-law", "r-law-delayed"]
    text = path.read_text(encoding="utf-8").replace(
        "# drop: [r-election-shift, i-health-surveillance]", f"drop: [{', '.join(dropped)}]"
    )
    text = text.replace("# actors:\n#   moe: ", "actors:\n  moe: {name: Ministry of Environment of Kenya}  #")
    path.write_text(text, encoding="utf-8")
    result = run_cli("check", "--format", "json", str(path))
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert [(d["code"], d["message"].split("`")[1]) for d in report["diagnostics"]] == [("TOC701", i) for i in dropped]
    assert load(path).actors["moe"].name == "Ministry of Environment of Kenya"


def test_a_scaffold_in_the_models_folder_points_editors_at_the_schema(tmp_path: Path) -> None:
    folder = MODELS.parent / "build" / "scaffold-test"
    try:
        path = scaffold(country="GH", folder=folder).path
        assert path.read_text(encoding="utf-8").splitlines()[0] == (
            "# yaml-language-server: $schema=../../schema/tocmodel.schema.json"
        )
    finally:
        for file in folder.glob("*"):
            file.unlink()
        folder.rmdir()


@pytest.mark.parametrize(
    ("typed", "hint"),
    [("Kenia", "did you mean `KE` (Kenya)?"), ("KEN", "`KE` (Kenya)"), ("UK", "`GB`"), ("XX", "`GH` for Ghana")],
)
def test_a_bad_country_code_is_refused_with_a_suggestion(tmp_path: Path, typed: str, hint: str) -> None:
    with pytest.raises(UsageError, match="not an ISO 3166-1 alpha-2 country code") as caught:
        country_code(typed)
    assert hint in str(caught.value)
    result = run_cli("new", "--country", typed, str(tmp_path / "x"))
    assert result.returncode == 2 and hint in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x").exists()


def test_an_existing_model_is_never_overwritten(tmp_path: Path) -> None:
    path = scaffold(country="KE", folder=tmp_path).path
    path.write_text("my work\n", encoding="utf-8")
    result = run_cli("new", "--country", "KE", str(tmp_path))
    assert result.returncode == 2 and "already exists" in result.stderr and "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == "my work\n"


def test_a_generic_model_of_ones_own_in_the_folder(tmp_path: Path) -> None:
    (tmp_path / "generic").mkdir()
    own = tmp_path / "generic" / "regional-generic.yaml"
    own.write_text((MODELS / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("new", "--country", "KE", "--from", str(own), str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    model = load(tmp_path / "regional-ke.yaml")
    assert model.extends == "generic/regional-generic.yaml" and model.model.title == "Smallest complete model – Kenya"


def test_a_generic_model_outside_the_folder_or_unknown_is_refused(tmp_path: Path) -> None:
    outside = run_cli("new", "--country", "KE", "--from", str(MODELS / "minimal.yaml"), str(tmp_path / "ke"))
    assert outside.returncode == 2 and "extends only files in its own folder" in outside.stderr
    unknown = run_cli("new", "--country", "KE", "--from", "ewaste-generik", str(tmp_path / "ke"))
    assert unknown.returncode == 2 and "no generic model named `ewaste-generik`" in unknown.stderr
    assert not (tmp_path / "ke").exists()


def test_a_broken_generic_model_is_reported_and_nothing_written(tmp_path: Path) -> None:
    (tmp_path / "broken-generic.yaml").write_text("tocmodel: 1\nmodel: {id: b, title: B, start: 20}\n")
    result = run_cli("new", "--country", "KE", "--from", str(tmp_path / "broken-generic.yaml"), str(tmp_path))
    assert result.returncode == 1 and "TOC004" in result.stderr and "nothing was written" in result.stderr
    assert not (tmp_path / "broken-ke.yaml").exists()
