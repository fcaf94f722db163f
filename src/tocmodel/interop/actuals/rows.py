"""A table of values read into actuals: its header found in English, French or Spanish, each row checked against
the model (a known indicator, a period of the plan, a value of the indicator's kind, given once)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from ...schema import Indicator, Model
from ...schema.monitoring import interval_bounds, is_interval, period_bounds, period_year, wrong_kind
from ...suggest import Suggester
from ..notes import Note
from ..tables.headings import fold
from ..tables.views import vocabulary
from ..tables.written import long_date, reading
from .table import Cell

COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "indicator id", "indicator code", "code", "id", "indicateur", "indicador"),
    "period": ("period", "year", "reporting period", "time period", "timeperiod", "periode", "annee", "periodo", "ano"),
    "value": ("value", "actual", "actual value", "valeur", "reel", "valor", "valor real"),
    "date": ("date", "date measured", "fecha"),
    "source": ("source", "fuente"),
    "comment": (
        "comment",
        "comments",
        "footnote",
        "remarks",
        "note",
        "notes",
        "commentaire",
        "remarque",
        "remarques",
        "comentario",
        "observaciones",
    ),
    "status": ("status", "statut", "estado"),
    "dimension": ("dimension", "disaggregation", "breakdown", "desagregacion", "ventilation"),
    "category": ("category", "group", "categorie", "categoria", "groupe", "grupo"),
}
"""Each column's headers, folded (lower case, no accents): English, French, Spanish."""
FRENCH = frozenset({"indicateur", "periode", "annee", "valeur", "reel", "commentaire", "statut", "categorie"})
SPANISH = frozenset({"indicador", "periodo", "ano", "valor", "valor real", "fecha", "fuente", "comentario", "estado"})
REQUIRED = ("indicator", "period", "value")


class _Problem(ValueError):
    """A row's problem and the cell it is in."""

    def __init__(self, cell: Cell, message: str) -> None:
        super().__init__(message)
        self.where = cell.where


class TableError(ValueError):
    """The table cannot be read into actuals: each problem with where it is."""

    def __init__(self, problems: list[Note]) -> None:
        super().__init__("; ".join(note.format() for note in problems))
        self.problems = problems


@dataclass
class Read:
    """The actuals a table gives, by indicator and period, and what was not read."""

    actuals: dict[str, dict[int | str, dict[str, Any]]] = field(default_factory=dict)
    where: dict[tuple[str, int | str], str] = field(default_factory=dict)
    """Where each actual's value is written."""
    notes: list[Note] = field(default_factory=list)
    rows: int = 0
    table: str = ""
    """The table's name, for what is about the whole table."""


def read_rows(rows: list[list[Cell]], model: Model) -> Read:
    """The actuals of a table's rows (its first row the header).

    Raises:
        TableError: a header is missing, or rows name unknown indicators, periods outside the plan, values of
            the wrong kind or the same value twice; nothing is taken then.
    """
    if not rows:
        raise TableError([Note("", "the table is empty: it needs a header row with indicator, period and value")])
    columns, language, notes = _header(rows[0])
    indicators = {model.indicator_id(o, n, i): i for _, o, n, i in model.iter_indicators()}
    read, problems = Read(notes=notes, table=rows[0][0].where.split("!")[0].split(":")[0] if rows[0] else ""), []
    suggester = Suggester(indicators)
    for row in rows[1:]:
        cells = {name: row[column] for name, column in columns.items() if column < len(row)}
        try:
            _row(read, cells, indicators, model, language, suggester)
        except _Problem as problem:
            problems.append(Note(problem.where, str(problem)))
        read.rows += 1
    problems += _incomplete(read)
    if problems:
        raise TableError(problems)
    return read


def _incomplete(read: Read) -> list[Note]:
    """Breakdown rows without a row for the total, and a period given both as a year and as its dates."""
    problems = []
    for indicator_id, periods in read.actuals.items():
        seen: dict[tuple[Any, Any], int | str] = {}
        for period, actual in periods.items():
            where = read.where.get((indicator_id, period), read.table)
            if "value" not in actual:
                message = f"`{indicator_id}` for {period}: breakdown rows without a row for the total"
                problems.append(Note(read.table, message))
                continue
            first = seen.setdefault(period_bounds(period), period)
            if first != period:
                problems.append(Note(where, f"`{indicator_id}` has a value for {first} and again for {period}"))
    return problems


