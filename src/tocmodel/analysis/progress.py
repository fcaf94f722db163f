"""Progress against the plan: each indicator year by year, each result rolled up from its indicators, and for
a result off track the assumptions and risks upstream of it, most critical first."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..collector import while_paused
from ..schema import RESULT_SECTIONS, Model
from ..schema.monitoring import Thresholds, actual_years, reporting_years
from .counting import CausalDag, causal_dag
from .criticality import AssumptionCriticality, assumption_criticality
from .measuring import RATED, Status, YearProgress, indicator_status, indicator_years, rolled_up
from .risk import risk_targets


@dataclass(frozen=True, slots=True)
class IndicatorProgress:
    """One indicator's progress over the plan's years."""

    indicator: str
    """The indicator's id (given, or `<result-id>.<n>`)."""
    result: str
    """The result or intervention it measures."""
    years: list[YearProgress]
    """Every year of the plan: target, milestone, actual, share of the way and status."""
    status: Status
    """The status of the latest year rated (up to the year asked)."""
    missing: list[int]
    """Years a value was due and none was given."""


@dataclass(frozen=True, slots=True)
class ResultProgress:
    """A result (or intervention) rolled up from its indicators."""

    result: str
    kind: str
    status: Status
    """The worst status among its indicators (see `rolled_up`)."""
    indicators: list[str]
    assumptions: list[str]
    """For a result off track: the assumptions it, its links and everything upstream of it rest on, the most
    critical first (see `assumption_criticality`), at most `UPSTREAM_LIMIT`."""
    risks: list[str]
    """For a result off track: the risks on it and upstream of it, highest score first, at most
    `UPSTREAM_LIMIT`."""


@dataclass(frozen=True)
class Progress:
    """Progress of one model at one year."""

    model: str
    as_of: int | None
    """The year progress is taken at: the one asked, else the latest year with an actual (None: no actual)."""
    reported: list[int]
    """The years the model reports on (see `reporting_years`): a value due then and not given is missing."""
    thresholds: Thresholds
    indicators: list[IndicatorProgress]
    results: list[ResultProgress]

    def counts(self) -> dict[Status, int]:
        """How many results stand at each status."""
        found: dict[Status, int] = {}
        for result in self.results:
            found[result.status] = found.get(result.status, 0) + 1
        return found


@while_paused
def progress(
    model: Model,
    *,
    year: int | None = None,
    thresholds: Thresholds | None = None,
    dag: CausalDag | None = None,
    criticality: Sequence[AssumptionCriticality] | None = None,
) -> Progress:
    """Progress of the model's indicators and results at `year` (by default the latest year reported).

    Args:
        model: The model, with its actuals.
        year: Take progress at this year: later actuals are left out.
        thresholds: Where the statuses start (default `Thresholds()`).
        dag: The causal DAG, when already built (`causal_dag(model)`).
        criticality: The assumptions' criticality, when already worked out (`Analysis.criticality`).

    Raises:
        networkx.NetworkXUnfeasible: the causal links form a cycle (see rule TOC201).
    """
    thresholds = thresholds or Thresholds()
    reported = reporting_years(model.actuals)
    measured = actual_years(model.actuals)
    as_of = year if year is not None else (measured[-1] if measured else None)
    in_plan = {y for y in reported if y in model.plan_years and (as_of is None or y <= as_of)}
    by_result: dict[str, list[IndicatorProgress]] = {}
    for _, owner, index, indicator in model.iter_indicators():
        indicator_id = model.indicator_id(owner, index, indicator)
        years = indicator_years(
            indicator,
            model.actuals.get(indicator_id, {}),
            model.plan_years,
            as_of=as_of,
            reported=in_plan,
            thresholds=thresholds,
        )
        missing = [y.year for y in years if y.status == "missing"]
        found = IndicatorProgress(indicator_id, owner, years, indicator_status(years), missing)
        by_result.setdefault(owner, []).append(found)
    results = _results(model, by_result)
    off = [r.result for r in results if r.status == "off-track"]
    if off:
        results = _with_upstream(model, results, off, dag or causal_dag(model), criticality)
    indicators = [found for group in by_result.values() for found in group]
    return Progress(model.model.id, as_of, reported, thresholds, indicators, results)


def _results(model: Model, by_result: dict[str, list[IndicatorProgress]]) -> list[ResultProgress]:
    kinds = model.kinds
    return [
        ResultProgress(owner, kinds[owner], rolled_up([i.status for i in group]), [i.indicator for i in group], [], [])
        for owner, group in by_result.items()
    ]


def _with_upstream(
    model: Model,
    results: list[ResultProgress],
    off: list[str],
    dag: CausalDag,
    criticality: Sequence[AssumptionCriticality] | None,
) -> list[ResultProgress]:
    ranked = criticality if criticality is not None else assumption_criticality(model, dag)
    score = {risk_id: risk.score for risk_id, risk in model.risks.items()}
    owners = {node: item.assumptions for section in RESULT_SECTIONS for node, item in getattr(model, section).items()}

    def assumptions_of(node: str) -> Iterable[str]:
        yield from owners.get(node, ())
        for source in dag.pred.get(node, ()):
            yield from dag.edge_assumptions.get((source, node), ())

    risks = risk_targets(model)
    on_assumptions = upstream(dag, off, assumptions_of, [row.assumption for row in ranked])
    on_risks = upstream(dag, off, lambda n: risks.get(n, ()), sorted(score, key=lambda r: (-score[r], r)))
    return [
        ResultProgress(r.result, r.kind, r.status, r.indicators, on_assumptions[r.result], on_risks[r.result])
        if r.result in on_assumptions
        else r
        for r in results
    ]


UPSTREAM_LIMIT = 10
"""How many assumptions and risks a result off track lists: the most critical ones."""


def upstream(
    dag: CausalDag,
    targets: Sequence[str],
    own: Callable[[str], Iterable[str]],
    ranked: Sequence[str],
    *,
    limit: int = UPSTREAM_LIMIT,
) -> dict[str, list[str]]:
    """For each of `targets`, the `limit` first in `ranked` order of what it and every node with a causal path
    to it hold (`own`); what `ranked` lacks comes after, in the order met.

    Only the nodes upstream of the targets are visited, once each, in causal order, each keeping its `limit`
    first: the work grows with the model, not with the model times what each node has upstream.
    """
    cone = _ancestors(dag, targets)
    order = {item: place for place, item in enumerate(ranked)}  # items as their places: ints sort fast
    items = list(ranked)
    held: dict[str, tuple[int, ...]] = {}
    for node in dag.order:
        if node not in cone:
            continue
        sources = dag.pred.get(node, ())
        mine = {order[item] if item in order else _add(item, order, items) for item in own(node)}
        if not mine and len(sources) == 1:
            held[node] = held[sources[0]]  # most nodes: what their one cause holds, shared
            continue
        held[node] = tuple(sorted(mine.union(*(held[source] for source in sources)))[:limit])
    return {t: [items[n] for n in held[t]] for t in targets if t in held}


def _add(item: str, order: dict[str, int], items: list[str]) -> int:
    order[item] = len(items)
    items.append(item)
    return order[item]


def _ancestors(dag: CausalDag, targets: Sequence[str]) -> set[str]:
    seen = {t for t in targets if t in dag.kind}
    stack = list(seen)
    while stack:
        for source in dag.pred.get(stack.pop(), ()):
            if source not in seen:
                seen.add(source)
                stack.append(source)
    return seen


__all__ = [
    "RATED",
    "IndicatorProgress",
    "Progress",
    "ResultProgress",
    "Status",
    "Thresholds",
    "YearProgress",
    "progress",
]
