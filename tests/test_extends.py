"""`extends:`: a model laid over the model it extends, its values located in the file that wrote them, bad
extends located, and what was dropped listed by `check`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import MODELS, PILOT_WHOLE, ROOT, run_cli
from tocmodel import load, validate
from tocmodel.check import check
from tocmodel.load.loader import load_report

BASE = """\
tocmodel: 1
model:
  id: base
  title: {en: Base model, fr: Modèle de base}
  start: 2027
  languages: [en, fr]
actors:
  moe: {name: Ministry of Environment, type: ministry}
  nso: {name: Statistics office, type: statistics-office}
  ngo: {name: An NGO, type: ngo}
stages:
  s1: {title: {en: First, fr: Premier}, years: 1-2}
  s2: {title: {en: Second, fr: Second}, years: 3-5, after: [s1]}
problem:
  core: {en: E-waste is dumped, fr: Les déchets sont jetés}
  root_causes:
    rc-collect:
      title: {en: No collection, fr: Pas de collecte}
      causes:
        rc-points: {title: {en: No points, fr: Pas de points}}
        rc-trucks: {title: {en: No trucks, fr: Pas de camions}}
    rc-law: {title: {en: No law, fr: Pas de loi}}
interventions:
  i-collect:
    title: {en: Open collection points, fr: Ouvrir des points}
    stage: s1
    addresses: [rc-collect, rc-points, rc-trucks]
    lead: moe
    support: [nso, ngo]
    leads_to: [o-points]
  i-law:
    title: {en: Draft a law, fr: Rédiger une loi}
    stage: s2
    addresses: [rc-law]
    lead: moe
    leads_to: [o-points]
outputs:
  o-points:
    title: {en: Points open, fr: Points ouverts}
    leads_to:
      - to: im-less
        assumptions: [a-use]
impact:
  im-less:
    title: {en: Less dumping, fr: Moins de déchets}
    indicators:
      - title: {en: Dumped, fr: Jetés}
        baseline: {value: null, year: 2026}
        targets: {2031: 1}
        source: Survey
        responsible: nso
assumptions:
  a-use: {statement: {en: People use the points, fr: Les gens utilisent les points}}
risks:
  r-law:
    statement: {en: The law stalls, fr: La loi est bloquée}
    category: legal
    likelihood: 2
    impact: 2
    affects: [i-law]
"""

COUNTRY = """\
tocmodel: 1
extends: base.yaml
drop: [i-law, rc-law, r-law]
model:
  id: country
  country: KE
actors:
  moe:
    name: Ministry of Environment of Kenya
  kebs: {name: Bureau of Standards, type: government-agency}
  nso: {short: KNBS}
interventions:
  i-collect:
    support: [kebs]
problem:
  root_causes:
    rc-collect:
      causes:
        rc-points: {description: In the counties}
