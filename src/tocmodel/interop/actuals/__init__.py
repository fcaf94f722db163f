"""`tocmodel import actuals`: a statistics office's table of values (CSV or Excel) written into a monitoring file.

The table's rows are checked against the model first (known indicators, periods of the plan, values of the
indicator's kind, each given once); any problem refuses the whole table, with where it is, and nothing is
written. The monitoring file keeps its other actuals and its opening comments; the model gains the file in
its `monitoring:` list when it does not name it yet. After writing, the model is read again: should it not
load or validate, both files are put back as they were.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import ModelLoadError
from ...load.loader import load
from ...rules.validate import validate
from ...schema import Model
from ...source.reader import Limits, YamlProblem, parse_yaml
from ...writing import write_bytes_atomic
from ..notes import Note
from ..yamlwriter import model_yaml
from .listing import listed_in
from .rows import Read, TableError, read_rows
from .table import read_table

__all__ = ["ImportedActuals", "TableError", "import_actuals"]


@dataclass
class ImportedActuals:
    """What `import_actuals` wrote."""

    monitoring_file: Path
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    rows: int = 0
    named: bool = False
    """Whether the model's `monitoring:` list gained the file."""
    notes: list[Note] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """One line saying what was done."""
        named = "; the model now names it under `monitoring:`" if self.named else ""
        return (
            f"{self.rows} rows: {self.added} actuals added, {self.changed} changed, {self.unchanged} unchanged, "
            f"in {self.monitoring_file}{named}"
        )


def import_actuals(
    model_path: str | os.PathLike[str],
    table: str | os.PathLike[str],
    *,
    into: str | os.PathLike[str] | None = None,
    sheet: str | None = None,
) -> ImportedActuals:
    """Write the values of `table` into a monitoring file of the model at `model_path`.

    Args:
        model_path: The model file.
        table: A CSV file or Excel workbook: a header row (indicator, period, value; date, source, comment,
            status, dimension and category if wanted), then one row per value.
        into: The monitoring file, in the model's folder (default `monitoring/<model>-<years>.yaml` there).
        sheet: The workbook's sheet (default the first).

    Raises:
        InputError: the table cannot be read.
        ModelLoadError: the model does not load.
        TableError: rows are wrong for the model, or the model would not validate with them; nothing written.
    """
    model_file = Path(model_path)
    model = load(model_file)
    read = read_rows(read_table(table, sheet=sheet), model)
    target = _target(model, model_file, read, into)
    _given_elsewhere(model, read, target)
    before = target.read_text(encoding="utf-8") if target.exists() else None
    existing = _existing(target, before)
    result = ImportedActuals(target, rows=read.rows, notes=read.notes)
    merged = _merged(existing, read.actuals, result)
    text = _opening_comments(before) + model_yaml({"actuals": merged})
    model_before = model_file.read_text(encoding="utf-8")
    relative = target.relative_to(model_file.parent.resolve()).as_posix()
    model_after = listed_in(model_before, model.monitoring, relative)
    result.named = model_after != model_before
    _write_checked(model_file, (target, before, text), (model_before, model_after))
    return result


def _target(model: Model, model_file: Path, read: Read, into: str | os.PathLike[str] | None) -> Path:
    folder = model_file.parent.resolve()
    holding = _holding(model, model_file, read)
    if into is None and len(holding) == 1:  # a corrected table goes where its values already are
        return holding.pop()
    if into is None:
        years = sorted({int(str(p)[-10:-6]) if isinstance(p, str) else p for a in read.actuals.values() for p in a})
        span = f"{years[0]}" if years and years[0] == years[-1] else f"{years[0]}-{years[-1]}" if years else "actuals"
        return folder / "monitoring" / f"{model_file.stem}-{span}.yaml"
    target = Path(into).resolve()
    if not target.is_relative_to(folder):
        raise TableError([Note(str(into), "the monitoring file must be in the model's folder or below it")])
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise TableError([Note(str(into), "a monitoring file is a YAML file: name it `….yaml`")])
    return target


def _holding(model: Model, model_file: Path, read: Read) -> set[Path]:
    """The monitoring files that already hold values the table gives (the model file itself is none)."""
    found = set()
    for indicator, periods in read.actuals.items():
        for period in periods:
            where = model.source_map.key_location(("actuals", indicator, period)) if model.source_map else None
            if where is not None and period in model.actuals.get(indicator, {}):
                found.add(Path(where.file).resolve())
    return found - {model_file.resolve()}


def _given_elsewhere(model: Model, read: Read, target: Path) -> None:
    """Refuse values the model already has from another file: they would be given twice."""
    problems = []
    for indicator, periods in read.actuals.items():
        for period in periods:
            if period not in model.actuals.get(indicator, {}):
                continue
            where = model.source_map.key_location(("actuals", indicator, period)) if model.source_map else None
            if where is not None and Path(where.file).resolve() != target:
                message = (
                    f"`{indicator}` already has an actual for {period} at {where}: change it there, or give "
                    "`--into` that file"
                )
                problems.append(Note(read.where.get((indicator, period), ""), message))
    if problems:
        raise TableError(problems)


def _existing(target: Path, text: str | None) -> dict[str, Any]:
    if text is None:
        return {}
    try:
        parsed = parse_yaml(text, display=str(target), limits=Limits(), positions=False)
    except YamlProblem as problem:
        raise TableError(
            [Note(str(target), f"cannot read the monitoring file: {problem.diagnostic.message}")]
        ) from None
    data = parsed.data if isinstance(parsed.data, dict) else {}
    actuals = data.get("actuals") or {}
    if set(data) - {"actuals"} or not isinstance(actuals, dict):
        raise TableError([Note(str(target), "not a monitoring file: it should hold `actuals:` only")])
    return actuals


def _merged(
    existing: dict[str, Any], new: dict[str, dict[int | str, dict[str, Any]]], result: ImportedActuals
) -> dict[str, Any]:
    merged = {indicator: dict(periods or {}) for indicator, periods in existing.items()}
    for indicator, periods in new.items():
        for period, actual in periods.items():
            before = merged.setdefault(indicator, {}).get(period)
            kept = before if isinstance(before, dict) else {} if before is None else {"value": before}
            after = {**kept, **actual}  # what the table has no column for (a comment, a date) stays
            if before is None:
                result.added += 1
            elif after == kept:
                result.unchanged += 1
            else:
                result.changed += 1
            merged[indicator][period] = after
    return merged


def _opening_comments(text: str | None) -> str:
    """The comment lines a monitoring file starts with, kept as they are."""
    kept = []
    for line in (text or "").splitlines():
        if not line.startswith("#"):
            break
        kept.append(line)
    return "\n".join(kept) + "\n" if kept else ""


def _write_checked(model_file: Path, monitoring: tuple[Path, str | None, str], model: tuple[str, str]) -> None:
    """Write the monitoring file (and the model, when it changes), then read the model again; put both back
    and refuse when it does not load or validate."""
    target, before, text = monitoring
    write_bytes_atomic(target, text.encode("utf-8"))
    if model[1] != model[0]:
        write_bytes_atomic(model_file, model[1].encode("utf-8"))
    try:
        problems = [Note(str(d.location or ""), d.message) for d in validate(load(model_file)).errors]
    except ModelLoadError as error:
        problems = [Note(str(d.location or ""), d.message) for d in error.report.errors]
    if not problems:
        return
    if before is None:
        target.unlink()
    else:
        write_bytes_atomic(target, before.encode("utf-8"))
    write_bytes_atomic(model_file, model[0].encode("utf-8"))
    raise TableError(problems)
