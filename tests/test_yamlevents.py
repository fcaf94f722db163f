"""Building values from parser events: what the composer did (anchors, aliases, merge keys, one document)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tocmodel.source import reader
from tocmodel.source.reader import Limits, ParsedFile, YamlProblem, read_yaml


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
        ("a: !!python/tuple [1]\nb: [1\nc: 2\n", "", 3),  # the parser's own words: its line is what counts
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


@pytest.mark.parametrize(
    ("parser", "depth"),
    # PyYAML's pure-Python scanner (used only where PyYAML has no C extension) is slow on deep flow nesting
    [("C", 100), ("C", 2_000), ("C", 10_000), ("Python", 100), ("Python", 1_100)],
)
def test_deep_nesting_reads_the_same_whichever_stops_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parser: str, depth: int
) -> None:
    """tocmodel's bound (64 levels) or the C parser's own (1,000): one code and message, at the nesting's line."""
    if parser == "Python":
        monkeypatch.setattr(reader, "_Parser", yaml.SafeLoader)
    assert reader._Parser is (yaml.CSafeLoader if parser == "C" else yaml.SafeLoader)
    code, message, line = failure(tmp_path, "a: 1\nb: " + "[" * depth + "]" * depth + "\n")
    assert (code, message, line) == ("TOC010", "the file has more than 64 levels of nesting", 2)


def test_merge_keys_are_worked_out_once_per_anchor(tmp_path: Path) -> None:
    """Nine levels of ten merged sources each: a billion if expanded plainly, ten a level when memoised."""
    levels = ["x0: &l0 {k: 1, j: 2}"]
    levels += [f"x{n}: &l{n} {{<<: [{', '.join([f'*l{n - 1}'] * 10)}], k{n}: {n}}}" for n in range(1, 10)]
    parsed = read(tmp_path, "\n".join(levels) + "\nmodel: {<<: *l9, id: m}\n", Limits(max_alias_values=10**10))
    assert parsed.data["model"] == {"k": 1, "j": 2, **{f"k{n}": n for n in range(1, 10)}, "id": "m"}
    code, message, line = failure(tmp_path, "\n".join(levels) + "\n")
    assert (code, line) == ("TOC010", 6) and "merge keys (`<<`) expand to more than 100,000 values" in message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: &a {<<: *a}\n", 1),
        ("a: &a {b: {<<: *a}}\n", 1),
        ("a: &a [{x: 1}, {<<: *a}]\n", 1),
        ("a: &a {b: [{<<: *a}]}\n", 1),
        ("x: &x {k: 1}\na: &a {<<: [*x, *a]}\n", 2),
    ],
)
def test_a_merge_of_its_own_mapping_is_refused(tmp_path: Path, text: str, line: int) -> None:
    assert failure(tmp_path, text) == ("TOC001", "a merge key (`<<`) merges a mapping it is part of", line)


def test_merges_through_anchored_lists_and_aliased_keys(tmp_path: Path) -> None:
    text = "a: &a {x: 1}\nb: &b {y: 2}\nboth: &both [*a, *b]\nk: &k z\n"
    text += "c: {<<: *both, *k : 3}\nd: &d {<<: *a}\ne: {<<: *d}\n"
    parsed = read(tmp_path, text)
    assert parsed.data["c"] == {"x": 1, "y": 2, "z": 3} and parsed.data["e"] == {"x": 1}


def test_text_repeated_by_aliases_is_bounded_by_the_file_size_limit(tmp_path: Path) -> None:
    text = 'a: &a "' + "x" * 1000 + '"\nb: [' + ", ".join(["*a"] * 30) + "]\n"
    assert read(tmp_path, text, Limits(max_file_bytes=30_000)).data["b"][29] == "x" * 1000
    code, message, line = failure(tmp_path, text, Limits(max_file_bytes=29_999))
    assert (code, line) == ("TOC010", 2) and "repeat more than 29,999 characters of text" in message
