"""Counting causal paths without enumerating them.

The number of paths from interventions to the impact grows exponentially with the model, so paths are
counted by dynamic programming over the causal DAG in topological order: `into[x]` is the number of paths
from any intervention to `x`, `onward[x]` the number from `x` to any impact. A path runs through node `x`
`into[x] * onward[x]` times and through link `(u, v)` `into[u] * onward[v]` times.

Taking things away (a what-if) only changes counts downstream of what was taken, so `recount` redoes the
forward pass over that cone alone.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

import networkx as nx

from ..collector import while_paused
from ..schema import Model

Edge = tuple[str, str]


@dataclass(frozen=True)
class CausalDag:
    """The causal links as plain adjacency lists in topological order, with path counts."""

    order: list[str]
    """Results and interventions in topological order."""
    kind: dict[str, str]
    pred: Mapping[str, Sequence[str]]
    """The sources of each node's links."""
    succ: Mapping[str, Collection[str]]
    """The targets of each node's links (in link order)."""
    edge_assumptions: dict[Edge, Sequence[str]]
    """The assumptions each link carries."""
    into: dict[str, int] = field(default_factory=dict)
    """Number of paths from any intervention to each node."""
    onward: dict[str, int] = field(default_factory=dict)
    """Number of paths from each node to any impact."""

    @cached_property
    def interventions(self) -> list[str]:
        """Interventions, in topological order."""
        return [n for n in self.order if self.kind[n] == "intervention"]

    @cached_property
    def impacts(self) -> list[str]:
        """Impact nodes."""
        return [n for n in self.order if self.kind[n] == "impact"]

    @cached_property
    def position(self) -> dict[str, int]:
        """Each node's index in the topological order."""
        return {n: i for i, n in enumerate(self.order)}

    @cached_property
    def total(self) -> int:
        """Number of distinct intervention → impact paths."""
        return sum(self.into[n] for n in self.impacts)

    def through_node(self, node: str) -> int:
        """Number of intervention → impact paths that pass through `node`."""
        return self.into[node] * self.onward[node]

    def through_edge(self, edge: Edge) -> int:
        """Number of intervention → impact paths that use `edge`."""
        return self.into[edge[0]] * self.onward[edge[1]]


def build_dag(causal: nx.DiGraph[str]) -> CausalDag:
    """Path counts over a causal graph that has no cycle (feedback links already left out).

    Raises:
        networkx.NetworkXUnfeasible: the graph has a cycle.
    """
    kind = {n: str(d["kind"]) for n, d in causal.nodes(data=True)}
    succ = {n: list(causal.succ[n]) for n in causal}
    assumptions: dict[Edge, Sequence[str]] = {
        (u, v): tuple(d.get("assumptions", ())) for u, v, d in causal.edges(data=True)
    }
    return _counted(kind, succ, assumptions)


def _counted(
    kind: dict[str, str],
    succ: Mapping[str, Collection[str]],
    assumptions: dict[Edge, Sequence[str]],
    pred: Mapping[str, Sequence[str]] | None = None,
) -> CausalDag:
    """The DAG of nodes `kind` (in graph order) and links `succ`, with path counts.

    `pred`, the sources of each node's links in graph order, is worked out from `succ` when not given.
    """
    order = topological_order(succ)
    if pred is None:
        sources: dict[str, list[str]] = {n: [] for n in kind}
        for node, targets in succ.items():  # in graph order, as a graph lists each node's predecessors
            for target in targets:
                sources[target].append(node)
        pred = sources
    dag = CausalDag(order, kind, pred, succ, assumptions)
    into, onward = dag.into, dag.onward
    for node in order:  # plain loops: this runs once per node and link of a large model
        count = int(kind[node] == "intervention")
        for source in pred[node]:
            count += into[source]
        into[node] = count
    for node in reversed(order):
        count = int(kind[node] == "impact")
        for target in succ[node]:
            count += onward[target]
        onward[node] = count
    return dag


def topological_order(succ: Mapping[str, Collection[str]]) -> list[str]:
    """The nodes in the order of `networkx.topological_sort`: generation by generation (Kahn's algorithm).

    Raises:
        networkx.NetworkXUnfeasible: the links form a cycle.
    """
    indegree = dict.fromkeys(succ, 0)
    for targets in succ.values():
        for target in targets:
            indegree[target] += 1
    generation = [n for n, degree in indegree.items() if degree == 0]
    order: list[str] = []
    while generation:
        order.extend(generation)
        following = []
        for node in generation:
            for target in succ[node]:
                indegree[target] -= 1
                if not indegree[target]:
                    following.append(target)
        generation = following
    if len(order) < len(succ):
        raise nx.NetworkXUnfeasible("Graph contains a cycle or graph changed during iteration")
    return order


@dataclass(frozen=True)
class Recount:
    """Path counts after taking nodes and links away."""

    into: dict[str, int]
    """New counts for the nodes whose count may have changed (the cone downstream of what was taken)."""
    removed_nodes: frozenset[str]
    total: int
    """Intervention → impact paths left."""

    def unsupported(self, dag: CausalDag) -> list[str]:
        """Results that had support from some intervention and now have none, in topological order."""
        return [
            n
            for n, count in self.into.items()
            if count == 0 and dag.into[n] > 0 and n not in self.removed_nodes and dag.kind[n] != "intervention"
        ]


def recount(dag: CausalDag, *, nodes: Collection[str] = (), edges: Collection[Edge] = ()) -> Recount:
    """Forward path counts with `nodes` and `edges` taken away, recomputed over their downstream cone only.

    What each node of the cone loses is pushed forward along its links, so the work is the size of the
    cone and its links, however many other links lead into it.
    """
    removed_nodes = frozenset(nodes)
    removed_edges = frozenset(edges)
    cone = _downstream(dag, [*removed_nodes, *(v for _, v in removed_edges)])
    ordered = sorted(cone, key=dag.position.__getitem__)
    lost = dict.fromkeys(ordered, 0)
    """Paths from interventions each node of the cone no longer receives."""
    for source, target in removed_edges:
        if (source, target) in dag.edge_assumptions:
            lost[target] += dag.into[source]
    for node in ordered:
        if node in removed_nodes:
            lost[node] = dag.into[node]
        for target in dag.succ[node]:
            if (node, target) not in removed_edges:
                lost[target] += lost[node]
    into = {node: dag.into[node] - lost[node] for node in ordered}
    total = sum(into.get(n, dag.into[n]) for n in dag.impacts)
    return Recount(into, removed_nodes, total)


def _downstream(dag: CausalDag, starts: Iterable[str]) -> set[str]:
    seen = {s for s in starts if s in dag.succ}
    queue = deque(seen)
    while queue:
        for nxt in dag.succ[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def share(part: int, whole: int) -> float:
    """`part / whole` as a float, exact for path counts too large for floating point; 0 when `whole` is 0."""
    return float(Fraction(part, whole)) if whole else 0.0


@while_paused
def causal_dag(model: Model) -> CausalDag:
    """The model's causal DAG with path counts: `build_dag(model_causal_graph(model))`, without the graphs;
    made once per model (the analysis and progress share it).

    Raises:
        networkx.NetworkXUnfeasible: the causal links form a cycle.
    """
    return model.derived("causal_dag", lambda: _model_dag(model))


def _model_dag(model: Model) -> CausalDag:
    from ..graph import shared_chain

    chain = shared_chain(model)
    assumptions: dict[Edge, Sequence[str]] = {
        (source, target): ref.link.assumptions
        for source, targets in chain.succ.items()
        for target, ref in targets.items()
    }
    return _counted(chain.kind, chain.succ, assumptions, chain.pred)
