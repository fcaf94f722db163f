"""The views of a model: which nodes and edges each diagram shows (`toc`, `problem-tree`, `pathway`, ...)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import networkx as nx

from ...analysis.risk import risk_targets
from ...errors import UsageError
from ...graph import build_graph, reachable
from ...i18n import N_, Messages, messages
from ...schema import RESULT_SECTIONS, Model
from ...schema.monitoring import Thresholds
from ...schema.text import Translator
from ...suggest import did_you_mean
from ..numbering import assumption_numbers
from ..words import WORDS
from .scene import LEVEL_STYLE, OVERLAYS, RISK_BANDS, STATUS_STYLE, Scene, SceneEdge, SceneNode, TimelineRow

VIEWS = ("toc", "problem-tree", "pathway", "stage", "actor", "plan")
"""Every view, in the order the CLI lists them."""

FOCUSED = {"pathway": "a result or intervention", "stage": "a stage", "actor": "an actor"}
"""Views that need `--focus`, and what it must name."""


class _Builder:
    """Collects a scene's nodes and edges from the model."""

    def __init__(self, model: Model, tr: Translator, *, clusters: bool) -> None:
        self.model = model
        self.tr = tr
        self.graph = build_graph(model)
        self.use_clusters = clusters
        self.targets = risk_targets(model)
        self.numbers = assumption_numbers(model)
        self.badged: set[str] = set()
        """The assumptions drawn as badges so far: the ones the legend explains."""

    def node(self, node_id: str, *, focus: bool = False) -> SceneNode:
        kind = self.graph.nodes[node_id]["kind"]
        if kind == "root_cause":
            return SceneNode(node_id, kind, self.tr(self.model.root_causes[node_id].title, where=node_id), focus=focus)
        section = {"intervention": "interventions", "output": "outputs", "outcome": "outcomes"}.get(kind, kind)
        item = getattr(self.model, section)[node_id]
        scored = [(self.model.risks[r].score, r) for r in self.targets.get(node_id, []) if r in self.model.risks]
        found = SceneNode(node_id, kind, self.tr(item.title, where=node_id), focus=focus)
        found.risks = [r for _, r in sorted(scored, key=lambda s: (-s[0], s[1]))]
        found.risk_score = max((s for s, _ in scored), default=0)
        if kind == "intervention":
            found.details = self._intervention_details(node_id)
            found.cluster = item.stage if self.use_clusters and item.stage in self.model.stages else None
        return found

    def _intervention_details(self, intervention_id: str) -> list[str]:
        item = self.model.interventions[intervention_id]
        lead = self.model.actors.get(item.lead or "")
        say = messages(self.tr.language)
        details = [say("lead: %(actor)s", actor=lead.short or self.tr(lead.name))] if lead else []
        years = self.model.intervention_years(intervention_id)
        if years:
            details.append(str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}")
        return details

    def badge_numbers(self, assumptions: Iterable[str]) -> list[int]:
        """The model-wide numbers of a link's assumptions (unknown ids left out), noted for the legend."""
        known = [a for a in dict.fromkeys(assumptions) if a in self.numbers]
        self.badged.update(known)
        return [self.numbers[a] for a in known]

    def edges(self, nodes: set[str]) -> list[SceneEdge]:
        found = []
        for source, target, data in self.graph.edges(data=True):
            if source not in nodes or target not in nodes:
                continue
            if data["relation"] == "addresses":  # drawn from the cause to the intervention that addresses it
                found.append(SceneEdge(target, source, "addresses"))
            elif data["relation"] == "leads_to":
                badges = self.badge_numbers(data["assumptions"])
                found.append(SceneEdge(source, target, "leads_to", badges, bool(data["feedback"])))
        return found

    def scene(self, title: str, view: str, node_ids: Iterable[str], *, focus: str | None = None) -> Scene:
        ordered = [n for n in self.graph if n in set(node_ids)]
        nodes = [self.node(n, focus=n == focus) for n in ordered]
        edges = self.edges(set(ordered))
        used_stages = {n.cluster for n in nodes if n.cluster}
        clusters = {s: self.tr(stage.title, where=s) for s, stage in self.model.stages.items() if s in used_stages}
        legend = [
            (number, a, self.tr(self.model.assumptions[a].statement, where=a))
            for a, number in self.numbers.items()
            if a in self.badged
        ]
        return Scene(title, view, nodes, edges, clusters, legend)


