"""The model as a directed graph: `build_graph(model)` and the attribute conventions, in one place.

Nodes are root causes and results (interventions, outputs, outcomes, impact), keyed by id, with
`kind` (see `LEVELS`) and `level`. Edges carry `relation`:

- `leads_to`: a causal link from one result to the next, with `assumptions` (tuple of ids),
  `confidence`, `feedback` (bool) and `path` (where the link is written in the model);
- `addresses`: from an intervention to a root cause it addresses;
- `causes`: from a deeper cause to the cause (or root cause) it feeds.

Only references to existing things of the right kind become edges: the rules report the others.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Collection, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .collector import while_paused
from .locations import Path
from .schema import LEVELS, LINKING_SECTIONS, RESULT_KIND, RESULT_SECTIONS, TARGET_KINDS, Model
from .schema.results import Link

if TYPE_CHECKING:  # networkx is imported by the functions that build its graphs: `tocmodel check` needs none
    import networkx as nx


@dataclass(frozen=True, slots=True)
class LinkRef:
    """A causal link as written: its source, its position in the source's list, and the link."""

    source: str
    index: int
    link: Link
    section: str

    @property
    def path(self) -> Path:
        """Where the link is written."""
        return (self.section, self.source, "leads_to", self.index)


def iter_links(model: Model) -> Iterator[LinkRef]:
    """Every `leads_to` link in the model, in file order."""
    for section in LINKING_SECTIONS:
        for source, item in getattr(model, section).items():
            for index, link in enumerate(item.leads_to):
                yield LinkRef(source, index, link, section)


def result_links(model: Model, links: Iterable[LinkRef] | None = None) -> Iterator[tuple[LinkRef, str, str]]:
    """Every link to an existing result, as `(link, source kind, target kind)`.

    Links to anything else are reported by TOC101 and TOC102. `links` are `iter_links(model)`, when the
    caller has them already.
    """
    kinds = model.kinds
    for ref in iter_links(model) if links is None else links:
        target_kind = kinds.get(ref.link.to)
        if target_kind in TARGET_KINDS:
            yield ref, LINKING_SECTIONS[ref.section], target_kind


def iter_results(model: Model) -> Iterator[tuple[str, str, str]]:
    """`(id, kind, section)` of each intervention and result that becomes a node: the first definition of its id."""
    kinds = model.kinds
    for section, kind in RESULT_KIND.items():
        for item_id in getattr(model, section):
            if kinds.get(item_id) == kind:
                yield item_id, kind, section


def causal_links(
    model: Model, results: Container[str], links: Iterable[LinkRef] | None = None
) -> dict[tuple[str, str], LinkRef]:
    """The links that become `leads_to` edges, by `(source, target)`, in file order.

    A link counts when it starts at one of `results` and leads to a result. Two links between the same
    results (rule TOC207 warns of them) make one edge, at the first link's place, carrying the
    assumptions of both; it is a feedback link only if both are.

    Args:
        model: The model.
        results: The ids of the nodes the links may start at.
        links: `iter_links(model)`, when the caller has them already.
    """
    kinds = model.kinds
    edges: dict[tuple[str, str], LinkRef] = {}
    for ref in iter_links(model) if links is None else links:
        if ref.source not in results or kinds.get(ref.link.to) not in TARGET_KINDS:
            continue
        first = edges.get((ref.source, ref.link.to))
        edges[ref.source, ref.link.to] = ref if first is None else _merged(first, ref)
    return edges


def _merged(first: LinkRef, again: LinkRef) -> LinkRef:
    assumptions = list(dict.fromkeys([*first.link.assumptions, *again.link.assumptions]))
    feedback = first.link.feedback and again.link.feedback
    link = first.link.model_copy(update={"assumptions": assumptions, "feedback": feedback})
    return LinkRef(first.source, first.index, link, first.section)


def _node_data(kind: str, section: str, item_id: str) -> dict[str, Any]:
    return {"kind": kind, "level": LEVELS[kind], "path": (section, item_id)}


