"""The analysis as readable tables in a terminal (rich)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Console
from rich.table import Table

from ..analysis import SECTIONS, Analysis


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", header_style="bold", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _ids(items: Sequence[str], limit: int = 6) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" … (+{len(items) - limit})" if len(items) > limit else "") if items else "—"


def _pathways(analysis: Analysis, console: Console) -> None:
    table = _table(
        f"Pathways — {analysis.pathways.total_paths} intervention → impact paths",
        "result",
        "level",
        "paths in",
        "paths to impact",
        "fed by interventions",
    )
    for row in analysis.pathways.results:
        table.add_row(
            row.result, row.kind, str(row.paths_from_interventions), str(row.paths_to_impact), _ids(row.interventions)
        )
    console.print(table)
    table = _table("Interventions", "intervention", "paths to impact", "reaches")
    for item in analysis.pathways.interventions:
        table.add_row(item.intervention, str(item.paths_to_impact), _ids(item.reaches))
    console.print(table)


def _coverage(analysis: Analysis, console: Console) -> None:
    table = _table("Root-cause coverage", "root cause", "deeper cause of", "addressed by", "status")
    for row in analysis.coverage.causes:
        table.add_row(row.root_cause, row.parent or "", _ids(row.interventions), row.status)
    console.print(table)


def _criticality(analysis: Analysis, console: Console) -> None:
    table = _table("Assumption criticality", "assumption", "paths", "share", "links", "results losing all support")
    for row in analysis.criticality:
        links = [f"{u}→{v}" for u, v in row.links] + row.results
        table.add_row(row.assumption, str(row.paths), f"{row.share:.0%}", _ids(links, 3), _ids(row.dependent_results))
    console.print(table)


def _what_if(analysis: Analysis, console: Console) -> None:
    result = analysis.what_if
    if result is None:
        console.print(
            "[bold]What-if[/bold]: give `--without ID` to take an assumption, intervention, result or link away."
        )
        return
    console.print(
        f"[bold]What-if without {', '.join(result.without)}[/bold]: "
        f"{result.paths_after} of {result.paths_before} paths to impact remain ({result.share_after:.0%})."
    )
    console.print(f"Results losing all support: {_ids(result.unsupported, 50)}")


def _single_points(analysis: Analysis, console: Console) -> None:
    table = _table("Single points of failure (on every intervention → impact path)", "kind", "id")
    for point in analysis.single_points:
        table.add_row(point.kind, point.id)
    console.print(table if analysis.single_points else "[bold]Single points of failure[/bold]: none.")


def _risk(analysis: Analysis, console: Console) -> None:
    table = _table("Risk exposure", "node", "level", "own risks", "highest upstream risk", "score", "risks upstream")
    for row in analysis.risk:
        table.add_row(
            row.result,
            row.kind,
            _ids(row.own, 3),
            row.highest_risk or "—",
            str(row.highest_score),
            str(len(row.upstream)),
        )
    console.print(table)


def _plan(analysis: Analysis, console: Console) -> None:
    plan = analysis.plan
    table = _table("Plan by year", "year", "stages", "interventions running")
    for year in plan.by_year:
        table.add_row(str(year.year), _ids(year.stages), _ids(year.interventions, 8))
    console.print(table)
    load = _table("Actor workload (lead / support)", "actor", *(str(y) for y in plan.years))
    cells: dict[str, dict[int, str]] = {}
    for item in plan.workload:
        cells.setdefault(item.actor, {})[item.year] = f"{item.lead} / {item.support}"
    for actor, by_year in cells.items():
        load.add_row(actor, *(by_year.get(y, "") for y in plan.years))
    console.print(load)
    console.print(
        f"[bold]Critical path[/bold]: {' → '.join(plan.critical_path) or '—'} ({plan.critical_path_years} years)"
    )
    for late in plan.late_causes:
        console.print(
            f"  late: {late.intervention} needs {late.needs} from {late.needed_from}, "
            f"first produced from {late.earliest_producer_start or 'never'}"
        )


def _completeness(analysis: Analysis, console: Console) -> None:
    result = analysis.completeness
    table = _table(f"Completeness — {result.score}/100", "criterion", "done", "share", "missing")
    for row in result.criteria:
        table.add_row(row.label, f"{row.done}/{row.total}", f"{row.ratio:.0%}", _ids(row.missing, 4))
    console.print(table)


PRINTERS: dict[str, Callable[[Analysis, Console], None]] = {
    "pathways": _pathways,
    "coverage": _coverage,
    "criticality": _criticality,
    "what_if": _what_if,
    "single_points": _single_points,
    "risk": _risk,
    "plan": _plan,
    "completeness": _completeness,
}
"""One printer per analysis section, in `SECTIONS` order."""


def print_analysis(analysis: Analysis, *, sections: Sequence[str] = SECTIONS, console: Console | None = None) -> None:
    """Print the chosen sections as tables."""
    out = console or Console()
    if console is None and not out.is_terminal:
        out = Console(width=120)  # piped output: wide enough for the tables, still fits a review window
    for section in sections:
        PRINTERS[section](analysis, out)
        out.print()
