"""The indicator bank: the shipped standards, `standard:` references, organisations' banks, suggestions, and the
references in IATI files and logframes."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import docx
import jsonschema
import openpyxl
import pytest
import yaml
from lxml import etree

import tocmodel
from conftest import MODELS, ROOT, run_cli
from tocmodel.analysis.suggestions import suggest_standards
from tocmodel.check import check_files, load_and_check
from tocmodel.interop.iati import export_iati, import_iati
from tocmodel.interop.iati.rules import ruleset_problems
from tocmodel.load.bank import shipped_bank
from tocmodel.load.loader import load_report
from tocmodel.schema.bank import same_unit

PILOT = MODELS / "ewaste-pilot.yaml"
MINIMAL = MODELS / "minimal.yaml"
PACKAGE = ROOT / "src" / "tocmodel" / "interop" / "iati"
REFERENCES = {"ind-ewaste-collected-pct": "EN_EWT_RCYR", "ind-ewaste-generated": "EN_EWT_GENPCAP"}
REFERENCES["ind-ewaste-collected-kg"] = "EN_EWT_RCYPCAP"


def minimal_with(folder: Path, *indicators: dict[str, Any]) -> Path:
    """The minimal model, its outcome measured by these indicators, written in `folder`."""
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["outcomes"]["oc-collected"]["indicators"] = list(indicators)
    path = folder / "model.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def measured(**fields: Any) -> dict[str, Any]:
    return {**fields, "baseline": {"value": 1, "year": 2026}, "targets": {2031: 4}, "source": "Statistics office"}


# -- the shipped bank ----------------------------------------------------------------------------------------


def iati_codes(name: str) -> set[str]:
    root = ElementTree.parse(PACKAGE / "codelists" / f"{name}.xml").getroot()
    return {(item.findtext("code") or "").strip() for item in root.iter("codelist-item")}


def test_the_shipped_bank_has_the_ewaste_statistics_and_sdg_indicators_with_their_facts() -> None:
    bank = shipped_bank()
    wanted = {"GESP-EEE-POM-PCAP", "EN_EWT_GENPCAP", "EN_EWT_COLLPCAP", "EN_EWT_COLLR", "EN_EWT_RCYR"}
    wanted |= {"SDG-12.4.1", "SDG-12.4.2", "SDG-12.5.1", "SDG-8.8.1", "SDG-8.3.1", "SDG-8.7.1", "SDG-3.9.3"}
    assert wanted <= set(bank.standards)
    vocabularies = iati_codes("IndicatorVocabulary")
    for code, standard in bank.standards.items():
        assert isinstance(standard.title, dict) and standard.title["en"].strip(), code
        assert standard.url.startswith("https://") and standard.custodian, code
        assert all(fed in bank.standards for fed in standard.feeds), code
        assert standard.keywords, code
        if standard.iati is not None:
            assert standard.iati.vocabulary in vocabularies, code
        if standard.family == "SDG":
            assert standard.iati is not None and code == f"SDG-{standard.iati.code}" and standard.iati.vocabulary == "9"
            if code != "SDG-12.7.1":  # renamed in 2023: its French and Spanish titles are not yet published
                assert {"en", "fr", "es"} <= set(standard.title), code
        else:
            assert standard.iati is None or standard.iati.code in {"12.4.2", "12.5.1"}, code
    assert bank.get("SDG-8.8.1").disaggregation == ["sex", "migrant status"]  # type: ignore[union-attr]
    rate = bank.get("EN_EWT_COLLR")
    assert rate is not None and rate.measure == "percentage" and rate.unit == "%" and rate.direction == "increase"
    assert "README.md" in {path.name for path in (ROOT / "src" / "tocmodel" / "bank").iterdir()}


# -- references ------------------------------------------------------------------------------------------------


def test_an_indicator_takes_what_it_does_not_write_from_its_standard(tmp_path: Path) -> None:
    path = minimal_with(
        tmp_path,
        measured(standard="EN_EWT_COLLR"),
        measured(standard="SDG-8.8.1", title="Injuries among registered e-waste workers", direction="decrease"),
    )
    model = tocmodel.load(path)
    whole, own = model.outcomes["oc-collected"].indicators
    standard = shipped_bank().get("EN_EWT_COLLR")
    assert standard is not None
    english = {"en": standard.definition["en"]}  # type: ignore[index]
    assert (whole.title, whole.description, whole.unit) == (standard.title, english, "%")  # in the model's languages
    assert (whole.measure, whole.direction) == ("percentage", "increase")
    assert own.title == "Injuries among registered e-waste workers"
    assert own.unit == {"en": "injuries per 100,000 workers"}
    assert own.disaggregation == ["sex", "migrant status"]
    assert tocmodel.check(path).codes() == []  # the bank's texts are not the author's to translate


def test_an_unknown_code_is_a_located_error_and_the_model_is_still_built(tmp_path: Path) -> None:
    path = minimal_with(tmp_path, measured(standard="SDG-8.8.3"))
    model, report = load_and_check(path)
    assert model is not None and model.outcomes["oc-collected"].indicators[0].title == "SDG-8.8.3"
    error = report.errors[0]
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "SDG-8.8.3" in text)
    assert (error.code, error.location.line) == ("TOC421", line) and "`SDG-8.8.3`" in error.message
    assert error.hint in ("did you mean `SDG-8.8.1`?", "did you mean `SDG-8.8.2`?")


def test_a_unit_written_another_way_is_the_same_unit() -> None:
    assert same_unit("kg / INH", {"en": "kg/inh", "fr": "kg/hab."})
    assert same_unit({"fr": "kg/hab."}, {"en": "kg/inh", "fr": "kg/hab."})
    assert not same_unit("tonnes", {"en": "kg/inh", "fr": "kg/hab."})


def test_the_json_schema_takes_an_indicator_with_a_standard_and_no_title() -> None:
    schema = json.loads((ROOT / "schema" / "tocmodel.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["outcomes"]["oc-collected"]["indicators"] = [measured(standard="EN_EWT_COLLR")]
    jsonschema.validate(data, schema)
    data["outcomes"]["oc-collected"]["indicators"] = [measured()]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# -- organisations' banks ------------------------------------------------------------------------------------


ORG_BANK = """tocmodel-bank: 1
bank:
  id: coalition
  title: The coalition's indicators