def _edge_data(ref: LinkRef) -> dict[str, Any]:
    link = ref.link
    return {
        "relation": "leads_to",
        "assumptions": tuple(link.assumptions),
        "confidence": link.confidence,
        "feedback": link.feedback,
        "path": ref.path,
    }


def assumption_holders(model: Model, *, sections: Iterable[str] = RESULT_SECTIONS) -> dict[str, list[str]]:
    """What each assumption is attached to: links first (`source → target`, in file order), then results.

    Args:
        model: The model.
        sections: The result sections whose own assumptions are listed, in this order.
    """
    holders: dict[str, list[str]] = {assumption: [] for assumption in model.assumptions}
    for ref in iter_links(model):
        for assumption in ref.link.assumptions:
            holders.setdefault(assumption, []).append(f"{ref.source} → {ref.link.to}")
    for section in sections:
        for item_id, item in getattr(model, section).items():
            for assumption in item.assumptions:
                holders.setdefault(assumption, []).append(item_id)
    return holders


@while_paused
def fed_causes(model: Model, causes: Iterable[str]) -> set[str]:
    """The causes given and every cause they feed, directly or through others (a problem tree is a graph: a
    cause may feed several, and loops among causes are followed once)."""
    feeds: defaultdict[str, list[str]] = defaultdict(list)
    for edge in model.cause_links:
        feeds[edge.source].append(edge.target)
    return search(feeds, list(causes))


def build_graph(model: Model) -> nx.DiGraph[str]:
    """The model's root causes and results as a directed graph (see the module docstring)."""
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    kinds = model.kinds
    for cause_id, _cause, path in model.iter_root_causes():
        graph.add_node(cause_id, kind="root_cause", level=0, path=path)
    graph.add_edges_from((edge.source, edge.target, {"relation": "causes"}) for edge in model.cause_links)
    results = {item_id: _node_data(kind, section, item_id) for item_id, kind, section in iter_results(model)}
    graph.add_nodes_from(results.items())
    graph.add_edges_from((u, v, _edge_data(ref)) for (u, v), ref in causal_links(model, results).items())
    for intervention_id, intervention in model.interventions.items():
        for cause_id in intervention.addresses:
            if kinds.get(cause_id) == "root_cause" and intervention_id in graph:
                graph.add_edge(intervention_id, cause_id, relation="addresses")
    return graph


@dataclass(frozen=True, slots=True)
class ResultChain:
    """Results and their causal links as plain dicts: the nodes and edges of `model_causal_graph`, in its order.

    Rules and analyses that only follow links read this rather than a networkx graph, which costs several
    times as much to build for a large model.
    """

    kind: dict[str, str]
    """The kind of each node (intervention, output, outcome, impact), in the graph's node order."""
    section: dict[str, str]
    """The section each node is written in."""
    succ: dict[str, dict[str, LinkRef]]
    """Each node's links, by target, in the graph's edge order (as `graph.succ`, with the link as data)."""
    pred: dict[str, list[str]]
    """The sources of the links into each node."""

    def path(self, node: str) -> Path:
        """Where the node is written."""
        return (self.section[node], node)


def result_chain(
    model: Model, links: Iterable[LinkRef] | None = None, *, include_feedback: bool = False
) -> ResultChain:
    """The results chain of `model_causal_graph(model)` as plain dicts (see `ResultChain`).

    Args:
        model: The model.
        links: `iter_links(model)`, when the caller has them already.
        include_feedback: Keep the links marked `feedback: true`.
    """
    kind: dict[str, str] = {}
    section: dict[str, str] = {}
    for item_id, item_kind, item_section in iter_results(model):
        kind[item_id] = item_kind
        section[item_id] = item_section
    succ: dict[str, dict[str, LinkRef]] = {node: {} for node in kind}
    for (source, target), ref in causal_links(model, kind, links).items():
        if include_feedback or not ref.link.feedback:
            succ[source][target] = ref
    pred: dict[str, list[str]] = {node: [] for node in kind}
    for source, targets in succ.items():
        for target in targets:
            pred[target].append(source)
    return ResultChain(kind, section, succ, pred)


