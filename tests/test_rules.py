"""The validation rules: each against its fixture, the catalogue's invariants, and the rules' edge cases.

Each file in `tests/fixtures/rules/` is named `<CODE>-<name>.yaml` and marks the lines where a finding is
expected with `# expect: <CODE>` (several codes may be separated by commas).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tocmodel.diagnostics import Report, Severity
from tocmodel.load.loader import load
from tocmodel.rules import CHECK_RULES, Rule
from tocmodel.rules.validate import validate
from tocmodel.schema import Model

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "rules"
MINIMAL = ROOT / "models" / "minimal.yaml"
EXPECT = re.compile(r"#\s*expect:\s*(TOC\d{3}(?:\s*,\s*TOC\d{3})*)")
FIXTURE_FILES = sorted(FIXTURES.glob("*.yaml"))


def expectations(path: Path) -> set[tuple[str, int]]:
    """The `(code, line)` pairs marked with `# expect:` in a fixture."""
    marked: set[tuple[str, int]] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if match := EXPECT.search(line):
            marked.update((code.strip(), number) for code in match.group(1).split(","))
    return marked


def lines_of(report: Report, code: str) -> set[int]:
    """The lines where `code` was reported."""
    return {d.location.line if d.location else 0 for d in report if d.code == code}


# -- fixtures -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda path: path.stem)
def test_fixture_reports_its_codes_at_the_marked_lines(fixture: Path) -> None:
    report = validate(load(fixture), rules=CHECK_RULES)
    marked = expectations(fixture)
    assert marked, f"{fixture.name} has no `# expect:` line"
    for code in {code for code, _ in marked}:
        assert lines_of(report, code) == {line for c, line in marked if c == code}, report.diagnostics
    assert report.errors or report.warnings or all(d.severity is Severity.INFO for d in report)
    assert {d.code for d in report.errors} <= {code for code, _ in marked}, report.errors


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda path: path.stem)
def test_fixture_is_named_after_its_rule_and_says_what_is_wrong(fixture: Path) -> None:
    rules = {f"{rule.code}-{rule.name}" for rule in CHECK_RULES}
    assert fixture.stem in rules
    first, second = fixture.read_text(encoding="utf-8").splitlines()[:2]
    assert first.startswith("# yaml-language-server: $schema=")
    assert second.startswith("# ")
    assert "Fix:" in second
    assert fixture.stem.split("-")[0] in {code for code, _ in expectations(fixture)}


def test_every_rule_has_a_fixture() -> None:
    missing = [rule.code for rule in CHECK_RULES if not (FIXTURES / f"{rule.code}-{rule.name}.yaml").is_file()]
    assert not missing


def test_the_minimal_model_is_clean() -> None:
    assert validate(load(MINIMAL)).diagnostics == []


# -- the catalogue --------------------------------------------------------------------------------


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [rule.code for rule in CHECK_RULES]
    names = [rule.name for rule in CHECK_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"TOC\d{3}", code) for code in codes)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", name) for name in names)


def test_rules_are_listed_in_code_order() -> None:
    codes = [rule.code for rule in CHECK_RULES]
    assert codes == sorted(codes)


@pytest.mark.parametrize("rule", CHECK_RULES, ids=lambda rule: rule.code)
def test_every_rule_has_a_docstring_a_hint_and_a_severity(rule: type[Rule]) -> None:
    doc = rule.__doc__ or ""
    assert doc.strip()
    assert doc != Rule.__doc__
    assert rule.hint.strip()
    assert isinstance(rule.severity, Severity)


# -- edge cases -----------------------------------------------------------------------------------


@pytest.fixture
def data() -> dict[str, Any]:
    """The minimal model as plain data, to change in a test."""
    loaded: dict[str, Any] = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    return copy.deepcopy(loaded)


def check(data: dict[str, Any]) -> Report:
    return validate(Model.model_validate(data))


def add_outcome(
    data: dict[str, Any], outcome_id: str, *, kind: str = "intermediate", leads_to: list[Any] | None = None
) -> None:
    """An outcome with a complete indicator, so only its links can be wrong."""
    indicator = {"title": "Measured", "baseline": {"value": 0, "year": 2026}, "targets": {2031: 1}, "source": "Survey"}
    data["outcomes"][outcome_id] = {
        "title": outcome_id,
        "kind": kind,
        "indicators": [indicator],
        "leads_to": leads_to or [],
    }


def test_feedback_link_may_close_a_cycle(data: dict[str, Any]) -> None:
    back = {"to": "o-points", "assumptions": ["a-use"]}
    data["outcomes"]["oc-collected"]["leads_to"].append(back)
    assert {"TOC201", "TOC202"} <= set(check(data).codes())
    back["feedback"] = True
    assert check(data).codes() == []


def test_outcome_to_outcome_is_allowed(data: dict[str, Any]) -> None:
    link = {"to": "im-less-dumping", "assumptions": ["a-sorted"]}
    add_outcome(data, "oc-end", kind="end", leads_to=[link])
    add_outcome(data, "oc-end-2", kind="end", leads_to=[link])
    data["outcomes"]["oc-collected"]["leads_to"].append({"to": "oc-end", "assumptions": ["a-sorted"]})
    data["outcomes"]["oc-end"]["leads_to"].append({"to": "oc-end-2", "assumptions": ["a-sorted"]})
    assert check(data).codes() == []


def test_end_outcome_to_intermediate_outcome_is_backward(data: dict[str, Any]) -> None:
    data["outcomes"]["oc-collected"]["kind"] = "end"
    add_outcome(data, "oc-aware", leads_to=[{"to": "im-less-dumping", "assumptions": ["a-sorted"]}])
    data["outcomes"]["oc-collected"]["leads_to"].append({"to": "oc-aware", "assumptions": ["a-use"]})
    report = check(data)
    assert report.codes() == ["TOC202"]
    message = report.diagnostics[0].message
    assert message == "end outcome `oc-collected` leads back to intermediate outcome `oc-aware`"


def test_one_cycle_is_reported_per_strongly_connected_component(data: dict[str, Any]) -> None:
    link = {"to": "im-less-dumping", "assumptions": ["a-sorted"]}
    add_outcome(data, "oc-a", leads_to=[link, {"to": "oc-b", "assumptions": ["a-use"]}])
    add_outcome(
        data, "oc-b", leads_to=[{"to": "oc-a", "assumptions": ["a-use"]}, {"to": "oc-c", "assumptions": ["a-use"]}]
    )
    add_outcome(data, "oc-c", leads_to=[{"to": "oc-a", "assumptions": ["a-use"]}])
    add_outcome(data, "oc-self", leads_to=[link, {"to": "oc-self", "assumptions": ["a-use"]}])
    outputs_links = data["outputs"]["o-points"]["leads_to"]
    outputs_links += [{"to": to, "assumptions": ["a-use"]} for to in ("oc-a", "oc-self")]
    cycles = [d for d in check(data) if d.code == "TOC201"]
    assert sorted(d.message for d in cycles) == [
        "causal links form a cycle: `oc-a` → `oc-b` → `oc-a`",
        "causal links form a cycle: `oc-self` → `oc-self`",
    ]
    closing = {d.path for d in cycles}
    assert closing == {("outcomes", "oc-b", "leads_to", 0), ("outcomes", "oc-self", "leads_to", 1)}


def test_links_to_non_results_are_left_to_the_reference_rules(data: dict[str, Any]) -> None:
    data["outputs"]["o-points"]["leads_to"].append("rc-no-collection")
    data["outcomes"]["oc-collected"]["leads_to"].append("i-collect")
    assert sorted(set(check(data).codes())) == ["TOC102"]


def test_level_skipping_from_output_to_impact(data: dict[str, Any]) -> None:
    data["outputs"]["o-points"]["leads_to"].append({"to": "im-less-dumping", "assumptions": ["a-use"]})
    report = check(data)
    assert report.codes() == ["TOC206"]
    assert "skipping the outcome level" in report.diagnostics[0].message


def test_a_model_without_impact_gets_one_finding_not_one_per_result(data: dict[str, Any]) -> None:
    del data["impact"]
    data["outcomes"]["oc-collected"]["leads_to"] = []
    del data["assumptions"]["a-sorted"]
    assert check(data).codes() == ["TOC203"]


@pytest.mark.parametrize(
    ("baseline", "flagged"),
    [
        ({"value": None, "year": 2026}, False),
        ({"value": 3}, False),
        ({"value": None}, True),
        (None, True),
    ],
)
def test_a_null_baseline_value_with_a_year_counts_as_a_baseline(
    data: dict[str, Any], baseline: dict[str, Any] | None, flagged: bool
) -> None:
    indicator = data["outcomes"]["oc-collected"]["indicators"][0]
    if baseline is None:
        del indicator["baseline"]
    else:
        indicator["baseline"] = baseline
    assert ("TOC404" in check(data).codes()) is flagged


def test_baseline_in_the_first_target_year_is_fine(data: dict[str, Any]) -> None:
    data["outcomes"]["oc-collected"]["indicators"][0]["baseline"]["year"] = 2031
    assert check(data).codes() == []


@pytest.mark.parametrize("key", ["TOC404", "indicator-without-baseline"])
def test_the_model_can_change_a_rule_severity(data: dict[str, Any], key: str) -> None:
    del data["outcomes"]["oc-collected"]["indicators"][0]["baseline"]
    data["validation"] = {"severity": {key: "error"}}
    report = check(data)
    assert [(d.code, d.severity) for d in report] == [("TOC404", Severity.ERROR)]
    assert not report.ok


@pytest.mark.parametrize("pattern", ["TOC404", "indicator-without-baseline", "TOC4"])
def test_the_model_can_ignore_a_rule(data: dict[str, Any], pattern: str) -> None:
    del data["outcomes"]["oc-collected"]["indicators"][0]["baseline"]
    data["validation"] = {"ignore": [pattern]}
    assert check(data).codes() == []


def test_a_deeper_cause_being_addressed_covers_its_parent(data: dict[str, Any]) -> None:
    causes = data["problem"]["root_causes"]
    causes["rc-no-collection"]["causes"] = {"rc-no-budget": {"title": "No budget"}}
    causes["rc-weak-policy"] = {"title": "Weak policy", "causes": {"rc-no-law": {"title": "No law"}}}
    data["interventions"]["i-collect"]["addresses"] = ["rc-no-collection", "rc-no-law"]
    findings = [d for d in check(data) if d.code == "TOC104"]
    assert [d.message for d in findings] == ["no intervention addresses root cause `rc-no-budget`"]


def test_each_cause_of_an_unaddressed_branch_is_reported(data: dict[str, Any]) -> None:
    branch = {"title": "Weak policy", "causes": {"rc-no-law": {"title": "No law"}}}
    data["problem"]["root_causes"]["rc-weak-policy"] = branch
    messages = {d.message for d in check(data) if d.code == "TOC104"}
    assert messages == {
        "no intervention addresses root cause `rc-weak-policy` nor any of its deeper causes",
        "no intervention addresses root cause `rc-no-law`",
    }


@pytest.mark.parametrize(
    ("likelihood", "impact", "extra", "message"),
    [
        (5, 3, {}, "has no mitigation and no owner"),
        (5, 3, {"owner": "moe"}, "has no mitigation"),
        (5, 3, {"owner": "moe", "mitigation": "Pay them"}, None),
        (3, 4, {}, None),
    ],
)
def test_high_risks_need_a_mitigation_and_an_owner(
    data: dict[str, Any], likelihood: int, impact: int, extra: dict[str, Any], message: str | None
) -> None:
    data["risks"] = {
        "r-x": {"statement": "Resistance", "category": "social", "likelihood": likelihood, "impact": impact, **extra}
    }
    found = [d.message for d in check(data) if d.code == "TOC501"]
    score = f"likelihood {likelihood}, impact {impact}: score {likelihood * impact}"
    assert found == ([] if message is None else [f"high risk `r-x` ({score}) {message}"])


def test_actors_are_used_by_any_role_but_not_by_twinning_with_themselves(data: dict[str, Any]) -> None:
    data["actors"].update(
        {
            "pro-new": {"name": "Emerging PRO", "type": "pro", "twinned_with": "pro-old"},
            "pro-old": {"name": "Experienced PRO", "type": "pro", "twinned_with": "pro-old"},
            "nso": {"name": "Statistics office", "type": "statistics-office"},
        }
    )
    data["outcomes"]["oc-collected"]["indicators"][0]["responsible"] = "nso"
    unused = [d.message for d in check(data) if d.code == "TOC503"]
    assert unused == ["actor `pro-new` has no role in the model"]


def test_assumptions_on_results_count_as_used(data: dict[str, Any]) -> None:
    data["assumptions"]["a-budget"] = {"statement": "Budget holds"}
    data["interventions"]["i-collect"]["assumptions"] = ["a-budget"]
    assert check(data).codes() == []


def test_effect_before_cause_needs_every_producer_to_start_later(data: dict[str, Any]) -> None:
    data["stages"]["late"] = {"title": "Late", "years": "4-5"}
    producer = {
        "title": "Plan",
        "stage": "late",
        "addresses": "rc-no-collection",
        "lead": "moe",
        "leads_to": ["o-points"],
    }
    data["interventions"]["i-plan"] = producer
    data["interventions"]["i-collect"].update(years="1-3", needs=["o-points"])
    assert "TOC305" not in check(data).codes()  # i-collect produces o-points itself, from 2027
    data["interventions"]["i-collect"]["leads_to"] = []
    assert "TOC305" in check(data).codes()
    producer["stage"] = "nowhere"  # unknown years: it may start first
    assert "TOC305" not in check(data).codes()


def test_calendar_years_are_checked_against_the_horizon(data: dict[str, Any]) -> None:
    data["interventions"]["i-collect"]["years"] = "2026-2027"
    assert set(check(data).codes()) == {"TOC301", "TOC304"}


def test_translations_are_found_in_every_text_field(data: dict[str, Any]) -> None:
    data["model"]["languages"] = ["en", "fr"]
    data["stages"]["only"]["deliverables"] = ["Plan", {"en": "Report"}]
    data["problem"]["root_causes"]["rc-no-collection"]["causes"] = {
        "rc-deep": {"title": {"en": "Deep", "fr": "Profond", "de": "Tief"}}
    }
    data["interventions"]["i-collect"]["addresses"] = ["rc-deep"]
    data["validation"] = {"severity": {"TOC205": "error"}}  # a dict of plain strings that is not a text
    found = {(d.path, d.message) for d in check(data) if d.code == "TOC601"}
    assert found == {
        (("stages", "only", "deliverables", 1), "`stages.only.deliverables.1` has no text in `fr`"),
        (
            ("problem", "root_causes", "rc-no-collection", "causes", "rc-deep", "title"),
            "`problem.root_causes.rc-no-collection.causes.rc-deep.title` has a text in `de`, "
            "a language that `model.languages` does not declare",
        ),
    }


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda path: path.stem)
def test_check_strict_exits_one_with_the_code_at_its_line(fixture: Path) -> None:
    """`tocmodel check --strict FIXTURE` fails (passes, for notes) and prints each expected code at its line."""
    from click.testing import CliRunner

    from tocmodel.cli import main

    result = CliRunner().invoke(main, ["check", "--strict", str(fixture)])
    notes_only = all(rule.severity is Severity.INFO for rule in CHECK_RULES if rule.code in fixture.stem)
    assert result.exit_code == (0 if notes_only else 1), result.output
    for code, line in expectations(fixture):
        assert re.search(rf"^{re.escape(str(fixture))}:{line}:\d+: {code} ", result.output, re.M), result.output


@pytest.mark.parametrize("targets", ["{2031: }", "{2031: TBD}", "{2030: '?', 2031: n/a}"])
def test_placeholder_targets_count_as_missing(tmp_path: Path, targets: str) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace("targets: {2031: 40}", f"targets: {targets}")
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    report = validate(load(tmp_path / "m.yaml"))
    assert report.codes() == ["TOC405"]
    assert "placeholder" in report.diagnostics[0].message


def test_dangling_link_does_not_claim_the_intervention_leads_to_nothing(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace("leads_to: [o-points]", "leads_to: [o-pionts]")
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    messages = {d.code: d for d in validate(load(tmp_path / "m.yaml"))}
    assert messages["TOC101"].hint == "did you mean `o-points`?"
    assert messages["TOC203"].message == "intervention `i-collect` has no causal path to an impact"
    assert "output" in (messages["TOC203"].hint or "")
