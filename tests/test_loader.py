"""Loading: every bad input gives one located diagnostic, never a traceback; includes stay in the folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, MODELS
from tocmodel import ModelLoadError, UsageError, load
from tocmodel.load.loader import load_report
from tocmodel.source.reader import Limits

LOAD = FIXTURES / "load"

# (file, code, line, column or None, words the message must contain)
BAD_INPUTS = [
    ("tab-indentation.yaml", "TOC001", 3, 1, "tab"),
    ("unclosed-quote.yaml", "TOC001", 4, 10, "quoted string is never closed"),
    ("bad-indentation.yaml", "TOC001", 4, 10, "a `: ` (colon and space) inside a value"),
    ("wrong-type.yaml", "TOC004", 5, 10, "whole number"),
    ("duplicate-key.yaml", "TOC002", 6, 3, "duplicate key `start`"),
    ("unknown-key.yaml", "TOC003", 4, 3, "unknown field `titel`"),
    ("empty.yaml", "TOC006", 1, 1, "empty"),
    ("root-list.yaml", "TOC007", 1, 1, "a list"),
    ("binary.yaml", "TOC008", 3, 1, "not a text file"),
    ("invalid-utf8.yaml", "TOC008", 4, 13, "invalid UTF-8"),
    ("format-version.yaml", "TOC011", 1, 11, "format version"),
    ("missing-version.yaml", "TOC005", 1, 1, "`tocmodel`"),
    ("bad-country.yaml", "TOC004", 2, 54, "ISO 3166-1"),
    ("alias-bomb.yaml", "TOC010", None, None, "aliases"),
    ("python-tag.yaml", "TOC001", 2, 8, "not allowed"),
    ("unclosed-quote-closed-later.yaml", "TOC001", 4, 12, "runs on to line 6"),
    ("missing-colon.yaml", "TOC001", 5, 3, "not followed by `:`"),
    ("utf16.yaml", "TOC008", 1, 1, "UTF-16"),
]


@pytest.mark.parametrize(("name", "code", "line", "column", "words"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_gives_one_located_diagnostic(
    name: str, code: str, line: int | None, column: int | None, words: str
) -> None:
    result = load_report(LOAD / name, limits=Limits(max_nodes=100_000))
    assert result.model is None
    diagnostics = list(result.report)
    assert len(diagnostics) == 1, [d.format() for d in diagnostics]
    (found,) = diagnostics
    assert found.code == code
    assert words in found.message
    assert found.location is not None and found.location.file.endswith(name)
    if line is not None:
        assert found.location.line == line
    if column is not None:
        assert found.location.column == column
    assert found.hint or code in {"TOC004", "TOC011"}


def test_unknown_key_suggests_the_field() -> None:
    (found,) = load_report(LOAD / "unknown-key.yaml").report
    assert found.hint == "did you mean `title`?"


def test_literal_typo_suggests_the_value(tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(
        "tocmodel: 1\nmodel: {id: m, title: M, start: 2027}\nassumptions:\n  a1: {statement: S, confidence: meduim}\n"
    )
    (found,) = load_report(model).report
    assert (found.code, found.location.line if found.location else 0) == ("TOC004", 4)
    assert found.hint == "did you mean `medium`?"


def test_load_raises_with_the_report() -> None:
    with pytest.raises(ModelLoadError) as caught:
        load(LOAD / "wrong-type.yaml")
    assert caught.value.report.codes() == ["TOC004"]
    assert "wrong-type.yaml:5:10" in str(caught.value)


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        load(tmp_path / "absent.yaml")


def test_byte_order_mark_and_crlf_are_accepted(tmp_path: Path) -> None:
    text = (MODELS / "minimal.yaml").read_text(encoding="utf-8").replace("\n", "\r\n")
    model_file = tmp_path / "bom.yaml"
    model_file.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load(model_file).model.id == "minimal"


def test_locations_point_at_values() -> None:
    model = load(MODELS / "minimal.yaml")
    assert model.source_map is not None
    where = model.source_map.locate(("interventions", "i-collect", "lead"))
    assert where is not None and (where.line, where.column) == (22, 11)
    key = model.source_map.locate(("interventions", "i-collect"), key=True)
    assert key is not None and (key.line, key.column) == (18, 3)


def test_yaml_merge_keys_are_expanded(tmp_path: Path) -> None:
    model_file = tmp_path / "merge.yaml"
    model_file.write_text(
        "tocmodel: 1\nmodel: {id: m, title: M, start: 2027}\n"
        "actors:\n  base: &ministry {name: Ministry A, type: ministry}\n"
        "  other: {<<: *ministry, name: Ministry B}\n"
    )
    actors = load(model_file).actors
    assert (actors["other"].name, actors["other"].type) == ("Ministry B", "ministry")


def test_include_merges_sections_and_keeps_locations() -> None:
    model = load(FIXTURES / "include-ok" / "model.yaml")
    assert set(model.actors) == {"moe"}
    assert set(model.root_causes) == {"rc-no-collection", "rc-no-awareness"}
    assert model.source_map is not None
    where = model.source_map.locate(("outputs", "o-points", "title"))
    assert where is not None and where.file.endswith("parts/results.yaml") and where.line == 13


def test_include_duplicates_and_cycles_are_located() -> None:
    report = load_report(FIXTURES / "include" / "main.yaml").report
    found = {(d.code, Path(d.location.file).name, d.location.line) for d in report if d.location}
    assert ("TOC002", "actors.yaml", 3) in found
    assert ("TOC009", "cycle.yaml", 1) in found


def test_includes_cannot_leave_the_model_folder() -> None:
    report = load_report(FIXTURES / "include" / "escape.yaml").report
    messages = [d.message for d in report]
    assert report.codes() == ["TOC009"] * 3
    assert any("outside the model's folder" in m for m in messages)
    assert any("absolute path" in m for m in messages)
    assert any("does not exist" in m for m in messages)


def test_include_through_symlink_out_of_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("actors:\n  x: {name: X, type: other}\n")
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "link.yaml").symlink_to(outside)
    (folder / "m.yaml").write_text("tocmodel: 1\nmodel: {id: m, title: M, start: 2027}\ninclude: [link.yaml]\n")
    report = load_report(folder / "m.yaml").report
    assert report.codes() == ["TOC009"]
    assert "outside" in report.diagnostics[0].message


def test_file_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("tocmodel: 1\n" + "# padding\n" * 200)
    (found,) = load_report(big, limits=Limits(max_file_bytes=1000)).report
    assert found.code == "TOC010" and "over the limit" in found.message


def test_deep_nesting_is_bounded(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("tocmodel: 1\nmodel: " + "[" * 200 + "]" * 200 + "\n")
    (found,) = load_report(deep).report
    assert found.code == "TOC010"


@pytest.mark.parametrize("name", [b[0] for b in BAD_INPUTS])
def test_bad_input_exits_one_from_the_command_line(name: str) -> None:
    from click.testing import CliRunner

    from tocmodel.cli import main

    result = CliRunner().invoke(main, ["check", str(LOAD / name)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert f"{name}:" in result.output


def test_positions_of_a_clean_model_are_read_when_first_asked_from_the_text_loaded(tmp_path: Path) -> None:
    model_file = tmp_path / "m.yaml"
    model_file.write_text("tocmodel: 1\nmodel:\n  id: m\n  title: First\n  start: 2027\n", encoding="utf-8")
    model = load(model_file)
    assert model.source_map is not None and model.source_map.pending is not None  # nothing recorded yet
    model_file.write_text("tocmodel: 1\n\n\nmodel: {id: m, title: Changed, start: 2027}\n", encoding="utf-8")
    where = model.source_map.locate(("model", "title"))
    assert model.source_map.pending is None
    assert where is not None and (where.line, where.column) == (4, 10)  # in the text loaded, not the file now


@pytest.mark.parametrize(
    ("fragment", "line", "message"),
    [
        ("# risks\nrisks:\n  - r-a\n  - r-b\n", 3, "`risks` is a list, not a mapping of ids to items"),
        ("problem: 3\n", 1, "`problem` is a single value, not a mapping"),
    ],
)
def test_a_section_of_an_included_file_that_is_not_a_mapping_is_located(
    tmp_path: Path, fragment: str, line: int, message: str
) -> None:
    (tmp_path / "m.yaml").write_text("tocmodel: 1\nmodel: {id: m, title: M, start: 2027}\ninclude: [part.yaml]\n")
    (tmp_path / "part.yaml").write_text(fragment)
    [found] = load_report(tmp_path / "m.yaml").report
    assert found.location is not None and found.location.file.endswith("part.yaml")
    assert (found.code, found.message, found.location.line) == ("TOC004", message, line)
