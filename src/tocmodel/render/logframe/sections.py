"""The logframe's sections, in the document's order, as plain tables that every format lays out."""

from __future__ import annotations

from ...i18n import N_
from ..words import word
from .context import CoverageRow, LogframeContext
from .progress import progress_section
from .styles import matrix
from .tables import FILLS, RUNNING, Section, Table, Value, lines


def title_table(context: LogframeContext, *, iso_date: bool = False) -> Table:
    """The title page's facts (the date as `2026-11-01` with `iso_date`, as a spreadsheet reads a date)."""
    _ = context.say
    years = context.plan_years
    facts: list[list[Value | None]] = [
        [_("Title"), context.title],
        [_("Layout"), layout(context)],
        [_("Country"), context.country],
        [_("Plan"), _("%(first)s–%(last)s (%(count)s years)", first=years[0], last=years[-1], count=len(years))],
        [_("Version"), context.version],
        [_("Date"), context.date if iso_date else context.date_text],
        [_("Language"), context.language],
    ]
    if context.description:
        facts.append([_("Description"), context.description])
    return Table([_("Item"), _("Value")], facts, [16, 100])


def layout(context: LogframeContext) -> str:
    """`Logical framework (EU layout)`, in the document's language."""
    return context.say("Logical framework (%(style)s layout)", style=context.style.upper())


def summary(context: LogframeContext) -> Section:
    """Counts of the model's elements and its completeness score."""
    _ = context.say
    counts: list[list[Value | None]] = [[_(name), value] for name, value in context.counts.items()]
    criteria: list[list[Value | None]] = [list(row) for row in context.completeness_rows]
    return Section(
        _("Summary"),
        _("Summary"),
        [
            Table([_("Element"), _("Count")], counts, [24, 10]),
            Table([_("Criterion"), _("Done"), _("Share")], criteria, [60, 10, 10], title=_("Completeness")),
        ],
        lead=_("Completeness: %(score)s/100", score=context.completeness),
        new_page=False,
        id="summary",
    )


def problem(context: LogframeContext) -> Section:
    """The core problem, its context and the tree of its root causes, with their evidence."""
    _ = context.say
    headers = [*_cause_headers(context), _("Description"), _("Evidence")]
    rows: list[list[Value | None]] = [
        [*_cause(row), row.description or "–", row.evidence or "–"] for row in context.coverage
    ]
    notes = {(number, 1): row.id for number, row in enumerate(context.coverage)}
    table = Table(headers, rows, [7, 34, 10, 40, 40], notes=notes)
    paragraphs = [context.problem_description] if context.problem_description else []
    return Section(_("Problem"), _("The problem"), [table], lead=context.problem, paragraphs=paragraphs, id="problem")


def _cause_headers(context: LogframeContext) -> list[str]:
    """The columns that name a root cause: its number, statement and the cause it feeds."""
    return ["#", context.say("Root cause"), context.say("Deeper cause of")]


def _cause(row: CoverageRow) -> list[Value | None]:
    return [row.number, row.title, row.parent]


def diagram(context: LogframeContext) -> Section:
    """Where the theory-of-change diagram goes."""
    return Section(context.say("Diagram"), context.say("Theory of change"), [], wide=True, diagram=True, id="diagram")


def indicators(context: LogframeContext) -> Section:
    """Every indicator with its definition, baseline and a target for each plan year."""
    _ = context.say
    rows: list[list[Value | None]] = []
    for ind in context.indicators:
        baseline = ind.baseline + (f" ({ind.baseline_year})" if ind.baseline_year != "–" else "")
        rows.append(
            [
                ind.number,
                lines(ind.title, ind.description, *(ind.standard[:1] if ind.standard else ()), *ind.notes),
                context.numbers.get(ind.result, ind.result),
                ind.unit,
                lines(baseline, ind.baseline_note),
                *ind.targets,
                *ind.actuals,
                ind.source,
                word(_, ind.frequency),
                ind.responsible,
                word(_, ind.direction),
                ind.disaggregation or "–",
            ]
        )
    years = [str(y) for y in context.plan_years]
    headers = [
        "#",
        _("Indicator"),
        _("Result"),
        _("Unit"),
        _("Baseline"),
        *years,
        *(_("Actual %(period)s", period=year) for year in context.reported_years),
        _("Source"),
        _("Frequency"),
        _("Responsible"),
        _("Better when it"),
        _("Disaggregated by"),
    ]
    widths = [7, 44, 8, 12, 16, *(7 for _ in years), *(8 for _ in context.reported_years), 30, 14, 22, 12, 18]
    notes = {(number, 1): ind.id for number, ind in enumerate(context.indicators)}
    links = {(number, 1): ind.standard for number, ind in enumerate(context.indicators) if ind.standard}
    table = Table(headers, rows, widths, notes=notes, links=links)
    return Section(_("Indicators"), _("Indicators"), [table], wide=True, id="indicators")


