"""The analysis on random layered models, checked against brute force that lists every path.

Models are small (at most 12 results) so that every intervention → impact path can be enumerated; the
analysis counts paths by dynamic programming and must agree with the enumeration exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import pairwise
from typing import Any

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tocmodel.analysis import analyse, causal_dag, risk_exposure, what_if
from tocmodel.schema import Model

ASSUMPTIONS = ("a0", "a1", "a2", "a3")
RISKS = ("r0", "r1", "r2")
SECTIONS = {"intervention": "interventions", "output": "outputs", "outcome": "outcomes", "impact": "impact"}

Edge = tuple[str, str]
Path = tuple[str, ...]

deterministic = settings(
    max_examples=75,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@dataclass
class Drawn:
    """A random model and the plain facts the brute force works from."""

    kind: dict[str, str]
    """Every result and intervention, in an order links only go forward in."""
    edges: dict[Edge, set[str]] = field(default_factory=dict)
    """Causal (non-feedback) links and their assumptions."""
    feedback: list[Edge] = field(default_factory=list)
    carried: dict[str, set[str]] = field(default_factory=dict)
    """Assumptions each result or intervention rests on."""
    risks: dict[str, tuple[int, int, list[str]]] = field(default_factory=dict)
    """Each risk's likelihood, impact and the nodes it affects."""
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def model(self) -> Model:
        return Model.model_validate(self.data)

    def of_kind(self, kind: str) -> list[str]:
        return [n for n, k in self.kind.items() if k == kind]

    def succ(self, node: str) -> list[str]:
        return [v for u, v in self.edges if u == node]


@st.composite
def layered(draw: st.DrawFn) -> Drawn:
    """Interventions → outputs → outcomes → impacts, links going up levels (skipping some), outcomes
    linking to later outcomes, feedback links going back, and assumptions on links and results."""
    sizes = {"intervention": (1, 3), "output": (0, 3), "outcome": (0, 4), "impact": (1, 2)}
    kind: dict[str, str] = {}
    for level, (low, high) in sizes.items():
        for index in range(draw(st.integers(low, high))):
            kind[f"{level[:2]}{index}"] = level
    drawn = Drawn(kind)
    nodes = list(kind)
    for position, source in enumerate(nodes):
        if kind[source] == "impact":
            continue
        later = [n for n in nodes[position + 1 :] if kind[n] != "intervention"]
        linked = draw(st.integers(0, 3)) > 0  # most results lead somewhere, some are dead ends
        targets = draw(st.lists(st.sampled_from(later), unique=True, min_size=linked, max_size=3)) if later else []
        for target in targets:
            drawn.edges[(source, target)] = set(draw(st.lists(st.sampled_from(ASSUMPTIONS), max_size=2)))
        earlier = [n for n in nodes[:position] if kind[n] in ("output", "outcome")]
        if kind[source] != "intervention" and earlier and draw(st.integers(0, 4)) == 0:
            drawn.feedback.append((source, draw(st.sampled_from(earlier))))
    for node in nodes:
        drawn.carried[node] = set(
            draw(st.lists(st.sampled_from(ASSUMPTIONS), max_size=1 + (draw(st.integers(0, 5)) == 0)))
        )
    for risk in RISKS:
        scale = st.integers(1, 5)
        drawn.risks[risk] = (draw(scale), draw(scale), draw(st.lists(st.sampled_from(nodes), max_size=2)))
    drawn.data = _model_data(drawn)
    return drawn


def _model_data(drawn: Drawn) -> dict[str, Any]:
    data: dict[str, Any] = {"tocmodel": 1, "model": {"id": "random", "title": "Random", "start": 2027}}
    for section in SECTIONS.values():
        data[section] = {}
    for node, kind in drawn.kind.items():
        item: dict[str, Any] = {"title": node, "assumptions": sorted(drawn.carried[node])}
        links: list[Any] = [
            {"to": v, "assumptions": sorted(a)} if a else v for (u, v), a in drawn.edges.items() if u == node
        ]
        links += [{"to": v, "feedback": True} for u, v in drawn.feedback if u == node]
        if kind != "impact":
            item["leads_to"] = links
        data[SECTIONS[kind]][node] = item
    data["assumptions"] = {a: {"statement": a} for a in ASSUMPTIONS}
    data["risks"] = {
        r: {"statement": r, "category": "other", "likelihood": likelihood, "impact": impact, "affects": affects}
        for r, (likelihood, impact, affects) in drawn.risks.items()
    }
    return data


