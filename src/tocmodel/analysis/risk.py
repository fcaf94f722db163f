"""Risk exposure: the risks on each result and on everything upstream of it."""

from __future__ import annotations

from dataclasses import dataclass

from ..collector import while_paused
from ..schema import Model
from .counting import CausalDag


@dataclass(frozen=True, slots=True)
class Exposure:
    """The risks a result is exposed to."""

    result: str
    kind: str
    own: list[str]
    """Risks that name this result (or its stage, for an intervention) in `affects`."""
    upstream: list[str]
    """Risks on it or on anything with a causal path to it, highest score first."""
    highest_score: int
    """Highest likelihood × impact among `upstream` (0 when there is none)."""
    highest_risk: str | None


def risk_targets(model: Model) -> dict[str, list[str]]:
    """For each node, the risks that affect it; a risk on a stage affects the stage's interventions."""
    by_stage: dict[str, list[str]] = {}
    for intervention_id, intervention in model.interventions.items():
        if intervention.stage:
            by_stage.setdefault(intervention.stage, []).append(intervention_id)
    targets: dict[str, list[str]] = {}
    for risk_id, risk in model.risks.items():
        for affected in dict.fromkeys(risk.affects):
            for node in by_stage.get(affected, [affected]):
                targets.setdefault(node, []).append(risk_id)
    return targets


@while_paused
def risk_exposure(model: Model, dag: CausalDag) -> list[Exposure]:
    """Exposure of every node of the causal graph, in causal order.

    The highest score is carried forward by dynamic programming; the upstream lists are as long as the
    answer requires.
    """
    targets = risk_targets(model)
    score = {risk_id: risk.score for risk_id, risk in model.risks.items()}
    # each risk's place in every upstream list (highest score first), worked out once rather than per node
    rank = {risk_id: index for index, risk_id in enumerate(sorted(score, key=lambda r: (-score[r], r)))}
    upstream: dict[str, set[str]] = {}
    ranked_at: dict[str, list[str]] = {}
    found = []
    for node in dag.order:
        own = [r for r in dict.fromkeys(targets.get(node, [])) if r in score]
        sources = dag.pred[node]
        if not own and len(sources) == 1:  # most nodes: the same risks as their one cause
            upstream[node] = upstream[sources[0]]  # shared, and never changed
            ranked = ranked_at[sources[0]].copy()
        else:
            upstream[node] = set(own).union(*(upstream[p] for p in sources))
            ranked = sorted(upstream[node], key=rank.__getitem__)
        ranked_at[node] = ranked
        top = ranked[0] if ranked else None
        found.append(Exposure(node, dag.kind[node], own, ranked, score[top] if top else 0, top))
    return found
