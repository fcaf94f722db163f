"""Causal analysis of a model: pure functions over its causal graph, linear in the model's size.

`analyse(model)` runs every section; each section is also a function of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..collector import while_paused
from ..schema import Model
from .completeness import Completeness, Criterion, completeness
from .counting import CausalDag, build_dag, causal_dag, recount, share
from .coverage import CauseCoverage, Coverage, coverage
from .criticality import (
    AssumptionCriticality,
    SinglePoint,
    WhatIf,
    assumption_criticality,
    single_points_of_failure,
    what_if,
)
from .pathways import InterventionPathways, Pathways, ResultPathways, pathways
from .plan import LateCause, Plan, StagePlan, Workload, YearPlan, plan
from .risk import Exposure, risk_exposure

SECTIONS = ("pathways", "coverage", "criticality", "what_if", "single_points", "risk", "plan", "completeness")
"""Names of the analysis sections, in the order they are printed."""


@dataclass(frozen=True)
class Analysis:
    """Every section of the analysis of one model."""

    model: str
    """The model's id."""
    pathways: Pathways
    coverage: Coverage
    criticality: list[AssumptionCriticality]
    what_if: WhatIf | None
    """Present when `analyse` was asked to take something away."""
    single_points: list[SinglePoint]
    risk: list[Exposure]
    plan: Plan
    completeness: Completeness


@while_paused
def analyse(model: Model, *, without: Iterable[str] = ()) -> Analysis:
    """Analyse a model that validates without causal cycles.

    Args:
        model: The model.
        without: Ids of assumptions, interventions or results, or links as `from->to`, to take away in a
            what-if section.

    Raises:
        networkx.NetworkXUnfeasible: the causal links form a cycle (see rule TOC201).
        KeyError: an id in `without` names nothing that can be taken away.
    """
    dag = causal_dag(model)
    cover = coverage(model, dag)
    removed = list(without)
    return Analysis(
        model=model.model.id,
        pathways=pathways(dag),
        coverage=cover,
        criticality=assumption_criticality(model, dag),
        what_if=what_if(model, dag, removed) if removed else None,
        single_points=single_points_of_failure(dag),
        risk=risk_exposure(model, dag),
        plan=plan(model),
        completeness=completeness(model, cover),
    )


__all__ = [
    "SECTIONS",
    "Analysis",
    "AssumptionCriticality",
    "CausalDag",
    "CauseCoverage",
    "Completeness",
    "Coverage",
    "Criterion",
    "Exposure",
    "InterventionPathways",
    "LateCause",
    "Pathways",
    "Plan",
    "ResultPathways",
    "SinglePoint",
    "StagePlan",
    "WhatIf",
    "Workload",
    "YearPlan",
    "analyse",
    "assumption_criticality",
    "build_dag",
    "causal_dag",
    "completeness",
    "coverage",
    "pathways",
    "plan",
    "recount",
    "risk_exposure",
    "share",
    "single_points_of_failure",
    "what_if",
]
