"""The examples in the public API's docstrings run, and none is lost.

Each module's examples run with the standard library's `doctest`; the count of examples tried must reach
the count written, so that an example that stops being collected (a broken `>>>` prefix, a docstring
turned into a comment) fails here instead of passing silently.
"""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

import tocmodel
from conftest import ROOT

EXAMPLES = {
    "tocmodel": 7,
    "tocmodel.load.shipped": 5,
    "tocmodel.load.loader": 10,
    "tocmodel.check": 10,
    "tocmodel.rules.validate": 8,
    "tocmodel.diagnostics": 17,
    "tocmodel.analysis": 8,
    "tocmodel.render.diagram": 11,
    "tocmodel.render.logframe": 9,
    "tocmodel.interop.iati.export": 7,
    "tocmodel.interop.iati.importer": 8,
    "tocmodel.analysis.portfolio": 4,
}
"""Module → the number of examples (`>>>` lines) its docstrings hold."""

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize(("name", "written"), EXAMPLES.items())
def test_examples_run(name: str, written: int) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS, verbose=False, report=True)
    assert result.failed == 0
    assert result.attempted >= written


def test_api_page_tour_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first Python block of docs/api.md runs as it is, from any folder, and writes what it says."""
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    tour = re.findall(r"```python\n(.*?)```", page, flags=re.DOTALL)[0]
    monkeypatch.chdir(tmp_path)
    exec(compile(tour, "docs/api.md", "exec"), {})
    assert {p.name for p in tmp_path.iterdir()} == {"pathway.svg", "logframe.docx", "activity.xml"}
    assert "completeness: 100 / 100" in capsys.readouterr().out


def test_api_page_documents_every_public_name() -> None:
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^::: tocmodel\.(\w+)$", page, flags=re.MULTILINE))
    documented |= set(re.findall(r"^      heading: tocmodel\.(\w+)$", page, flags=re.MULTILINE))
    assert documented == set(tocmodel.__all__) - {"__version__"}
