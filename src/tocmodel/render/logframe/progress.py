"""The logframe's monitoring: each indicator's actuals as display text, and the progress section with its
tables and a chart per indicator."""

from __future__ import annotations

from dataclasses import dataclass

from ...analysis.progress import Progress
from ...i18n import Messages
from ...schema import RESULT_KIND, Indicator, Model
from ...schema.monitoring import Actual, is_yes_no, number, period_year
from ...schema.text import Translator
from ..charts import Chart
from ..words import word
from .context import LEVEL_NAMES
from .tables import FILLS, Section, Table, Value, lines

STATUS_FILLS = {"on-track": FILLS["low"], "watch": FILLS["medium"], "off-track": FILLS["high"]}
"""The background of a status cell: green, amber, red."""


@dataclass(frozen=True)
class ProgressView:
    """What the progress section shows, as display text."""

    as_of: int
    lead: str
    indicators: Table
    results: Table
    charts: list[Chart]


def actual_lines(say: Messages, tr: Translator, actuals: dict[int | str, Actual]) -> list[str]:
    """One line per actual: its period, value, status, date, source, comment and breakdown."""
    found = []
    for period, actual in sorted(actuals.items(), key=lambda item: (period_year(item[0]), str(item[0]))):
        facts = [word(say, actual.status)]
        if actual.date:
            facts.append(say("measured %(date)s", date=say.date(actual.date)))
        if actual.source:
            facts.append(tr(actual.source))
        shown = "–" if actual.value is None else word(say, say.number(actual.value))
        line = say("Actual %(period)s: %(value)s (%(facts)s)", period=period, value=shown, facts="; ".join(facts))
        if actual.comment:
            line += f" — {tr(actual.comment)}"
        for dimension, categories in actual.breakdown.items():
            parts = ", ".join(f"{category} {say.number(value)}" for category, value in categories.items())
            line += " — " + say("by %(dimension)s: %(parts)s", dimension=dimension, parts=parts)
        found.append(line)
    return found


def actual_cells(say: Messages, actuals: dict[int | str, Actual], years: list[int]) -> list[str]:
    """The value of each reported year (the latest period ending in it), `–` when there is none."""
    by_year: dict[int, Actual] = {}
    for period, actual in sorted(actuals.items(), key=lambda item: str(item[0])[-10:]):
        by_year[period_year(period)] = actual
    shown = []
    for year in years:
        found = by_year.get(year)
        shown.append("–" if found is None or found.value is None else word(say, say.number(found.value)))
    return shown


def progress_view(
    model: Model,
    progress: Progress,
    say: Messages,
    tr: Translator,
    numbers: dict[str, str],
    indicator_numbers: dict[str, str],
) -> ProgressView | None:
    """The progress section's content, or None when nothing is reported."""
    if progress.as_of is None:
        return None
    counts = progress.counts()
    shown = ("on-track", "watch", "off-track", "missing")
    summary = ", ".join(f"{counts[s]} {word(say, s)}" for s in shown if s in counts)
    lead = say("Progress at %(year)s: %(results)s results.", year=progress.as_of, results=summary or "0")
    indicators, charts = _indicators(model, progress, say, tr, indicator_numbers)
    return ProgressView(progress.as_of, lead, indicators, _results(progress, say, tr, model, numbers), charts)