def _leads_to_only(graph: nx.DiGraph[str]) -> nx.DiGraph[str]:
    """Every node of the graph, with its `leads_to` edges only."""
    causal: nx.DiGraph[str] = nx.DiGraph()
    causal.add_nodes_from(graph)
    causal.add_edges_from((u, v) for u, v, d in graph.edges(data=True) if d["relation"] == "leads_to")
    return causal


def _title(model: Model, tr: Translator, what: str, **values: object) -> str:
    """The model's title and what the view shows (a message, filled from `values`), in the diagram's language."""
    return f"{tr(model.model.title, where='model.title')} — {messages(tr.language)(what, **values)}"


def toc_view(model: Model, tr: Translator, *, clusters: bool = True) -> Scene:
    """The whole theory of change, ranked by level, interventions grouped by stage."""
    builder = _Builder(model, tr, clusters=clusters)
    return builder.scene(_title(model, tr, N_("theory of change")), "toc", builder.graph.nodes)


def pathway_view(model: Model, tr: Translator, focus: str, *, clusters: bool = True) -> Scene:
    """Everything upstream and downstream of one result or intervention, and the causes addressed."""
    builder = _Builder(model, tr, clusters=clusters)
    causal = _leads_to_only(builder.graph)
    keep = reachable(causal, [focus]) | reachable(causal, [focus], reverse=True)
    causes = {c for i in keep if i in model.interventions for c in builder.graph.succ[i] if c in model.root_causes}
    return builder.scene(
        _title(model, tr, N_("pathway of %(focus)s"), focus=focus), "pathway", keep | causes, focus=focus
    )


def stage_view(model: Model, tr: Translator, focus: str) -> Scene:
    """One stage's interventions, the causes they address and everything they lead to."""
    builder = _Builder(model, tr, clusters=True)
    interventions = [i for i, item in model.interventions.items() if item.stage == focus and i in builder.graph]
    # `leads_to` links only: following `causes` too would add the parents of the causes addressed, unlinked.
    downstream = reachable(_leads_to_only(builder.graph), interventions)
    causes = {c for i in interventions for c in builder.graph.succ[i] if c in model.root_causes}
    stage_title = tr(model.stages[focus].title, where=focus)
    return builder.scene(_title(model, tr, N_("stage: %(stage)s"), stage=stage_title), "stage", downstream | causes)


def actor_view(model: Model, tr: Translator, focus: str) -> Scene:
    """What one actor leads and supports, and what that leads to."""
    builder = _Builder(model, tr, clusters=True)
    led = [i for i, item in model.interventions.items() if item.lead == focus and i in builder.graph]
    supported = [i for i, item in model.interventions.items() if focus in item.support and i in builder.graph]
    outputs = {o for i in [*led, *supported] for o in builder.graph.succ[i] if o not in model.root_causes}
    actor = model.actors[focus]
    scene = builder.scene(
        _title(model, tr, N_("actor: %(actor)s"), actor=tr(actor.name)), "actor", {*led, *supported, *outputs}
    )
    scene.nodes.insert(0, SceneNode(focus, "actor", tr(actor.name, where=focus), focus=True))
    scene.edges[:0] = [SceneEdge(focus, i, "leads") for i in led] + [
        SceneEdge(focus, i, "supports") for i in supported if i not in led
    ]
    return scene


def problem_tree_view(model: Model, tr: Translator) -> Scene:
    """The core problem at the top, its root causes below, deeper causes below those (a cause that feeds
    several has an arrow to each)."""
    core = model.problem.core if model.problem else messages(tr.language)("Core problem")
    nodes = [SceneNode("problem", "problem", tr(core, where="problem.core"))]
    edges = []
    for cause_id, cause, path in model.iter_root_causes():
        nodes.append(SceneNode(cause_id, "root_cause", tr(cause.title, where=cause_id)))
        if len(path) <= 3:  # a cause of the core problem itself
            edges.append(SceneEdge(cause_id, "problem", "causes"))
    edges.extend(SceneEdge(edge.source, edge.target, "causes") for edge in model.cause_links)
    return Scene(_title(model, tr, N_("problem tree")), "problem-tree", nodes, edges, direction="BT")


