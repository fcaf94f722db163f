"""The model format: pydantic models whose field docstrings are the format reference."""

from .document import FORMAT_VERSION, RESULT_SECTIONS, SECTIONS, Kind, Model, ValidationSettings
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

__all__ = [
    "FORMAT_VERSION",
    "RESULT_SECTIONS",
    "SECTIONS",
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
