"""The problem tree, the results chain, causal links, indicators, assumptions and risks."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from .bank import StandardCode
from .base import Strict
from .types import CalendarYear, Id, IdList, Text, Value, YearSpanField

Confidence = Literal["low", "medium", "high"]


def _one_or_many(value: Any) -> Any:
    """A single link (an id or a mapping) where a list of links is expected."""
    return [value] if isinstance(value, str | dict) else value


def _cause_link_shorthand(value: Any) -> Any:
    """A bare id is shorthand for a plain link to that cause."""
    return {"to": value} if isinstance(value, str) else value


class CauseLink(Strict):
    """A cause feeding another cause: `to` is the cause it feeds, with what shows it and how sure we are."""

    to: Id
    """The cause this one feeds."""
    evidence: Text | None = None
    """What shows that this cause feeds the other."""
    confidence: Confidence | None = None
    """How sure we are that it does: `low`, `medium` or `high`."""


CauseLinkField = Annotated[CauseLink, BeforeValidator(_cause_link_shorthand, json_schema_input_type=Id | CauseLink)]
CauseLinkList = Annotated[
    list[CauseLinkField], BeforeValidator(_one_or_many, json_schema_input_type=Id | CauseLink | list[Id | CauseLink])
]
"""One cause link or a list of them."""


class RootCause(Strict):
    """A cause of the core problem; it may itself have causes, and may feed other causes too (a problem
    tree is a graph: one cause can feed several)."""

    title: Text
    """The cause, stated as a condition: `No producer-responsibility law`."""
    description: Text | None = None
    """More detail on the cause."""
    evidence: Text | None = None
    """What shows that this cause is real (studies, data)."""
    causes: dict[Id, RootCause] = Field(default_factory=dict)
    """Deeper causes of this cause, keyed by id: each feeds this one."""
    feeds: CauseLinkList = Field(default_factory=list)
    """Other causes this one feeds besides the one it is written under: ids, or links with `evidence` and
    `confidence`. A link to the cause it is written under gives that link its evidence."""


class Problem(Strict):
    """The core problem and its root causes."""

    core: Text
    """The core problem in one sentence."""
    description: Text | None = None
    """More detail on the problem."""
    root_causes: dict[Id, RootCause] = Field(default_factory=dict)
    """Root causes keyed by id, e.g. `rc-no-epr`."""


def _link_shorthand(value: Any) -> Any:
    """A bare id is shorthand for a plain link."""
    return {"to": value} if isinstance(value, str) else value


class Link(Strict):
    """A causal link: this result leads to another, for the reasons in its assumptions."""

    to: Id
    """The result this one leads to."""
    assumptions: IdList = Field(default_factory=list)
    """Assumptions (by id) that must hold for the link to work."""
    evidence: Text | None = None
    """Why we believe the link works."""
    confidence: Confidence | None = None
    """How sure we are that the link works: `low`, `medium` or `high`."""
    feedback: bool = False
    """Marks a deliberate feedback loop; such links may close a cycle."""


LinkField = Annotated[Link, BeforeValidator(_link_shorthand, json_schema_input_type=Id | Link)]


LinkList = Annotated[list[LinkField], BeforeValidator(_one_or_many, json_schema_input_type=Id | Link | list[Id | Link])]
"""One link or a list of links."""


class Baseline(Strict):
    """Where an indicator stands before the plan."""

    value: Value = None
    """The value (a number or a short text); `null` when it is not yet known."""
    year: CalendarYear | None = None
    """Year the baseline was measured."""
    note: Text | None = None
    """Remarks on how the baseline was set."""


class Measurement(Strict):
    """A value measured in a given year."""

    value: Value
    """The value measured."""
    year: CalendarYear
    """Year of the measurement."""
    note: Text | None = None
    """Remarks on the value: how it was measured, what it counts (an IATI actual's comment)."""


class Period(Strict):
    """The reporting period a year's target and value are for, when it is not the calendar year."""

    start: datetime.date
    """First day of the period, e.g. `2027-07-01`."""
    end: datetime.date
    """Last day of the period, e.g. `2028-06-30`; the period counts for the year it ends in."""

    @model_validator(mode="after")
    def _in_order(self) -> Period:
        if self.start > self.end:
            raise ValueError(f"the period starts ({self.start}) after it ends ({self.end})")
        return self


def _title_or_standard(schema: dict[str, Any]) -> None:
    """In the JSON Schema, an indicator needs a `title` unless it references a `standard` that gives one."""
    schema["required"] = [name for name in schema.get("required", []) if name != "title"]
    if not schema["required"]:
        del schema["required"]
    schema["anyOf"] = [{"required": ["title"]}, {"required": ["standard"]}]


class Indicator(Strict):
    """How progress on a result is measured."""

    model_config = ConfigDict(json_schema_extra=_title_or_standard)

    id: Id | None = None
    """Identifier; defaults to `<result-id>.<n>` (n counts from 1)."""
    standard: StandardCode | None = None
    """Code of a standard indicator in the indicator bank: `SDG-12.4.2`, `EN_EWT_COLLR` (see
    `tocmodel indicators list`). The indicator takes the standard's title, definition (as its description),
    unit, measure, direction and disaggregation, except those it writes itself."""
    title: Text
    """What is measured: `E-waste formally collected, kg per inhabitant`."""
    description: Text | None = None
    """Definition and method."""
    unit: Text | None = None
    """Unit of measure, e.g. `kg/inh`, `%`, `laws`."""
    measure: Literal["unit", "percentage", "nominal", "ordinal", "qualitative"] = "unit"
    """Kind of measure (the IATI indicator measures)."""
    direction: Literal["increase", "decrease", "maintain"] = "increase"
    """Which way is better."""
    baseline: Baseline | None = None
    """Value before the plan, with its year."""
    targets: dict[CalendarYear, Value] = Field(
        default_factory=dict, json_schema_extra={"propertyNames": {"pattern": "^[0-9]{4}$"}}
    )
    """Targets by calendar year, e.g. `{2029: 1.5, 2031: 3}`."""
    target_notes: dict[CalendarYear, Text] = Field(
        default_factory=dict, json_schema_extra={"propertyNames": {"pattern": "^[0-9]{4}$"}}
    )
    """Remarks on a year's target: how it was set, what it counts (an IATI target's comment)."""
    periods: dict[CalendarYear, Period] = Field(
        default_factory=dict, json_schema_extra={"propertyNames": {"pattern": "^[0-9]{4}$"}}
    )
    """The reporting period of a year's target and value when it is not the calendar year (a fiscal year,
    an IATI period): `{2028: {start: 2027-07-01, end: 2028-06-30}}`."""
    current: Measurement | None = None
    """Latest measured value, for progress reports."""
    source: Text | None = None
    """Means of verification: where the value comes from."""
    frequency: Literal["once", "monthly", "quarterly", "biannual", "annual", "biennial", "end-of-plan"] | None = None
    """How often the value is collected."""
    responsible: Id | None = None
    """Actor who collects and reports the value."""
    disaggregation: list[str] = Field(default_factory=list)
    """How values are broken down, e.g. `sex`, `region`, `EEE category`."""

    @field_validator("periods")
    @classmethod
    def _periods_end_in_their_year(cls, periods: dict[int, Period]) -> dict[int, Period]:
        wrong = [f"{year} ends in {p.end.year}" for year, p in periods.items() if p.end.year != year]
        if wrong:
            raise ValueError(f"a period counts for the year it ends in: {', '.join(wrong)}")
        return periods

    _inherited: frozenset[str] = PrivateAttr(default_factory=frozenset)

    @property
    def inherited(self) -> frozenset[str]:
        """The fields the loader took from the standard the indicator references (the author did not write
        them: their texts are the indicator bank's, not the author's to translate)."""
        return self._inherited

    def took_from_standard(self, names: frozenset[str]) -> None:
        """Record the fields the loader took from the indicator's standard."""
        self._inherited = names

    @property
    def real_targets(self) -> dict[int, int | float | str]:
        """Targets with a value: empty ones and placeholders such as `TBD` are left out."""
        return {
            year: value
            for year, value in self.targets.items()
            if value is not None and not (isinstance(value, str) and value.strip().lower() in PLACEHOLDERS)
        }


PLACEHOLDERS = frozenset({"", "tbd", "tbc", "tba", "?", "??", "n/a", "na", "-", "--", "…", "...", "todo", "xx", "x"})
"""Values that stand for a target not yet set."""


Label = Annotated[str, Field(min_length=1, max_length=20, pattern=r"^\S+$")]
"""A result's number as a logframe writes it: `1.2`, `OP1.2`."""


class Result(Strict):
    """A result of the chain: an output, an outcome or the impact."""

    label: Label | None = None
    """Its number in the logframe it comes from (`1.2`); documents number it so where no other result has
    that number."""
    title: Text
    """The result, stated as a change achieved."""
    description: Text | None = None
    """More detail."""
    indicators: list[Indicator] = Field(default_factory=list)
    """How the result is measured."""
    assumptions: IdList = Field(default_factory=list)
    """Assumptions (by id) the result itself rests on."""


class Output(Result):
    """A product or service delivered by interventions."""

    leads_to: LinkList = Field(default_factory=list)
    """Outcomes this output contributes to: ids, or links with assumptions."""
    weighting: Annotated[float, Field(ge=0, le=100)] | None = None
    """Share of the programme's impact attributed to this output, in percent (the DFID logframe's impact
    weighting); the weightings of all outputs add up to 100."""


class Outcome(Result):
    """A change in behaviour, practice or policy that outputs bring about."""

    kind: Literal["intermediate", "end"] = "intermediate"
    """`intermediate` outcomes lead to `end` outcomes, which lead to the impact."""
    leads_to: LinkList = Field(default_factory=list)
    """Outcomes or the impact this outcome contributes to."""


class Impact(Result):
    """The long-term change the model aims at."""


class Intervention(Strict):
    """An activity the programme carries out."""

    label: Label | None = None
    """Its number in the logframe it comes from (`1.2.1`); documents number it so where no other result has
    that number."""
    title: Text
    """What is done: `Map the national e-waste value chain`."""
    description: Text | None = None
    """More detail."""
    stage: Id | None = None
    """Stage of the plan the intervention belongs to."""
    years: YearSpanField | None = None
    """Years it runs, within its stage; defaults to the stage's years."""
    programme_area: Id | None = None
    """Programme area, one of `model.programme_areas`."""
    addresses: IdList = Field(default_factory=list)
    """Root causes the intervention addresses."""
    lead: Id | None = None
    """Actor that leads it."""
    support: IdList = Field(default_factory=list)
    """Actors that support it."""
    needs: IdList = Field(default_factory=list)
    """Outputs that must exist before the intervention can start."""
    leads_to: LinkList = Field(default_factory=list)
    """Outputs it produces: ids, or links with assumptions."""
    indicators: list[Indicator] = Field(default_factory=list)
    """Optional activity indicators."""
    assumptions: IdList = Field(default_factory=list)
    """Assumptions (by id) the intervention rests on."""


class Assumption(Strict):
    """A condition outside the programme's control that must hold for a link or result to work."""

    statement: Text
    """The assumption: `The ministry shares customs data on EEE imports`."""
    evidence: Text | None = None
    """What supports the assumption."""
    confidence: Confidence | None = None
    """How likely it is to hold."""
    status: Literal["untested", "holding", "at-risk", "failed"] = "untested"
    """What monitoring says about it."""


RiskCategory = Literal[
    "political",
    "institutional",
    "financial",
    "economic",
    "operational",
    "technical",
    "social",
    "environmental",
    "legal",
    "security",
    "health-safety",
    "reputational",
    "other",
]


class Risk(Strict):
    """Something that could go wrong, how bad it would be, and what is done about it."""

    statement: Text
    """The risk: `Informal recyclers resist formalisation`."""
    category: RiskCategory
    """Kind of risk."""
    likelihood: Annotated[int, Field(ge=1, le=5)]
    """How likely, from 1 (rare) to 5 (almost certain)."""
    impact: Annotated[int, Field(ge=1, le=5)]
    """How severe, from 1 (negligible) to 5 (critical)."""
    mitigation: Text | None = None
    """What reduces the likelihood or the impact."""
    owner: Id | None = None
    """Actor who watches and manages the risk."""
    affects: IdList = Field(default_factory=list)
    """Results, interventions or stages the risk threatens."""

    @property
    def score(self) -> int:
        """Likelihood × impact, from 1 to 25."""
        return self.likelihood * self.impact


RootCause.model_rebuild()

__all__ = [
    "Assumption",
    "Baseline",
    "CauseLink",
    "Confidence",
    "Impact",
    "Indicator",
    "Intervention",
    "Link",
    "Measurement",
    "Outcome",
    "Output",
    "Period",
    "Problem",
    "Result",
    "Risk",
    "RiskCategory",
    "RootCause",
    "YearSpanField",
]
