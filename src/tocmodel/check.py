"""Load and validate in one call: what `tocmodel check` does for each file."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from pydantic import ValidationError

from .diagnostics import Report
from .errors import UsageError
from .load.bank import bank_entries
from .load.loader import load_report
from .load.schema_errors import translate
from .locations import SourceMap
from .rules import BUILTIN_RULES, CHECK_RULES
from .rules.validate import merge_settings, unknown_rule_names, validate
from .schema import Model, ValidationSettings
from .schema.monitoring import Thresholds
from .source.limits import MAX_DEPTH_ALLOWED
from .source.reader import Limits
from .suggest import did_you_mean

CONFIG_NAME = "tocmodel.toml"
"""A configuration file found beside a model applies to it."""


def check(
    path: str | os.PathLike[str],
    *,
    settings: ValidationSettings | None = None,
    limits: Limits | None = None,
    banks: Sequence[str | os.PathLike[str]] | None = None,
) -> Report:
    """Load a model and validate it; loading problems and rule findings come back in one report.

    What `tocmodel check` does for each file, except reading a `tocmodel.toml` beside it (see
    `read_config` to pass its settings and limits). The report also has the notes on what a model that
    extends another dropped from it.

    Args:
        path: The model file.
        settings: Rule selection and severities, added on top of the model's own `validation:` section.
        limits: Bounds on what each file may cost to read (default: `Limits()`).
        banks: Indicator bank files read over the shipped one (default: those the `tocmodel.toml` beside the
            model names).

    Returns:
        Every finding, in file order; `report.ok` is False when there is an error.

    Raises:
        UsageError: the file does not exist.

    Examples:
        >>> import tocmodel
        >>> report = tocmodel.check(tocmodel.shipped_model_path())
        >>> report.ok, report.counts()
        (True, {'error': 0, 'warning': 0, 'info': 0})

        A model with a misspelt reference:

        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder, "demo.yaml")
        ...     size = path.write_text('''tocmodel: 1
        ... model: {id: demo, title: Demo, start: 2027}
        ... outputs:
        ...   o-points: {title: Collection points open, leads_to: [oc-colected]}
        ... outcomes:
        ...   oc-collected: {title: Households bring e-waste to collection points}
        ... ''')
        ...     report = tocmodel.check(path)
        ...     quiet = tocmodel.check(path, settings=tocmodel.ValidationSettings(select=["TOC1"]))
        >>> report.ok, report.codes()
        (False, ['TOC203', 'TOC204', 'TOC101', 'TOC204', 'TOC403'])
        >>> error = report.errors[0]
        >>> error.code, error.location.line, error.location.column, error.message
        ('TOC101', 4, 56, 'unknown result led to `oc-colected`')
        >>> error.hint
        'did you mean `oc-collected`?'
        >>> quiet.codes()
        ['TOC101']
    """
    return load_and_check(path, settings=settings, limits=limits, banks=banks)[1]


def load_and_check(
    path: str | os.PathLike[str],
    *,
    settings: ValidationSettings | None = None,
    limits: Limits | None = None,
    banks: Sequence[str | os.PathLike[str]] | None = None,
    notes: bool = True,
) -> tuple[Model | None, Report]:
    """The model (None when it could not be built) and every finding of loading and validating it.

    Besides the validation rules, the notes on what a model that extends another dropped from it are
    reported (`tocmodel.rules.LINEAGE_RULES`), unless `notes` is False (they locate every item dropped, which
    costs a second reading of the files: a portfolio of many models does without them).

    Raises:
        UsageError: the file does not exist.
    """
    loaded = load_report(path, limits=limits, banks=banks)
    if loaded.model is None:
        return None, loaded.report.sorted()
    report = validate(loaded.model, settings=settings, rules=CHECK_RULES if notes else BUILTIN_RULES)
    report.extend(loaded.report)
    return loaded.model, report.sorted()


def check_files(
    paths: Sequence[str | os.PathLike[str]],
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    config: str | os.PathLike[str] | None = None,
) -> Report:
    """What `tocmodel check` does: each model checked with its configuration, in one report.

    Args:
        paths: The model files.
        select: Run only these rules (codes, names or prefixes), on top of each configuration.
        ignore: Skip these rules.
        config: A configuration file for every model; by default each model's `tocmodel.toml` beside it.

    Raises:
        UsageError: a configuration cannot be read, a rule name matches no rule, or a file does not exist.
    """
    try:
        options = ValidationSettings.model_validate({"select": list(select), "ignore": list(ignore)})
    except ValidationError as error:
        problems = translate(error, SourceMap(), ValidationSettings)
        raise UsageError(f"--select/--ignore: {'; '.join(p.message for p in problems)}") from None
    check_rule_names(options, origin="--select/--ignore")
    report = Report()
    for path in paths:
        found = read_config(config) if config else config_beside(path)
        settings = merge_settings(found.settings if found else None, options)
        banks = found.banks if config and found else None  # a configuration beside a model: the loader reads it
        report.extend(check(path, settings=settings, limits=found.limits if found else None, banks=banks))
    return report


@dataclass(frozen=True)
class Config:
    """What a `tocmodel.toml` holds: validation settings (`[validation]`), loading limits (`[limits]`), where
    progress statuses start (`[progress]`) and the organisation's indicator banks (`[indicators]`)."""

    settings: ValidationSettings = field(default_factory=ValidationSettings)
    limits: Limits = field(default_factory=Limits)
    thresholds: Thresholds = field(default_factory=Thresholds)
    banks: tuple[Path, ...] = ()
    """Indicator bank files read over the shipped bank, in order."""


