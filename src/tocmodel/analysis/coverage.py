"""Root-cause coverage: which interventions address each root cause, and which causes stay open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..schema import Model
from .counting import CausalDag

CoverageStatus = Literal["addressed", "no-impact", "unaddressed"]


@dataclass(frozen=True, slots=True)
class CauseCoverage:
    """One root cause and the interventions that address it."""

    root_cause: str
    parent: str | None
    """The cause this one is a deeper cause of, if any."""
    interventions: list[str]
    """Interventions that address it directly."""
    reaching_impact: list[str]
    """Those of them with a causal path to the impact."""
    status: CoverageStatus
    """`addressed` when it or a deeper cause is addressed by an intervention that reaches the impact;
    `no-impact` when it or a deeper cause is addressed, but only by interventions that reach no impact."""


@dataclass(frozen=True)
class Coverage:
    """The root cause × intervention matrix, as one row per root cause."""

    causes: list[CauseCoverage]
    unaddressed: list[str]
    """Root causes no intervention addresses, directly or through a deeper cause."""
    without_impact: list[str]
    """Root causes addressed (directly or through a deeper cause) only by interventions that reach no impact."""


def coverage(model: Model, dag: CausalDag) -> Coverage:
    """Coverage of every root cause, nested ones included, in problem-tree order.

    A cause's status also counts its deeper causes, as rule TOC104 and the completeness score do: a cause
    is `addressed` when it or a deeper cause is addressed by an intervention that reaches the impact.
    `interventions` and `reaching_impact` list only the interventions that address the cause directly.
    """
    addressed_by: dict[str, list[str]] = {}
    for intervention_id, intervention in model.interventions.items():
        for cause in dict.fromkeys(intervention.addresses):
            addressed_by.setdefault(cause, []).append(intervention_id)
    causes = [(cause_id, str(path[-3]) if len(path) > 3 else None) for cause_id, _, path in model.iter_root_causes()]
    reaching = {c: [i for i in addressed_by.get(c, []) if dag.onward.get(i, 0) > 0] for c, _ in causes}
    status: dict[str, CoverageStatus] = {}
    for cause_id, _ in causes:
        direct: CoverageStatus = (
            "addressed" if reaching[cause_id] else ("no-impact" if addressed_by.get(cause_id) else "unaddressed")
        )
        status[cause_id] = _stronger(status.get(cause_id, "unaddressed"), direct)
    for target, source in _upward(model):  # a cause is as addressed as the deeper causes that feed it
        status[target] = _stronger(status[target], status[source])
    rows = [
        CauseCoverage(cause_id, parent, addressed_by.get(cause_id, []), reaching[cause_id], status[cause_id])
        for cause_id, parent in causes
    ]
    return Coverage(
        rows,
        unaddressed=[c.root_cause for c in rows if c.status == "unaddressed"],
        without_impact=[c.root_cause for c in rows if c.status == "no-impact"],
    )


def _upward(model: Model) -> list[tuple[str, str]]:
    """(cause, a cause that feeds it, directly or through others), every pair once: a cause's status
    counts every deeper cause, whatever way the causes feed one another."""
    fed_by: dict[str, list[str]] = {}
    for edge in model.cause_links:
        fed_by.setdefault(edge.target, []).append(edge.source)
    pairs: list[tuple[str, str]] = []
    for cause_id in fed_by:
        found: set[str] = set()
        queue = list(fed_by[cause_id])
        while queue:
            deeper = queue.pop()
            if deeper not in found and deeper != cause_id:
                found.add(deeper)
                queue.extend(fed_by.get(deeper, []))
        pairs.extend((cause_id, deeper) for deeper in found)
    return pairs


_RANK: dict[CoverageStatus, int] = {"unaddressed": 0, "no-impact": 1, "addressed": 2}


def _stronger(first: CoverageStatus, second: CoverageStatus) -> CoverageStatus:
    return first if _RANK[first] >= _RANK[second] else second
