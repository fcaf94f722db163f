"""Pathways: which interventions feed each result, through how many distinct causal paths."""

from __future__ import annotations

from dataclasses import dataclass

from ..collector import while_paused
from .counting import CausalDag


@dataclass(frozen=True, slots=True)
class ResultPathways:
    """How a result is reached."""

    result: str
    kind: str
    paths_from_interventions: int
    """Distinct causal paths from any intervention to this result."""
    paths_to_impact: int
    """Distinct causal paths from this result to the impact."""
    interventions: list[str]
    """Interventions with a causal path to this result."""


@dataclass(frozen=True, slots=True)
class InterventionPathways:
    """Where an intervention leads."""

    intervention: str
    paths_to_impact: int
    reaches: list[str]
    """Results the intervention has a causal path to, in topological order."""


@dataclass(frozen=True)
class Pathways:
    """Pathways of every result and every intervention."""

    total_paths: int
    """Distinct intervention → impact paths in the model."""
    results: list[ResultPathways]
    interventions: list[InterventionPathways]


@while_paused
def pathways(dag: CausalDag) -> Pathways:
    """Pathways over the causal DAG; the work is linear in the size of the answer."""
    reaches = {i: _forward(dag, i) for i in dag.interventions}
    fed_by: dict[str, list[str]] = {n: [] for n in dag.order}
    for intervention, reached in reaches.items():
        for result in reached:
            fed_by[result].append(intervention)
    results = [
        ResultPathways(n, dag.kind[n], dag.into[n], dag.onward[n], fed_by[n])
        for n in dag.order
        if dag.kind[n] != "intervention"
    ]
    interventions = [InterventionPathways(i, dag.onward[i], reached) for i, reached in reaches.items()]
    return Pathways(dag.total, results, interventions)


def _forward(dag: CausalDag, start: str) -> list[str]:
    seen = {start}
    stack = [start]
    while stack:
        for nxt in dag.succ[stack.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    seen.discard(start)
    return sorted(seen, key=dag.position.__getitem__)