def _indicators(
    model: Model, progress: Progress, say: Messages, tr: Translator, numbers: dict[str, str]
) -> tuple[Table, list[Chart]]:
    """Each indicator at the year progress is taken, and the charts of those that can be drawn."""
    found = {model.indicator_id(o, i, ind): ind for _, o, i, ind in model.iter_indicators()}
    rows: list[list[Value | None]] = []
    fills: dict[tuple[int, int], str] = {}
    charts = []
    for row in progress.indicators:
        year = next((y for y in row.years if y.year == progress.as_of), None)
        indicator = found[row.indicator]
        number_text = numbers.get(row.indicator, row.indicator)
        baseline = indicator.baseline.value if indicator.baseline else None
        missing = say("missing: %(years)s", years=", ".join(map(str, row.missing))) if row.missing else ""
        rows.append(
            [
                number_text,
                tr(indicator.title),
                _shown(say, baseline),
                _shown(say, year.milestone if year else None),
                _shown(say, year.actual if year else None),
                say.percent(year.share) if year and year.share is not None else "–",
                lines(word(say, row.status), missing),
            ]
        )
        if row.status in STATUS_FILLS:
            fills[(len(rows) - 1, 6)] = STATUS_FILLS[row.status]
        chart = _chart(model, indicator, row.indicator, number_text, say, tr)
        if chart is not None:
            charts.append(chart)
    headers = [
        "#",
        say("Indicator"),
        say("Baseline"),
        say("Milestone %(year)s", year=progress.as_of),
        say("Actual %(period)s", period=progress.as_of),
        say("Share of the way"),
        say("Status"),
    ]
    notes = {(n, 1): r.indicator for n, r in enumerate(progress.indicators)}
    return Table(headers, rows, [7, 44, 10, 10, 10, 9, 14], fills=fills, notes=notes), charts


def _shown(say: Messages, value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        value = round(value, 2)
    return word(say, say.number(value))


def _results(progress: Progress, say: Messages, tr: Translator, model: Model, numbers: dict[str, str]) -> Table:
    rows: list[list[Value | None]] = []
    fills: dict[tuple[int, int], str] = {}
    for result in progress.results:
        item = getattr(model, SECTION_OF[result.kind])[result.result]
        assumptions = [
            f"{a}: {tr(model.assumptions[a].statement)}" for a in result.assumptions if a in model.assumptions
        ]
        risks = [f"{r}: {tr(model.risks[r].statement)}" for r in result.risks if r in model.risks]
        rows.append(
            [
                f"{say(LEVEL_NAMES[result.kind])} {numbers.get(result.result, '')}".strip(),
                tr(item.title),
                word(say, result.status),
                lines(*assumptions) or "–",
                lines(*risks) or "–",
            ]
        )
        if result.status in STATUS_FILLS:
            fills[(len(rows) - 1, 2)] = STATUS_FILLS[result.status]
    headers = [
        say("Result"),
        say("Statement"),
        say("Status"),
        say("Assumptions it rests on (most critical first)"),
        say("Risks upstream (highest score first)"),
    ]
    notes = {(n, 0): r.result for n, r in enumerate(progress.results)}
    return Table(headers, rows, [10, 40, 12, 40, 40], fills=fills, notes=notes, title=say("Results"))


SECTION_OF: dict[str, str] = {kind: section for section, kind in RESULT_KIND.items()}
"""The section of each kind of result."""


def _chart(
    model: Model, indicator: Indicator, indicator_id: str, number_text: str, say: Messages, tr: Translator
) -> Chart | None:
    """A chart of a numeric indicator that has actuals; None for others."""
    actuals = model.actuals.get(indicator_id, {})
    points = tuple(sorted((period_year(p), v) for p, a in actuals.items() if (v := number(a.value)) is not None))
    if not points or is_yes_no(indicator):
        return None
    targets = tuple(sorted((y, v) for y, t in indicator.real_targets.items() if (v := number(t)) is not None))
    base = indicator.baseline
    value = number(base.value) if base else None
    baseline = (base.year or model.model.start - 1, value) if base and value is not None else None
    years = tuple(model.plan_years)
    legend = (say("Baseline"), say("Target"), say("Actual"))
    title = f"{number_text} {tr(indicator.title)}"
    return Chart(number_text, title, tr(indicator.unit), years, baseline, targets, points, legend)


def progress_section(view: ProgressView | None, say: Messages) -> list[Section]:
    """The progress section, when anything is reported."""
    if view is None:
        return []
    return [
        Section(
            say("Progress"),
            say("Progress against the plan"),
            [view.indicators, view.results],
            lead=view.lead,
            wide=True,
            id="progress",
            charts=view.charts,
        )
    ]
