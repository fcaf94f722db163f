"""Building values from parser events: what the composer did (anchors, aliases, merge keys, one document)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tocmodel.yamlsource import Limits, ParsedFile, YamlProblem, read_yaml


def read(tmp_path: Path, text: str, limits: Limits | None = None) -> ParsedFile:
    source = tmp_path / "m.yaml"
    source.write_text(text, encoding="utf-8")
    return read_yaml(source, display="m.yaml", limits=limits or Limits())


def failure(tmp_path: Path, text: str, limits: Limits | None = None) -> tuple[str, str, int]:
    with pytest.raises(YamlProblem) as caught:
        read(tmp_path, text, limits)
    found = caught.value.diagnostic
    return found.code, found.message, found.location.line if found.location else 0


def test_aliases_expand_with_the_anchor_position(tmp_path: Path) -> None:
    parsed = read(tmp_path, "base: &b {name: A, ids: [x, 2]}\nother: *b\nkey: &k name\n*k : 3\n")
    assert parsed.data == {
        "base": {"name": "A", "ids": ["x", 2]},
        "other": {"name": "A", "ids": ["x", 2]},
        "key": "name",
        "name": 3,
    }
    values = parsed.source_map.values
    assert values[("other", "ids", 1)] == values[("base", "ids", 1)] == ("m.yaml", 1, 29)


def test_merge_keys_keep_explicit_keys_and_the_first_source(tmp_path: Path) -> None:
    parsed = read(tmp_path, "a: &a {x: 1, y: 2}\nb: &b {y: 3, z: 4}\nc: {w: 0, <<: [*a, *b], x: 9}\n")
    assert list(parsed.data["c"].items()) == [("y", 2), ("z", 4), ("w", 0), ("x", 9)]


def test_a_repeated_key_is_reported_and_its_anchors_still_count(tmp_path: Path) -> None:
    parsed = read(tmp_path, "a: 1\na: &z [1, 2]\nb: *z\n")
    assert parsed.data == {"a": 1, "b": [1, 2]}
    assert [d.code for d in parsed.diagnostics] == ["TOC002"]


@pytest.mark.parametrize(
    ("text", "words", "line"),
    [
        ("a: *x\n", "found undefined alias", 1),
        ("a: &x 1\nb: &x 2\n", "found duplicate anchor", 2),
        ("a: 1\n---\nb: 2\n", "expected a single document", 2),
        ("a: !!python/tuple [1]\nb: *nope\n", "found undefined alias", 2),
        ("a: !!python/tuple [1]\nb: [1\nc: 2\n", "expected ',' or ']'", 3),
    ],
)
def test_syntax_errors_come_before_problems_building_values(tmp_path: Path, text: str, words: str, line: int) -> None:
    code, message, where = failure(tmp_path, text)
    assert (code, where) == ("TOC001", line) and words in message


def test_alias_expansion_is_bounded(tmp_path: Path) -> None:
    text = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"
    code, message, _ = failure(tmp_path, text, Limits(max_nodes=50))
    assert code == "TOC010" and "aliases" in message
    recursive = failure(tmp_path, "a: &a [1, *a]\n")
    assert recursive[0] == "TOC010" and "nesting" in recursive[1]