"""


def folder_with(tmp_path: Path, **files: str) -> Path:
    """A folder holding `name.yaml` for each keyword, `base.yaml` the base model unless given."""
    for name, text in {"base": BASE, **files}.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_sections_are_merged_by_id(tmp_path: Path) -> None:
    model = load(folder_with(tmp_path, country=COUNTRY) / "country.yaml")
    assert (model.model.id, model.model.country, model.model.start) == ("country", "KE", 2027)
    assert model.model.title == {"en": "Base model", "fr": "Modèle de base"}  # a field not written is kept
    assert model.actors["moe"].name == "Ministry of Environment of Kenya" and model.actors["moe"].type == "ministry"
    assert (model.actors["nso"].name, model.actors["nso"].short) == ("Statistics office", "KNBS")
    assert model.interventions["i-collect"].support == ["kebs"]  # a list is replaced whole
    assert model.interventions["i-collect"].lead == "moe"
    assert set(model.interventions) == {"i-collect"} and "r-law" not in model.risks
    assert set(model.root_causes) == {"rc-collect", "rc-points", "rc-trucks"}
    assert model.root_causes["rc-points"].description == "In the counties"
    assert model.root_causes["rc-points"].title == {"en": "No points", "fr": "Pas de points"}
    assert (model.extends, model.drop) == ("base.yaml", ["i-law", "rc-law", "r-law"])


def test_new_items_follow_the_item_written_above_them(tmp_path: Path) -> None:
    model = load(folder_with(tmp_path, country=COUNTRY) / "country.yaml")
    assert list(model.actors) == ["moe", "kebs", "nso", "ngo"]
    alone = COUNTRY.replace("  moe:\n    name: Ministry of Environment of Kenya\n", "").replace(
        "  nso: {short: KNBS}\n", ""
    )
    assert list(load(folder_with(tmp_path, alone=alone) / "alone.yaml").actors) == ["moe", "nso", "ngo", "kebs"]


def test_an_id_dropped_and_written_again_is_replaced_whole_in_its_place(tmp_path: Path) -> None:
    text = COUNTRY.replace("drop: [i-law, rc-law, r-law]", "drop: [i-law, rc-law, r-law, nso]").replace(
        "  nso: {short: KNBS}", "  nso: {name: Kenya National Bureau of Statistics, type: statistics-office}"
    )
    model = load(folder_with(tmp_path, country=text) / "country.yaml")
    assert list(model.actors) == ["moe", "kebs", "nso", "ngo"]
    assert (model.actors["nso"].name, model.actors["nso"].short) == ("Kenya National Bureau of Statistics", None)
    (note,) = [d for d in check(tmp_path / "country.yaml") if d.code == "TOC701" and "nso" in d.message]
    assert note.message.startswith("replaces whole actor `nso`")


def test_the_model_section_and_validation_merge_field_by_field(tmp_path: Path) -> None:
    base = BASE.replace("  languages: [en, fr]\n", "  languages: [en, fr]\n  years: 5\n") + (
        "validation:\n  ignore: [TOC206]\n  severity: {TOC205: error}\n"
    )
    country = COUNTRY + "validation:\n  ignore: [TOC403]\n"
    model = load(folder_with(tmp_path, base=base, country=country) / "country.yaml")
    assert model.validation is not None
    assert (model.validation.ignore, model.validation.severity) == (["TOC403"], {"TOC205": "error"})
    assert model.model.years == 5


def test_values_are_located_in_the_file_that_wrote_them(tmp_path: Path) -> None:
    model = load(folder_with(tmp_path, country=COUNTRY) / "country.yaml")
    assert model.source_map is not None and model.source_map.pending is not None  # a clean model: read later
    located = {
        path: model.source_map.locate(path)
        for path in [("actors", "moe", "name"), ("actors", "moe", "type"), ("interventions", "i-collect", "support")]
    }
    assert {path: (Path(w.file).name, w.line) for path, w in located.items() if w} == {
        ("actors", "moe", "name"): ("country.yaml", 9),
        ("actors", "moe", "type"): ("base.yaml", 8),
        ("interventions", "i-collect", "support"): ("country.yaml", 14),
    }


def test_findings_on_inherited_and_written_values_point_at_their_files(tmp_path: Path) -> None:
    """A clean-but-for-findings model (positions read later) and a broken one (read at once) agree."""
    text = COUNTRY.replace("    support: [kebs]", "    support: [kebs, nsoo]")  # TOC101 in the country
    model = load(folder_with(tmp_path, country=text) / "country.yaml")
    findings = {(d.code, Path(d.location.file).name, d.location.line) for d in validate(model) if d.location}
    assert ("TOC101", "country.yaml", 14) in findings  # written in the country
    assert ("TOC206", "base.yaml", 41) in findings  # output → impact skips the outcomes, as the base wrote
    unaddressed = BASE.replace("addresses: [rc-collect, rc-points, rc-trucks]", "addresses: [rc-collect, rc-points]")
    model = load(folder_with(tmp_path, base=unaddressed) / "country.yaml")
    (found,) = [d for d in validate(model) if d.code == "TOC104"]
    assert found.location is not None and (Path(found.location.file).name, found.location.line) == ("base.yaml", 21)
    broken = load_report(folder_with(tmp_path, base=BASE.replace("likelihood: 2", "likelihood: 9")) / "country.yaml")
    assert broken.report.codes() == []  # the risk is dropped
    wrong = BASE.replace("  nso: {name: Statistics office, type: statistics-office}", "  nso: {name: S, type: office}")
    (error,) = load_report(folder_with(tmp_path, base=wrong) / "country.yaml").report
    assert error.code == "TOC004" and error.location is not None
    assert (Path(error.location.file).name, error.location.line) == ("base.yaml", 9)


def test_a_chain_of_models_keeps_every_drop_and_its_place(tmp_path: Path) -> None:
    regional = COUNTRY.replace("extends: base.yaml", "extends: base.yaml").replace("id: country", "id: region")
    regional = regional.replace("  country: KE\n", "")
    country = "tocmodel: 1\nextends: regional.yaml\ndrop: [ngo]\nmodel: {id: ke, country: KE}\n"
    folder_with(tmp_path, regional=regional, ke=country)
    model = load(tmp_path / "ke.yaml")
    assert model.lineage is not None and [Path(b).name for b in model.lineage.bases] == ["regional.yaml", "base.yaml"]
    notes = [d for d in check(tmp_path / "ke.yaml") if d.code == "TOC701"]
    where = {(d.message.split("`")[1], Path(d.location.file).name, d.location.line) for d in notes if d.location}
    assert where == {("ngo", "ke.yaml", 3), ("i-law", "regional.yaml", 3), ("rc-law", "regional.yaml", 3)} | {
        ("r-law", "regional.yaml", 3)
    }
    assert all("defined at " in (d.hint or "") and "base.yaml" in (d.hint or "") for d in notes)


def test_a_reference_to_a_dropped_item_says_it_was_dropped(tmp_path: Path) -> None:
    text = COUNTRY.replace("drop: [i-law, rc-law, r-law]", "drop: [i-law, rc-law, r-law, ngo]")
    text += "risks:\n  r-new: {statement: S, category: legal, likelihood: 1, impact: 1, owner: ngo}\n"
    (found,) = [d for d in check(folder_with(tmp_path, country=text) / "country.yaml") if d.code == "TOC101"]
    assert (
        found.hint is not None
        and found.hint.startswith("`ngo` is dropped from ")
        and "base.yaml (by `drop:` at " in found.hint
    )
    assert "country.yaml:3:30): keep it, drop `r-new` too, or write `r-new`'s `owner` without it" in found.hint


BAD = [
    ("missing", "extends: nowhere.yaml\n", "does not exist"),
    ("missing-alone", "extends: missing-alone.yml\n", "check the file name"),  # never itself as the suggestion
    ("shipped-as-file", "extends: ewaste-generic.yaml\n", "write `extends: ewaste-generic` (no `.yaml`)"),
    ("outside", "extends: ../base.yaml\n", "outside the model's folder"),
    ("absolute", "extends: /etc/base.yaml\n", "absolute path"),
    ("self", "extends: self.yaml\n", "extends itself"),
    ("unknown-shipped", "extends: ewaste-generik\n", "did you mean `ewaste-generic`?"),
    ("not-a-model", "extends: fragment.yaml\n", "is not a model"),
    ("not-text", "extends: [base.yaml]\n", "must name a model"),
    ("unknown-drop", "extends: base.yaml\ndrop: [i-lawe]\n", "did you mean `i-law`?"),
    ("bad-drop", "extends: base.yaml\ndrop: {i-law: yes}\n", "an id or a list of ids"),
    ("drop-alone", "drop: [i-law]\nmodel: {id: m, title: M, start: 2027}\n", "has no `extends`"),
]


@pytest.mark.parametrize(("name", "text", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_extends_is_one_located_error_from_the_command_line(
    tmp_path: Path, name: str, text: str, words: str
) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    folder_with(tmp_path)
    folder_with(inner, fragment="actors:\n  x: {name: X, type: other}\n")
    (inner / f"{name}.yaml").write_text(f"tocmodel: 1\n{text}", encoding="utf-8")
    result = run_cli("check", f"{name}.yaml", cwd=inner)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    (line,) = [line for line in result.stdout.splitlines() if " error: " in line]
    assert line.startswith(f"{name}.yaml:") and " TOC013 " in line and line.split(":")[1] in {"2", "3"}
    assert words in result.stdout


def test_a_cycle_of_two_is_located_where_it_closes(tmp_path: Path) -> None:
    folder_with(tmp_path, a="tocmodel: 1\nextends: b.yaml\nmodel: {id: a}\n", b="tocmodel: 1\nextends: a.yaml\n")
    result = run_cli("check", "a.yaml", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith("b.yaml:2:10: TOC013 error: `a.yaml` extends this model in turn: a cycle")
    assert "(a.yaml → b.yaml → a.yaml)" in result.stdout


def test_extends_through_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder_with(tmp_path)
    inner = tmp_path / "model"
    inner.mkdir()
    (inner / "link.yaml").symlink_to(tmp_path / "base.yaml")
    (inner / "m.yaml").write_text("tocmodel: 1\nextends: link.yaml\n", encoding="utf-8")
    (found,) = load_report(inner / "m.yaml").report
    assert found.code == "TOC013" and "outside" in found.message and found.location is not None
    assert found.location.line == 2


def test_an_included_file_cannot_extend(tmp_path: Path) -> None:
    folder_with(
        tmp_path,
        part="extends: base.yaml\n",
        m="tocmodel: 1\nmodel: {id: m, title: M, start: 2027}\ninclude: [part.yaml]\n",
    )
    report = load_report(tmp_path / "m.yaml").report
    assert report.codes() == ["TOC009"] and "cannot hold `extends`" in report.diagnostics[0].message


def test_the_shipped_generic_model_is_found_by_name_from_any_folder(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(
        "tocmodel: 1\nextends: ewaste-generic\ndrop: [r-law-delayed]\nmodel: {id: m, country: KE}\n", encoding="utf-8"
    )
    model = load(tmp_path / "m.yaml")
    assert model.lineage is not None and Path(model.lineage.bases[0]).name == "ewaste-generic.yaml"
    assert len(model.interventions) == len(load(MODELS / "ewaste-generic.yaml").interventions)
    assert validate(model).diagnostics == []


# -- the shipped models -------------------------------------------------------------------------------------


def in_english(data: Any) -> Any:
    """A model's data with each text in English only (the one-file pilot has only some of its French)."""
    if isinstance(data, dict):
        if data and set(data) <= {"en", "fr"} and all(isinstance(v, str) for v in data.values()):
            return data["en"]
        return {key: in_english(value) for key, value in data.items()}
    if isinstance(data, list):
        return [in_english(item) for item in data]
    return data


