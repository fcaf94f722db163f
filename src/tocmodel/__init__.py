"""tocmodel: theory-of-change intervention models as validated, analysable, drawable YAML.

>>> import tocmodel
>>> model = tocmodel.load("models/minimal.yaml")
>>> tocmodel.validate(model).ok
True
"""

from __future__ import annotations

from .check import check
from .diagnostics import Diagnostic, Report, Severity
from .errors import ModelLoadError, ModelValidationError, TocmodelError, UsageError
from .loader import load
from .locations import Location
from .schema import Model
from .validate import validate

__version__ = "0.1.0"

__all__ = [
    "Diagnostic",
    "Location",
    "Model",
    "ModelLoadError",
    "ModelValidationError",
    "Report",
    "Severity",
    "TocmodelError",
    "UsageError",
    "__version__",
    "check",
    "load",
    "validate",
]
