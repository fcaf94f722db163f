"""Rules on actuals: each names an indicator, a period of the plan, a value of the indicator's kind, once."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..schema.monitoring import Actual, due, period_bounds, period_year, reporting_years, wrong_kind
from ..suggest import Suggester
from .base import Context, IndicatorRef, Rule


def _measured(context: Context) -> Iterator[tuple[IndicatorRef, int | str, Actual]]:
    """Every actual of a known indicator, with the indicator."""
    known = context.indicator_ids
    for indicator_id, periods in context.model.actuals.items():
        if (ref := known.get(indicator_id)) is not None:
            for period, actual in periods.items():
                yield ref, period, actual


class UnknownIndicatorActual(Rule):
    """Actuals for an indicator id that no indicator has.

    Usually a typo, or an indicator renumbered since the values were reported: the values would count for
    nothing. An indicator without an `id` is `<result-id>.<n>`, n counting from 1.
    """

    code = "TOC411"
    name = "unknown-indicator-actual"
    severity = Severity.ERROR
    hint = "name an indicator by its `id`, or as `<result-id>.<n>`"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        unknown = [i for i in context.model.actuals if i not in context.indicator_ids]
        if not unknown:
            return
        suggester = Suggester(context.indicator_ids)
        for indicator_id in unknown:
            hint = suggester.did_you_mean(indicator_id) or self.hint
            yield self.found(
                context,
                f"actuals for unknown indicator `{indicator_id}`",
                ("actuals", indicator_id),
                hint=hint,
                key=True,
            )


class ActualOutsidePlan(Rule):
    """An actual for a period that ends outside the plan's years.

    Progress is reported for the plan's years; a value from before the plan is its baseline.
    """

    code = "TOC412"
    name = "actual-outside-plan"
    severity = Severity.ERROR
    hint = "report values for the plan's years; a value measured before the plan is the indicator's `baseline`"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        plan = context.model.plan_years
        for ref, period, _ in _measured(context):
            if period_year(period) not in plan:
                message = f"indicator `{ref.id}` has an actual for {period}, outside the plan ({plan[0]}-{plan[-1]})"
                yield self.found(context, message, ("actuals", ref.id, period), key=True)


class ActualWrongKind(Rule):
    """An actual whose value is not of the indicator's kind of measure.

    A percentage over 100, text where a number is counted, a yes/no indicator given 3: progress cannot be
    worked out from such a value, and it is usually a slip of the keyboard or of the column.
    """

    code = "TOC413"
    name = "actual-wrong-kind"
    severity = Severity.ERROR
    hint = "correct the value, or the indicator's `measure` and `unit`"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        for ref, period, actual in _measured(context):
            if (why := wrong_kind(ref.indicator, actual.value)) is not None:
                message = f"the actual of `{ref.id}` for {period}: {why}"
                yield self.found(context, message, ("actuals", ref.id, period, "value"))
            for dimension, categories in actual.breakdown.items():
                for category, value in categories.items():
                    if (why := wrong_kind(ref.indicator, value)) is not None:
                        message = f"the actual of `{ref.id}` for {period}, {dimension} {category}: {why}"
                        yield self.found(
                            context, message, ("actuals", ref.id, period, "breakdown", dimension, category)
                        )


class PeriodReportedTwice(Rule):
    """One indicator given two actuals for the same period, written two ways.

    `2027` and `2027-01-01/2027-12-31` are one period: which of the two values counts would be a guess.
    """

    code = "TOC414"
    name = "period-reported-twice"
    severity = Severity.ERROR
    hint = "keep one value for the period and remove the other"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        for indicator_id, periods in context.model.actuals.items():
            seen: dict[object, int | str] = {}
            for period in periods:
                first = seen.setdefault(period_bounds(period), period)
                if first != period:
                    message = f"indicator `{indicator_id}` has an actual for {first} and again for {period}"
                    yield self.found(context, message, ("actuals", indicator_id, period), key=True)


class UndeclaredDisaggregation(Rule):
    """An actual broken down along a dimension the indicator does not list in its `disaggregation`.

    The breakdowns a plan promises are the ones its indicators declare; another one is either a new
    promise to write down or a misspelt dimension.
    """

    code = "TOC415"
    name = "undeclared-disaggregation"
    severity = Severity.WARNING
    hint = "add the dimension to the indicator's `disaggregation`, or correct it"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        for ref, period, actual in _measured(context):
            declared = {d.casefold(): d for d in ref.indicator.disaggregation}
            for dimension in actual.breakdown:
                if dimension.casefold() in declared:
                    continue
                listed = ", ".join(f"`{d}`" for d in ref.indicator.disaggregation) or "none"
                message = (
                    f"the actual of `{ref.id}` for {period} is broken down by `{dimension}`, "
                    f"which the indicator does not declare (it declares {listed})"
                )
                hint = Suggester(ref.indicator.disaggregation).did_you_mean(dimension)
                hint = hint or f"add `{dimension}` to the indicator's `disaggregation`, or correct the dimension"
                yield self.found(
                    context, message, ("actuals", ref.id, period, "breakdown", dimension), hint=hint, key=True
                )


class MissingActual(Rule):
    """An indicator without an actual for a year the model reports on, when it is due to report then.

    A year is reported on once any indicator has an actual for it; an indicator is due when it has a
    target that year or is collected every year (`frequency` monthly to annual). A gap makes progress
    unknown, and is better said (`value: null` with a comment) than left silent.
    """

    code = "TOC416"
    name = "missing-actual"
    severity = Severity.WARNING
    hint = "add the value, or `value: null` with a `comment` saying why it could not be measured"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        model = context.model
        reported = [year for year in reporting_years(model.actuals) if year in model.plan_years]
        for ref in context.indicators:
            given = {period_year(period) for period in model.actuals.get(ref.id, {})}
            missing = [year for year in reported if year not in given and due(ref.indicator, year)]
            if missing:
                years = ", ".join(str(year) for year in missing)
                yield self.found(context, f"indicator `{ref.id}` has no actual for {years}", ref.path)
