"""Assumption criticality, what-if, and single points of failure, all from path counts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..collector import while_paused
from ..schema import Model
from ..suggest import did_you_mean
from .counting import CausalDag, Edge, Recount, recount, share


@dataclass(frozen=True, slots=True)
class AssumptionCriticality:
    """How much of the theory of change rests on one assumption."""

    assumption: str
    links: list[Edge]
    """Links that carry it."""
    results: list[str]
    """Results that carry it themselves."""
    paths: int
    """Intervention → impact paths through at least one link or result carrying it."""
    share: float
    """`paths` as a share of all intervention → impact paths (0 to 1)."""
    dependent_results: list[str]
    """Results that lose all support from interventions if the assumption fails (those resting on it
    included), in causal order."""


@while_paused
def assumption_criticality(model: Model, dag: CausalDag) -> list[AssumptionCriticality]:
    """Criticality of every assumption, most critical first (ties in model order)."""
    links: dict[str, list[Edge]] = {a: [] for a in model.assumptions}
    for edge, carried in dag.edge_assumptions.items():
        for assumption in dict.fromkeys(carried):
            links.setdefault(assumption, []).append(edge)
    holders: dict[str, list[str]] = {a: [] for a in links}
    for section in ("interventions", "outputs", "outcomes", "impact"):
        for item_id, item in getattr(model, section).items():
            for assumption in dict.fromkeys(item.assumptions):
                if item_id in dag.kind:
                    holders.setdefault(assumption, []).append(item_id)
                    links.setdefault(assumption, [])
    found = [_criticality(dag, a, links[a], holders.get(a, [])) for a in links]
    return sorted(found, key=lambda c: -c.share)


def _criticality(dag: CausalDag, assumption: str, edges: list[Edge], nodes: list[str]) -> AssumptionCriticality:
    after = recount(dag, nodes=nodes, edges=edges)
    lost = dag.total - after.total
    return AssumptionCriticality(assumption, edges, nodes, lost, share(lost, dag.total), _lost(dag, after, nodes))


def _lost(dag: CausalDag, after: Recount, failed: Iterable[str]) -> list[str]:
    """Results that had support from some intervention and have none after: those left without a supported
    cause, and those in `failed` (results resting on a failed assumption), in causal order."""
    lost = set(after.unsupported(dag))
    lost.update(n for n in failed if dag.kind[n] != "intervention" and dag.into[n] > 0)
    return sorted(lost, key=dag.position.__getitem__)


@dataclass(frozen=True)
class WhatIf:
    """What happens to the theory of change when some things are taken away."""

    without: list[str]
    unsupported: list[str]
    """Results that lose all support from interventions, in causal order: those left without a supported
    cause, and those resting on an assumption taken away (not the results taken away themselves)."""
    paths_before: int
    paths_after: int
    share_after: float
    """Share of the original intervention → impact paths that remain."""


def what_if(model: Model, dag: CausalDag, without: Iterable[str]) -> WhatIf:
    """Take away assumptions, interventions, results, links (`from->to`) or actors (the interventions they
    lead), and recount.

    Raises:
        KeyError: an id names nothing that can be taken away; the message says which.
    """
    names = list(without)
    named = {name for name in names if name in dag.kind}
    carriers: set[str] = set()
    edges: set[Edge] = set()
    for name in names:
        found_nodes, found_edges = _resolve(model, dag, name)
        carriers |= found_nodes - named
        edges |= found_edges
    after = recount(dag, nodes=named | carriers, edges=edges)
    unsupported = _lost(dag, after, carriers)
    return WhatIf(names, unsupported, dag.total, after.total, share(after.total, dag.total))


def _resolve(model: Model, dag: CausalDag, name: str) -> tuple[set[str], set[Edge]]:
    if name in dag.kind:
        return {name}, set()
    name = name.replace("→", "->")  # the tables print links with an arrow
    if "->" in name:
        source, _, target = (part.strip() for part in name.partition("->"))
        if (source, target) in dag.edge_assumptions:
            return set(), {(source, target)}
        raise KeyError(f"no causal link `{source}` -> `{target}`")
    if name in model.assumptions:
        edges = {e for e, carried in dag.edge_assumptions.items() if name in carried}
        nodes = {
            i
            for s in ("interventions", "outputs", "outcomes", "impact")
            for i, item in getattr(model, s).items()
            if name in item.assumptions and i in dag.kind
        }
        return nodes, edges
    if name in model.actors:  # the actor drops out: what it leads stops
        return {i for i, item in model.interventions.items() if item.lead == name and i in dag.kind}, set()
    hint = did_you_mean(name, [*dag.kind, *model.assumptions, *model.actors])
    raise KeyError(
        f"`{name}` is not an assumption, intervention, result, actor or link (`from->to`)"
        + (f"; {hint}" if hint else "")
    )


@dataclass(frozen=True, slots=True)
class SinglePoint:
    """A result or link that every intervention → impact path passes through."""

    kind: str
    """`intervention`, `output`, `outcome` or `link`."""
    id: str
    """The node id, or `from->to` for a link."""


def single_points_of_failure(dag: CausalDag) -> list[SinglePoint]:
    """Nodes (other than the impact) and links on every intervention → impact path, in causal order.

    A node is on every path exactly when the paths through it are all the paths: these are the dominators
    of the impact in the graph with one source feeding every intervention.
    """
    total = dag.total
    if total == 0:
        return []
    found: list[SinglePoint] = []
    for node in dag.order:
        if dag.kind[node] != "impact" and dag.through_node(node) == total:
            found.append(SinglePoint(dag.kind[node], node))
        for nxt in dag.succ[node]:
            if dag.through_edge((node, nxt)) == total:
                found.append(SinglePoint("link", f"{node}->{nxt}"))
    return found
