"""The logframe matrix in the donors' column layouts, as cells of text lines that every format can lay out.

- `eu`: the EU results-chain layout (results chain, indicators, baselines, current values, targets,
  sources and means of verification, assumptions);
- `undp`: results, indicators, baseline, target, means of verification, risks and assumptions;
- `dfid`: results, indicators, baseline, targets, source, the impact weighting of outputs, the risk rating
  for outputs and activities,
  and assumptions for the impact and outcomes or risks for outputs and activities.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .context import LogframeContext, MatrixRow

Cell = list[str]
"""A table cell as lines of text."""


def _result(row: MatrixRow) -> Cell:
    lines = [f"{row.level} {row.id}", row.title]
    if row.means:
        lines.append(row.means)
    return lines


def _indicators(row: MatrixRow) -> Cell:
    return [f"{i.id}: {i.title}" + (f" ({i.unit})" if i.unit else "") for i in row.indicators] or ["–"]


def _baselines(row: MatrixRow) -> Cell:
    return [
        f"{i.id}: {i.baseline}" + (f" ({i.baseline_year})" if i.baseline_year != "–" else "") for i in row.indicators
    ]


def _current(row: MatrixRow) -> Cell:
    return [f"{i.id}: {i.current}" for i in row.indicators]


def _targets(context: LogframeContext) -> Callable[[MatrixRow], Cell]:
    def cell(row: MatrixRow) -> Cell:
        lines = []
        for ind in row.indicators:
            years = [f"{y}: {t}" for y, t in zip(context.plan_years, ind.targets, strict=True) if t != "–"]
            lines.append(f"{ind.id}: " + ("; ".join(years) or "–"))
        return lines

    return cell


def _sources(row: MatrixRow) -> Cell:
    return [f"{i.id}: {i.source}" for i in row.indicators]


def _assumptions(row: MatrixRow) -> Cell:
    return [f"A{a.number} {a.statement}" for a in row.assumptions]


def _risks(row: MatrixRow) -> Cell:
    return [f"{r.id} ({r.band}, {r.score}): {r.statement}" for r in row.risks]


def _risks_and_assumptions(row: MatrixRow) -> Cell:
    return [*(f"Risk: {line}" for line in _risks(row)), *(f"Assumption: {line}" for line in _assumptions(row))]


def _dfid_weighting(row: MatrixRow) -> Cell:
    return [row.weighting] if row.level == "Output" else [""]


def _dfid_rating(row: MatrixRow) -> Cell:
    return [row.risk_rating] if row.level in ("Output", "Activity") else [""]


def _dfid_context(row: MatrixRow) -> Cell:
    return _assumptions(row) if row.level in ("Impact", "Outcome") else _risks(row)


@dataclass(frozen=True)
class Column:
    """A matrix column: its heading, its share of the page width, and how a row fills it."""

    heading: str
    width: int
    fill: Callable[[MatrixRow], Cell]
    per_indicator: bool = False
    """The cell has one line per indicator of the row (a spreadsheet gives each its own row)."""


def columns(context: LogframeContext) -> list[Column]:
    """The matrix columns of the context's style."""
    targets = _targets(context)
    layouts = {
        "eu": [
            Column("Results chain", 22, _result),
            Column("Indicators", 18, _indicators, per_indicator=True),
            Column("Baselines", 10, _baselines, per_indicator=True),
            Column("Current values", 9, _current, per_indicator=True),
            Column("Targets", 14, targets, per_indicator=True),
            Column("Sources and means of verification", 13, _sources, per_indicator=True),
            Column("Assumptions", 14, _assumptions),
        ],
        "undp": [
            Column("Results", 22, _result),
            Column("Indicators", 20, _indicators, per_indicator=True),
            Column("Baseline", 11, _baselines, per_indicator=True),
            Column("Target", 15, targets, per_indicator=True),
            Column("Means of verification", 14, _sources, per_indicator=True),
            Column("Risks and assumptions", 18, _risks_and_assumptions),
        ],
        "dfid": [
            Column("Results", 21, _result),
            Column("Indicators", 19, _indicators, per_indicator=True),
            Column("Baseline", 10, _baselines, per_indicator=True),
            Column("Targets", 14, targets, per_indicator=True),
            Column("Source", 11, _sources, per_indicator=True),
            Column("Impact weighting", 5, _dfid_weighting),
            Column("Risk rating", 5, _dfid_rating),
            Column("Assumptions (impact, outcomes) / Risks (outputs, activities)", 17, _dfid_context),
        ],
    }
    return layouts[context.style]


def matrix_cells(context: LogframeContext) -> tuple[list[Column], list[tuple[MatrixRow, list[Cell]]]]:
    """The style's columns, and each matrix row with its cells."""
    chosen = columns(context)
    return chosen, [(row, [column.fill(row) for column in chosen]) for row in context.matrix]
