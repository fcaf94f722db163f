"""`tocmodel check` stays lean: it never imports networkx, the renderers, Jinja2, Graphviz, lxml, openpyxl, the
importers or server code (the pilot, whose plan and links every rule reads, and the smallest model)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import MODELS, ROOT

HEAVY = (
    "networkx",
    "jinja2",
    "graphviz",
    "starlette",
    "uvicorn",
    "watchfiles",
    "anyio",
    "h11",
    "playwright",
    "docx",
    "openpyxl",
    "lxml",
    "rich",
    "tocmodel.render",
    "tocmodel.serve",
    "tocmodel.interop",
)

PROBE = """
import json, sys
from tocmodel.cli import main
try:
    main(["check", sys.argv[1]], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize("model", ["minimal.yaml", "ewaste-pilot.yaml"])
def test_check_imports_nothing_heavy(model: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(MODELS / model)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src")},
        check=True,
        timeout=60,
    )
    modules = json.loads(result.stdout.splitlines()[-1])
    assert "tocmodel.check" in modules
    loaded = [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert loaded == []
