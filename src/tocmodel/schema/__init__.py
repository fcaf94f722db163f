"""The model format: pydantic models whose field docstrings are the format reference."""

from .document import FORMAT_VERSION, Model, ValidationSettings
from .plan import Actor, ActorType, Meta, Stage
from .results import (
    Assumption,
    Baseline,
    Impact,
    Indicator,
    Intervention,
    Link,
    Measurement,
    Outcome,
    Output,
    Problem,
    Result,
    Risk,
    RootCause,
)
from .types import Id, Text, Value, YearSpan
from .vocabulary import (
    LEVELS,
    LINKING_SECTIONS,
    RESULT_KIND,
    RESULT_SECTIONS,
    SECTIONS,
    TARGET_KINDS,
    Kind,
)

__all__ = [
    "FORMAT_VERSION",
    "LEVELS",
    "LINKING_SECTIONS",
    "RESULT_KIND",
    "RESULT_SECTIONS",
    "SECTIONS",
    "TARGET_KINDS",
    "Actor",
    "ActorType",
    "Assumption",
    "Baseline",
    "Id",
    "Impact",
    "Indicator",
    "Intervention",
    "Kind",
    "Link",
    "Measurement",
    "Meta",
    "Model",
    "Outcome",
    "Output",
    "Problem",
    "Result",
    "Risk",
    "RootCause",
    "Stage",
    "Text",
    "ValidationSettings",
    "Value",
    "YearSpan",
]
