"""Rich display in Jupyter: a model shows as its diagram, a report and an analysis as HTML tables.

The model, the report and the analysis know nothing of how they are shown (they live on floors below the
renderers): `register` gives IPython's display formatter a function for each, by the name of its class, and
`tocmodel` calls it when it is imported inside IPython or Jupyter (or `%load_ext tocmodel` does). A
`Drawing` and a `Document` show as themselves through their own `_repr_*_` methods. Every text taken from a
model is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .analysis import Analysis
    from .diagnostics import Diagnostic, Report
    from .schema import Model

LIST_LIMIT = 12
"""Ids shown in one table cell before the rest are counted (`… (+5 more)`)."""


def model_svg(model: Model, *, view: str = "toc") -> str | None:
    """A view of the model as an SVG element, or None when it cannot be drawn.

    Args:
        model: The model.
        view: The diagram view (see `tocmodel.diagram`).

    Returns:
        The `<svg>` element laid out by Graphviz's `dot` if it is installed, else by `graphviz-pure`; None
            when no engine is found or the layout fails, so that a notebook shows the text form instead.
    """
    from .errors import TocmodelError
    from .render.diagram import diagram, svg_element

    try:
        return svg_element(diagram(model, view=view, output_format="svg").content)
    except TocmodelError:
        return None


def report_html(report: Report) -> str:
    """A report as an HTML table: one row per finding, then the counts.

    Args:
        report: The report.

    Returns:
        A `<table>` with the columns code, severity, location, message and hint, every text escaped,
            followed by a paragraph with the counts; a paragraph alone when there is no finding.
    """
    summary = f"<p>{escape(report.summary())}.</p>"
    if not report.diagnostics:
        return '<div class="tocmodel-report">' + summary + "</div>"
    table = _table(
        ("code", "severity", "location", "message", "hint"),
        (_finding(diagnostic) for diagnostic in report),
    )
    return f'<div class="tocmodel-report">{table}{summary}</div>'


def _finding(diagnostic: Diagnostic) -> tuple[str, ...]:
    location = str(diagnostic.location) if diagnostic.location else ""
    return (diagnostic.code, diagnostic.severity.value, location, diagnostic.message, diagnostic.hint or "")


def _table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An HTML table with a header row; each cell's text escaped."""
    head = "".join(f"<th>{escape(column)}</th>" for column in columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows)
    style = ' style="text-align: left"'
    return f"<table><thead><tr{style}>{head}</tr></thead><tbody{style}>{body}</tbody></table>"


def _ids(items: Sequence[str]) -> str:
    if not items:
        return "—"
    shown = ", ".join(items[:LIST_LIMIT])
    return shown + (f" … (+{len(items) - LIST_LIMIT} more)" if len(items) > LIST_LIMIT else "")


def _section(name: str, title: str, *parts: str) -> str:
    return f'<section data-section="{name}"><h4>{escape(title)}</h4>{"".join(parts)}</section>'


def _paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def analysis_html(analysis: Analysis) -> str:
    """An analysis as HTML: a heading and a table or two for each section, in the order `tocmodel analyse`
    prints them.

    Args:
        analysis: The analysis.

    Returns:
        A `<div>` holding one `<section data-section="NAME">` per section (`pathways`, `coverage`,
            `criticality`, `what_if`, `single_points`, `risk`, `plan`, `completeness`), every text escaped.
    """
    sections = (
        _pathways(analysis),
        _coverage(analysis),
        _criticality(analysis),
        _what_if(analysis),
        _single_points(analysis),
        _risk(analysis),
        _plan(analysis),
        _completeness(analysis),
    )
    heading = f"<h3>Analysis of {escape(analysis.model)}</h3>"
    return f'<div class="tocmodel-analysis">{heading}{"".join(sections)}</div>'


def _pathways(analysis: Analysis) -> str:
    pathways = analysis.pathways
    results = _table(
        ("result", "level", "paths in", "paths to impact", "fed by interventions"),
        (
            (r.result, r.kind, r.paths_from_interventions, r.paths_to_impact, _ids(r.interventions))
            for r in pathways.results
        ),
    )
    interventions = _table(
        ("intervention", "paths to impact", "reaches"),
        ((i.intervention, i.paths_to_impact, _ids(i.reaches)) for i in pathways.interventions),
    )
    return _section(
        "pathways", f"Pathways — {pathways.total_paths} intervention → impact paths", results, interventions
    )