# -- brute force ------------------------------------------------------------------------------------


def walks(
    drawn: Drawn, start: str, *, nodes: AbstractSet[str] = frozenset(), edges: AbstractSet[Edge] = frozenset()
) -> Iterator[Path]:
    """Every path from `start` (itself included), avoiding `nodes` and `edges`."""
    if start in nodes:
        return
    stack: list[Path] = [(start,)]
    while stack:
        path = stack.pop()
        yield path
        for nxt in drawn.succ(path[-1]):
            if nxt not in nodes and (path[-1], nxt) not in edges:
                stack.append((*path, nxt))


def partial_paths(
    drawn: Drawn, *, nodes: AbstractSet[str] = frozenset(), edges: AbstractSet[Edge] = frozenset()
) -> list[Path]:
    """Every path that starts at an intervention."""
    return [p for i in drawn.of_kind("intervention") for p in walks(drawn, i, nodes=nodes, edges=edges)]


def full_paths(drawn: Drawn, **removed: Any) -> list[Path]:
    """Every intervention → impact path."""
    return [p for p in partial_paths(drawn, **removed) if drawn.kind[p[-1]] == "impact"]


def into(drawn: Drawn, **removed: Any) -> dict[str, int]:
    counts = dict.fromkeys(drawn.kind, 0)
    for path in partial_paths(drawn, **removed):
        counts[path[-1]] += 1
    return counts


def onward(drawn: Drawn) -> dict[str, int]:
    return {n: sum(drawn.kind[p[-1]] == "impact" for p in walks(drawn, n)) for n in drawn.kind}


def links_of(path: Path) -> list[Edge]:
    return list(pairwise(path))


def carriers(drawn: Drawn, assumptions: set[str]) -> tuple[set[str], set[Edge]]:
    """The results and interventions, and the links, that rest on any of `assumptions`."""
    nodes = {n for n, carried in drawn.carried.items() if carried & assumptions}
    edges = {e for e, carried in drawn.edges.items() if carried & assumptions}
    return nodes, edges


def lost_results(drawn: Drawn, names: list[str]) -> tuple[int, set[str]]:
    """Paths left and results that lose all support when `names` are taken away, by brute force."""
    named = {n for n in names if n in drawn.kind}
    failed, edges = carriers(drawn, {n for n in names if n in ASSUMPTIONS})
    failed -= named
    edges |= {(u, v) for u, _, v in (n.partition("->") for n in names if "->" in n)}
    before, after = into(drawn), into(drawn, nodes=named | failed, edges=edges)
    lost = {
        n
        for n, k in drawn.kind.items()
        if k != "intervention" and before[n] > 0 and n not in named and (n in failed or after[n] == 0)
    }
    return len(full_paths(drawn, nodes=named | failed, edges=edges)), lost


def in_causal_order(ids: list[str], position: dict[str, int]) -> bool:
    return [position[i] for i in ids] == sorted(position[i] for i in ids)


# -- properties -------------------------------------------------------------------------------------


@deterministic
@given(layered())
def test_path_counts(drawn: Drawn) -> None:
    dag = causal_dag(drawn.model)
    assert dag.total == len(full_paths(drawn))
    assert dag.into == into(drawn)
    assert dag.onward == onward(drawn)
    assert set(dag.edge_assumptions) == set(drawn.edges)  # feedback links left out


@deterministic
@given(layered())
def test_pathways(drawn: Drawn) -> None:
    dag = causal_dag(drawn.model)
    found = analyse(drawn.model).pathways
    reached = {i: {p[-1] for p in walks(drawn, i)} - {i} for i in drawn.of_kind("intervention")}
    assert {i.intervention: set(i.reaches) for i in found.interventions} == reached
    for row in found.results:
        assert set(row.interventions) == {i for i, r in reached.items() if row.result in r}
        assert (row.paths_from_interventions, row.paths_to_impact) == (dag.into[row.result], dag.onward[row.result])
    assert {r.result for r in found.results} == {n for n, k in drawn.kind.items() if k != "intervention"}


