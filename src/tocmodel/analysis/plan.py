"""The plan over time: what runs each year, who carries the load, the critical path, late causes."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..schema import Model


@dataclass(frozen=True, slots=True)
class StagePlan:
    """A stage with its calendar years and interventions."""

    stage: str
    first_year: int
    last_year: int
    after: list[str]
    interventions: list[str]


@dataclass(frozen=True, slots=True)
class YearPlan:
    """What runs in one calendar year."""

    year: int
    stages: list[str]
    interventions: list[str]


@dataclass(frozen=True, slots=True)
class Workload:
    """How many interventions an actor leads and supports in one year."""

    actor: str
    year: int
    lead: int
    support: int


@dataclass(frozen=True, slots=True)
class LateCause:
    """An output an intervention needs, whose producing interventions all start later."""

    intervention: str
    needs: str
    needed_from: int
    """Year the needing intervention starts."""
    earliest_producer_start: int | None
    """Year the first producing intervention starts (None when nothing produces it)."""


@dataclass(frozen=True)
class Plan:
    """The plan's stages, years, workload, critical path and late causes."""

    years: list[int]
    stages: list[StagePlan]
    by_year: list[YearPlan]
    workload: list[Workload]
    critical_path: list[str]
    """The chain of stages, following `after`, that spans the longest time from first start to last end."""
    critical_path_years: int
    late_causes: list[LateCause]


def plan(model: Model) -> Plan:
    """The plan of a model; linear in the number of interventions, stages and years."""
    running = {i: model.intervention_years(i) for i in model.interventions}
    stages = [
        StagePlan(
            s,
            *model.calendar(stage.years),
            list(stage.after),
            [i for i, item in model.interventions.items() if item.stage == s],
        )
        for s, stage in model.stages.items()
    ]
    years = list(model.plan_years)
    running_in: dict[int, list[str]] = {}  # each year's interventions, in model order
    first, last = (years[0], years[-1]) if years else (0, -1)
    for i, span in running.items():
        if span:
            for y in range(max(span[0], first), min(span[1], last) + 1):
                running_in.setdefault(y, []).append(i)
    by_year = [
        YearPlan(y, [s.stage for s in stages if s.first_year <= y <= s.last_year], running_in.get(y, [])) for y in years
    ]
    path, length = critical_path(stages)
    return Plan(years, stages, by_year, workload(model, running), path, length, late_causes(model, running))


def workload(model: Model, running: dict[str, tuple[int, int] | None]) -> list[Workload]:
    """Lead and support counts per actor and year, for actors with any load, in model order."""
    counts: dict[tuple[str, int], list[int]] = {}
    for intervention_id, intervention in model.interventions.items():
        span = running[intervention_id]
        if span is None:
            continue
        roles = [(intervention.lead, 0)] if intervention.lead else []
        roles += [(actor, 1) for actor in dict.fromkeys(intervention.support) if actor != intervention.lead]
        for actor, role in roles:
            for year in range(span[0], span[1] + 1):
                counts.setdefault((actor, year), [0, 0])[role] += 1
    order = {a: i for i, a in enumerate(model.actors)}
    keys = sorted(counts, key=lambda k: (order.get(k[0], len(order)), k[0], k[1]))
    return [Workload(actor, year, *counts[(actor, year)]) for actor, year in keys]


def critical_path(stages: list[StagePlan]) -> tuple[list[str], int]:
    """The `after` chain with the longest span from its first stage's start to its last stage's end."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(s.stage for s in stages)
    graph.add_edges_from((before, s.stage) for s in stages for before in s.after if before in graph)
    if not stages or not nx.is_directed_acyclic_graph(graph):
        return [], 0
    span = {s.stage: s for s in stages}
    start: dict[str, tuple[int, list[str]]] = {}
    for stage in nx.topological_sort(graph):
        options = [start[p] for p in graph.pred[stage]]
        first, chain = min(options, key=lambda o: (o[0], -len(o[1]))) if options else (span[stage].first_year, [])
        start[stage] = (first, [*chain, stage])
    best = max(start.values(), key=lambda o: (span[o[1][-1]].last_year - o[0], len(o[1])))
    return best[1], span[best[1][-1]].last_year - best[0] + 1


def late_causes(model: Model, running: dict[str, tuple[int, int] | None]) -> list[LateCause]:
    """Needed outputs whose producers all start after the intervention that needs them starts, or that
    nothing produces; producers without years are taken to be on time."""
    producers: dict[str, list[str]] = {}
    for intervention_id, intervention in model.interventions.items():
        for link in intervention.leads_to:
            producers.setdefault(link.to, []).append(intervention_id)
    found = []
    for intervention_id, intervention in model.interventions.items():
        span = running[intervention_id]
        for output in intervention.needs:
            spans = [running[p] for p in producers.get(output, [])]
            if span is None or None in spans:
                continue  # a producer without years may start any time, as rule TOC305 sees it
            starts = [s[0] for s in spans if s]
            if not starts or min(starts) > span[0]:
                found.append(LateCause(intervention_id, output, span[0], min(starts) if starts else None))
    return found