def _header(cells: list[Cell]) -> tuple[dict[str, int], str, list[Note]]:
    columns: dict[str, int] = {}
    notes, words = [], []
    for column, cell in enumerate(cells):
        folded = fold(str(cell.value))
        name = next((name for name, headers in COLUMNS.items() if folded in headers), None)
        if name is None or name in columns:
            if folded:
                notes.append(Note(cell.where, f"column `{cell.value}` not read"))
            continue
        columns[name] = column
        words.append(folded)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        found = ", ".join(f"`{c.value}`" for c in cells if c.value) or "none"
        message = f"the header row has no {' or '.join(missing)} column (headers: {found})"
        raise TableError([Note(cells[0].where if cells else "", message)])
    language = "fr" if FRENCH.intersection(words) else "es" if SPANISH.intersection(words) else "en"
    return columns, language, notes


def _row(
    read: Read,
    cells: dict[str, Cell],
    indicators: dict[str, Indicator],
    model: Model,
    language: str,
    suggester: Suggester,
) -> None:
    """One row's value put in `read`. Raises `_Problem`, with the row's problem and its cell, when it cannot be."""
    indicator_id = str(cells["indicator"].value).strip()
    if indicator_id not in indicators:
        hint = suggester.did_you_mean(indicator_id)
        raise _Problem(cells["indicator"], f"unknown indicator `{indicator_id}`" + (f"; {hint}" if hint else ""))
    indicator = indicators[indicator_id]
    try:
        period = _period(cells["period"].value)
    except ValueError as problem:
        raise _Problem(cells["period"], str(problem)) from None
    if period_year(period) not in model.plan_years:
        years = model.plan_years
        raise _Problem(cells["period"], f"{period} is outside the plan ({years[0]}-{years[-1]})")
    if str(cells["value"].value).strip() == "":
        read.notes.append(Note(cells["value"].where, f"no value for `{indicator_id}` {period}: row not imported"))
        return
    value = _value(cells["value"].value, language)
    if (why := wrong_kind(indicator, value)) is not None:
        raise _Problem(cells["value"], f"`{indicator_id}` for {period}: {why}")
    actual = read.actuals.setdefault(indicator_id, {}).setdefault(period, {})
    dimension, category = (str(cells[c].value).strip() if c in cells else "" for c in ("dimension", "category"))
    if dimension and category:
        parts = actual.setdefault("breakdown", {}).setdefault(dimension, {})
        if category in parts:
            raise _Problem(cells["category"], f"`{indicator_id}` {period} {dimension} {category} is given twice")
        parts[category] = value
        return
    if "value" in actual:
        first = read.where[(indicator_id, period)]
        raise _Problem(cells["value"], f"`{indicator_id}` for {period} is given twice (first at {first})")
    actual["value"] = value
    read.where[(indicator_id, period)] = cells["value"].where
    try:
        actual.update(_facts(cells, language))
    except _Problem:
        raise
    except ValueError as problem:
        raise _Problem(cells["value"], str(problem)) from None


def _date(text: str, language: str) -> datetime.date | None:
    """An ISO date, a date written out, or `15/02/2028` (day first) in a French or Spanish table."""
    day_first = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text.strip())
    if day_first and language in ("fr", "es"):
        try:
            return datetime.date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
        except ValueError:
            return None
    return long_date(text)


def _period(value: Any) -> int | str:
    text = str(value).strip().removesuffix(".0")
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    if is_interval(text):
        interval_bounds(text)  # a ValueError names a date that is none
        return text
    raise ValueError(f"period `{value}` is not a year (2027) or two dates (2027-07-01/2028-06-30)")


def _value(value: Any, language: str) -> Any:
    if isinstance(value, bool):  # a spreadsheet's TRUE or FALSE, for a yes/no indicator
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    found = reading(str(value), language) if str(value).strip() else None
    return None if found is None else found.value


def _facts(cells: dict[str, Cell], language: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if "date" in cells and (written := cells["date"].value):
        day = written if isinstance(written, datetime.date) else _date(str(written), language)
        if day is None:
            raise ValueError(f"date `{written}` is not a date such as 2028-03-31")
        found["date"] = day
    for name in ("source", "comment"):
        if name in cells and str(cells[name].value).strip():
            found[name] = str(cells[name].value).strip()
    if "status" in cells and (written := str(cells["status"].value).strip()):
        status = vocabulary(written)
        if status not in ("provisional", "validated"):
            raise ValueError(f"status `{written}` is neither provisional nor validated")
        found["status"] = status
    return found
