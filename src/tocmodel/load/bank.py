"""Indicator banks: the shipped one and an organisation's own, read into one `Bank` of standards by code.

The shipped bank is the YAML files in the package's `bank/` folder. A `tocmodel.toml` names further bank
files in its `[indicators]` table; read after the shipped one, in the order named, they add standards and
replace those of the same code.
"""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path as FilePath

from pydantic import ValidationError

from ..diagnostics import Diagnostic
from ..locations import Location
from ..schema.bank import Bank, BankFile, Standard
from ..source.reader import Limits, YamlProblem, parse_yaml, problem, read_text
from ..suggest import did_you_mean
from .schema_errors import translate

CODE, NAME = "TOC014", "bad-bank"
CONFIG_NAME = "tocmodel.toml"
TABLE = "indicators"
"""The `tocmodel.toml` table that names bank files: `[indicators] banks = ["our-bank.yaml"]`."""


SHIPPED = "shipped: "
"""How the shipped bank's files are named in messages: `shipped: sdg.yaml`."""


def shipped_folder() -> FilePath:
    """The folder of the shipped bank's files, inside the package."""
    return FilePath(__file__).resolve().parent.parent / "bank"


@functools.lru_cache(maxsize=1)
def shipped_bank() -> Bank:
    """The bank shipped with tocmodel.

    Raises:
        RuntimeError: a shipped bank file is broken (a fault of the installation, never of the user's files).
    """
    standards: dict[str, Standard] = {}
    origins: dict[str, str] = {}
    for path in sorted(shipped_folder().glob("*.yaml")):
        read, problems = read_bank_file(path, f"{SHIPPED}{path.name}", Limits(), positions=False)
        if read is None:
            raise RuntimeError(f"the shipped indicator bank {path.name} is broken: {problems[0]}")
        for code, standard in read.indicators.items():
            standards[code], origins[code] = standard, f"{SHIPPED}{path.name}"
    return Bank(standards, origins)


def read_bank_file(
    path: FilePath, display: str, limits: Limits, *, positions: bool = True
) -> tuple[BankFile | None, list[Diagnostic]]:
    """One bank file read and checked, or None with problems (located, with `positions`)."""
    try:
        text = read_text(path, display=display, limits=limits)
        parsed = parse_yaml(text, display=display, limits=limits, positions=positions)
    except YamlProblem as error:
        return None, [error.diagnostic]
    if parsed.diagnostics:
        return None, parsed.diagnostics
    if not isinstance(parsed.data, dict) or "tocmodel-bank" not in parsed.data:
        hint = "a bank file starts with `tocmodel-bank: 1`, then `bank:` and `indicators:` (see docs/indicators.md)"
        return None, [problem(CODE, NAME, "not an indicator bank file", Location(display, 1, 1), hint)]
    try:
        return BankFile.model_validate(parsed.data), []
    except ValidationError as error:
        return None, translate(error, parsed.source_map, BankFile)


def read_banks(files: Iterable[tuple[FilePath, str]], limits: Limits) -> tuple[Bank, list[Diagnostic]]:
    """The shipped bank with each `(file, display)` read over it in order; problems of the files that fail."""
    shipped = shipped_bank()
    standards, origins = dict(shipped.standards), dict(shipped.origins)
    read_files: list[FilePath] = []
    diagnostics: list[Diagnostic] = []
    feeds: list[tuple[str, int, str, FilePath, str]] = []
    replaced: dict[str, list[str]] = {}
    for path, display in files:
        read_files.append(path)
        read, problems = read_bank_file(path, display, limits)
        diagnostics.extend(problems)
        for code, standard in (read.indicators if read else {}).items():
            if code in origins:
                replaced.setdefault(code, []).append(origins[code])
            standards[code], origins[code] = standard, display
            feeds += [(code, n, fed, path, display) for n, fed in enumerate(standard.feeds)]
    for code, n, fed, path, shown in feeds:  # a standard reported under one no bank has is a typo
        if fed not in standards:
            where = _located(path, shown, ("indicators", code, "feeds", n), limits)
            hint = did_you_mean(fed, standards) or "name a code of the bank: see `tocmodel indicators list`"
            diagnostics.append(
                problem(CODE, NAME, f"`{code}` is reported under `{fed}`, a code no bank has", where, hint)
            )
    return Bank(standards, origins, tuple(read_files), replaced), diagnostics