def test_the_pilot_is_the_same_model_as_it_was_in_one_file() -> None:
    derived = load(MODELS / "ewaste-pilot.yaml").model_dump(mode="json", exclude={"extends", "drop", "monitoring"})
    whole = load(PILOT_WHOLE).model_dump(mode="json", exclude={"extends", "drop", "monitoring"})
    assert json.dumps(in_english(derived), ensure_ascii=False) == json.dumps(in_english(whole), ensure_ascii=False)
    assert derived["model"]["title"] == whole["model"]["title"]  # the French the one-file pilot has is the same


def test_check_lists_what_the_pilot_drops_in_text_and_json() -> None:
    text = run_cli("check", "--strict", "models/ewaste-pilot.yaml")
    assert text.returncode == 0, text.stdout
    notes = [line for line in text.stdout.splitlines() if " TOC701 info: " in line]
    assert len(notes) == 10
    assert notes[0].startswith("models/ewaste-pilot.yaml:18:5: TOC701 info: drops root cause `rc-no-legal-basis`")
    assert any("drops actor `nso` (National statistical office) from models/ewaste-generic.yaml" in n for n in notes)
    assert "hint: defined at models/ewaste-generic.yaml:" in text.stdout
    assert text.stdout.strip().endswith("Checked 1 model: 0 errors, 0 warnings, 10 notes.")
    report = json.loads(run_cli("check", "--format", "json", "models/ewaste-pilot.yaml").stdout)
    dropped = [d for d in report["diagnostics"] if d["code"] == "TOC701"]
    assert report["ok"] and report["counts"]["info"] == 10 and len(dropped) == 10
    assert {d["severity"] for d in dropped} == {"info"} and dropped[0]["name"] == "dropped-from-generic"
    assert (dropped[0]["file"], dropped[0]["path"]) == ("models/ewaste-pilot.yaml", ["drop", "0"])
    quiet = run_cli("check", "--ignore", "dropped-from-generic", "models/ewaste-pilot.yaml")
    assert quiet.stdout.strip() == "Checked 1 model: 0 errors, 0 warnings."


