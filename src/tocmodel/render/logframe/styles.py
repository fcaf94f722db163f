"""The logframe matrix in the donors' column layouts, one body row per indicator.

- `eu`: the EU results-chain layout (results chain, indicators, baselines, current values, targets,
  sources and means of verification, assumptions);
- `undp`: results, indicators, baseline, target, means of verification, risks and assumptions;
- `dfid`: results, indicators, baseline, targets, source, the impact weighting of outputs, the risk rating
  for outputs and activities, and assumptions for the impact and outcomes or risks for outputs and activities.

A result's own cells (its statement, assumptions, risks) span the rows of its indicators, as in the
donors' templates; the indicator columns have one indicator per row, so its baseline, current value,
target and source line up across the row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...i18n import Messages
from ..words import word
from .context import IndicatorRow, LogframeContext, MatrixRow
from .tables import FILLS, Lines, Section, Table, Value, lines

ResultFill = Callable[[MatrixRow], Value]
IndicatorFill = Callable[[IndicatorRow], Value]


def _result(say: Messages) -> ResultFill:
    def cell(row: MatrixRow) -> Value:
        return lines(f"{say(row.level)} {row.number}".strip(), row.title, row.description, row.means)

    return cell


def _indicator(ind: IndicatorRow) -> Value:
    title = f"{ind.number} {ind.title}" + (f" ({ind.unit})" if ind.unit else "")
    return lines(title, ind.description)


def _baseline(ind: IndicatorRow) -> Value:
    value = ind.baseline + (f" ({ind.baseline_year})" if ind.baseline_year != "–" else "")
    return lines(value, ind.baseline_note)


def _current(ind: IndicatorRow) -> Value:
    return ind.current


def _targets(years: list[int]) -> IndicatorFill:
    def cell(ind: IndicatorRow) -> Value:
        shown = [f"{year}: {target}" for year, target in zip(years, ind.targets, strict=True) if target != "–"]
        return lines(*shown) or "–"

    return cell


def _source(ind: IndicatorRow) -> Value:
    return ind.source


def _assumptions(row: MatrixRow) -> Lines:
    return lines(*(f"A{a.number} {a.statement}" for a in row.assumptions))


def _risk_lines(say: Messages, row: MatrixRow) -> Lines:
    return lines(*(f"{r.id} ({word(say, r.band)}, {r.score}): {r.statement}" for r in row.risks))


def _risks_and_assumptions(say: Messages) -> ResultFill:
    def cell(row: MatrixRow) -> Value:
        risks = (say("Risk: %(risk)s", risk=line) for line in _risk_lines(say, row))
        assumptions = (say("Assumption: %(assumption)s", assumption=line) for line in _assumptions(row))
        return lines(*risks, *assumptions)

    return cell


def _dfid_weighting(row: MatrixRow) -> Value:
    return row.weighting if row.level == "Output" else ""


def _dfid_rating(say: Messages) -> ResultFill:
    def cell(row: MatrixRow) -> Value:
        return word(say, row.risk_rating) if row.level in ("Output", "Activity") else ""

    return cell


def _dfid_context(say: Messages) -> ResultFill:
    def cell(row: MatrixRow) -> Value:
        return _assumptions(row) if row.level in ("Impact", "Outcome") else _risk_lines(say, row)

    return cell


@dataclass(frozen=True)
class Column:
    """A matrix column: its heading, its share of the page width, and how a result or an indicator fills it."""

    heading: str
    width: int
    result: ResultFill | None = None
    """Fills the cell of a result (spanning its indicators' rows)."""
    indicator: IndicatorFill | None = None
    """Fills the cell of one indicator (one row each)."""


def columns(context: LogframeContext) -> list[Column]:
    """The matrix columns of the context's style."""
    _ = context.say
    targets, result = _targets(context.plan_years), _result(_)
    layouts = {
        "eu": [
            Column(_("Results chain"), 22, result=result),
            Column(_("Indicators"), 18, indicator=_indicator),
            Column(_("Baselines"), 10, indicator=_baseline),
            Column(_("Current values"), 9, indicator=_current),
            Column(_("Targets"), 14, indicator=targets),
            Column(_("Sources and means of verification"), 13, indicator=_source),
            Column(_("Assumptions"), 14, result=_assumptions),
        ],
        "undp": [
            Column(_("Results"), 22, result=result),
            Column(_("Indicators"), 20, indicator=_indicator),
            Column(_("Baseline"), 11, indicator=_baseline),
            Column(_("Target"), 15, indicator=targets),
            Column(_("Means of verification"), 14, indicator=_source),
            Column(_("Risks and assumptions"), 18, result=_risks_and_assumptions(_)),
        ],
        "dfid": [
            Column(_("Results"), 21, result=result),
            Column(_("Indicators"), 19, indicator=_indicator),
            Column(_("Baseline"), 10, indicator=_baseline),
            Column(_("Targets"), 14, indicator=targets),
            Column(_("Source"), 11, indicator=_source),
            Column(_("Impact weighting"), 5, result=_dfid_weighting),
            Column(_("Risk rating"), 5, result=_dfid_rating(_)),
            Column(_("Assumptions (impact, outcomes) / Risks (outputs, activities)"), 17, result=_dfid_context(_)),
        ],
    }
    return layouts[context.style]


def matrix(context: LogframeContext) -> Section:
    """The matrix: for each result, one row per indicator (one row when it has none)."""
    chosen = columns(context)
    rows: list[list[Value | None]] = []
    spans: dict[tuple[int, int], int] = {}
    fills: dict[tuple[int, int], str] = {}
    notes: dict[tuple[int, int], str] = {}
    for result in context.matrix:
        first, height = len(rows), max(1, len(result.indicators))
        for offset in range(height):
            ind = result.indicators[offset] if result.indicators else None
            rows.append([_fill(column, result, ind, offset) for column in chosen])
            for number, column in enumerate(chosen):
                if column.indicator and ind:
                    notes[(first + offset, number)] = ind.id
        for number, column in enumerate(chosen):
            if column.result and height > 1:
                spans[(first, number)] = height
        fills[(first, 0)] = FILLS[result.level]
        notes[(first, 0)] = result.id
    table = Table(
        [column.heading for column in chosen],
        rows,
        [column.width for column in chosen],
        fills,
        strong_first=frozenset({0}),
        spans=spans,
        notes=notes,
    )
    return Section("Matrix", context.say("Logframe matrix"), [table], wide=True, id="matrix")


def _fill(column: Column, result: MatrixRow, ind: IndicatorRow | None, offset: int) -> Value | None:
    if column.result:
        return column.result(result) if offset == 0 else None
    if column.indicator and ind:
        return column.indicator(ind)
    return "–" if offset == 0 else None
