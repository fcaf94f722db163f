"""The code stays clean: ruff (lint and format) and mypy in strict mode pass."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

CODE = ["src", "tests", "scripts", "benchmarks"]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_lint() -> None:
    result = run("ruff", "check", *CODE)
    assert result.returncode == 0, result.stdout


def test_ruff_format() -> None:
    result = run("ruff", "format", "--check", *CODE)
    assert result.returncode == 0, result.stdout


def test_mypy_strict() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout


def test_the_floors_import_only_downwards() -> None:
    """The import-linter contracts of pyproject.toml: layers, a core free of the outer floors, no circles."""
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_no_module_imports_itself_back() -> None:
    """No circle of imports at all, a package's own `__init__` included (which sibling contracts do not see)."""
    import grimp

    graph = grimp.build_graph("tocmodel", exclude_type_checking_imports=True)
    circles = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                circles.append(" -> ".join((importer, *back)))
    assert not circles, circles
    assert len(graph.modules) > 100  # the whole package was read


def test_small_rooms() -> None:
    """No module of tocmodel over 400 lines, no function over 50 (its docstring aside)."""
    import ast

    too_long = []
    for path in sorted((ROOT / "src" / "tocmodel").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 400:
            too_long.append(f"{path.name}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                first = node.body[0]
                docstring = isinstance(first, ast.Expr) and isinstance(getattr(first, "value", None), ast.Constant)
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                lines -= (first.end_lineno or first.lineno) - first.lineno + 1 if docstring else 0
                if lines > 50:
                    too_long.append(f"{path.name}:{node.lineno} {node.name}: {lines} lines")
    assert not too_long, too_long
