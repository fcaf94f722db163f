"""Build the `LogframeContext` of a model from the model, its analysis and its validation report."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from ...analysis import Analysis
from ...analysis.progress import Progress
from ...analysis.risk import risk_targets
from ...diagnostics import Report
from ...graph import assumption_holders
from ...i18n import N_, Messages, messages
from ...schema import RESULT_KIND, Indicator, Model
from ...schema.monitoring import actual_years
from ...schema.text import Translator, dotted, untranslated
from ..numbering import assumption_numbers, number_key, result_numbers
from ..words import word
from .context import (
    LEVEL_NAMES,
    AssumptionRef,
    AssumptionRow,
    IndicatorRow,
    LogframeContext,
    MatrixRow,
    RiskRow,
    WorkplanRow,
    band,
)
from .findings import finding_rows
from .narrative import actor_rows, coverage_rows, link_rows
from .progress import ProgressView, actual_cells, actual_lines, progress_view
from .standards import standard_link

STYLES = ("eu", "undp", "dfid")
RESULT_ORDER = tuple(reversed(RESULT_KIND.items()))
"""The results chain from the impact down, as a logframe reads it."""


class _Builder:
    def __init__(self, model: Model, tr: Translator, say: Messages) -> None:
        self.model = model
        self.tr = tr
        self.say = say
        self.years = list(model.plan_years)
        self.numbers = assumption_numbers(model)
        self.results = result_numbers(model)
        self.risk_rows = {r: self.risk_row(r) for r in model.risks}
        self.targets = risk_targets(model)
        self.reported: list[int] = []
        """The years with a column of actuals."""

    def actor(self, actor_id: str | None) -> str:
        actor = self.model.actors.get(actor_id or "")
        return self.tr(actor.name, where=str(actor_id)) if actor else str(actor_id) if actor_id else "–"

    def show(self, value: object) -> str:
        """A value of an indicator as the document's language writes it; unknown as `–`."""
        return "–" if value is None else word(self.say, self.say.number(value))

    def percent(self, value: float | None) -> str:
        """A percentage (`12` for 12%) as the document's language writes it; none as `–`."""
        return "–" if value is None else self.say.percent(value / 100)

    def risk_row(self, risk_id: str) -> RiskRow:
        risk = self.model.risks[risk_id]
        return RiskRow(
            id=risk_id,
            statement=self.tr(risk.statement, where=risk_id),
            category=risk.category,
            likelihood=risk.likelihood,
            impact=risk.impact,
            score=risk.score,
            band=band(risk.score),
            mitigation=self.tr(risk.mitigation) or "–",
            owner=self.actor(risk.owner),
            affects=list(risk.affects),
        )

    def indicator(self, owner: str, level: str, index: int, indicator: Indicator) -> IndicatorRow:
        ind_id = self.model.indicator_id(owner, index, indicator)
        base = indicator.baseline
        show = self.show
        targets = [show(indicator.targets[y]) if y in indicator.targets else "–" for y in self.years]
        current = f"{show(indicator.current.value)} ({indicator.current.year})" if indicator.current else "–"
        actuals = self.model.actuals.get(ind_id, {})
        cells = actual_cells(self.say, actuals, self.reported)
        latest = next(((c, y) for c, y in zip(reversed(cells), reversed(self.reported), strict=True) if c != "–"), None)
        if latest is not None and indicator.current is None:  # a current value written in the model comes first
            current = f"{latest[0]} ({latest[1]})"
        return IndicatorRow(
            id=ind_id,
            number=f"{self.results[owner]}{_letter(index)}",
            result=owner,
            level=level,
            title=self.tr(indicator.title, where=ind_id),
            description=self.tr(indicator.description),
            unit=self.tr(indicator.unit),
            measure=indicator.measure,
            direction=indicator.direction,
            baseline=show(base.value) if base else "–",
            baseline_year=str(base.year) if base and base.year else "–",
            baseline_note=self.tr(base.note) if base else "",
            current=current,
            current_value=show(indicator.current.value) if indicator.current else "–",
            current_year=indicator.current.year if indicator.current else None,
            targets=targets,
            source=self.tr(indicator.source, where=ind_id) or "–",
            frequency=indicator.frequency or "–",
            responsible=self.actor(indicator.responsible) if indicator.responsible else "–",
            disaggregation=", ".join(indicator.disaggregation),
            notes=(*self.value_notes(indicator), *actual_lines(self.say, self.tr, actuals)),
            actuals=tuple(cells),
            latest=latest,
            standard=standard_link(self.say, self.model, indicator),
        )

    def value_notes(self, indicator: Indicator) -> tuple[str, ...]:
        """What the model says of a year's target and period and of the current value, one line each."""
        say = self.say
        found = [
            say("Target %(year)s: %(note)s", year=year, note=self.tr(note))
            for year, note in sorted(indicator.target_notes.items())
        ]
        found += [
            say("Period %(year)s: %(start)s – %(end)s", year=year, start=say.date(p.start), end=say.date(p.end))
            for year, p in sorted(indicator.periods.items())
        ]
        if indicator.current is not None and indicator.current.note is not None:
            found.append(say("Current value: %(note)s", note=self.tr(indicator.current.note)))
        return tuple(found)

    def assumptions_of(self, section: str, item_id: str) -> list[AssumptionRef]:
        item = getattr(self.model, section)[item_id]
        ids = list(item.assumptions) + [a for link in getattr(item, "leads_to", []) for a in link.assumptions]
        return [
            AssumptionRef(self.numbers[a], a, self.tr(self.model.assumptions[a].statement, where=a))
            for a in dict.fromkeys(ids)
            if a in self.numbers
        ]

    def means(self, intervention_id: str) -> str:
        item = self.model.interventions[intervention_id]
        _ = self.say
        parts = [_("Lead: %(actor)s", actor=self.actor(item.lead))] if item.lead else []
        if item.support:
            parts.append(_("Support: %(actors)s", actors=", ".join(self.actor(a) for a in item.support)))
        years = self.model.intervention_years(intervention_id)
        stage = self.model.stages.get(item.stage or "")
        if stage:
            parts.append(_("Stage: %(stage)s", stage=self.tr(stage.title, where=str(item.stage))))
        if years:
            first, last = years
            parts.append(
                _("Years: %(first)s–%(last)s", first=first, last=last)
                if first != last
                else _("Year: %(year)s", year=first)
            )
        return "; ".join(parts)

    def matrix(self) -> list[MatrixRow]:
        rows = []
        for section, level in RESULT_ORDER:
            items = getattr(self.model, section)
            for item_id in sorted(items, key=lambda i: number_key(self.results[i])):
                item = items[item_id]
                indicators = [self.indicator(item_id, level, i, ind) for i, ind in enumerate(item.indicators)]
                risks = [self.risk_rows[r] for r in dict.fromkeys(self.targets.get(item_id, [])) if r in self.risk_rows]
                rating = max((r.score for r in risks), default=0)
                rows.append(
                    MatrixRow(
                        id=item_id,
                        number=self.results[item_id],
                        level=LEVEL_NAMES[level],
                        title=self.tr(item.title, where=item_id),
                        description=self.tr(item.description),
                        indicators=indicators,
                        assumptions=self.assumptions_of(section, item_id),
                        risks=risks,
                        means=self.means(item_id) if level == "intervention" else "",
                        risk_rating=band(rating) if rating else "–",
                        weighting=self.percent(getattr(item, "weighting", None)),
                        end=getattr(item, "kind", "") == "end",
                    )
                )
        return rows

    def workplan(self) -> list[WorkplanRow]:
        rows = []
        stage_numbers = {stage_id: f"S{n}" for n, stage_id in enumerate(self.model.stages, start=1)}
        for stage_id, stage in self.model.stages.items():
            first, last = self.model.calendar(stage.years)
            rows.append(
                WorkplanRow(
                    id=stage_id,
                    kind="stage",
                    title=self.tr(stage.title, where=stage_id),
                    years=_span(first, last),
                    running=[first <= y <= last for y in self.years],
                    lead="",
                    description=self.tr(stage.description),
                    deliverables=[self.tr(text) for text in stage.deliverables],
                    entry_criteria=[self.tr(text) for text in stage.entry_criteria],
                    number=stage_numbers[stage_id],
                    after=[stage_numbers.get(other, other) for other in stage.after],
                )
            )
            for intervention_id, item in self.model.interventions.items():
                span = self.model.intervention_years(intervention_id) if item.stage == stage_id else None
                if span:
                    rows.append(
                        WorkplanRow(
                            id=intervention_id,
                            kind="intervention",
                            title=self.tr(item.title, where=intervention_id),
                            years=_span(*span),
                            running=[span[0] <= y <= span[1] for y in self.years],
                            lead=self.actor(item.lead),
                        )
                    )
        unstaged = [i for i, item in self.model.interventions.items() if item.stage not in self.model.stages]
        for intervention_id in unstaged:
            item = self.model.interventions[intervention_id]
            rows.append(
                WorkplanRow(
                    id=intervention_id,
                    kind="intervention",
                    title=self.tr(item.title),
                    years="–",
                    running=[False] * len(self.years),
                    lead=self.actor(item.lead),
                )
            )
        return rows


