"""Scalars whose text is not a value of their type give one located TOC001 diagnostic, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tocmodel.load.loader import load_report

HEAD = "tocmodel: 1\nmodel:\n  id: m\n  title: M\n"

# (the `start:` value as written, words the message must contain, words the hint must contain)
UNREADABLE = [
    ("!!int abc", "`abc` is not a valid `!!int`", "remove the tag"),
    ("!!int", "the empty value is not a valid `!!int`", "remove the tag"),
    ("!!float abc", "`abc` is not a valid `!!float`", "remove the tag"),
    ("!!bool abc", "`abc` is not a valid `!!bool`", "remove the tag"),
    ("!!timestamp abc", "`abc` is not a valid `!!timestamp`", "remove the tag"),
    ("2027-13-45", "`2027-13-45` reads as `!!timestamp` but is not a valid one", "quotes"),
]


@pytest.mark.parametrize(("value", "words", "hint"), UNREADABLE, ids=[u[0] for u in UNREADABLE])
def test_unreadable_scalar_is_a_located_syntax_error(tmp_path: Path, value: str, words: str, hint: str) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(f"{HEAD}  start: {value}\n", encoding="utf-8")
    result = load_report(model)
    assert result.model is None
    (found,) = result.report
    assert found.code == "TOC001" and words in found.message
    assert found.location is not None and (found.location.line, found.location.column) == (5, 10)
    assert found.hint is not None and hint in found.hint


def test_a_syntax_error_further_on_is_reported_first(tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(f"{HEAD}  start: !!int abc\n  years: [1\n", encoding="utf-8")
    (found,) = load_report(model).report
    assert found.code == "TOC001" and "abc" not in found.message
