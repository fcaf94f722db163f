"""The logframe as typed, format-neutral data: what every document format renders, section by section.

Everything a template or writer shows comes from here, already translated into one language and turned
into display text, so templates never reach into the model or raw dicts of unknown shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...i18n import Messages, messages

if TYPE_CHECKING:
    from .progress import ProgressView

LEVEL_NAMES = {"impact": "Impact", "outcome": "Outcome", "output": "Output", "intervention": "Activity"}


def show(value: object) -> str:
    """A value as it is printed in a document: numbers without needless decimals, unknown as `–`."""
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class AssumptionRef:
    """An assumption as cited in a row: its number in the assumptions register, id and statement."""

    number: int
    id: str
    statement: str


@dataclass(frozen=True)
class RiskRow:
    """A risk of the risk register."""

    id: str
    statement: str
    category: str
    likelihood: int
    impact: int
    score: int
    band: str
    """`high` (15 or more), `medium` (8 or more) or `low`."""
    mitigation: str
    owner: str
    affects: list[str]


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator with its values as display text."""

    id: str
    number: str
    """As a reader cites it: the result's number and a letter for its place, `1b` for outcome 1's second."""
    result: str
    level: str
    title: str
    description: str
    unit: str
    measure: str
    direction: str
    baseline: str
    baseline_year: str
    baseline_note: str
    current: str
    """The latest measured value with its year, `12 (2028)`, or `–`."""
    current_value: str
    current_year: int | None
    targets: list[str]
    """One entry per plan year (`–` when no target that year)."""
    source: str
    frequency: str
    responsible: str
    disaggregation: str
    notes: tuple[str, ...] = ()
    """Remarks on a year's target, its reporting period when not the calendar year, on the current value, and
    each actual with its status, date, source, comment and breakdown."""
    actuals: tuple[str, ...] = ()
    """The actual value of each reported year (`LogframeContext.reported_years`), `–` where there is none."""
    latest: tuple[str, int] | None = None
    """The latest actual value and its year, if any."""
    standard: tuple[str, str] | None = None
    """The standard indicator it references, as the line that names its code, and where it is defined."""


@dataclass(frozen=True)
class MatrixRow:
    """A row of the logframe matrix: one result or activity."""

    id: str
    number: str
    """`I`, `1`, `1.1`, `1.1.1`: see `tocmodel.render.numbering.result_numbers`."""
    level: str
    """`Impact`, `Outcome`, `Output` or `Activity`."""
    title: str
    description: str
    indicators: list[IndicatorRow]
    assumptions: list[AssumptionRef]
    risks: list[RiskRow]
    means: str
    """For activities: who leads and supports, stage and years."""
    risk_rating: str
    """Highest risk band on the row (`high`, `medium`, `low`) or `–`."""
    weighting: str = "–"
    end: bool = False
    """An end outcome (the Identifiers table says so)."""
    """For outputs: the impact weighting, as a percentage."""


@dataclass(frozen=True)
class WorkplanRow:
    """A stage or intervention of the workplan, with the years it runs."""

    id: str
    kind: str
    title: str
    years: str
    running: list[bool]
    lead: str
    description: str = ""
    deliverables: list[str] = field(default_factory=list)
    """For a stage: what it hands over when it ends."""
    entry_criteria: list[str] = field(default_factory=list)
    """For a stage: what must hold before it may start."""
    number: str = ""
    """For a stage: `S1`, `S2`… in the plan's order."""
    after: list[str] = field(default_factory=list)
    """For a stage: the numbers of the stages it follows."""


@dataclass(frozen=True)
class AssumptionRow:
    """An assumption of the register."""

    number: int
    id: str
    statement: str
    evidence: str
    confidence: str
    status: str
    rests_on: list[str]
    """The links (`from → to`) and results that carry it."""
    criticality: str
    """Share of intervention → impact paths through it, as a percentage."""


@dataclass(frozen=True)
class CoverageRow:
    """A root cause and the interventions that address it."""

    id: str
    number: str
    """`C1`, `C1.2`: its place in the tree of causes."""
    title: str
    parent: str
    interventions: list[str]
    status: str
    description: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class LinkRow:
    """A causal link between results, with what it rests on."""

    source: str
    """The result it starts from, as `number title`."""
    target: str
    assumptions: list[str]
    """`A3`, the numbers of its assumptions."""
    confidence: str
    evidence: str


@dataclass(frozen=True)
class ActorRow:
    """An actor of the model."""

    id: str
    name: str
    type: str
    short: str
    description: str


@dataclass(frozen=True)
class FindingRow:
    """A validation finding."""

    code: str
    severity: str
    message: str
    where: str


@dataclass(frozen=True)
class LogframeContext:
    """Everything a logframe document shows, in order."""

    title: str
    country: str
    plan_years: list[int]
    version: str
    date: str
    """The model's date, `2026-11-01` (`–` when it has none)."""
    date_text: str
    """The date as the document's language writes it: `1 novembre 2026`."""
    language: str
    style: str
    description: str
    problem: str
    """The core problem."""
    problem_description: str
    counts: dict[str, int]
    completeness: int
    completeness_rows: list[tuple[str, str, str]]
    diagram_svg: str
    matrix: list[MatrixRow]
    indicators: list[IndicatorRow]
    workplan: list[WorkplanRow]
    risks: list[RiskRow]
    risk_matrix: list[list[list[str]]]
    """`risk_matrix[likelihood - 1][impact - 1]`: ids of the risks in that cell."""
    assumptions: list[AssumptionRow]
    actors: list[tuple[str, str]]
    """(id, name) of each actor, in model order."""
    responsibilities: list[tuple[str, str, list[str]]]
    """(intervention id, title, one of `L`, `S` or `` per actor)."""
    coverage: list[CoverageRow]
    links: list[LinkRow]
    actor_rows: list[ActorRow]
    numbers: dict[str, str]
    """Result or activity id → its number in the matrix."""
    findings: list[FindingRow]
    finding_counts: dict[str, int]
    missing_translations: list[str] = field(default_factory=list)
    diagram_png: bytes = b""
    """The theory-of-change diagram as PNG, for formats that cannot embed SVG (Word); empty if not drawn."""
    diagram_note: str = ""
    """Why the diagram was left out, when it was."""
    say: Messages = field(default_factory=lambda: messages(None))
    """The document's fixed texts and number formats, in its language."""
    reported_years: list[int] = field(default_factory=list)
    """The plan's years with actuals, up to the year progress is taken at: each has a column of actuals."""
    progress: ProgressView | None = None
    """The progress section's content; None when nothing is reported."""


def band(score: int) -> str:
    """The band of a likelihood × impact score."""
    return "high" if score >= 15 else "medium" if score >= 8 else "low"
