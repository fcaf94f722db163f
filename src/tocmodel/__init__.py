"""tocmodel: theory-of-change intervention models as validated, analysable, drawable YAML.

Everything a script or a notebook needs is importable from `tocmodel` itself; `__all__` lists it. The
names that draw, render or exchange a model (`diagram`, `logframe`, `export_iati`, ...) are imported on
first use, so that `import tocmodel` and `tocmodel check` stay quick.

Examples:
    >>> import tocmodel
    >>> model = tocmodel.load(tocmodel.shipped_model_path("ewaste-generic"))
    >>> report = tocmodel.validate(model)
    >>> report.ok, len(report)
    (True, 0)
    >>> tocmodel.analyse(model).completeness.score
    100
    >>> tocmodel.diagram(model, output_format="dot").content.startswith(b'digraph "toc"')
    True
    >>> tocmodel.logframe(model, output_format="md").content.startswith(b"# National e-waste")
    True
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any

from .check import check
from .diagnostics import Diagnostic, Report, Severity
from .errors import InputError, ModelLoadError, ModelValidationError, TocmodelError, UsageError
from .load.loader import LoadResult, load, load_report
from .load.shipped import shipped_model_path
from .locations import Location
from .rules.validate import validate
from .schema import Model, ValidationSettings
from .source.limits import Limits

if TYPE_CHECKING:
    from .analysis import Analysis, analyse
    from .interop import Imported, Note
    from .interop.iati import Exported, ReportingOrg, export_iati, import_iati
    from .render.diagram import DiagramError, Drawing, diagram
    from .render.logframe import Document, logframe

__version__ = "0.1.0"

_LAZY = {
    "Analysis": ".analysis",
    "analyse": ".analysis",
    "DiagramError": ".render.diagram",
    "Drawing": ".render.diagram",
    "diagram": ".render.diagram",
    "Document": ".render.logframe",
    "logframe": ".render.logframe",
    "Exported": ".interop.iati",
    "ReportingOrg": ".interop.iati",
    "export_iati": ".interop.iati",
    "import_iati": ".interop.iati",
    "Imported": ".interop",
    "Note": ".interop",
}
"""Public names imported on first use, and the module each comes from: the renderers and the IATI code
import Jinja2, lxml and the like, which loading and checking a model never need."""


def __getattr__(name: str) -> Any:
    """Import a name of `_LAZY` on first use (PEP 562), and keep it in the module.

    Raises:
        AttributeError: `name` is not part of tocmodel's API.
    """
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, those imported on first use included."""
    return sorted({*globals(), *_LAZY})


def load_ipython_extension(ipython: Any) -> None:
    """`%load_ext tocmodel`: show models as their diagram, reports and analyses as tables (see `tocmodel.notebook`)."""
    from .notebook import register

    register(ipython.display_formatter)


def _show_richly_in_ipython() -> None:
    """Inside IPython or Jupyter, which import IPython before any cell runs, register the rich displays."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None:
        load_ipython_extension(shell)


_show_richly_in_ipython()

__all__ = [
    "Analysis",
    "Diagnostic",
    "DiagramError",
    "Document",
    "Drawing",
    "Exported",
    "Imported",
    "InputError",
    "Limits",
    "LoadResult",
    "Location",
    "Model",
    "ModelLoadError",
    "ModelValidationError",
    "Note",
    "Report",
    "ReportingOrg",
    "Severity",
    "TocmodelError",
    "UsageError",
    "ValidationSettings",
    "__version__",
    "analyse",
    "check",
    "diagram",
    "export_iati",
    "import_iati",
    "load",
    "load_report",
    "logframe",
    "shipped_model_path",
    "validate",
]