def _located(file: FilePath, display: str, path: tuple[str | int, ...], limits: Limits) -> Location:
    """Where a value of a bank file is written (the file read again with positions: only for a problem)."""
    try:
        parsed = parse_yaml(read_text(file, display=display, limits=limits), display=display, limits=limits)
    except YamlProblem:
        return Location(display)
    return parsed.source_map.locate(path) or Location(display)


def configured_banks(
    config: FilePath, display: str | None = None
) -> tuple[list[tuple[FilePath, str]], list[Diagnostic]]:
    """The bank files a `tocmodel.toml` names, each with its name for messages, and the problems of its table.

    Paths are relative to the configuration's folder; a missing file is a located problem.
    """
    shown = display or str(config)
    try:
        with open(config, "rb") as stream:
            document = tomllib.load(stream)
    except (OSError, tomllib.TOMLDecodeError):
        return [], []  # `tocmodel check` says what is wrong with the file itself
    return bank_entries(document.get(TABLE), config.parent, shown)


def bank_entries(table: object, folder: FilePath, origin: str) -> tuple[list[tuple[FilePath, str]], list[Diagnostic]]:
    """The bank files an `[indicators]` table names (`banks = [...]`), relative to `folder`."""
    where = Location(origin)
    if table is None:
        return [], []
    hint = 'write `[indicators]` then `banks = ["our-bank.yaml"]`, paths relative to tocmodel.toml'
    if not isinstance(table, dict) or set(table) - {"banks"}:
        unknown = sorted(set(table) - {"banks"}) if isinstance(table, dict) else []
        said = f"; `{unknown[0]}`: did you mean `banks`?" if unknown and did_you_mean(unknown[0], ["banks"]) else ""
        return [], [problem(CODE, NAME, f"the `[indicators]` table holds only `banks`{said}", where, hint)]
    names = table.get("banks", [])
    if not isinstance(names, list) or not all(isinstance(name, str) and name.strip() for name in names):
        return [], [problem(CODE, NAME, "`indicators.banks` must be a list of file names", where, hint)]
    entries: list[tuple[FilePath, str]] = []
    diagnostics: list[Diagnostic] = []
    for name in names:
        path = (folder / name).resolve()
        display = os.path.normpath(os.path.join(os.path.dirname(origin), name))
        if not path.is_file():
            missing = "is not a file" if path.exists() else "does not exist"
            message = f"the indicator bank `{name}` named in `[indicators]` {missing}"
            diagnostics.append(problem(CODE, NAME, message, where, "correct the path: it is relative to tocmodel.toml"))
        else:
            entries.append((path, display))
    return entries, diagnostics


def bank_beside(model_file: FilePath, display: str, limits: Limits) -> tuple[Bank, list[Diagnostic]]:
    """The bank a model is checked against: the shipped one and those its `tocmodel.toml` names, if any."""
    config = model_file.resolve().parent / CONFIG_NAME
    if not config.is_file():
        return shipped_bank(), []
    shown = os.path.join(os.path.dirname(display), CONFIG_NAME)
    entries, problems = configured_banks(config, shown)
    if not entries:
        return shipped_bank(), problems
    bank, more = read_banks(entries, limits)
    return bank, problems + more


def bank_of_files(
    files: Sequence[str | os.PathLike[str]], limits: Limits | None = None
) -> tuple[Bank, list[Diagnostic]]:
    """The shipped bank with these files read over it (a configuration given on the command line)."""
    return read_banks(((FilePath(f).resolve(), _shown(FilePath(f))) for f in files), limits or Limits())


def _shown(path: FilePath) -> str:
    """A bank file as messages name it: relative to the current folder when it is below it."""
    if not path.is_absolute():
        return str(path)
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative
