"""Rules on indicators: outcomes and impact are measured; indicators have a baseline, targets and a source."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..schema import Indicator
from .base import Context, IndicatorRef, Rule, iter_indicator_refs

__all__ = ["IndicatorRef", "iter_indicator_refs"]


def has_baseline(indicator: Indicator) -> bool:
    """Whether the indicator states a baseline: a value, or a year (with `value: null`: not yet measured)."""
    baseline = indicator.baseline
    return baseline is not None and (baseline.value is not None or baseline.year is not None)


class TargetOutsideHorizon(Rule):
    """An indicator target set for a year outside the plan's calendar years.

    Targets are the plan's promises; one outside the plan's years is never reported on.
    """

    code = "TOC401"
    name = "target-outside-horizon"
    severity = Severity.ERROR
    hint = "set targets for years within the plan, or lengthen the plan with `model.years`"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        plan = context.model.plan_years
        for ref in context.indicators:
            for year in ref.indicator.targets:
                if year not in plan:
                    horizon = f"{plan.start}-{plan.stop - 1}"
                    message = f"indicator `{ref.id}` has a target for {year}, outside the plan ({horizon})"
                    yield self.found(context, message, (*ref.path, "targets", year), key=True)


class BaselineAfterTarget(Rule):
    """An indicator whose baseline year comes after its first target year.

    A baseline is where the indicator stands before the change; measured after a target, it cannot
    show progress towards it.
    """

    code = "TOC402"
    name = "baseline-after-target"
    severity = Severity.ERROR
    hint = "correct the baseline's year or the target years: the baseline comes first"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        for ref in context.indicators:
            baseline, targets = ref.indicator.baseline, ref.indicator.targets
            if baseline is None or baseline.year is None or not targets:
                continue
            if baseline.year > (first := min(targets)):
                message = (
                    f"indicator `{ref.id}` has its baseline in {baseline.year}, after its first target year ({first})"
                )
                yield self.found(context, message, (*ref.path, "baseline", "year"))


class ResultWithoutIndicator(Rule):
    """An outcome or impact without any indicator.

    Without an indicator nobody can tell whether the change happened; donors' logframes require one
    for every outcome and the impact.
    """

    code = "TOC403"
    name = "result-without-indicator"
    severity = Severity.WARNING
    hint = "add an indicator under `indicators:` with a baseline, targets and a source"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        model = context.model
        for section, kind in (("outcomes", "outcome"), ("impact", "impact")):
            for result_id, result in getattr(model, section).items():
                if not result.indicators:
                    yield self.found(context, f"{kind} `{result_id}` has no indicator", (section, result_id), key=True)


class IndicatorWithoutBaseline(Rule):
    """An indicator without a baseline (neither a value nor a year).

    Progress is measured from a baseline. One not yet measured is still a baseline: write `value: null`
    with the year it will be measured.
    """

    code = "TOC404"
    name = "indicator-without-baseline"
    severity = Severity.WARNING
    hint = "add `baseline: {value: ..., year: ...}`; if not measured yet, write `value: null` and the year"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        for ref in context.indicators:
            if has_baseline(ref.indicator):
                continue
            if ref.indicator.baseline is None:
                yield self.found(context, f"indicator `{ref.id}` has no baseline", ref.path)
            else:
                message = f"the baseline of indicator `{ref.id}` has neither a value nor a year"
                yield self.found(context, message, (*ref.path, "baseline"))


class IndicatorWithoutTarget(Rule):
    """An indicator without any target, or whose targets are all empty or placeholders such as `TBD`.

    Without targets an indicator says what is measured but not what the plan promises to achieve.
    """

    code = "TOC405"
    name = "indicator-without-target"
    severity = Severity.WARNING
    hint = "add `targets: {<year>: <value>}`, at least for the plan's last year"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        for ref in context.indicators:
            if not ref.indicator.targets:
                yield self.found(context, f"indicator `{ref.id}` has no target", ref.path)
            elif not ref.indicator.real_targets:
                placeholders = ", ".join(f"{year}: {value}" for year, value in ref.indicator.targets.items())
                message = f"indicator `{ref.id}` has only placeholder targets ({placeholders})"
                yield self.found(context, message, (*ref.path, "targets"))


class IndicatorWithoutSource(Rule):
    """An indicator without a source (means of verification).

    A value nobody knows where to find cannot be verified by reviewers or reported to donors.
    """

    code = "TOC406"
    name = "indicator-without-source"
    severity = Severity.WARNING
    hint = "add `source:`, the means of verification: a survey, a register, a statistics publication"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        for ref in context.indicators:
            if not ref.indicator.source:
                yield self.found(context, f"indicator `{ref.id}` has no source", ref.path)
