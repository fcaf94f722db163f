"""The semantic diff: a second version of the pilot with a known list of changes, every one of which (and
nothing else) appears in text, Markdown and JSON; exit codes as `diff`'s; git's external diff driver in a
real repository."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import tocmodel
from conftest import MODELS, PILOT_WHOLE, run_cli, run_with_tocmodel
from tocmodel.interop.diff import diff_models
from tocmodel.interop.diff.render import escape_markdown, to_json, to_markdown, to_text

PILOT = MODELS / "ewaste-pilot.yaml"

NEW_OUTPUT = """  o-repair-hubs:
    title: Repair and refurbishment hubs licensed and operating
    leads_to:
      - to: oc-formal-esm
        assumptions: [a-repair-demand]
    indicators:
      - title: Licensed repair hubs operating
        unit: hubs
        baseline: {value: 0, year: 2026}
        targets: {2031: 10}
        source: EPA licence register
"""
EDITS: list[tuple[str, str]] = [
    ("(pilote)\n", "(pilote, version 2)\n"),
    ('version: "1.0"', 'version: "1.1"'),
    ("    name: Ghana Health Service\n", "    name: Ghana Health Service (GHS)\n"),
    ("\nstages:\n", "  unu:\n    name: United Nations University\n    type: academia\n\nstages:\n"),
    ("years: 2-3", "years: 2-4"),
    ("title: No occupational safety and health standards", "title: No occupational safety and health rules"),
    ("\ninterventions:\n", "    rc-no-repair:\n      title: Repair shops are unlicensed\n\ninterventions:\n"),
    (
        "    lead: unido\n    support: [moe, recyclers, gh-pro]",
        "    lead: moe\n    support: [unido, recyclers, gh-pro]",
    ),
    (
        "      - to: oc-policy-framework\n        assumptions: [a-gov-commitment]\n        confidence: medium\n"
        "    indicators:\n      - title: Country engagement agreement signed",
        "      - to: oc-policy-framework\n        assumptions: [a-gov-commitment, a-budget]\n"
        "        confidence: medium\n    indicators:\n      - title: Country engagement agreement signed",
    ),
    (
        "      - to: oc-formal-esm\n        assumptions: [a-convenient-collection]\n        confidence: medium\n"
        "    indicators:\n      - title: Formal collection points",
        "    indicators:\n      - title: Formal collection points",
    ),
    (
        "        assumptions: [a-feedstock]\n        confidence: low\n",
        "        assumptions: [a-feedstock]\n        confidence: medium\n",
    ),
    ("title: Investment in environmentally sound treatment capacity secured", "title: Treatment capacity financed"),
    ("\noutcomes:\n", "\n" + NEW_OUTPUT + "\noutcomes:\n"),
    ("value: 20, year: 2025", "value: 40, year: 2025"),
    ("targets: {2030: 150, 2031: 300}", "targets: {2030: 160, 2031: 300}"),
    ("targets: {2028: 0.5, 2029: 1, 2030: 4, 2031: 8}", "targets: {2027: 0.1, 2028: 0.5, 2029: 1, 2030: 4, 2031: 8}"),
    ("source: PRO audited accounts\n", "source: PRO audited accounts and annual report\n"),
    ("value: 3, year: 2025", "value: 2.5, year: 2025"),
    (
        "        source: EPA certification register\n        frequency: annual\n        responsible: epa\n  o-public",
        "        source: EPA certification register\n        frequency: annual\n        responsible: epa\n"
        "      - title: Certified recycling capacity\n        unit: tonnes per year\n        source: EPA register\n"
        "  o-public",
    ),
    (
        "      - title: Cable stripping or granulation units operating at hubs\n        unit: units\n"
        "        baseline: {value: 1, year: 2025}\n        targets: {2030: 4, 2031: 8}\n"
        "        source: PRO operations reports\n        frequency: annual\n        responsible: gh-pro\n",
        "",
    ),
    (
        "statement: Collected volumes and producer fees make treatment investment commercially viable",
        "statement: Collected volumes and fees make treatment investment viable",
    ),
    ("status: at-risk", "status: failed"),
    ("\nrisks:\n", "  a-repair-demand:\n    statement: People pay for repairs rather than buy new\n\nrisks:\n"),
    (
        "    likelihood: 3\n    impact: 5\n    mitigation: Prepare",
        "    likelihood: 4\n    impact: 5\n    mitigation: Prepare",
    ),
    (
        "  r-employer-buy-in:\n",
        "  r-new:\n    statement: Repair hubs undercut licensed recyclers\n    category: economic\n"
        "    likelihood: 2\n    impact: 2\n  r-employer-buy-in:\n",
    ),
    ("    recyclers.\n  root_causes:", "    recyclers, and some is exported again.\n  root_causes:"),
    (  # the actuals of the indicator taken out go with it
        "  o-collection-network.2:\n    2027:\n      value: 2\n      date: '2028-03-31'\n      comment:\n"
        "        en: Illustrative\n        fr: Illustrative\n      status: validated\n    2028:\n      value: 3\n"
        "      date: '2029-03-31'\n      comment:\n        en: Illustrative\n        fr: Illustrative\n"
        "  o-investment.1:",
        "  o-investment.1:",
    ),
    (
        "      value: 4.1\n      date: '2029-03-31'\n",
        "      value: 4.4\n      status: validated\n      date: '2029-03-31'\n",
    ),
    (
        "        fr: Illustrative\n  ind-ewaste-collected-kg:",
        "        fr: Illustrative\n    2029: 6\n  ind-ewaste-collected-kg:",
    ),
]
"""Edits to the pilot's text, each made once."""

