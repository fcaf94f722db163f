"""The command line as a user runs it: output format, exit codes, misuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, MODELS, run_cli


def test_clean_model_exits_zero() -> None:
    result = run_cli("check", str(MODELS / "minimal.yaml"), "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout


def test_error_is_printed_with_location_code_and_hint() -> None:
    result = run_cli("check", "tests/fixtures/load/unknown-key.yaml")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "tests/fixtures/load/unknown-key.yaml:4:3: TOC003 error: unknown field `titel` in `model`"
    assert lines[1] == "    hint: did you mean `title`?"
    assert lines[-1] == "Checked 1 model: 1 error, 0 warnings."
    assert "Traceback" not in result.stderr


def test_misspelt_reference_is_located_with_suggestion(tmp_path: Path) -> None:
    text = (MODELS / "minimal.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "typo.yaml"
    broken.write_text(text.replace("addresses: rc-no-collection", "addresses: rc-no-colection"), encoding="utf-8")
    result = run_cli("check", str(broken))
    assert result.returncode == 1
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "addresses:" in t)
    assert f"typo.yaml:{line}:16: TOC101 error: unknown root cause `rc-no-colection`" in result.stdout
    assert "did you mean `rc-no-collection`?" in result.stdout


def test_json_output_is_machine_readable() -> None:
    result = run_cli("check", "--format", "json", "tests/fixtures/load/wrong-type.yaml")
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    assert payload["counts"] == {"error": 1, "warning": 0, "info": 0}
    (item,) = payload["diagnostics"]
    assert (item["code"], item["line"], item["column"], item["path"]) == ("TOC004", 5, 10, ["model", "start"])


@pytest.mark.parametrize(
    "args",
    [
        ["check", "does-not-exist.yaml"],
        ["check", "--bogus", "models/minimal.yaml"],
        ["check"],
        ["nonsense"],
        ["check", "--format", "xml", "models/minimal.yaml"],
    ],
)
def test_misuse_exits_two(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Error" in result.stderr


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    text = (MODELS / "minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "m.yaml").write_text(text.replace("    lead: moe\n", ""), encoding="utf-8")
    assert run_cli("check", str(tmp_path / "m.yaml")).returncode == 0
    strict = run_cli("check", "--strict", str(tmp_path / "m.yaml"))
    assert strict.returncode == 1
    assert "TOC502 warning" in strict.stdout


def test_ignore_and_config_file(tmp_path: Path) -> None:
    text = (MODELS / "minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "m.yaml").write_text(text.replace("    lead: moe\n", ""), encoding="utf-8")
    assert (
        run_cli("check", "--strict", "--ignore", "TOC502", "--ignore", "TOC503", str(tmp_path / "m.yaml")).returncode
        == 0
    )
    (tmp_path / "tocmodel.toml").write_text('[validation]\nseverity = {TOC502 = "error"}\n')
    escalated = run_cli("check", str(tmp_path / "m.yaml"))
    assert escalated.returncode == 1
    assert "TOC502 error" in escalated.stdout


def test_bad_config_is_misuse(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("[validation]\nseverity = 3\n")
    result = run_cli("check", "--config", str(tmp_path / "bad.toml"), str(MODELS / "minimal.yaml"))
    assert result.returncode == 2


def test_several_models_in_one_run() -> None:
    result = run_cli("check", str(MODELS / "minimal.yaml"), str(FIXTURES / "load" / "empty.yaml"))
    assert result.returncode == 1
    assert "Checked 2 models: 1 error" in result.stdout
    assert json.loads(run_cli("check", "--format", "json", str(MODELS / "minimal.yaml")).stdout)["files"]


def test_module_and_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and "tocmodel, version" in result.stdout


def test_misspelt_rule_name_is_misuse_with_suggestion() -> None:
    result = run_cli("check", "--select", "TOC1O1", str(MODELS / "minimal.yaml"))
    assert result.returncode == 2
    assert "`TOC1O1` names no rule; did you mean `TOC101`?" in result.stderr


def test_rule_lists_may_be_comma_separated(tmp_path: Path) -> None:
    text = (MODELS / "minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "m.yaml").write_text(text.replace("    lead: moe\n", ""), encoding="utf-8")
    result = run_cli("check", "--strict", "--ignore", "TOC502,TOC503", str(tmp_path / "m.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_unknown_rule_in_the_model_is_a_located_error(tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(
        "tocmodel: 1\nmodel: {id: m, title: M, start: 2027}\nvalidation:\n  select: [bogus-rule]\n", encoding="utf-8"
    )
    result = run_cli("check", str(model))
    assert result.returncode == 1
    assert "m.yaml:4:12: TOC012 error: `bogus-rule` names no rule" in result.stdout


def test_misspelt_config_table_is_misuse(tmp_path: Path) -> None:
    (tmp_path / "tocmodel.toml").write_text('[validaton]\nignore = ["TOC205"]\n')
    result = run_cli("check", "--config", str(tmp_path / "tocmodel.toml"), str(MODELS / "minimal.yaml"))
    assert result.returncode == 2
    assert "did you mean `validation`?" in result.stderr


def test_schema_output_errors_and_permissions(tmp_path: Path) -> None:
    failed = run_cli("schema", "-o", "/proc/no/such/place.json")
    assert failed.returncode == 1
    assert "cannot write" in failed.stderr and "Traceback" not in failed.stderr
    written = tmp_path / "schema.json"
    assert run_cli("schema", "-o", str(written)).returncode == 0
    assert written.stat().st_mode & 0o644 == 0o644