TABLES = ("validation", "limits", "progress", "indicators")


def read_config(path: str | os.PathLike[str]) -> Config:
    """The tables of a TOML configuration file: `[validation]`, `[limits]`, `[progress]` and `[indicators]`.

    Raises:
        UsageError: the file cannot be read, is not TOML, or its settings are invalid or name no rule.
    """
    try:
        with open(path, "rb") as stream:
            document = tomllib.load(stream)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"{path}: cannot read configuration: {error}") from None
    unknown = [key for key in document if key not in TABLES]
    if unknown:
        hint = did_you_mean(unknown[0], TABLES) or "the tables are [validation], [limits], [progress] and [indicators]"
        raise UsageError(f"{path}: unknown table `{unknown[0]}` ({hint})")
    try:
        settings = ValidationSettings.model_validate(document.get("validation", {}))
    except ValidationError as error:
        problems = translate(error, SourceMap(), ValidationSettings)
        raise UsageError(f"{path}: {'; '.join(p.message for p in problems)}") from None
    check_rule_names(settings, origin=str(path))
    limits = _limits(document.get("limits", {}), origin=str(path))
    entries, problems = bank_entries(document.get("indicators"), Path(path).resolve().parent, str(path))
    if problems:
        raise UsageError(f"{path}: {problems[0].message}")
    banks = tuple(bank for bank, _ in entries)
    return Config(settings, limits, _thresholds(document.get("progress", {}), origin=str(path)), banks)


def _thresholds(table: object, *, origin: str) -> Thresholds:
    """`Thresholds` from a `[progress]` table: shares of the way, `watch` at most `on_track`.

    Raises:
        UsageError: the table is not a table, or a key is unknown or not a number in order.
    """
    if not isinstance(table, dict):
        raise UsageError(f"{origin}: `progress` must be a table")
    names = [item.name for item in fields(Thresholds)]
    for key, value in table.items():
        if key not in names:
            raise UsageError(
                f"{origin}: unknown setting `progress.{key}` ({did_you_mean(key, names) or ', '.join(names)})"
            )
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 10:
            raise UsageError(f"{origin}: `progress.{key}` must be a share of the way such as 0.9, not {value!r}")
    thresholds = Thresholds(**table)
    if thresholds.watch > thresholds.on_track:
        raise UsageError(
            f"{origin}: `progress.watch` ({thresholds.watch}) is above `progress.on_track` ({thresholds.on_track})"
        )
    return thresholds


def _limits(table: object, *, origin: str) -> Limits:
    """`Limits` from a `[limits]` table: each a whole number above zero.

    Raises:
        UsageError: the table is not a table, or a key is unknown or not a whole number above zero.
    """
    if not isinstance(table, dict):
        raise UsageError(f"{origin}: `limits` must be a table")
    names = [item.name for item in fields(Limits)]
    for key, value in table.items():
        if key not in names:
            raise UsageError(f"{origin}: unknown limit `{key}` ({did_you_mean(key, names) or ', '.join(names)})")
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise UsageError(f"{origin}: `limits.{key}` must be a whole number above zero, not {value!r}")
        if key == "max_depth" and value > MAX_DEPTH_ALLOWED:
            raise UsageError(
                f"{origin}: `limits.max_depth` can be at most {MAX_DEPTH_ALLOWED}, not {value!r}"
                " (YAML parsers stop at about 1,000 levels themselves)"
            )
    return Limits(**table)


def read_settings(path: str | os.PathLike[str]) -> ValidationSettings:
    """The `[validation]` table of a TOML configuration file (see `read_config`)."""
    return read_config(path).settings


def check_rule_names(settings: ValidationSettings, *, origin: str) -> None:
    """Refuse settings that name no rule, with a suggestion.

    Raises:
        UsageError: some name matches no rule.
    """
    for _, name, hint in unknown_rule_names(settings, CHECK_RULES):
        raise UsageError(f"{origin}: `{name}` names no rule" + (f"; {hint}" if hint else " (see docs/rules.md)"))


def config_beside(model_path: str | os.PathLike[str]) -> Config | None:
    """The configuration in a `tocmodel.toml` in the model's folder, if there is one."""
    candidate = Path(model_path).parent / CONFIG_NAME
    return read_config(candidate) if candidate.is_file() else None


def settings_beside(model_path: str | os.PathLike[str]) -> ValidationSettings | None:
    """Settings from a `tocmodel.toml` in the model's folder, if there is one."""
    config = config_beside(model_path)
    return config.settings if config else None