def workplan(context: LogframeContext) -> Section:
    """Stages and their interventions, with the years each runs; then what each stage needs and delivers."""
    _ = context.say
    rows: list[list[Value | None]] = []
    fills: dict[tuple[int, int], str] = {}
    strong = set()
    for number, row in enumerate(context.workplan):
        title = (
            f"{row.number} {row.title}" if row.kind == "stage" else f"{context.numbers.get(row.id, row.id)} {row.title}"
        )
        rows.append([title, row.years, row.lead, *(RUNNING if on else "" for on in row.running)])
        mark = "stage-on" if row.kind == "stage" else "on"
        fills.update({(number, 3 + i): FILLS[mark] for i, on in enumerate(row.running) if on})
        if row.kind == "stage":
            strong.add(number)
            fills.update({(number, column): FILLS["stage"] for column in range(3)})
    headers = [_("Stage / activity"), _("Years"), _("Lead"), *(str(y) for y in context.plan_years)]
    widths = [60, 10, 24, *(7 for _ in context.plan_years)]
    stages = [row for row in context.workplan if row.kind == "stage"]
    details: list[list[Value | None]] = [
        [
            f"{row.number} {row.title}",
            ", ".join(row.after) or "–",
            row.description or "–",
            lines(*row.entry_criteria) or "–",
            lines(*row.deliverables) or "–",
        ]
        for row in stages
    ]
    tables = [
        Table(headers, rows, widths, fills, frozenset(strong)),
        Table(
            [_("Stage"), _("Follows"), _("What happens"), _("Entry criteria"), _("Deliverables")],
            details,
            [22, 10, 38, 32, 32],
            title=_("Stages"),
        ),
    ]
    return Section(_("Workplan"), _("Five-year workplan"), tables, wide=True, id="workplan")


def risks(context: LogframeContext) -> Section:
    """The risk register, highest score first."""
    _ = context.say
    headers = [
        _("ID"),
        _("Risk"),
        _("Category"),
        _("L"),
        _("I"),
        _("Score"),
        _("Band"),
        _("Mitigation"),
        _("Owner"),
        _("Affects"),
    ]
    rows: list[list[Value | None]] = [
        [
            r.id,
            r.statement,
            word(_, r.category),
            r.likelihood,
            r.impact,
            r.score,
            word(_, r.band),
            r.mitigation,
            r.owner,
            ", ".join(context.numbers.get(a, a) for a in r.affects),
        ]
        for r in context.risks
    ]
    fills = {(number, 5): FILLS[r.band] for number, r in enumerate(context.risks)}
    widths = [18, 40, 14, 3, 3, 8, 10, 40, 20, 24]
    return Section(_("Risks"), _("Risk register"), [Table(headers, rows, widths, fills)], wide=True, id="risks")


def risk_matrix(context: LogframeContext) -> Section:
    """Likelihood (rows, 5 at the top) × impact (columns): the risks in each cell, coloured by band."""
    _ = context.say
    rows: list[list[Value | None]] = []
    fills: dict[tuple[int, int], str] = {}
    for number, likelihood in enumerate(range(5, 0, -1)):
        cells = [", ".join(context.risk_matrix[likelihood - 1][impact - 1]) for impact in range(1, 6)]
        rows.append([likelihood, *cells])
        for impact in range(1, 6):
            score = likelihood * impact
            fills[(number, impact)] = FILLS["high" if score >= 15 else "medium" if score >= 8 else "low"]
    headers = [_("Likelihood \\ impact"), *(str(i) for i in range(1, 6))]
    table = Table(headers, rows, [18, 22, 22, 22, 22, 22], fills, strong_columns=frozenset({0}), row_height=12)
    return Section(_("Risk matrix"), _("Likelihood × impact"), [table], level=2, id="risk-matrix")


def assumptions(context: LogframeContext) -> Section:
    """The assumptions register with the criticality of each."""
    _ = context.say
    headers = [
        "#",
        _("ID"),
        _("Assumption"),
        _("Evidence"),
        _("Confidence"),
        _("Status"),
        _("Rests on"),
        _("Criticality"),
    ]
    rows: list[list[Value | None]] = [
        [
            f"A{a.number}",
            a.id,
            a.statement,
            a.evidence,
            word(_, a.confidence),
            word(_, a.status),
            "; ".join(a.rests_on),
            a.criticality,
        ]
        for a in context.assumptions
    ]
    widths = [5, 16, 44, 40, 11, 11, 30, 10]
    table = Table(headers, rows, widths)
    return Section(_("Assumptions"), _("Assumptions register"), [table], wide=True, id="assumptions")


