"""Rules on the staged plan: years within the horizon, stages in a consistent order, causes before effects."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..graph import iter_cycles
from ..locations import Path
from ..schema import Model, YearSpan
from .base import Context, Rule
from .causal import describe_cycle


def describe_span(model: Model, span: YearSpan) -> str:
    """`plan years 4-6 (2030-2032)` or `2030-2032`, as written."""
    first, last = model.calendar(span)
    calendar = str(first) if first == last else f"{first}-{last}"
    if span.is_calendar:
        return calendar
    return f"plan year{'s' if span.first != span.last else ''} {span} ({calendar})"


def stage_order(model: Model) -> dict[str, dict[str, Path]]:
    """Each stage's `after` list as links to the stages it follows, each with where it is written."""
    return {
        stage_id: {
            before: ("stages", stage_id, "after", index)
            for index, before in enumerate(stage.after)
            if before in model.stages
        }
        for stage_id, stage in model.stages.items()
    }


class OutsideHorizon(Rule):
    """A stage or an intervention whose years fall outside the plan's years.

    The plan runs from `model.start` for `model.years` years (plan years 1 to `model.years`); work
    scheduled outside it is neither budgeted nor reported on.
    """

    code = "TOC301"
    name = "outside-horizon"
    severity = Severity.ERROR
    hint = "move it inside the plan's years, or lengthen the plan with `model.years`"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        model = context.model
        spans: list[tuple[Path, str, YearSpan]] = [
            (("stages", stage_id, "years"), f"stage `{stage_id}`", stage.years)
            for stage_id, stage in model.stages.items()
        ]
        spans.extend(
            (("interventions", iid, "years"), f"intervention `{iid}`", intervention.years)
            for iid, intervention in model.interventions.items()
            if intervention.years is not None
        )
        plan = model.plan_years
        for path, what, span in spans:
            first, last = model.calendar(span)
            if first < plan.start or last >= plan.stop:
                message = (
                    f"{what} runs in {describe_span(model, span)}, outside the plan "
                    f"({plan.start}-{plan.stop - 1}, plan years 1-{len(plan)})"
                )
                yield self.found(context, message, path)


class StageCycle(Rule):
    """Stages whose `after` lists form a circle, so none of them can start first.

    The `after` lists give the order of the plan; a circle means the order cannot be followed.
    """

    code = "TOC302"
    name = "stage-cycle"
    severity = Severity.ERROR
    hint = "remove the `after` entry that closes the circle"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        after = stage_order(context.model)
        for cycle in iter_cycles(after):
            order = describe_cycle(cycle, joiner=" after ")
            yield self.found(context, f"stages wait for each other in a circle: {order}", after[cycle[-1]][cycle[0]])


class StageOrder(Rule):
    """A stage that starts before a stage it follows (one in its `after` list) has started.

    `after` says the earlier stage must have started first; the years say otherwise, so one of them
    is wrong.
    """

    code = "TOC303"
    name = "stage-order"
    severity = Severity.ERROR
    hint = "start the stage no earlier than the stages in its `after` list, or remove the entry"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        model = context.model
        for stage_id, stage in model.stages.items():
            start = model.calendar(stage.years)[0]
            for index, before_id in enumerate(stage.after):
                before = model.stages.get(before_id)
                before_start = model.calendar(before.years)[0] if before else start
                if before_start > start:
                    message = (
                        f"stage `{stage_id}` starts in {start}, before stage `{before_id}`, "
                        f"which it follows, has started ({before_start})"
                    )
                    yield self.found(context, message, ("stages", stage_id, "after", index))


class InterventionOutsideStage(Rule):
    """An intervention whose own `years` are not inside the years of its stage.

    An intervention belongs to one stage of the plan; running outside it breaks the stage's sequence
    and makes the workplan contradict itself.
    """

    code = "TOC304"
    name = "intervention-outside-stage"
    severity = Severity.ERROR
    hint = "move its years inside the stage's years, or put it in the stage that covers them"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        model = context.model
        for iid, intervention in model.interventions.items():
            stage = model.stages.get(intervention.stage or "")
            if intervention.years is None or stage is None:
                continue
            first, last = model.calendar(intervention.years)
            stage_first, stage_last = model.calendar(stage.years)
            if first < stage_first or last > stage_last:
                own, stage_years = describe_span(model, intervention.years), describe_span(model, stage.years)
                message = (
                    f"intervention `{iid}` runs in {own}, outside its stage `{intervention.stage}`, "
                    f"which runs in {stage_years}"
                )
                yield self.found(context, message, ("interventions", iid, "years"))


def earliest_producers(model: Model) -> dict[str, tuple[int, str]]:
    """For each output, the earliest start year of an intervention leading to it, and that intervention.

    An intervention of unknown years counts as starting in year 0: it may start first.
    """
    earliest: dict[str, tuple[int, str]] = {}
    for iid, intervention in model.interventions.items():
        years = model.intervention_years(iid)
        start = (years[0] if years else 0, iid)
        for link in intervention.leads_to:
            if model.kinds.get(link.to) == "output":
                earliest[link.to] = min(earliest.get(link.to, start), start)
    return earliest


class EffectBeforeCause(Rule):
    """An intervention that `needs` an output which every producing intervention starts to make later.

    What an intervention needs must exist before it starts; if all the interventions that produce it
    start afterwards, the plan asks for an effect before its cause.
    """

    code = "TOC305"
    name = "effect-before-cause"
    severity = Severity.WARNING
    hint = "start a producing intervention earlier, start this one later, or drop the `needs` entry"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        model = context.model
        producers = earliest_producers(model)
        for iid, intervention in model.interventions.items():
            years = model.intervention_years(iid)
            for index, output in enumerate(intervention.needs):
                produced = producers.get(output)
                if years is not None and produced is not None and produced[0] > years[0]:
                    message = (
                        f"intervention `{iid}` starts in {years[0]} but needs output `{output}`, "
                        f"not produced before {produced[0]} (when `{produced[1]}` starts)"
                    )
                    yield self.found(context, message, ("interventions", iid, "needs", index))