REMOVED = ("  i-findings-outreach:\n", "  r-standards-unmet:\n")
"""Items taken out, each up to the next item at its indentation."""

EXPECTED: list[tuple[str, str, str, str, Any, Any]] = [
    (
        "model",
        "changed",
        "ewaste-gh-pilot",
        "title [fr]",
        "Modèle d'intervention national sur les déchets électroniques du Ghana (pilote)",
        "Modèle d'intervention national sur les déchets électroniques du Ghana (pilote, version 2)",
    ),
    ("model", "changed", "ewaste-gh-pilot", "version", "1.0", "1.1"),
    ("problem", "changed", "problem", "description", None, None),
    (
        "root causes",
        "changed",
        "rc-no-osh",
        "title",
        "No occupational safety and health standards for e-waste workers",
        "No occupational safety and health rules for e-waste workers",
    ),
    ("root causes", "added", "rc-no-repair", "", None, None),
    ("actors", "changed", "ghs", "name", "Ghana Health Service", "Ghana Health Service (GHS)"),
    ("actors", "added", "unu", "", None, None),
    ("stages", "changed", "s3-dialogue", "years", "2-3", "2-4"),
    ("interventions", "changed", "i-investment", "lead", "unido", "moe"),
    (
        "interventions",
        "changed",
        "i-investment",
        "support",
        ["moe", "recyclers", "gh-pro"],
        ["unido", "recyclers", "gh-pro"],
    ),
    ("interventions", "removed", "i-findings-outreach", "", None, None),
    (
        "outputs",
        "changed",
        "o-investment",
        "title",
        "Investment in environmentally sound treatment capacity secured",
        "Treatment capacity financed",
    ),
    ("outputs", "added", "o-repair-hubs", "", None, None),
    (
        "links",
        "changed",
        "o-country-engagement → oc-policy-framework",
        "assumptions",
        ["a-gov-commitment"],
        ["a-gov-commitment", "a-budget"],
    ),
    ("links", "changed", "o-investment → oc-formal-esm", "confidence", "low", "medium"),
    ("links", "added", "o-repair-hubs → oc-formal-esm", "", None, None),
    ("links", "removed", "i-findings-outreach → o-public-outreach", "", None, None),
    ("links", "removed", "o-collection-network → oc-formal-esm", "", None, None),
    ("indicators", "changed", "oc-imports-controlled.1", "baseline", 20, 40),
    ("indicators", "changed", "oc-imports-controlled.1", "target 2030", 150, 160),
    ("indicators", "changed", "o-public-outreach.1", "target 2027", None, 0.1),
    (
        "indicators",
        "changed",
        "oc-producers-finance.2",
        "source",
        "PRO audited accounts",
        "PRO audited accounts and annual report",
    ),
    ("indicators", "changed", "ind-ewaste-collected-pct", "baseline", 3, 2.5),
    ("indicators", "added", "o-certified-recyclers.2", "", None, None),
    ("indicators", "added", "o-repair-hubs.1", "", None, None),
    ("indicators", "removed", "o-collection-network.2", "", None, None),
    ("actuals", "removed", "o-collection-network.2 2027", "", None, None),
    ("actuals", "removed", "o-collection-network.2 2028", "", None, None),
    ("actuals", "changed", "oc-households-return.2 2028", "value", 4.1, 4.4),
    ("actuals", "changed", "oc-households-return.2 2028", "status", "provisional", "validated"),
    ("actuals", "added", "oc-households-return.2 2029", "", None, None),
    (
        "assumptions",
        "changed",
        "a-feedstock",
        "statement",
        "Collected volumes and producer fees make treatment investment commercially viable",
        "Collected volumes and fees make treatment investment viable",
    ),
    ("assumptions", "changed", "a-budget", "status", "at-risk", "failed"),
    ("assumptions", "added", "a-repair-demand", "", None, None),
    ("risks", "changed", "r-funding-gap", "likelihood", 3, 4),
    ("risks", "added", "r-new", "", None, None),
    ("risks", "removed", "r-standards-unmet", "", None, None),
]
"""Every change the edits make, as (section, kind, id, field, old, new); None old and new: not checked."""


