"""The logframe's sections after the matrix as plain tables of text, for the Word and Excel writers.

Both writers lay out the same `Section`s, so a document and a workbook never disagree on what a section
holds; the HTML and Markdown templates show the same columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .context import LogframeContext

Value = str | int
"""A cell value: text, or a whole number a spreadsheet may sort and sum."""

FILLS = {
    "header": "E8EEF6",
    "high": "F4CCCC",
    "medium": "FCE5CD",
    "low": "D9EAD3",
    "stage": "F3F3F3",
    "stage-on": "073763",
    "on": "7F6000",
    "Impact": "D9D2E9",
    "Outcome": "CFE2F3",
    "Output": "D9EAD3",
    "Activity": "FFF2CC",
}
"""Background colours (RGB hex), as in the HTML template."""

RUNNING = "■"
"""Marks a year in which a stage or intervention runs."""


@dataclass(frozen=True)
class Table:
    """A table: a header row, rows of values, column widths in characters, and cell colours."""

    headers: list[str]
    rows: list[list[Value]]
    widths: list[int]
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    """(row, column) → background colour of a body cell."""
    strong_rows: frozenset[int] = frozenset()
    """Body rows shown in bold (stages of the workplan)."""
    strong_columns: frozenset[int] = frozenset()
    """Body columns shown in bold (the likelihoods of the risk matrix)."""
    row_height: int = 0
    """Least height of a body row in millimetres (0: as the text needs)."""
    title: str = ""
    """A caption, for a section of several tables."""


@dataclass(frozen=True)
class Section:
    """A section of the document: a heading, a lead paragraph, and its tables."""

    sheet: str
    """Short name (a spreadsheet's sheet)."""
    heading: str
    tables: list[Table]
    lead: str = ""
    wide: bool = False
    """Laid out on a landscape page."""
    level: int = 1
    """Heading level: 2 for a section that continues the previous one."""
    new_page: bool = True
    """Starts a new page (the summary shares the title page)."""


def title_table(context: LogframeContext) -> Table:
    """The title page's facts."""
    years = context.plan_years
    facts: list[list[Value]] = [
        ["Title", context.title],
        ["Layout", f"Logical framework ({context.style.upper()} layout)"],
        ["Country", context.country],
        ["Plan", f"{years[0]}–{years[-1]} ({len(years)} years)"],
        ["Version", context.version],
        ["Date", context.date],
        ["Language", context.language],
    ]
    if context.description:
        facts.append(["Description", context.description])
    return Table(["Item", "Value"], facts, [16, 100])


def summary(context: LogframeContext) -> Section:
    """Counts of the model's elements and its completeness score."""
    counts: list[list[Value]] = [[name, value] for name, value in context.counts.items()]
    criteria: list[list[Value]] = [list(row) for row in context.completeness_rows]
    return Section(
        "Summary",
        "Summary",
        [
            Table(["Element", "Count"], counts, [24, 10]),
            Table(["Criterion", "Done", "Share"], criteria, [60, 10, 10], title="Completeness"),
        ],
        lead=f"Completeness: {context.completeness}/100",
        new_page=False,
    )


def indicators(context: LogframeContext) -> Section:
    """Every indicator with its baseline and a target for each plan year."""
    rows: list[list[Value]] = []
    for ind in context.indicators:
        baseline = ind.baseline + (f" ({ind.baseline_year})" if ind.baseline_year != "–" else "")
        rows.append(
            [
                ind.id,
                ind.title,
                ind.result,
                ind.unit,
                baseline,
                *ind.targets,
                ind.source,
                ind.frequency,
                ind.responsible,
            ]
        )
    years = [str(y) for y in context.plan_years]
    headers = ["ID", "Indicator", "Result", "Unit", "Baseline", *years, "Source", "Frequency", "Responsible"]
    widths = [20, 38, 18, 12, 13, *(7 for _ in years), 30, 16, 22]
    return Section("Indicators", "Indicators", [Table(headers, rows, widths)], wide=True)


def workplan(context: LogframeContext) -> Section:
    """Stages and their interventions, with the years each runs."""
    rows: list[list[Value]] = []
    fills: dict[tuple[int, int], str] = {}
    strong = set()
    for number, row in enumerate(context.workplan):
        title = row.title if row.kind == "stage" else f"{row.id}: {row.title}"
        rows.append([title, row.years, row.lead, *(RUNNING if on else "" for on in row.running)])
        mark = "stage-on" if row.kind == "stage" else "on"
        fills.update({(number, 3 + i): FILLS[mark] for i, on in enumerate(row.running) if on})
        if row.kind == "stage":
            strong.add(number)
            fills.update({(number, column): FILLS["stage"] for column in range(3)})
    headers = ["Stage / intervention", "Years", "Lead", *(str(y) for y in context.plan_years)]
    widths = [60, 10, 24, *(7 for _ in context.plan_years)]
    table = Table(headers, rows, widths, fills, frozenset(strong))
    return Section("Workplan", "Five-year workplan", [table], wide=True)


def risks(context: LogframeContext) -> Section:
    """The risk register, highest score first."""
    headers = ["ID", "Risk", "Category", "L", "I", "Score", "Band", "Mitigation", "Owner", "Affects"]
    rows: list[list[Value]] = [
        [
            r.id,
            r.statement,
            r.category,
            r.likelihood,
            r.impact,
            r.score,
            r.band,
            r.mitigation,
            r.owner,
            ", ".join(r.affects),
        ]
        for r in context.risks
    ]
    fills = {(number, 5): FILLS[r.band] for number, r in enumerate(context.risks)}
    widths = [18, 40, 14, 3, 3, 8, 10, 40, 20, 24]
    return Section("Risks", "Risk register", [Table(headers, rows, widths, fills)], wide=True)


def risk_matrix(context: LogframeContext) -> Section:
    """Likelihood (rows, 5 at the top) × impact (columns): the risks in each cell, coloured by band."""
    rows: list[list[Value]] = []
    fills: dict[tuple[int, int], str] = {}
    for number, likelihood in enumerate(range(5, 0, -1)):
        cells = [", ".join(context.risk_matrix[likelihood - 1][impact - 1]) for impact in range(1, 6)]
        rows.append([likelihood, *cells])
        for impact in range(1, 6):
            score = likelihood * impact
            fills[(number, impact)] = FILLS["high" if score >= 15 else "medium" if score >= 8 else "low"]
    headers = ["Likelihood \\ impact", *(str(i) for i in range(1, 6))]
    table = Table(headers, rows, [18, 22, 22, 22, 22, 22], fills, strong_columns=frozenset({0}), row_height=12)
    return Section("Risk matrix", "Likelihood × impact", [table], level=2)


def assumptions(context: LogframeContext) -> Section:
    """The assumptions register with the criticality of each."""
    headers = ["#", "ID", "Assumption", "Evidence", "Confidence", "Status", "Rests on", "Criticality"]
    rows: list[list[Value]] = [
        [f"A{a.number}", a.id, a.statement, a.evidence, a.confidence, a.status, "; ".join(a.rests_on), a.criticality]
        for a in context.assumptions
    ]
    widths = [5, 16, 44, 40, 11, 11, 30, 10]
    return Section("Assumptions", "Assumptions register", [Table(headers, rows, widths)], wide=True)


def responsibilities(context: LogframeContext) -> Section:
    """Who leads (L) and supports (S) each intervention, and the actors' names."""
    headers = ["Intervention", *(actor_id for actor_id, _ in context.actors)]
    rows: list[list[Value]] = [[f"{i}: {title}", *roles] for i, title, roles in context.responsibilities]
    names: list[list[Value]] = [[actor_id, name] for actor_id, name in context.actors]
    return Section(
        "Responsibilities",
        "Responsibility matrix",
        [
            Table(headers, rows, [40, *(9 for _ in context.actors)]),
            Table(["Actor id", "Name"], names, [14, 70], title="Actors"),
        ],
        lead="L: leads, S: supports.",
        wide=True,
    )


def coverage(context: LogframeContext) -> Section:
    """Each root cause and the interventions that address it."""
    headers = ["ID", "Root cause", "Deeper cause of", "Addressed by", "Status"]
    rows: list[list[Value]] = [
        [row.id, row.title, row.parent, ", ".join(row.interventions), row.status] for row in context.coverage
    ]
    return Section("Coverage", "Root-cause coverage", [Table(headers, rows, [16, 50, 16, 40, 12])])


def validation(context: LogframeContext) -> Section:
    """The validation findings."""
    counts = context.finding_counts
    lead = f"{counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings."
    if not context.findings:
        lead += " No findings: the model passes every rule."
    rows: list[list[Value]] = [[f.code, f.severity, f.message, f.where] for f in context.findings]
    table = Table(["Code", "Severity", "Message", "Where"], rows, [9, 9, 70, 30])
    return Section("Validation", "Validation summary", [table], lead=lead)


def sections_after_matrix(context: LogframeContext) -> list[Section]:
    """The sections that follow the logframe matrix, in the document's order."""
    return [
        indicators(context),
        workplan(context),
        risks(context),
        risk_matrix(context),
        assumptions(context),
        responsibilities(context),
        coverage(context),
        validation(context),
    ]