def _letter(index: int) -> str:
    """`a` for an indicator's first place, `z` for its 26th, then `aa`, `ab`…: `1.2b` is output 1.2's second."""
    return _letter(index // 26 - 1) + chr(ord("a") + index % 26) if index >= 26 else chr(ord("a") + index)


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _assumption_rows(builder: _Builder, analysis: Analysis) -> list[AssumptionRow]:
    model, tr = builder.model, builder.tr
    rests = assumption_holders(model, sections=[section for section, _ in RESULT_ORDER])
    share = {c.assumption: builder.say.percent(c.share) for c in analysis.criticality}
    return [
        AssumptionRow(
            number=builder.numbers[a],
            id=a,
            statement=tr(item.statement, where=a),
            evidence=tr(item.evidence) or "–",
            confidence=item.confidence or "–",
            status=item.status,
            rests_on=rests.get(a, []),
            criticality=share.get(a, "–"),
        )
        for a, item in model.assumptions.items()
    ]


def build_context(
    model: Model,
    analysis: Analysis,
    report: Report,
    *,
    lang: str | None = None,
    style: str = "eu",
    diagram_svg: str = "",
    diagram_png: bytes = b"",
    diagram_note: str = "",
    progress: Progress | None = None,
) -> LogframeContext:
    """The logframe of a model in one language and donor style (with the diagram drawn by the caller, and
    progress worked out by the caller when the model has actuals)."""
    tr = Translator(lang or model.model.languages[0], model.model.languages[0])
    say = messages(tr.language)
    builder = _Builder(model, tr, say)
    builder.reported = _reported(model, progress)
    matrix = builder.matrix()
    indicators = [ind for row in matrix for ind in row.indicators]
    actors = [(a, builder.actor(a)) for a in model.actors]
    context = LogframeContext(
        **_title_page(model, tr, say),
        plan_years=builder.years,
        style=style,
        counts=_counts(model),
        completeness=analysis.completeness.score,
        completeness_rows=_completeness_rows(analysis, say),
        say=say,
        diagram_svg=diagram_svg,
        matrix=matrix,
        indicators=indicators,
        workplan=builder.workplan(),
        risks=sorted(builder.risk_rows.values(), key=lambda r: (-r.score, r.id)),
        risk_matrix=_risk_matrix(builder.risk_rows.values()),
        assumptions=_assumption_rows(builder, analysis),
        actors=actors,
        responsibilities=_responsibilities(model, tr, [a for a, _ in actors]),
        coverage=coverage_rows(model, tr, analysis, say),
        links=link_rows(model, tr, builder.results, builder.numbers),
        actor_rows=actor_rows(model, tr),
        numbers=builder.results,
        findings=finding_rows(report, say),
        finding_counts=report.counts(),
        diagram_png=diagram_png,
        diagram_note=diagram_note,
        reported_years=builder.reported,
        progress=_progress(model, progress, builder, indicators),
    )
    context.missing_translations.extend(dotted(t.path) for t in untranslated(model, tr.language, standards=True))
    return context


class _TitlePage(TypedDict):
    title: str
    country: str
    version: str
    date: str
    date_text: str
    language: str
    description: str
    problem: str
    problem_description: str


def _completeness_rows(analysis: Analysis, say: Messages) -> list[tuple[str, str, str]]:
    return [(say(c.label), f"{c.done}/{c.total}", say.percent(c.ratio)) for c in analysis.completeness.criteria]


def _reported(model: Model, progress: Progress | None) -> list[int]:
    """The plan's years with actuals, up to the year progress is taken at."""
    if progress is None or progress.as_of is None:
        return []
    return [year for year in actual_years(model.actuals) if year in model.plan_years and year <= progress.as_of]


def _progress(
    model: Model, progress: Progress | None, builder: _Builder, indicators: list[IndicatorRow]
) -> ProgressView | None:
    if progress is None:
        return None
    numbers = {i.id: i.number for i in indicators}
    return progress_view(model, progress, builder.say, builder.tr, builder.results, numbers)


def _title_page(model: Model, tr: Translator, say: Messages) -> _TitlePage:
    """The facts of the title page and the problem, as display text."""
    meta, problem = model.model, model.problem
    return _TitlePage(
        title=tr(meta.title, where="model.title"),
        country=meta.country or "–",
        version=meta.version or "–",
        date=meta.date.isoformat() if meta.date else "–",
        date_text=say.date(meta.date) if meta.date else "–",
        language=tr.language,
        description=tr(meta.description, where="model.description"),
        problem=tr(problem.core, where="problem.core") if problem else "",
        problem_description=tr(problem.description) if problem else "",
    )


def _risk_matrix(risks: Iterable[RiskRow]) -> list[list[list[str]]]:
    """The ids of the risks in each cell of the likelihood × impact matrix (likelihood first, from 1)."""
    matrix: list[list[list[str]]] = [[[] for _ in range(5)] for _ in range(5)]
    for risk in risks:
        matrix[risk.likelihood - 1][risk.impact - 1].append(risk.id)
    return matrix


def _responsibilities(model: Model, tr: Translator, actors: list[str]) -> list[tuple[str, str, list[str]]]:
    """Each intervention, its title and, for each actor, `L` (lead), `S` (support) or nothing."""
    return [
        (i, tr(item.title, where=i), ["L" if item.lead == a else "S" if a in item.support else "" for a in actors])
        for i, item in model.interventions.items()
    ]


def _counts(model: Model) -> dict[str, int]:
    return {
        N_("root causes"): len(model.root_causes),
        N_("interventions"): len(model.interventions),
        N_("outputs"): len(model.outputs),
        N_("outcomes"): len(model.outcomes),
        N_("impact"): len(model.impact),
        N_("indicators"): sum(1 for _ in model.iter_indicators()),
        N_("assumptions"): len(model.assumptions),
        N_("risks"): len(model.risks),
        N_("actors"): len(model.actors),
        N_("stages"): len(model.stages),
    }
