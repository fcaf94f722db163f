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
from .lineage import DroppedFromGeneric
from .monitoring import (
    ActualOutsidePlan,
    ActualWrongKind,
    MissingActual,
    PeriodReportedTwice,
    UndeclaredDisaggregation,
    UnknownIndicatorActual,
)
from .plan import EffectBeforeCause, InterventionOutsideStage, OutsideHorizon, StageCycle, StageOrder
from .references import (
    CauseFeedsItself,
    DanglingReference,
    DuplicateCauseLink,
    DuplicateId,
    WrongKindReference,
)
from .standards import ContradictsStandard, StandardWithoutDirection, UnknownStandard
from .weighting import WeightingTotal

BUILTIN_RULES: tuple[type[Rule], ...] = (
    DanglingReference,
    WrongKindReference,
    DuplicateId,
    UnaddressedRootCause,
    CauseFeedsItself,
    DuplicateCauseLink,
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
    UnknownIndicatorActual,
    ActualOutsidePlan,
    ActualWrongKind,
    PeriodReportedTwice,
    UndeclaredDisaggregation,
    MissingActual,
    UnknownStandard,
    ContradictsStandard,
    StandardWithoutDirection,
    UnmitigatedHighRisk,
    InterventionWithoutLead,
    UnusedActor,
    UnusedAssumption,
    MissingTranslation,
)
"""Every built-in rule, in code order."""

LINEAGE_RULES: tuple[type[Rule], ...] = (DroppedFromGeneric,)
"""Notes on how a model extends another: run by `tocmodel check`, not by `validate()` (see `rules.lineage`)."""

CHECK_RULES: tuple[type[Rule], ...] = (*BUILTIN_RULES, *LINEAGE_RULES)
"""Every rule `tocmodel check` runs."""

__all__ = ["BUILTIN_RULES", "CHECK_RULES", "LINEAGE_RULES", "Context", "Rule"]