def plan_view(model: Model, tr: Translator) -> Scene:
    """The plan as a timeline: one row per stage and intervention, one column per year."""
    years = list(model.plan_years)
    rows = []
    for stage_id, stage in model.stages.items():
        first, last = model.calendar(stage.years)
        rows.append(
            TimelineRow(stage_id, "stage", tr(stage.title, where=stage_id), [first <= y <= last for y in years])
        )
        for intervention_id, item in model.interventions.items():
            span = model.intervention_years(intervention_id) if item.stage == stage_id else None
            if span:
                running = [span[0] <= y <= span[1] for y in years]
                rows.append(
                    TimelineRow(intervention_id, "intervention", tr(item.title, where=intervention_id), running)
                )
    what = _title(model, tr, N_("plan %(first)s–%(last)s"), first=years[0], last=years[-1])
    return Scene(what, "plan", [], [], timeline=rows, years=years)


def build_scene(
    model: Model,
    tr: Translator,
    *,
    view: str,
    focus: str | None = None,
    clusters: bool = True,
    overlay: str | None = None,
    thresholds: Thresholds | None = None,
) -> Scene:
    """The scene of one view, with `overlay` laid over it (`progress`: each result coloured by its status, with
    `thresholds`).

    Raises:
        UsageError: the view or overlay is unknown, the view needs `focus`, or `focus` names nothing of the
            right kind.
    """
    if view not in VIEWS:
        raise UsageError(f"unknown view `{view}`; choose one of {', '.join(VIEWS)}")
    if overlay is not None and overlay not in OVERLAYS:
        raise UsageError(f"unknown overlay `{overlay}`; choose one of {', '.join(OVERLAYS)}")
    if view in FOCUSED:
        focus = _check_focus(model, view, focus)
    builders: dict[str, Callable[[], Scene]] = {
        "toc": lambda: toc_view(model, tr, clusters=clusters),
        "problem-tree": lambda: problem_tree_view(model, tr),
        "pathway": lambda: pathway_view(model, tr, str(focus), clusters=clusters),
        "stage": lambda: stage_view(model, tr, str(focus)),
        "actor": lambda: actor_view(model, tr, str(focus)),
        "plan": lambda: plan_view(model, tr),
    }
    scene = builders[view]()
    say = messages(tr.language)
    scene.words = legend_words(say)
    if overlay == "progress":
        _progress_overlay(model, scene, say, thresholds)
    return scene


def _progress_overlay(model: Model, scene: Scene, say: Messages, thresholds: Thresholds | None) -> None:
    """Each result of the scene coloured by its status, and its status said under its title."""
    from ...analysis.progress import progress

    found = progress(model, thresholds=thresholds)
    statuses = {r.result: r.status for r in found.results}
    scene.overlay, scene.as_of = "progress", found.as_of
    for node in scene.nodes:
        status = statuses.get(node.id)
        if status in STATUS_STYLE:
            node.status = status
            node.details = [*node.details, say(WORDS[status])]
    scene.words |= {status: say(WORDS[status]) for status in STATUS_STYLE}
    scene.words["progress"] = (
        say("Progress at %(year)s", year=found.as_of) if found.as_of else say("Progress: no actual reported yet")
    )


def legend_words(say: Messages) -> dict[str, str]:
    """The words a diagram writes besides the model's texts, in its language: see `Scene.words`."""
    bands = ", ".join(f"{say(WORDS[name])} ≥ {lowest}" for lowest, name, _ in RISK_BANDS)
    words = {kind: say(label) for kind, (label, _, _) in LEVEL_STYLE.items()}
    return words | {
        "risk": say("highest risk score on the box (%(bands)s)", bands=bands),
        "risk score": say("risk %(score)s"),
        "assumptions": say("Assumptions"),
        "leads": say("leads"),
        "supports": say("supports"),
    }


def _check_focus(model: Model, view: str, focus: str | None) -> str:
    candidates = {
        "pathway": [i for s in RESULT_SECTIONS for i in getattr(model, s)],
        "stage": list(model.stages),
        "actor": list(model.actors),
    }[view]
    if focus is None:
        raise UsageError(f"the {view} view needs --focus with {FOCUSED[view]}")
    if focus not in candidates:
        hint = did_you_mean(focus, candidates) or f"choose {FOCUSED[view]} of the model"
        raise UsageError(f"`{focus}` is not {FOCUSED[view]}; {hint}")
    return focus
