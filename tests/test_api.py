"""The public API is what `__all__` says, sorted, and each name is importable."""

from __future__ import annotations

import tocmodel
from conftest import MODELS


def test_all_is_sorted_and_importable() -> None:
    names = tocmodel.__all__
    assert names == sorted(names)
    for name in names:
        assert hasattr(tocmodel, name), name


def test_check_returns_a_report() -> None:
    report = tocmodel.check(MODELS / "minimal.yaml")
    assert isinstance(report, tocmodel.Report) and report.ok
