"""The logframe matrix in the donors' column layouts, one body row per indicator.

- `eu`: the European Commission's logframe matrix: results chain, indicators, baselines, current values,
  targets, sources and means of verification, assumptions;
- `undp`: UNDP's results and resources framework: expected results, indicators, data source, baseline, a
  target for each plan year and the final one, data collection methods, then risks and assumptions;
- `dfid`: DFID's logframe: each indicator's planned and achieved rows, baseline, a milestone for each plan
  year and the final target, source, assumptions (impact and outcomes) or risks (outputs and activities),
  the impact weighting of outputs and the risk rating of outputs and activities.

A result's own cells (its statement, assumptions, risks) span the rows of its indicators, as in the
donors' templates; the indicator columns have one indicator per row, so its baseline, current value,
targets and source line up across the row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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


def _risk_and_assumption_lines(say: Messages, row: MatrixRow) -> Lines:
    risks = (say("Risk: %(risk)s", risk=line) for line in _risk_lines(say, row))
    assumptions = (say("Assumption: %(assumption)s", assumption=line) for line in _assumptions(row))
    return lines(*risks, *assumptions)


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
    """Fills the cell of one indicator (its *planned* row, in a layout that also has *achieved* rows)."""
    achieved: IndicatorFill | None = None
    """Fills the indicator's *achieved* row (DFID); an indicator column without it spans both rows."""


def _year(index: int) -> IndicatorFill:
    def cell(ind: IndicatorRow) -> Value:
        return ind.targets[index]

    return cell


def _achieved_in(year: int, reported: list[int]) -> IndicatorFill:
    def cell(ind: IndicatorRow) -> Value:
        if year in reported:
            shown = ind.actuals[reported.index(year)]
            return "" if shown == "–" else shown
        return ind.current_value if ind.current_year == year and not ind.actuals else ""

    return cell


def _methods(say: Messages) -> IndicatorFill:
    """How an indicator is collected: how often and by whom."""

    def cell(ind: IndicatorRow) -> Value:
        return lines(word(say, ind.frequency), ind.responsible)

    return cell


def _risks_and_assumptions(say: Messages) -> ResultFill:
    def cell(row: MatrixRow) -> Value:
        return _risk_and_assumption_lines(say, row)

    return cell


def _eu(_: Messages, result: ResultFill, years: list[int], reported: list[int]) -> list[Column]:
    return [
        Column(_("Results chain"), 22, result=result),
        Column(_("Indicators"), 18, indicator=_indicator),
        Column(_("Baselines"), 10, indicator=_baseline),
        Column(_("Current values"), 9, indicator=_current),
        Column(_("Targets"), 14, indicator=_targets(years)),
        Column(_("Sources and means of verification"), 13, indicator=_source),
        Column(_("Assumptions"), 14, result=_assumptions),
    ]


def _undp(_: Messages, result: ResultFill, years: list[int], reported: list[int]) -> list[Column]:
    targets = [Column(str(year), 6, indicator=_year(index)) for index, year in enumerate(years)]
    return [
        Column(_("Expected results"), 20, result=result),
        Column(_("Indicators"), 18, indicator=_indicator),
        Column(_("Data source"), 12, indicator=_source),
        Column(_("Baseline (value, year)"), 9, indicator=_baseline),
        *targets,
        Column(_("Final target"), 7, indicator=_year(len(years) - 1)),  # the plan's last year, as the template's
        Column(_("Data collection methods"), 9, indicator=_methods(_)),
        Column(_("Risks and assumptions"), 16, result=_risks_and_assumptions(_)),
    ]


def _dfid(_: Messages, result: ResultFill, years: list[int], reported: list[int]) -> list[Column]:
    milestones = [
        Column(_("Milestone %(year)s", year=year), 8, indicator=_year(index), achieved=_achieved_in(year, reported))
        for index, year in enumerate(years[:-1])
    ]
    return [
        Column(_("Results"), 18, result=result),
        Column(_("Indicators"), 17, indicator=_indicator),
        Column("", 6, indicator=lambda _ind: _("Planned"), achieved=lambda _ind: _("Achieved")),
        Column(_("Baseline"), 8, indicator=_baseline),
        *milestones,
        Column(
            _("Target (%(year)s)", year=years[-1]),
            7,
            indicator=_year(len(years) - 1),
            achieved=_achieved_in(years[-1], reported),
        ),
        Column(_("Source"), 10, indicator=_source),
        Column(_("Assumptions (impact, outcomes) / Risks (outputs, activities)"), 15, result=_dfid_context(_)),
        Column(_("Impact weighting"), 5, result=_dfid_weighting),
        Column(_("Risk rating"), 5, result=_dfid_rating(_)),
    ]


LAYOUTS = {"eu": _eu, "undp": _undp, "dfid": _dfid}
"""Each style's columns: see the module's docstring and `docs/logframe.md`."""


def columns(context: LogframeContext) -> list[Column]:
    """The matrix columns of the context's style."""
    return LAYOUTS[context.style](context.say, _result(context.say), context.plan_years, context.reported_years)


def matrix(context: LogframeContext) -> Section:
    """The matrix: for each result, one row per indicator (two, planned and achieved, in the DFID layout)."""
    chosen = columns(context)
    table = _Grid(chosen, per_indicator=2 if any(c.achieved for c in chosen) else 1)
    for result in context.matrix:
        table.add(result)
    _ = context.say
    return Section(_("Matrix"), _("Logframe matrix"), [table.table()], wide=True, id="matrix")


@dataclass
class _Grid:
    """The matrix's rows being laid out, with the cells that span rows."""

    chosen: list[Column]
    per_indicator: int
    rows: list[list[Value | None]] = field(default_factory=list)
    spans: dict[tuple[int, int], int] = field(default_factory=dict)
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    notes: dict[tuple[int, int], str] = field(default_factory=dict)

    def add(self, result: MatrixRow) -> None:
        first = len(self.rows)
        indicators: list[IndicatorRow | None] = [*result.indicators] or [None]  # none: the result's one row
        for ind in indicators:
            self.indicator(result, ind, first)
        height = len(self.rows) - first
        for number, column in enumerate(self.chosen):
            if column.result and height > 1:
                self.spans[(first, number)] = height
        self.fills[(first, 0)] = FILLS[result.level]
        self.notes[(first, 0)] = result.id

    def indicator(self, result: MatrixRow, ind: IndicatorRow | None, first: int) -> None:
        top = len(self.rows)
        self.rows.append([_fill(column, result, ind, top - first) for column in self.chosen])
        if ind is None:
            return
        for number, column in enumerate(self.chosen):
            if column.indicator:
                self.notes[(top, number)] = ind.id
        for _ in range(1, self.per_indicator):
            self.rows.append([column.achieved(ind) if column.achieved else None for column in self.chosen])
            for number, column in enumerate(self.chosen):
                if column.indicator and not column.achieved:
                    self.spans[(top, number)] = self.per_indicator

    def table(self) -> Table:
        headings = [column.heading for column in self.chosen]
        widths = [column.width for column in self.chosen]
        return Table(
            headings, self.rows, widths, self.fills, strong_first=frozenset({0}), spans=self.spans, notes=self.notes
        )


def _fill(column: Column, result: MatrixRow, ind: IndicatorRow | None, offset: int) -> Value | None:
    if column.result:
        return column.result(result) if offset == 0 else None
    if column.indicator and ind:
        return column.indicator(ind)
    return "–" if offset == 0 else None