@deterministic
@given(layered())
def test_assumption_criticality(drawn: Drawn) -> None:
    paths = full_paths(drawn)
    found = analyse(drawn.model).criticality
    assert [c.assumption for c in found] == sorted(
        ASSUMPTIONS, key=lambda a: -next(c.paths for c in found if c.assumption == a)
    )
    for crit in found:
        nodes, edges = carriers(drawn, {crit.assumption})
        resting = [p for p in paths if nodes & set(p) or edges & set(links_of(p))]
        assert crit.paths == len(resting)
        assert crit.share == (float(Fraction(len(resting), len(paths))) if paths else 0.0)
        assert (set(crit.links), set(crit.results)) == (edges, nodes)
        assert set(crit.dependent_results) == lost_results(drawn, [crit.assumption])[1]


@deterministic
@given(layered(), st.data())
def test_what_if(drawn: Drawn, data: st.DataObject) -> None:
    names = [*drawn.kind, *(f"{u}->{v}" for u, v in drawn.edges), *ASSUMPTIONS]
    without = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=4))
    dag = causal_dag(drawn.model)
    found = what_if(drawn.model, dag, without)
    paths_after, lost = lost_results(drawn, without)
    assert (found.paths_before, found.paths_after) == (len(full_paths(drawn)), paths_after)
    assert set(found.unsupported) == lost
    assert len(found.unsupported) == len(lost)
    assert in_causal_order(found.unsupported, dag.position)


@deterministic
@given(layered())
def test_single_points_of_failure(drawn: Drawn) -> None:
    paths = full_paths(drawn)
    dag = causal_dag(drawn.model)
    found = analyse(drawn.model).single_points
    on_all_nodes = set.intersection(*(set(p) for p in paths)) if paths else set()
    on_all_links = set.intersection(*(set(links_of(p)) for p in paths)) if paths else set()
    expected = {(drawn.kind[n], n) for n in on_all_nodes if drawn.kind[n] != "impact"}
    expected |= {("link", f"{u}->{v}") for u, v in on_all_links}
    assert {(p.kind, p.id) for p in found} == expected
    assert len(found) == len(expected)
    # in causal order: a link right after its source
    sources = [p.id.partition("->")[0] for p in found]
    assert in_causal_order(sources, dag.position)
    assert dominators(drawn) == ({n for n in on_all_nodes if drawn.kind[n] != "impact"}, on_all_links)


def dominators(drawn: Drawn) -> tuple[set[str], set[Edge]]:
    """Nodes and links on every path, as the dominators of a super-sink fed by every impact, in a graph
    with a super-source feeding every intervention and a midpoint node on every link."""
    graph: nx.DiGraph[Any] = nx.DiGraph()
    source, sink = ("source",), ("sink",)
    graph.add_nodes_from([source, sink, *drawn.kind])
    graph.add_edges_from((source, i) for i in drawn.of_kind("intervention"))
    graph.add_edges_from((m, sink) for m in drawn.of_kind("impact"))
    for u, v in drawn.edges:
        graph.add_edges_from([(u, (u, v)), ((u, v), v)])
    idom = nx.immediate_dominators(graph, source)
    if sink not in idom:
        return set(), set()
    chain = []
    node = idom[sink]
    while node != source:
        chain.append(node)
        node = idom[node]
    nodes = {n for n in chain if isinstance(n, str) and drawn.kind[n] != "impact"}
    return nodes, {n for n in chain if isinstance(n, tuple)}


@deterministic
@given(layered())
def test_risk_exposure(drawn: Drawn) -> None:
    model = drawn.model
    found = risk_exposure(model, causal_dag(model))
    for row in found:
        ancestors = {p[0] for n in drawn.kind for p in walks(drawn, n) if p[-1] == row.result}
        upstream = {r for r, (_, _, affects) in drawn.risks.items() if ancestors & set(affects)}
        assert set(row.upstream) == upstream and len(row.upstream) == len(upstream)
        scores = [model.risks[r].score for r in row.upstream]
        assert scores == sorted(scores, reverse=True)
        assert row.highest_score == max(scores, default=0)
        assert row.highest_risk == (row.upstream[0] if row.upstream else None)