indicators:
  EN_EWT_COLLR:
    family: E-waste statistics
    title: {en: E-waste collection rate (coalition's definition), fr: Taux de collecte (définition de la coalition)}
    definition: {en: "Collected over generated, the coalition's way", fr: Collecté sur produit}
    unit: "%"
    measure: percentage
    direction: increase
    custodian: [The coalition]
    url: https://example.org/indicators/collection-rate
    keywords: [collection rate]
  COAL-PRO-MEMBERS:
    family: Coalition
    title: {en: Producers registered with the PRO, fr: Producteurs inscrits auprès de l'OPR}
    definition: {en: Producers and importers of EEE registered with the PRO, fr: Producteurs et importateurs d'EEE}
    unit: {en: producers, fr: producteurs}
    direction: increase
    custodian: [The coalition]
    url: https://example.org/indicators/pro-members
    keywords: [producers registered]
"""


def test_an_organisation_bank_named_in_the_configuration_adds_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "banks").mkdir()
    (tmp_path / "banks" / "coalition.yaml").write_text(ORG_BANK, encoding="utf-8")
    (tmp_path / "tocmodel.toml").write_text('[indicators]\nbanks = ["banks/coalition.yaml"]\n', encoding="utf-8")
    path = minimal_with(tmp_path, measured(standard="EN_EWT_COLLR"), measured(standard="COAL-PRO-MEMBERS"))
    loaded = load_report(path)
    assert loaded.model is not None and loaded.report.ok
    rate, members = loaded.model.outcomes["oc-collected"].indicators
    assert rate.title == {"en": "E-waste collection rate (coalition's definition)"}
    assert members.unit == {"en": "producers"}
    assert (tmp_path / "banks" / "coalition.yaml").resolve() in loaded.files  # the preview watches it
    assert check_files([path]).codes() == []
    listed = run_cli("indicators", "list", "--format", "json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    by_code = {item["code"]: item for item in json.loads(listed.stdout)}
    assert len(by_code) == len(shipped_bank().standards) + 1
    assert by_code["EN_EWT_COLLR"]["bank"] == "banks/coalition.yaml"
    assert by_code["EN_EWT_COLLR"]["replaces"] == ["shipped: ewaste-statistics.yaml"]
    assert "replaces" not in by_code["COAL-PRO-MEMBERS"]
    printed = run_cli("indicators", "list", cwd=tmp_path).stdout
    assert "EN_EWT_COLLR *" in printed and "* replaces an entry" in printed
    assert by_code["SDG-8.8.1"]["bank"] == "shipped: sdg.yaml"
    shown = run_cli("indicators", "show", "EN_EWT_COLLR", "--lang", "fr", cwd=tmp_path)
    assert "Taux de collecte (définition de la coalition)" in shown.stdout and "banks/coalition.yaml" in shown.stdout
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy(path, other / "model.yaml")  # without the configuration, the shipped entry
    alone = tocmodel.load(other / "model.yaml").outcomes["oc-collected"].indicators[0]
    assert alone.title == shipped_bank().get("EN_EWT_COLLR").title  # type: ignore[union-attr]


def test_a_broken_organisation_bank_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "bank.yaml").write_text(ORG_BANK.replace("measure: percentage", "measure: percent"), encoding="utf-8")
    (tmp_path / "tocmodel.toml").write_text('[indicators]\nbanks = ["bank.yaml"]\n', encoding="utf-8")
    path = minimal_with(tmp_path, measured(standard="EN_EWT_COLLR"))
    report = load_report(path).report
    problem = report.errors[0]
    line = ORG_BANK.splitlines().index("    measure: percentage") + 1
    assert (problem.code, problem.location.line) == ("TOC004", line) and problem.location.file.endswith("bank.yaml")
    hostile = ORG_BANK.replace("https://example.org/indicators/collection-rate", "javascript:alert(1)")
    (tmp_path / "bank.yaml").write_text(hostile, encoding="utf-8")  # documents and the preview link to it
    problem = load_report(path).report.errors[0]
    assert (problem.code, problem.path) == ("TOC004", ("indicators", "EN_EWT_COLLR", "url"))
    (tmp_path / "tocmodel.toml").write_text('[indicators]\nbanks = ["missing.yaml"]\n', encoding="utf-8")
    report = load_report(path).report
    assert report.codes() == ["TOC014"] and "missing.yaml" in report.errors[0].message
    result = run_cli("check", str(path))
    assert result.returncode == 2 and "missing.yaml" in result.stderr and "Traceback" not in result.stderr


# -- suggestions ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("indicator_id", sorted(REFERENCES))
def test_a_standard_removed_from_the_pilot_is_suggested_again(tmp_path: Path, indicator_id: str) -> None:
    for name in ("ewaste-pilot.yaml", "ewaste-generic.yaml"):
        shutil.copy(MODELS / name, tmp_path / name)
    shutil.copytree(MODELS / "monitoring", tmp_path / "monitoring")
    text = (tmp_path / "ewaste-pilot.yaml").read_text(encoding="utf-8")
    cut, removed = re.subn(rf"(- id: {indicator_id}\n)[ ]*standard: {REFERENCES[indicator_id]}\n", r"\1", text)
    assert removed == 1
    (tmp_path / "ewaste-pilot.yaml").write_text(cut, encoding="utf-8")
    model = tocmodel.load(tmp_path / "ewaste-pilot.yaml")
    assert all(i.standard != REFERENCES[indicator_id] for _, _, _, i in model.iter_indicators())
    found = [s for s in suggest_standards(model) if s.indicator == indicator_id]
    assert [(s.code, s.kind) for s in found] == [(REFERENCES[indicator_id], "reference")]
    assert f"`standard: {REFERENCES[indicator_id]}`" in found[0].reason
    listed = run_cli("indicators", "suggest", str(tmp_path / "ewaste-pilot.yaml"), "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert {"indicator": indicator_id, "code": REFERENCES[indicator_id]}.items() <= next(
        item for item in json.loads(listed.stdout) if item["indicator"] == indicator_id
    ).items()


def test_suggestions_for_results_say_why_and_skip_referenced_standards() -> None:
    model = tocmodel.load(PILOT)
    found = suggest_standards(model)
    assert not [s for s in found if s.kind == "reference"]  # every indicator that measures one references it
    by_result = {s.result: s for s in found}
    assert by_result["oc-households-return"].code == "EN_EWT_COLLPCAP"
    assert "collecte formelle" in by_result["oc-households-return"].reason  # the French title says it
    assert by_result["o-workers-formalised"].code == "SDG-8.3.1"
    referencing = {owner for _, owner, _, i in model.iter_indicators() if i.standard}
    assert not referencing & {s.result for s in found if s.kind == "measure"}
    printed = run_cli("indicators", "suggest", str(PILOT))
    assert printed.returncode == 0 and "oc-households-return" in printed.stdout and "suggestions for" in printed.stdout


def test_the_cli_lists_and_shows_the_bank_and_names_an_unknown_code() -> None:
    listed = run_cli("indicators", "list", "--family", "SDG")
    assert listed.returncode == 0 and "SDG-8.8.1" in listed.stdout and "EN_EWT_COLLR" not in listed.stdout
    shown = run_cli("indicators", "show", "SDG-8.8.1", "--lang", "es")
    assert "Lesiones ocupacionales mortales" in shown.stdout and "Metadata-08-08-01.pdf" in shown.stdout
    wrong = run_cli("indicators", "show", "SDG-8.8.9")
    assert wrong.returncode == 2 and "did you mean `SDG-8.8." in wrong.stderr


# -- exports ---------------------------------------------------------------------------------------------------


def test_iati_export_references_the_sdg_indicators_and_validates(tmp_path: Path) -> None:
    model = tocmodel.load(PILOT)
    content = export_iati(model, activity_id=None, reporting_org=None).content
    root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    schema = etree.XMLSchema(etree.parse(str(PACKAGE / "schema-2.03" / "iati-activities-schema.xsd")))
    assert schema.validate(etree.ElementTree(root)), schema.error_log
    assert ruleset_problems(etree.ElementTree(root)) == []
    references = {
        indicator.findtext("description/narrative").split("Identifier: ")[1].split("\n")[0]: (
            ref.get("vocabulary"),
            ref.get("code"),
        )
        for indicator in root.iterfind(".//result/indicator")
        if (ref := indicator.find("reference")) is not None
    }
    assert references == {
        "ind-ewaste-collected-pct": ("9", "12.5.1"),
        "ind-ewaste-generated": ("9", "12.4.2"),
        "ind-ewaste-collected-kg": ("9", "12.5.1"),
    }
    (tmp_path / "pilot.xml").write_bytes(content)
    back = import_iati(tmp_path / "pilot.xml").data
    imported = {i.get("id"): i.get("standard") for r in back["impact"].values() for i in r["indicators"]}
    assert imported["ind-ewaste-generated"] == "EN_EWT_GENPCAP" and "im-reduced-harm" in back["impact"]


@pytest.fixture(scope="module")
def pilot_documents(pilot_logframe: Callable[..., bytes]) -> dict[tuple[str, str], bytes]:
    return {
        (kind, lang): pilot_logframe(kind, lang)
        for kind, lang in (("html", "en"), ("html", "fr"), ("md", "en"), ("docx", "en"), ("xlsx", "en"), ("xlsx", "fr"))
    }


def test_logframes_name_each_standard_and_link_its_definition(pilot_documents: dict[tuple[str, str], bytes]) -> None:
    bank = shipped_bank()
    links = {code: bank.standards[code].url for code in REFERENCES.values()}
    html = pilot_documents["html", "en"].decode()
    for code, url in links.items():
        assert f'<a href="{url}">Standard indicator: {code}</a>' in html
        assert (
            f"[Standard indicator: {code.replace('_', chr(92) + '_')}](<{url}>)" in pilot_documents["md", "en"].decode()
        )
    assert "Indicateur standard : EN_EWT_RCYR</a>" in pilot_documents["html", "fr"].decode()
    word = docx.Document(io.BytesIO(pilot_documents["docx", "en"]))
    linked = {rel.target_ref for rel in word.part.rels.values() if rel.reltype.endswith("/hyperlink")}
    assert set(links.values()) <= linked
    sheet = openpyxl.load_workbook(io.BytesIO(pilot_documents["xlsx", "en"]))["Indicators"]
    cells = {c.hyperlink.target: str(c.value) for row in sheet.iter_rows() for c in row if c.hyperlink}
    assert {cells[url].count("Standard indicator:") for url in links.values()} == {1}


@pytest.mark.parametrize(("kind", "lang"), [("docx", "en"), ("xlsx", "fr")])
def test_own_documents_give_back_the_standards(
    pilot_documents: dict[tuple[str, str], bytes], tmp_path: Path, kind: str, lang: str
) -> None:
    path = tmp_path / f"pilot.{kind}"
    path.write_bytes(pilot_documents[kind, lang])
    result = run_cli("import", kind, str(path), "-o", str(tmp_path / "back.yaml"))
    assert result.returncode == 0, result.stderr
    back = tocmodel.load(tmp_path / "back.yaml")
    found = {
        model_id: i.standard
        for _, owner, n, i in back.iter_indicators()
        if (model_id := back.indicator_id(owner, n, i))
    }
    assert {k: v for k, v in found.items() if v} == REFERENCES
    assert "Standard indicator" not in result.stderr and "Indicateur standard" not in result.stderr


def test_an_iati_import_takes_only_the_standards_the_bank_has_and_names_the_other_references(tmp_path: Path) -> None:
    content = export_iati(tocmodel.load(PILOT)).content.decode()
    content = content.replace("Standard: EN_EWT_GENPCAP", "Standard: ISO 14001", 1)
    first = '<reference vocabulary="9" code="12.5.1"/>'
    assert first in content
    content = content.replace(
        first, first + '<reference vocabulary="1" code="8.7.1"/><reference vocabulary="9" code="6.3.1"/>', 1
    )
    (tmp_path / "other.xml").write_text(content, encoding="utf-8")
    imported = import_iati(tmp_path / "other.xml")
    indicators = {i.get("id"): i for r in imported.data["impact"].values() for i in r["indicators"]}
    assert indicators["ind-ewaste-collected-pct"]["standard"] == "EN_EWT_RCYR"
    generated = indicators["ind-ewaste-generated"]
    assert generated["standard"] == "SDG-12.4.2"  # the bank has no `ISO 14001`: its SDG reference is taken
    assert generated["description"]["en"].endswith("Standard: ISO 14001")
    said = " ".join(note.message for note in imported.notes)
    assert "`Standard: ISO 14001` names no standard of the indicator bank: kept in the description" in said
    assert "indicator reference `8.7.1` (vocabulary 1) not taken" in said
    assert "indicator reference `6.3.1` (vocabulary 9) not taken: a second reference" in said
    assert "`12.4.2`" not in said and "`12.5.1`" not in said


def test_an_organisation_bank_naming_no_standard_it_feeds_or_no_iati_vocabulary_is_told(tmp_path: Path) -> None:
    broken = ORG_BANK.replace(
        "    keywords: [collection rate]\n", "    keywords: [collection rate]\n    feeds: [SDG-12.4.3]\n"
    )
    broken = broken.replace(
        "    url: https://example.org/indicators/pro-members\n",
        '    url: https://example.org/indicators/pro-members\n    iati: {vocabulary: "42", code: abc}\n',
    )
    (tmp_path / "bank.yaml").write_text(broken, encoding="utf-8")
    (tmp_path / "tocmodel.toml").write_text('[indicators]\nbanks = ["bank.yaml"]\n', encoding="utf-8")
    path = minimal_with(tmp_path, measured(standard="COAL-PRO-MEMBERS"))
    problem = load_report(path).report.errors[0]
    line = broken.splitlines().index("    feeds: [SDG-12.4.3]") + 1
    assert (problem.code, problem.location.line) == ("TOC014", line) and "`SDG-12.4.3`" in problem.message
    assert problem.hint == "did you mean `SDG-12.4.2`?"
    (tmp_path / "bank.yaml").write_text(broken.replace("    feeds: [SDG-12.4.3]\n", ""), encoding="utf-8")
    exported = export_iati(tocmodel.load(path))  # the bank's vocabulary is not IATI's: left out, and said
    assert b'vocabulary="42"' not in exported.content and b'code="oc-collected" vocabulary="99"' in exported.content
    assert any("`42` is not an IndicatorVocabulary code" in note.message for note in exported.notes)
