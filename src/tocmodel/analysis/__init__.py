"""Causal analysis of a model: pure functions over its causal graph, linear in the model's size.

`analyse(model)` runs every section; each section is also a function of its own. `progress(model)` sets the
model's actuals against its plan (see `tocmodel.analysis.progress`).
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
from .progress import IndicatorProgress, Progress, ResultProgress, YearProgress, progress
from .risk import Exposure, risk_exposure

SECTIONS = ("pathways", "coverage", "criticality", "what_if", "single_points", "risk", "plan", "completeness")
"""Names of the analysis sections, in the order they are printed."""


@dataclass(frozen=True)
class Analysis:
    """Every section of the analysis of one model."""

    model: str
    """The model's id."""
    pathways: Pathways
    """Which interventions feed which results, and how many distinct causal paths run through each."""
    coverage: Coverage
    """Each root cause and the interventions that address it; the causes left unaddressed."""
    criticality: list[AssumptionCriticality]
    """Each assumption and the share of intervention → impact paths that rest on it."""
    what_if: WhatIf | None
    """Present when `analyse` was asked to take something away: the paths that remain, the results that fall."""
    single_points: list[SinglePoint]
    """Results and links every intervention → impact path passes through."""
    risk: list[Exposure]
    """The risks on and upstream of each result."""
    plan: Plan
    """The plan by year, the actors' workload, the critical path and effects scheduled before their causes."""
    completeness: Completeness
    """The completeness score out of 100 and what is still missing."""


def chosen_sections(asked: Iterable[str] = (), *, without: Iterable[str] = ()) -> list[str]:
    """The sections to show: those asked for (`what-if` or `what_if`), else all, what-if only with `without`.

    Examples:
        >>> chosen_sections(["what-if", "plan"])
        ['what_if', 'plan']
        >>> "what_if" in chosen_sections(), "what_if" in chosen_sections(without=["i-law"])
        (False, True)
    """
    named = [section.replace("-", "_") for section in asked]
    return named or [section for section in SECTIONS if section != "what_if" or any(True for _ in without)]


@while_paused
def analyse(model: Model, *, without: Iterable[str] = ()) -> Analysis:
    """Analyse a model that validates without causal cycles.

    Args:
        model: The model.
        without: Ids of assumptions, interventions or results, or links as `from->to`, to take away in a
            what-if section.

    Returns:
        Every section as plain data (see docs/analysis.md for what each figure means); `what_if` only when
            something was taken away. In a notebook it shows as tables.

    Raises:
        networkx.NetworkXUnfeasible: the causal links form a cycle (see rule TOC201).
        KeyError: an id in `without` names nothing that can be taken away.

    Examples:
        >>> import tocmodel
        >>> model = tocmodel.load(tocmodel.shipped_model_path())
        >>> analysis = tocmodel.analyse(model)
        >>> analysis.pathways.total_paths, analysis.completeness.score
        (34, 100)
        >>> [(row.assumption, f"{row.share:.0%}") for row in analysis.criticality[:2]]
        [('a-esm-reduces-harm', '62%'), ('a-decent-jobs', '38%')]
        >>> what_if = tocmodel.analyse(model, without=["a-data-shared", "i-pom-data"]).what_if
        >>> what_if.paths_after, what_if.paths_before, what_if.unsupported
        (31, 34, ['o-ewaste-baseline'])
        >>> tocmodel.analyse(model, without=["a-typo"])
        Traceback (most recent call last):
        ...
        KeyError: '`a-typo` is not an assumption, intervention, result, actor or link (`from->to`)'
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
    "IndicatorProgress",
    "InterventionPathways",
    "LateCause",
    "Pathways",
    "Plan",
    "Progress",
    "ResultPathways",
    "ResultProgress",
    "SinglePoint",
    "StagePlan",
    "WhatIf",
    "Workload",
    "YearPlan",
    "YearProgress",
    "analyse",
    "assumption_criticality",
    "build_dag",
    "causal_dag",
    "completeness",
    "coverage",
    "pathways",
    "plan",
    "progress",
    "recount",
    "risk_exposure",
    "share",
    "single_points_of_failure",
    "what_if",
]
