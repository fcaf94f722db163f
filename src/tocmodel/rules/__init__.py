"""The built-in validation rules, listed explicitly (no discovery by name)."""

from __future__ import annotations

from .base import Context, Rule
from .causal import (
    BackwardLink,
    CausalCycle,
    DuplicateLink,
    LevelSkippingLink,
    LinkWithoutAssumption,
    NoPathToImpact,
    UnfedResult,
)
from .completeness import (
    InterventionWithoutLead,
    UnaddressedRootCause,
    UnmitigatedHighRisk,
    UnusedActor,
    UnusedAssumption,
)
from .indicators import (
    BaselineAfterTarget,
    IndicatorWithoutBaseline,
    IndicatorWithoutSource,
    IndicatorWithoutTarget,
    ResultWithoutIndicator,
    TargetOutsideHorizon,
)
from .language import MissingTranslation
from .plan import EffectBeforeCause, InterventionOutsideStage, OutsideHorizon, StageCycle, StageOrder
from .references import DanglingReference, DuplicateId, WrongKindReference
from .weighting import WeightingTotal

BUILTIN_RULES: tuple[type[Rule], ...] = (
    DanglingReference,
    WrongKindReference,
    DuplicateId,
    UnaddressedRootCause,
    CausalCycle,
    BackwardLink,
    NoPathToImpact,
    UnfedResult,
    LinkWithoutAssumption,
    LevelSkippingLink,
    DuplicateLink,
    OutsideHorizon,
    StageCycle,
    StageOrder,
    InterventionOutsideStage,
    EffectBeforeCause,
    TargetOutsideHorizon,
    BaselineAfterTarget,
    ResultWithoutIndicator,
    IndicatorWithoutBaseline,
    IndicatorWithoutTarget,
    IndicatorWithoutSource,
    WeightingTotal,
    UnmitigatedHighRisk,
    InterventionWithoutLead,
    UnusedActor,
    UnusedAssumption,
    MissingTranslation,
)
"""Every built-in rule, in code order."""

__all__ = ["BUILTIN_RULES", "Context", "Rule"]