@while_paused
def shared_chain(
    model: Model, links: Iterable[LinkRef] | None = None, *, include_feedback: bool = False
) -> ResultChain:
    """`result_chain(model)`, built once per model (kept on it, see `Model.derived`): validation and analysis
    read the same one. Callers must not change it.

    Args:
        model: The model.
        links: `iter_links(model)`, when the caller has them already (used only to build the chain).
        include_feedback: Keep the links marked `feedback: true`.
    """
    key = "results chain, feedback links kept" if include_feedback else "results chain"
    return model.derived(key, lambda: result_chain(model, links, include_feedback=include_feedback))


@while_paused
def model_causal_graph(model: Model, *, include_feedback: bool = False) -> nx.DiGraph[str]:
    """The results and their causal links as a networkx graph (feedback links left out by default): the nodes
    and edges of `build_graph(model)` that are results and `leads_to` links, in order, built from the shared
    results chain."""
    import networkx as nx

    chain = shared_chain(model, include_feedback=include_feedback)
    causal: nx.DiGraph[str] = nx.DiGraph()
    causal.add_nodes_from((node, _node_data(kind, chain.section[node], node)) for node, kind in chain.kind.items())
    causal.add_edges_from(
        (source, target, _edge_data(ref)) for source, targets in chain.succ.items() for target, ref in targets.items()
    )
    return causal


def reachable(graph: nx.DiGraph[str], sources: Iterable[str], *, reverse: bool = False) -> set[str]:
    """Every node reachable from `sources` (themselves included), in one breadth-first search.

    Args:
        graph: The graph to search.
        sources: Where the search starts.
        reverse: Follow edges backwards, giving the nodes from which some source is reachable.
    """
    return search(graph.pred if reverse else graph.succ, sources)


def search(neighbours: Mapping[str, Iterable[str]], sources: Iterable[str]) -> set[str]:
    """Every node reachable from `sources` (themselves included) following `neighbours`, breadth first."""
    seen = set(sources)
    queue = deque(seen)
    while queue:
        for nxt in neighbours[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def iter_cycles(succ: Mapping[str, Collection[str]]) -> Iterator[list[str]]:
    """One cycle per strongly connected component that holds one, in linear time.

    `succ` gives each node's successors, in the graph's node and edge order: a graph's `succ`, or a
    `ResultChain`'s. Each cycle starts at the component's first node in that order and is a shortest way
    back to it; its last node's edge to the first is the edge that closes it.
    """
    unordered = _unordered(succ)
    if not unordered:  # the usual case: no cycle at all
        return
    import networkx as nx

    order = {node: index for index, node in enumerate(succ)}
    rest: nx.DiGraph[str] = nx.DiGraph()
    rest.add_nodes_from(node for node in succ if node in unordered)
    rest.add_edges_from((node, nxt) for node in rest for nxt in succ[node] if nxt in unordered)
    components = [
        c for c in nx.strongly_connected_components(rest) if len(c) > 1 or next(iter(c)) in succ[next(iter(c))]
    ]
    for component in sorted(components, key=lambda c: min(order[n] for n in c)):
        yield _cycle_through(succ, min(component, key=order.__getitem__), component)


def _unordered(succ: Mapping[str, Collection[str]]) -> set[str]:
    """The nodes a topological sort cannot place: those on a cycle, or downstream of one (Kahn's algorithm).

    Every cycle lies within them, so only they need searching for strongly connected components.
    """
    indegree = dict.fromkeys(succ, 0)
    for targets in succ.values():
        for target in targets:
            indegree[target] += 1
    ready = [node for node, degree in indegree.items() if not degree]
    while ready:
        for target in succ[ready.pop()]:
            indegree[target] -= 1
            if not indegree[target]:
                ready.append(target)
    return {node for node, degree in indegree.items() if degree}


def _cycle_through(succ: Mapping[str, Collection[str]], start: str, component: set[str]) -> list[str]:
    """A shortest cycle through `start`, found by a breadth-first search inside its component."""
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in succ[node]:
            if nxt == start:
                cycle = [node]
                while cycle[-1] != start:
                    cycle.append(parent[cycle[-1]])
                return cycle[::-1]
            if nxt in component and nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    raise ValueError(f"`{start}` is on no cycle")  # unreachable: every node of a component is
