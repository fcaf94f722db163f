"""The set-up is locked: requirements-lock.txt covers everything pyproject.toml asks for, and the suite runs on it.

`bash scripts/test.sh` installs exactly the lock's versions; `TOCMODEL_LATEST=1 bash scripts/test.sh` the newest
ones pyproject.toml allows, which are never older than the lock's.
"""

from __future__ import annotations

import os
import tomllib
from importlib.metadata import PackageNotFoundError, distributions, version

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCK = ROOT / "requirements-lock.txt"
TOOLS = ROOT / "scripts" / "lock-tools.in"


def requirements(lines: list[str]) -> list[Requirement]:
    return [Requirement(line.split("#", 1)[0].strip()) for line in lines if line.split("#", 1)[0].strip()]


def locked() -> dict[str, tuple[Version, Requirement]]:
    """Each package of the lock that applies to this machine: its version and its line."""
    found = {}
    for requirement in requirements(LOCK.read_text(encoding="utf-8").splitlines()):
        if requirement.marker is None or requirement.marker.evaluate():
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", requirement
            found[canonicalize_name(requirement.name)] = (Version(specifier.version), requirement)
    return found


def asked_for() -> list[Requirement]:
    """What pyproject.toml asks for: the dependencies, every extra's, the build backend."""
    project = PYPROJECT["project"]
    lines = [*project["dependencies"], *(line for extra in project["optional-dependencies"].values() for line in extra)]
    return requirements([*lines, *PYPROJECT["build-system"]["requires"]])


def test_the_lock_pins_everything_pyproject_asks_for_within_its_bounds() -> None:
    pins = locked()
    for requirement in asked_for():
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in requirements-lock.txt: run bash scripts/lock.sh"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), (requirement, pins[name][0])


def test_the_set_up_tools_and_the_build_backend_are_locked() -> None:
    tools = {canonicalize_name(r.name): r for r in requirements(TOOLS.read_text(encoding="utf-8").splitlines())}
    for backend in requirements(PYPROJECT["build-system"]["requires"]):
        assert str(tools[canonicalize_name(backend.name)]) == str(backend), "lock-tools.in differs from pyproject"
    assert {"pip", "uv", "hatchling"} <= set(locked())


def test_the_suite_runs_on_the_locked_versions_or_on_newer_ones() -> None:
    """Every locked package installed here has the lock's version (the newest-versions run: at least that)."""
    latest = os.environ.get("TOCMODEL_LATEST") == "1"
    installed = {canonicalize_name(d.metadata["Name"]): Version(d.version) for d in distributions()}
    pins = locked()
    checked = 0
    for requirement in asked_for():
        name = canonicalize_name(requirement.name)
        try:
            version(name)
        except PackageNotFoundError:
            continue  # an extra this environment was not set up with (the docs', say)
        assert installed[name] >= pins[name][0] if latest else installed[name] == pins[name][0], name
        checked += 1
    assert checked >= len(PYPROJECT["project"]["dependencies"])  # the core at least is installed
    if not latest:
        mismatched = {name: str(v) for name, v in installed.items() if name in pins and pins[name][0] != v}
        assert not mismatched, f"installed versions differ from requirements-lock.txt: {mismatched}"
