"""The public API is what `__all__` says, sorted, each name importable and documented; the names that draw,
render or exchange a model are imported only when first used."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys

import pytest

import tocmodel
from conftest import MODELS, ROOT

FUNCTIONS = [name for name in tocmodel.__all__ if inspect.isfunction(getattr(tocmodel, name))]
CLASSES = [name for name in tocmodel.__all__ if inspect.isclass(getattr(tocmodel, name))]
WITH_EXAMPLES = (
    "analyse",
    "check",
    "diagram",
    "export_iati",
    "import_iati",
    "load",
    "load_report",
    "logframe",
    "shipped_model_path",
    "validate",
    "Diagnostic",
    "Report",
)
"""The main entry points: their docstrings show them at work (tests/test_doctests.py runs the examples)."""
LAZY = ("tocmodel.analysis", "tocmodel.render", "tocmodel.interop", "jinja2", "lxml", "docx", "openpyxl", "rich")
"""What `import tocmodel` leaves for the first use of a name that needs it."""


def test_all_is_sorted_and_importable() -> None:
    names = tocmodel.__all__
    assert names == sorted(names)
    for name in names:
        assert hasattr(tocmodel, name), name


def test_the_api_covers_the_whole_pipeline() -> None:
    expected = {
        "load",
        "load_report",
        "check",
        "validate",
        "Model",
        "Report",
        "Diagnostic",
        "Severity",
        "analyse",
        "diagram",
        "logframe",
        "export_iati",
        "import_iati",
        "TocmodelError",
        "ModelLoadError",
        "ModelValidationError",
        "UsageError",
        "InputError",
        "DiagramError",
    }
    assert expected <= set(tocmodel.__all__)


def test_every_public_name_is_documented() -> None:
    for name in FUNCTIONS + CLASSES:
        doc = inspect.getdoc(getattr(tocmodel, name))
        assert doc and len(doc) > 20, name


@pytest.mark.parametrize("name", FUNCTIONS)
def test_functions_document_their_arguments_and_result(name: str) -> None:
    function = getattr(tocmodel, name)
    doc = inspect.getdoc(function) or ""
    if inspect.signature(function).parameters:
        assert "\nArgs:\n" in doc, name
    assert "\nReturns:\n" in doc, name
    for parameter in inspect.signature(function).parameters:
        assert f"    {parameter}: " in doc, f"{name}({parameter})"


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_main_entry_points_have_examples(name: str) -> None:
    assert "\nExamples:\n" in (inspect.getdoc(getattr(tocmodel, name)) or ""), name
    assert ">>> " in (inspect.getdoc(getattr(tocmodel, name)) or ""), name


def test_lazy_names_are_the_objects_of_their_modules() -> None:
    from tocmodel.analysis import analyse
    from tocmodel.interop.iati import export_iati
    from tocmodel.render.diagram import DiagramError, diagram
    from tocmodel.render.logframe import logframe

    assert tocmodel.analyse is analyse and tocmodel.diagram is diagram and tocmodel.logframe is logframe
    assert tocmodel.export_iati is export_iati and tocmodel.DiagramError is DiagramError
    assert issubclass(tocmodel.DiagramError, tocmodel.TocmodelError)
    assert set(tocmodel.__all__) <= set(dir(tocmodel))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'render_everything'"):
        _ = tocmodel.render_everything  # type: ignore[attr-defined]


def test_import_leaves_the_renderers_for_later() -> None:
    probe = (
        "import json, sys, tocmodel\n"
        "before = sorted(sys.modules)\n"
        "tocmodel.diagram\n"
        "print(json.dumps([before, sorted(sys.modules)]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src")},
        check=True,
        timeout=60,
    )
    before, after = json.loads(result.stdout)

    def heavy(modules: list[str]) -> list[str]:
        return [m for m in modules if any(m == h or m.startswith(h + ".") for h in LAZY)]

    assert heavy(before) == []
    assert "tocmodel.render.diagram" in heavy(after)


def test_check_returns_a_report() -> None:
    report = tocmodel.check(MODELS / "minimal.yaml")
    assert isinstance(report, tocmodel.Report) and report.ok


def test_shipped_model_path_works_from_any_folder(tmp_path: object) -> None:
    path = tocmodel.shipped_model_path()
    assert path.is_absolute() and path.is_file()
    with pytest.raises(tocmodel.UsageError, match="did you mean `ewaste-generic`"):
        tocmodel.shipped_model_path("ewaste-generc")
