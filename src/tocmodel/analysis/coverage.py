"""Root-cause coverage: which interventions address each root cause, and which causes stay open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..schema import Model
from .counting import CausalDag

CoverageStatus = Literal["addressed", "no-impact", "unaddressed"]


@dataclass(frozen=True)
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
    """`no-impact`: addressed only by interventions that reach no impact."""


@dataclass(frozen=True)
class Coverage:
    """The root cause × intervention matrix, as one row per root cause."""

    causes: list[CauseCoverage]
    unaddressed: list[str]
    """Root causes no intervention addresses."""
    without_impact: list[str]
    """Root causes addressed only by interventions that reach no impact."""


def coverage(model: Model, dag: CausalDag) -> Coverage:
    """Coverage of every root cause, nested ones included, in problem-tree order."""
    addressed_by: dict[str, list[str]] = {}
    for intervention_id, intervention in model.interventions.items():
        for cause in dict.fromkeys(intervention.addresses):
            addressed_by.setdefault(cause, []).append(intervention_id)
    rows = []
    for cause_id, _, path in model.iter_root_causes():
        parent = str(path[-3]) if len(path) > 3 else None
        interventions = addressed_by.get(cause_id, [])
        reaching = [i for i in interventions if dag.onward.get(i, 0) > 0]
        status: CoverageStatus = "addressed" if reaching else ("no-impact" if interventions else "unaddressed")
        rows.append(CauseCoverage(cause_id, parent, interventions, reaching, status))
    return Coverage(
        rows,
        unaddressed=[c.root_cause for c in rows if c.status == "unaddressed"],
        without_impact=[c.root_cause for c in rows if c.status == "no-impact"],
    )