def links(context: LogframeContext) -> Section:
    """Each causal link, the assumptions it rests on and the evidence that it works."""
    _ = context.say
    headers = [_("From"), _("To"), _("Assumptions"), _("Confidence"), _("Evidence")]
    rows: list[list[Value | None]] = [
        [link.source, link.target, ", ".join(link.assumptions) or "–", word(_, link.confidence), link.evidence]
        for link in context.links
    ]
    table = Table(headers, rows, [36, 36, 12, 11, 50])
    return Section(_("Links"), _("Causal links"), [table], wide=True, id="links")


def responsibilities(context: LogframeContext) -> Section:
    """Who leads (L) and supports (S) each intervention, and who the actors are."""
    _ = context.say
    headers = [_("Activity"), *(actor_id for actor_id, _name in context.actors)]
    rows: list[list[Value | None]] = [
        [f"{context.numbers.get(i, i)} {title}", *(_(role) if role else "" for role in roles)]
        for i, title, roles in context.responsibilities
    ]
    actors: list[list[Value | None]] = [
        [a.id, a.name, a.short, word(_, a.type), a.description or "–"] for a in context.actor_rows
    ]
    return Section(
        _("Responsibilities"),
        _("Responsibility matrix"),
        [
            Table(headers, rows, [40, *(9 for _actor in context.actors)]),
            Table(
                [_("Actor id"), _("Name"), _("Short name"), _("Type"), _("Role")],
                actors,
                [14, 40, 10, 16, 60],
                title=_("Actors"),
            ),
        ],
        lead=_("%(lead)s: leads, %(support)s: supports.", lead=_("L"), support=_("S")),
        wide=True,
        id="responsibilities",
    )


def coverage(context: LogframeContext) -> Section:
    """Each root cause and the interventions that address it."""
    _ = context.say
    headers = [*_cause_headers(context), _("Addressed by"), _("Status")]
    rows: list[list[Value | None]] = [
        [*_cause(row), ", ".join(context.numbers.get(i, i) for i in row.interventions), word(_, row.status)]
        for row in context.coverage
    ]
    return Section(_("Coverage"), _("Root-cause coverage"), [Table(headers, rows, [8, 50, 12, 40, 12])], id="coverage")


END_OUTCOME = N_("End outcome")


def identifiers(context: LogframeContext) -> Section:
    """The model's id of each numbered result, activity and indicator, for readers who edit the model."""
    _ = context.say
    level = {row.id: END_OUTCOME if row.end else row.level for row in context.matrix}
    rows: list[list[Value | None]] = [
        [number, _(level[i]) if i in level else "", i] for i, number in context.numbers.items()
    ]
    rows += [[ind.number, _("Indicator"), ind.id] for ind in context.indicators]
    rows += [[row.number, _("Root cause"), row.id] for row in context.coverage]
    rows += [[row.number, _("Stage"), row.id] for row in context.workplan if row.kind == "stage"]
    table = Table(["#", _("Kind"), _("Id in the model")], rows, [10, 14, 40])
    return Section(_("Identifiers"), _("Identifiers"), [table], id="identifiers")


def validation(context: LogframeContext) -> Section:
    """The validation findings."""
    _ = context.say
    counts = context.finding_counts
    lead = _(
        "%(errors)s errors, %(warnings)s warnings.", errors=counts.get("error", 0), warnings=counts.get("warning", 0)
    )
    if not context.findings:
        lead += " " + _("No findings: the model passes every rule.")
    rows: list[list[Value | None]] = [[f.code, word(_, f.severity), f.message, f.where] for f in context.findings]
    table = Table([_("Code"), _("Severity"), _("Message"), _("Where")], rows, [9, 9, 70, 30])
    return Section(_("Validation"), _("Validation summary"), [table], lead=lead, id="validation")


def document_sections(context: LogframeContext) -> list[Section]:
    """Every section after the title page, in the document's order."""
    _ = context.say
    return [
        summary(context),
        problem(context),
        diagram(context),
        matrix(context),
        indicators(context),
        *progress_section(context.progress, context.say),
        workplan(context),
        risks(context),
        risk_matrix(context),
        assumptions(context),
        links(context),
        responsibilities(context),
        coverage(context),
        identifiers(context),
        validation(context),
    ]
