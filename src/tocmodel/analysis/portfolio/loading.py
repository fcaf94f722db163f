"""The country models of a portfolio, found in the files and folders named, and the generic model they extend.

Every country model extends the same generic model (through any chain of models). A model that extends none,
or another generic model, is a located error; so is a folder with no country model in it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ...errors import UsageError
from ...load.loader import load
from ...locations import Location
from ...schema import Model


class PortfolioError(UsageError):
    """Models that cannot be put side by side, each named where it says why."""

    def __init__(self, problems: list[tuple[Location, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{where}: {message}" for where, message in problems))


@dataclass(frozen=True)
class Country:
    """A country model of the portfolio."""

    id: str
    """The model's id (`ewaste-gh-pilot`)."""
    path: str
    """Its file, as named on the command line or found in a folder."""
    model: Model


@dataclass(frozen=True)
class Members:
    """The generic model and the country models that extend it, in the order named."""

    generic: Model
    generic_path: str
    countries: list[Country]


Loader = Callable[[str], Model]
"""Reads one model file (the command line checks it too, and stops at its errors)."""


def model_files(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """The model files among `paths`: files as named, and the YAML files in each folder and its subfolders
    that are models (a `tocmodel:` line at the top level), sorted by path.

    Raises:
        PortfolioError: a folder holds no model, or a path does not exist.
    """
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = [str(p) for p in sorted(path.rglob("*.y*ml")) if _is_model(p)]
            if not inside:
                raise PortfolioError(
                    [(Location(str(path)), "no model in this folder (a model starts with `tocmodel: 1`)")]
                )
            found.extend(inside)
        elif path.is_file():
            found.append(str(given))
        else:
            raise PortfolioError([(Location(str(given)), "no such file or folder")])
    return list(dict.fromkeys(found))


def _is_model(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as stream:
            head = stream.read(4096)
    except (OSError, UnicodeDecodeError):
        return False
    return any(line.startswith("tocmodel:") for line in head.splitlines())


def members(files: Sequence[str], read: Loader = load) -> Members:
    """The generic model and its country models among `files` (a generic model named among them is taken as
    the generic, not as a country).

    Raises:
        PortfolioError: a model extends none, or another generic model than the first one does.
    """
    models = {file: read(file) for file in files}
    roots = {file: _root(model) for file, model in models.items()}
    bases = {
        os.path.normpath(base) for model in models.values() for base in (model.lineage.bases if model.lineage else [])
    }
    countries = [file for file in files if not _is_base(file, bases)]  # a regional model is part of a chain
    first = next((roots[file] for file in countries if roots[file] is not None), None)
    if first is None:
        where = Location(files[0] if files else ".")
        raise PortfolioError([(where, "no model here extends a generic model: a portfolio compares country models")])
    named = next((file for file in files if os.path.exists(first) and os.path.samefile(file, first)), None)
    generic = models[named] if named is not None else read(first)  # read once when named among the files
    problems = [_problem(file, models[file], roots[file], first, generic, read) for file in countries]
    problems += _same_ids(countries, models)
    if any(problems):
        raise PortfolioError([p for p in problems if p is not None])
    found = [Country(models[file].model.id, file, models[file]) for file in countries]
    return Members(generic, first, found)


def _same_ids(files: list[str], models: dict[str, Model]) -> list[tuple[Location, str] | None]:
    """Two country files with one model id: one would hide the other."""
    seen: dict[str, str] = {}
    problems: list[tuple[Location, str] | None] = []
    for file in files:
        model_id = models[file].model.id
        if model_id in seen:
            message = f"`{model_id}` is also the id of {seen[model_id]}: each country model needs its own id"
            problems.append((Location(file), message))
        seen.setdefault(model_id, file)
    return problems


def _root(model: Model) -> str | None:
    """The generic model a model's chain of `extends` ends at, as a file path; None if it extends none."""
    bases = model.lineage.bases if model.lineage else []
    return os.path.normpath(bases[-1]) if bases else None


def _is_base(file: str, bases: set[str]) -> bool:
    return any(os.path.samefile(file, base) for base in bases if os.path.exists(base))


def _problem(
    file: str, model: Model, root: str | None, first: str, generic: Model, read: Loader
) -> tuple[Location, str] | None:
    where = _extends_line(file)
    if root is None:
        return where, f"`{model.model.id}` extends no generic model: it cannot be compared with the others"
    if os.path.exists(root) and os.path.samefile(root, first):
        return None
    other = _id_of(root)
    if other != generic.model.id:
        return where, f"`{model.model.id}` extends `{other or root}`, not `{generic.model.id}` as the first model does"
    if read(root).model_dump(mode="json") != generic.model_dump(mode="json"):
        return where, (
            f"`{model.model.id}` extends {root}, a copy of `{generic.model.id}` that differs from {first}: "
            "the portfolio compares every country with one generic model"
        )
    return None  # the same generic model, named another way (a copy, or the shipped one)


def _extends_line(file: str) -> Location:
    """Where the file writes `extends:` (its first line if it does not)."""
    try:
        lines = Path(file).read_text(encoding="utf-8").splitlines()
    except OSError:
        return Location(file)
    number = next((n for n, line in enumerate(lines, 1) if line.startswith("extends:")), 1)
    return Location(file, number, 1)


def _id_of(file: str) -> str | None:
    try:
        data = yaml.safe_load(Path(file).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    meta = data.get("model") if isinstance(data, dict) else None
    return str(meta.get("id")) if isinstance(meta, dict) and meta.get("id") else None