def second_version() -> str:
    text = PILOT_WHOLE.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    for item in REMOVED:
        start = text.index(item)
        end = next(n for n in range(start + len(item), len(text)) if text.startswith("\n  ", n) and text[n + 3] != " ")
        text = text[:start] + text[end + 1 :]
    return text


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("versions")
    old, new = folder / "old.yaml", folder / "new.yaml"
    shutil.copy(PILOT_WHOLE, old)
    new.write_text(second_version(), encoding="utf-8")
    return old, new


@functools.cache
def changes(old: Path, new: Path) -> list[Any]:
    return diff_models(tocmodel.load(old), tocmodel.load(new))


def test_the_second_version_is_a_valid_model(versions: tuple[Path, Path]) -> None:
    model = tocmodel.load(versions[1])
    assert not tocmodel.validate(model).errors


def test_every_change_is_found_and_nothing_else(versions: tuple[Path, Path]) -> None:
    found = [(c.section, c.kind, c.id, c.field) for c in changes(*versions)]
    assert sorted(found) == sorted((s, k, i, f) for s, k, i, f, _, _ in EXPECTED)
    by_key = {(c.section, c.kind, c.id, c.field): c for c in changes(*versions)}
    for section, kind, item_id, field, old, new in EXPECTED:
        change = by_key[(section, kind, item_id, field)]
        if old is not None or new is not None:
            assert (change.old, change.new) == (old, new), (item_id, field)


def expected_line(old: Any, new: Any, field: str) -> str:
    from tocmodel.interop.diff.render import show

    if isinstance(old, list) and isinstance(new, list):
        joined, left = [x for x in new if x not in old], [x for x in old if x not in new]
        parts = ([f"+ {', '.join(joined)}"] if joined else []) + ([f"− {', '.join(left)}"] if left else [])
        return f"{field}: {'; '.join(parts)}"
    return f"{field}: {show(old)} → {show(new)}"


def test_every_change_appears_in_the_text_output(versions: tuple[Path, Path]) -> None:
    text = to_text(changes(*versions), old="old.yaml", new="new.yaml")
    lines = text.splitlines()
    for section, kind, item_id, field, old, new in EXPECTED:
        assert section in lines
        mark = {"added": "+", "removed": "-", "changed": "~"}[kind]
        assert any(line.startswith(f"  {mark} {item_id}") for line in lines), item_id
        if kind == "changed" and (old is not None or new is not None):
            assert f"      {expected_line(old, new, field)}" in lines
    assert "      baseline: 20 → 40" in lines and "      target 2030: 150 → 160" in lines
    assert "      target 2027: – → 0.1" in lines
    assert lines[-1] == "9 added, 7 removed, 17 changed."


def test_every_change_appears_in_the_markdown_output(versions: tuple[Path, Path]) -> None:
    text = to_markdown(changes(*versions), old="old.yaml", new="new.yaml")
    for section, kind, item_id, field, old, new in EXPECTED:
        assert f"## {section.capitalize()}" in text
        assert f"- **{kind}** `{item_id}`" in text
        if kind == "changed" and (old is not None or new is not None):
            assert f"  - {escape_markdown(expected_line(old, new, field))}\n" in text
    assert "  - baseline: 20 → 40\n" in text