def _coverage(analysis: Analysis) -> str:
    table = _table(
        ("root cause", "deeper cause of", "addressed by", "status"),
        ((c.root_cause, c.parent or "", _ids(c.interventions), c.status) for c in analysis.coverage.causes),
    )
    return _section("coverage", "Root-cause coverage", table)


def _criticality(analysis: Analysis) -> str:
    table = _table(
        ("assumption", "paths", "share", "links", "results losing all support"),
        (
            (
                row.assumption,
                row.paths,
                f"{row.share:.0%}",
                _ids([f"{u}→{v}" for u, v in row.links] + row.results),
                _ids(row.dependent_results),
            )
            for row in analysis.criticality
        ),
    )
    return _section("criticality", "Assumption criticality", table)


def _what_if(analysis: Analysis) -> str:
    result = analysis.what_if
    if result is None:
        text = "Nothing was taken away: pass `without=[...]` to `analyse` to see what falls."
        return _section("what_if", "What-if", _paragraph(text))
    remain = f"{result.paths_after} of {result.paths_before} paths to impact remain ({result.share_after:.0%})."
    losing = f"Results losing all support: {', '.join(result.unsupported) or '—'}"
    return _section("what_if", f"What-if without {', '.join(result.without)}", _paragraph(remain), _paragraph(losing))


def _single_points(analysis: Analysis) -> str:
    title = "Single points of failure (on every intervention → impact path)"
    if not analysis.single_points:
        return _section("single_points", title, _paragraph("None."))
    return _section("single_points", title, _table(("kind", "id"), ((p.kind, p.id) for p in analysis.single_points)))


def _risk(analysis: Analysis) -> str:
    table = _table(
        ("node", "level", "own risks", "highest upstream risk", "score", "risks upstream"),
        (
            (row.result, row.kind, _ids(row.own), row.highest_risk or "—", row.highest_score, len(row.upstream))
            for row in analysis.risk
        ),
    )
    return _section("risk", "Risk exposure", table)


def _plan(analysis: Analysis) -> str:
    plan = analysis.plan
    by_year = _table(
        ("year", "stages", "interventions running"),
        ((year.year, _ids(year.stages), _ids(year.interventions)) for year in plan.by_year),
    )
    cells: dict[str, dict[int, str]] = {}
    for item in plan.workload:
        cells.setdefault(item.actor, {})[item.year] = f"{item.lead} / {item.support}"
    workload = _table(
        ("actor (lead / support)", *(str(y) for y in plan.years)),
        ((actor, *(years.get(y, "") for y in plan.years)) for actor, years in cells.items()),
    )
    path = " → ".join(plan.critical_path) or "—"
    parts = [by_year, workload, _paragraph(f"Critical path: {path} ({plan.critical_path_years} years)")]
    parts += [
        _paragraph(
            f"Late: {late.intervention} needs {late.needs} from {late.needed_from}, "
            f"first produced from {late.earliest_producer_start or 'never'}"
        )
        for late in plan.late_causes
    ]
    return _section("plan", "Plan by year and actor workload", *parts)


def _completeness(analysis: Analysis) -> str:
    result = analysis.completeness
    table = _table(
        ("criterion", "done", "share", "missing"),
        ((c.label, f"{c.done}/{c.total}", f"{c.ratio:.0%}", _ids(c.missing)) for c in result.criteria),
    )
    return _section("completeness", f"Completeness — {result.score}/100", table)


def register(formatter: Any) -> None:
    """Show models, reports and analyses richly in IPython: give `formatter` a function for each.

    Args:
        formatter: IPython's `DisplayFormatter` (`get_ipython().display_formatter`).
    """
    formatter.formatters["image/svg+xml"].for_type_by_name("tocmodel.schema.document", "Model", model_svg)
    formatter.formatters["text/html"].for_type_by_name("tocmodel.diagnostics", "Report", report_html)
    formatter.formatters["text/html"].for_type_by_name("tocmodel.analysis", "Analysis", analysis_html)
