"""Shared test helpers: paths to the repository's folders and a runner for the real command line."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MODELS = ROOT / "models"
PILOT_WHOLE = FIXTURES / "ewaste-pilot-whole.yaml"


def synthetic_module() -> ModuleType:
    """benchmarks/synthetic.py, which writes synthetic models of any size."""
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


"""The pilot as one file, without `extends`: the same model as `models/ewaste-pilot.yaml` (a test keeps them
equal), for tests that edit the pilot's text."""


def pilot_with_remarks(folder: Path, target_note: str, current_note: str) -> tuple[Path, int]:
    """The whole pilot with remarks on one indicator's first target, its reporting period (a fiscal year) and
    its current value: the model's file and the year of those remarks."""
    import yaml

    data = yaml.safe_load(PILOT_WHOLE.read_text(encoding="utf-8"))
    indicator = data["outcomes"]["oc-decent-work"]["indicators"][0]
    first = min(indicator["targets"])
    indicator["target_notes"] = {first: target_note}
    indicator["periods"] = {first: {"start": f"{first - 1}-07-01", "end": f"{first}-06-30"}}
    indicator["current"] = {"value": 1, "year": first, "note": current_note}
    path = folder / "remarks.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, first


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python -m tocmodel ARGS` in a fresh process, as a user would."""
    return run_with_tocmodel([sys.executable, "-m", "tocmodel", *args], cwd=cwd)


def run_with_tocmodel(
    command: list[str], *, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a program that may start `tocmodel` itself (from this checkout), its output captured as text."""
    env = {**(os.environ if env is None else env), "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    return subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def cli() -> object:
    """The command-line runner."""
    return run_cli


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--regen-golden`: rewrite the golden files under tests/golden/ from the current output."""
    parser.addoption(
        "--regen-golden", action="store_true", default=False, help="Regenerate the golden files in tests/golden/."
    )


# Hypothesis profiles. `ci`, the default: few examples, the same on every run. `fuzz`
# (`pytest --hypothesis-profile=fuzz`): twenty times as many, new ones on every run; a failure prints the
# blob that replays it. Tests that run a share of the profile's examples scale with it.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=12,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("fuzz", settings.get_profile("ci"), derandomize=False, print_blob=True, max_examples=240)
settings.load_profile("ci")


@pytest.fixture(scope="session")
def pilot_logframe() -> Callable[..., bytes]:
    """The shipped pilot's logframe in a format and language, rendered once per test process."""
    import tocmodel

    rendered: dict[tuple[str, str], bytes] = {}
    model = tocmodel.load(MODELS / "ewaste-pilot.yaml")

    def render(output_format: str, lang: str = "en") -> bytes:
        if (output_format, lang) not in rendered:
            rendered[output_format, lang] = tocmodel.logframe(model, output_format=output_format, lang=lang).content
        return rendered[output_format, lang]

    return render