def test_every_change_appears_in_the_json_output(versions: tuple[Path, Path]) -> None:
    document = json.loads(to_json(changes(*versions), old="old.yaml", new="new.yaml"))
    assert document["identical"] is False
    assert document["summary"] == {"added": 9, "removed": 7, "changed": 17}
    entries = {(c["section"], c["change"], c["id"], c["field"]): c for c in document["changes"]}
    for section, kind, item_id, field, old, new in EXPECTED:
        entry = entries[(section, kind, item_id, field)]
        if old is not None or new is not None:
            assert (entry["old"], entry["new"]) == (old, new)
    added = entries[("risks", "added", "r-new", "")]
    assert added["new"]["statement"] == "Repair hubs undercut licensed recyclers" and added["old"] is None


def test_a_result_moved_to_another_level_is_one_change(tmp_path: Path) -> None:
    text = PILOT_WHOLE.read_text(encoding="utf-8")
    block_start = text.index("  o-investment:\n")
    block_end = text.index("  o-workers-formalised:\n")
    block = text[block_start:block_end]
    moved = text[:block_start] + text[block_end:]
    block = block.replace("    weighting: 8\n", "")
    moved = moved.replace("\nimpact:\n", "\n" + block + "\nimpact:\n", 1)
    path = tmp_path / "moved.yaml"
    path.write_text(moved, encoding="utf-8")
    found = diff_models(tocmodel.load(PILOT), tocmodel.load(path))
    assert [(c.section, c.kind, c.id, c.field, c.old, c.new) for c in found if c.field == "level"] == [
        ("outcomes", "changed", "o-investment", "level", "output", "outcome")
    ]
    assert not [c for c in found if c.kind != "changed"]


# -- command line ------------------------------------------------------------------------------------------


def test_exit_codes_follow_diff(versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = versions
    same = run_cli("diff", str(old), str(PILOT_WHOLE))
    assert same.returncode == 0 and same.stdout.endswith("No differences.\n")
    different = run_cli("diff", str(old), str(new), "--format", "json")
    assert different.returncode == 1 and json.loads(different.stdout)["summary"]["changed"] == 17
    broken = tmp_path / "broken.yaml"
    broken.write_text("tocmodel: 1\nmodel: [\n", encoding="utf-8")
    trouble = run_cli("diff", str(old), str(broken))
    assert trouble.returncode == 2 and "does not load as a model" in trouble.stderr
    assert "Traceback" not in trouble.stderr
    misuse = run_cli("diff", str(old))
    assert misuse.returncode == 2 and "give two models" in misuse.stderr
    markdown = run_cli("diff", str(old), str(new), "--format", "md")
    assert markdown.returncode == 1 and "  - baseline: 20 → 40" in markdown.stdout


def test_what_diff_cannot_compare_is_said_in_a_line(tmp_path: Path) -> None:
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"tocmodel: 1\n\x00\x01\x02\xff")
    cases = {
        (str(binary), str(PILOT)): "binary.yaml:2:1: TOC008 error: this is not a text file (it contains NUL bytes)",
        ("/dev/null", str(PILOT)): "Error: /dev/null: not a file",
        (str(PILOT), str(tmp_path / "gone.yaml")): "gone.yaml: no such file",
        (str(tmp_path), str(PILOT)): ": not a file",
    }
    for (old, new), message in cases.items():
        result = run_cli("diff", old, new)
        assert result.returncode == 2 and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