def test_validate_judges_the_model_without_notes_on_how_it_was_made() -> None:
    model = load(MODELS / "ewaste-pilot.yaml")
    assert validate(model).diagnostics == []
    assert model.lineage is not None and [d.id for d in model.lineage.dropped][:3] == [
        "rc-no-legal-basis",
        "i-ewaste-law",
        "o-ewaste-law",
    ]


def test_the_json_schema_lets_an_extending_model_write_only_what_differs(tmp_path: Path) -> None:
    schema = json.loads((ROOT / "schema" / "tocmodel.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    country = yaml.safe_load(COUNTRY)
    assert list(validator.iter_errors(country)) == []
    country["actors"]["moe"]["nmae"] = "typo"
    assert [e.message for e in validator.iter_errors(country)] == [
        "Additional properties are not allowed ('nmae' was unexpected)"
    ]
    whole = yaml.safe_load(COUNTRY)
    del whole["extends"], whole["drop"]
    messages = {e.message for e in validator.iter_errors(whole)}
    assert "'title' is a required property" in messages or "'name' is a required property" in messages


def test_a_chain_too_long_and_a_folder_are_located_errors(tmp_path: Path) -> None:
    for number in range(40):
        text = f"tocmodel: 1\nextends: m{number + 1}.yaml\n" if number < 39 else BASE
        (tmp_path / f"m{number}.yaml").write_text(text, encoding="utf-8")
    (found,) = load_report(tmp_path / "m0.yaml").report
    assert found.code == "TOC013" and "more than 32 models deep" in found.message
    assert found.location is not None and (Path(found.location.file).name, found.location.line) == ("m32.yaml", 2)
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "f.yaml").write_text("tocmodel: 1\nextends: folder.yaml\n", encoding="utf-8")
    (found,) = load_report(tmp_path / "f.yaml").report
    assert found.code == "TOC013" and "is a folder" in found.message


def test_an_empty_drop_drops_nothing(tmp_path: Path) -> None:
    model = load(
        folder_with(tmp_path, country="tocmodel: 1\nextends: base.yaml\ndrop:\nmodel: {id: c}\n") / "country.yaml"
    )
    assert model.drop == [] and set(model.interventions) == {"i-collect", "i-law"}