# -- git --------------------------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_PAGER": "cat"}
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)
    command = f"{sys.executable} -m tocmodel diff --git-external"
    return run_with_tocmodel(["git", "-c", f"diff.tocmodel.command={command}", *args], cwd=repo, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    for args in (("init", "-q"), ("config", "user.email", "t@example.org"), ("config", "user.name", "T")):
        assert git(folder, *args).returncode == 0
    (folder / ".gitattributes").write_text("*.toc.yaml diff=tocmodel\n", encoding="utf-8")
    shutil.copy(PILOT_WHOLE, folder / "pilot.toc.yaml")
    assert git(folder, "add", ".").returncode == 0
    assert git(folder, "commit", "-q", "-m", "pilot").returncode == 0
    return folder


def test_git_diff_shows_the_semantic_difference(repo: Path) -> None:
    (repo / "pilot.toc.yaml").write_text(second_version(), encoding="utf-8")
    result = git(repo, "diff")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("diff --tocmodel a/pilot.toc.yaml b/pilot.toc.yaml\n--- a/pilot.toc.yaml\n")
    assert "      baseline: 20 → 40\n" in result.stdout
    assert "  - r-standards-unmet  " in result.stdout and "  + r-new  Repair hubs" in result.stdout


def test_git_diff_of_a_new_file_and_of_a_broken_edit(repo: Path) -> None:
    shutil.copy(PILOT_WHOLE, repo / "copy.toc.yaml")
    assert git(repo, "add", "copy.toc.yaml").returncode == 0
    added = git(repo, "diff", "--cached")
    assert added.returncode == 0 and "--- /dev/null\n+++ b/copy.toc.yaml\n" in added.stdout
    assert "  + ewaste-gh-pilot" in added.stdout
    (repo / "pilot.toc.yaml").write_text("tocmodel: 1\nmodel: [\n", encoding="utf-8")
    broken = git(repo, "diff", "pilot.toc.yaml")
    assert broken.returncode == 0, broken.stderr
    assert "# new version does not load as a model:" in broken.stdout
    assert "+model: [\n" in broken.stdout and "-  id: ewaste-gh-pilot\n" in broken.stdout


def test_a_text_loads_as_if_it_were_the_file_at_a_path(tmp_path: Path) -> None:
    shutil.copy(MODELS / "ewaste-generic.yaml", tmp_path / "ewaste-generic.yaml")
    shutil.copytree(MODELS / "monitoring", tmp_path / "monitoring")
    text = PILOT.read_text(encoding="utf-8")
    old = tocmodel.load(tmp_path / "not-written.yaml", text=text)  # `extends:` is the file beside that path
    assert diff_models(old, tocmodel.load(PILOT)) == []
    with pytest.raises(tocmodel.ModelLoadError) as failure:
        tocmodel.load(tmp_path / "elsewhere" / "pilot.yaml", text=text)
    problems = [d.message for d in failure.value.report.errors]
    assert "extended model `ewaste-generic.yaml` does not exist" in problems


@pytest.fixture
def extending_repo(tmp_path: Path) -> Path:
    """A repository as the docs set one up: the pilot, which extends the generic model beside it."""
    folder = tmp_path / "repo"
    (folder / "models").mkdir(parents=True)
    for args in (("init", "-q"), ("config", "user.email", "t@example.org"), ("config", "user.name", "T")):
        assert git(folder, *args).returncode == 0
    attributes = "models/*.yaml diff=tocmodel\nmodels/monitoring/*.yaml diff=tocmodel\n"
    (folder / ".gitattributes").write_text(attributes, encoding="utf-8")
    for name in ("ewaste-pilot.yaml", "ewaste-generic.yaml"):
        shutil.copy(MODELS / name, folder / "models" / name)
    shutil.copytree(MODELS / "monitoring", folder / "models" / "monitoring")
    assert "\nextends: ewaste-generic.yaml\n" in (folder / "models" / "ewaste-pilot.yaml").read_text(encoding="utf-8")
    assert git(folder, "add", ".").returncode == 0
    assert git(folder, "commit", "-q", "-m", "pilot").returncode == 0
    return folder


def edit_pilot(repo: Path) -> None:
    pilot = repo / "models" / "ewaste-pilot.yaml"
    text = pilot.read_text(encoding="utf-8")
    assert text.count("baseline: {value: 20, year: 2025}") == 1
    pilot.write_text(text.replace("{value: 20, year: 2025}", "{value: 40, year: 2025}"), encoding="utf-8")


def assert_semantic(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "does not load as a model" not in result.stdout, result.stdout
    assert "diff --tocmodel a/models/ewaste-pilot.yaml b/models/ewaste-pilot.yaml\n" in result.stdout
    assert "  ~ oc-imports-controlled.1  " in result.stdout and "      baseline: 20 → 40\n" in result.stdout
    assert result.stdout.endswith("\n1 changed.\n"), result.stdout


def test_git_diff_of_a_model_that_extends_a_file_beside_it(extending_repo: Path) -> None:
    edit_pilot(extending_repo)
    assert_semantic(git(extending_repo, "diff"))
    assert_semantic(git(extending_repo / "models", "diff"))  # git runs the driver at the top, wherever asked
    assert git(extending_repo, "commit", "-q", "-am", "baseline").returncode == 0
    assert_semantic(git(extending_repo, "diff", "HEAD~1", "HEAD"))  # both versions are temporary files
    assert_semantic(git(extending_repo, "log", "-p", "--ext-diff", "-1"))


def test_a_monitoring_file_alone_shows_its_actuals_changed(extending_repo: Path) -> None:
    monitoring = extending_repo / "models" / "monitoring" / "ewaste-pilot-2028.yaml"
    before = monitoring.read_text(encoding="utf-8")
    monitoring.write_text(before.replace("      value: 4.1\n", "      value: 4.4\n", 1), encoding="utf-8")
    shown = git(extending_repo, "diff")
    assert shown.returncode == 0 and "does not load" not in shown.stdout, shown.stdout
    assert "actuals\n  ~ oc-households-return.2 2028  4.4\n      value: 4.1 → 4.4\n1 changed." in shown.stdout
    old = extending_repo / "old-2028.yaml"
    old.write_text(before, encoding="utf-8")
    direct = run_cli("diff", str(old), str(monitoring))
    assert direct.returncode == 1 and direct.stdout.endswith(
        "actuals\n  ~ oc-households-return.2 2028  4.4\n      value: 4.1 → 4.4\n1 changed.\n"
    )


def test_git_diff_of_a_deleted_a_new_and_a_binary_model(extending_repo: Path) -> None:
    models = extending_repo / "models"
    (models / "ewaste-pilot.yaml").rename(models / "ewaste-pilot-2.yaml")
    (models / "blob.yaml").write_bytes(b"tocmodel: 1\n\x00\x01\x02\xff")
    assert git(extending_repo, "add", "-A", "models").returncode == 0
    result = git(extending_repo, "diff", "--cached", "--no-renames")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "does not load as a model" not in result.stdout, result.stdout
    deleted, added = (
        f"diff --tocmodel a/models/{name} b/models/{name}\n" for name in ("ewaste-pilot.yaml", "ewaste-pilot-2.yaml")
    )
    assert f"{deleted}--- a/models/ewaste-pilot.yaml\n+++ /dev/null\nmodel\n  - ewaste-gh-pilot\n" in result.stdout
    assert f"{added}--- /dev/null\n+++ b/models/ewaste-pilot-2.yaml\nmodel\n  + ewaste-gh-pilot\n" in result.stdout
    binary = (
        "diff --tocmodel a/models/blob.yaml b/models/blob.yaml\nBinary files /dev/null and b/models/blob.yaml differ\n"
    )
    assert binary in result.stdout


def test_the_current_values_note_is_compared_and_the_order_of_ids_is_not(tmp_path: Path) -> None:
    from tocmodel.interop.diff import diff_models

    text = (MODELS / "minimal.yaml").read_text(encoding="utf-8")
    old = tocmodel.load(_written(tmp_path / "old.yaml", text))
    data = yaml.safe_load(text)
    indicator = next(iter(data["outcomes"].values()))["indicators"][0]
    indicator["current"] = {"value": 1, "year": 2028, "note": "Provisional"}
    noted = tocmodel.load(_written(tmp_path / "noted.yaml", yaml.safe_dump(data, sort_keys=False)))
    indicator["current"]["note"] = "Validated"
    changed = tocmodel.load(_written(tmp_path / "changed.yaml", yaml.safe_dump(data, sort_keys=False)))
    assert [(c.field, c.old, c.new) for c in diff_models(noted, changed)] == [
        ("current note", "Provisional", "Validated")
    ]
    assert any(c.field == "current" for c in diff_models(old, noted))
    intervention = next(iter(data["interventions"].values()))
    intervention["support"] = ["a", "b"]
    data["actors"].update({"a": {"name": "A", "type": "ngo"}, "b": {"name": "B", "type": "ngo"}})
    first = tocmodel.load(_written(tmp_path / "first.yaml", yaml.safe_dump(data, sort_keys=False)))
    intervention["support"] = ["b", "a"]
    second = tocmodel.load(_written(tmp_path / "second.yaml", yaml.safe_dump(data, sort_keys=False)))
    assert diff_models(first, second) == []


def _written(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
