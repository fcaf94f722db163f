"""Logframe documents: the model's logical framework as HTML, Markdown, Word or Excel, in a donor's layout.

`build.build_context` gathers everything into a typed `LogframeContext`; `styles` lays out the matrix in
the EU, UNDP or DFID columns; HTML and Markdown come from Jinja2 templates, Word and Excel from writers.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from tempfile import gettempdir

from markupsafe import Markup

from ...analysis import analyse
from ...analysis.progress import progress as measure_progress
from ...diagnostics import Report
from ...errors import RenderError
from ...i18n import Messages, shipped_languages
from ...rules.validate import validate
from ...schema import Model
from ...schema.monitoring import Thresholds
from ...schema.text import Translator
from .. import charts
from ..diagram import DiagramError, diagram
from ..diagram.mermaid import to_mermaid
from ..diagram.views import build_scene
from .build import STYLES, build_context
from .context import LogframeContext
from .sections import document_sections
from .tables import cell_lines

FORMATS = ("html", "md", "docx", "xlsx")


DOCUMENT_HEIGHT = 600
"""Height in pixels of the frame that shows an HTML logframe in a notebook."""


def document_html(content: bytes) -> str:
    """An HTML document shown inside a notebook: in a frame of its own, so that its styles stay in it.

    Args:
        content: A whole HTML document.

    Returns:
        An `<iframe>` whose `srcdoc` is the document, escaped, with scripts not allowed to run.
    """
    source = escape(content.decode("utf-8", errors="replace"))
    return f'<iframe srcdoc="{source}" sandbox="" style="width: 100%; height: {DOCUMENT_HEIGHT}px; border: 0"></iframe>'


@dataclass(frozen=True)
class Document:
    """A rendered logframe, as `logframe` returns it; in a notebook an HTML or Markdown one shows as itself."""

    content: bytes
    """The document's bytes: UTF-8 text for `html` and `md`, an Office file for `docx` and `xlsx`."""
    output_format: str
    """`html`, `md`, `docx` or `xlsx`."""
    missing_translations: list[str] = field(default_factory=list)
    """Texts shown in the main language because they lack the language asked for."""
    notes: list[str] = field(default_factory=list)
    """Things the reader of the command should know (a diagram left out, and why)."""

    def _repr_html_(self) -> str | None:
        """An HTML logframe in a frame of its own, for Jupyter; None for the other formats."""
        return document_html(self.content) if self.output_format == "html" else None

    def _repr_markdown_(self) -> str | None:
        """A Markdown logframe's text, for Jupyter; None for the other formats."""
        return self.content.decode("utf-8") if self.output_format == "md" else None


def _drawing(model: Model, lang: str | None, engine: str, output_format: str, notes: list[str]) -> bytes:
    """The theory-of-change diagram, or nothing (with a note saying why) when it cannot be drawn."""
    try:
        return diagram(model, view="toc", output_format=output_format, lang=lang, engine=engine).content
    except DiagramError as error:
        notes.append(f"the diagram was left out: {error}")
        return b""


def _svg(model: Model, lang: str | None, engine: str, notes: list[str]) -> str:
    text = _drawing(model, lang, engine, "svg", notes).decode("utf-8")
    return text[text.find("<svg") :] if text else ""


def _mermaid(model: Model, lang: str | None) -> str:
    languages = model.model.languages
    scene = build_scene(model, Translator(lang or languages[0], languages[0]), view="toc")
    return "```mermaid\n" + to_mermaid(scene) + "```"


def render_template(
    context: LogframeContext, name: str, *, templates: str | os.PathLike[str] | None, **extra: object
) -> str:
    """Render a template of the shipped (or the user's) folder with the context."""
    from ..templates import environment

    env = environment(templates)
    say = context.say
    env.filters["lines"] = cell_lines
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=say, ngettext=lambda one, many, n, **values: say(one if n == 1 else many, **values), newstyle=True
    )
    return env.get_template(name).render(lf=context, sections=document_sections(context), **extra)


def logframe(
    model: Model,
    *,
    output_format: str = "html",
    style: str = "eu",
    lang: str | None = None,
    templates: str | os.PathLike[str] | None = None,
    engine: str = "auto",
    report: Report | None = None,
    thresholds: Thresholds | None = None,
) -> Document:
    """Render the logframe of a model.

    Args:
        model: The model.
        output_format: One of `FORMATS`: `html`, `md`, `docx` or `xlsx`.
        style: The matrix layout, one of `STYLES`: `eu`, `undp` or `dfid`.
        lang: Language of the texts (default: the model's first language).
        templates: A folder of templates overriding the shipped ones (HTML and Markdown), run sandboxed.
            Word and Excel documents are written by `docx.write_docx` and `xlsx.write_xlsx`, not templates.
        engine: The layout engine for the diagram (see `tocmodel.render.diagram`).
        report: The validation report to summarise (validated here when not given).
        thresholds: Where the progress statuses start (`[progress]` of a `tocmodel.toml`; default
            `Thresholds()`), for a model with actuals.

    Returns:
        The document, with its bytes (`content`, the same for the same model), its format, the texts that lack
            the language asked for and notes such as a diagram left out. In a notebook an HTML or Markdown
            logframe shows as the document.

    Raises:
        ValueError: unknown format or style.
        RenderError: a user template has a problem or tries something the sandbox refuses, or the scratch
            files of a workbook cannot be written; the message says which, and where.

    Examples:
        >>> import tocmodel
        >>> model = tocmodel.load(tocmodel.shipped_model_path())
        >>> page = tocmodel.logframe(model)
        >>> page.content[:15], page.notes
        (b'<!DOCTYPE html>', [])
        >>> french = tocmodel.logframe(model, output_format="md", lang="fr")
        >>> french.content.decode().splitlines()[0]
        "# Modèle national d'intervention sur les déchets électroniques"
        >>> workbook = tocmodel.logframe(model, output_format="xlsx", style="undp")
        >>> workbook.content[:2]  # a zip archive, as every .xlsx and .docx file
        b'PK'
        >>> tocmodel.logframe(model, output_format="pdf")
        Traceback (most recent call last):
        ...
        ValueError: format must be one of ('html', 'md', 'docx', 'xlsx') and style one of ('eu', 'undp', 'dfid')
    """
    if output_format not in FORMATS or style not in STYLES:
        raise ValueError(f"format must be one of {FORMATS} and style one of {STYLES}")
    notes: list[str] = []
    svg = _svg(model, lang, engine, notes) if output_format == "html" else ""
    png = _drawing(model, lang, engine, "png", notes) if output_format == "docx" else b""
    analysis = analyse(model)
    measured = (
        measure_progress(model, thresholds=thresholds, criticality=analysis.criticality) if model.actuals else None
    )
    if measured is not None and output_format in ("html", "md", "docx") and not charts.available():
        notes.append(charts.MISSING)
    context = build_context(
        model,
        analysis,
        report or validate(model),
        lang=lang,
        style=style,
        diagram_svg=svg,
        diagram_png=png,
        diagram_note="; ".join(notes),
        progress=measured,
    )
    content = _rendered(context, output_format, model, templates)
    notes.extend(fixed_text_notes(context.say))
    return Document(content, output_format, context.missing_translations, notes)


def fixed_text_notes(say: Messages) -> list[str]:
    """What to tell the reader about the document's fixed texts: a language without catalogue, messages missing."""
    if not say.shipped:
        shipped = ", ".join(shipped_languages())
        return [f"tocmodel has no catalogue for `{say.language}` ({shipped}): headings and labels are in English"]
    if say.missing:
        return [
            f"{len(say.missing)} fixed texts have no `{say.language}` translation, shown in English: "
            + "; ".join(say.missing)
        ]
    return []


def _rendered(
    context: LogframeContext, output_format: str, model: Model, templates: str | os.PathLike[str] | None
) -> bytes:
    """`_content`, with what can go wrong in a user's template or the scratch files said as a `RenderError`."""
    from jinja2 import TemplateError, TemplateSyntaxError
    from jinja2.exceptions import SecurityError
    from lxml.etree import SerialisationError

    try:
        return _content(context, output_format, model, templates)
    except SecurityError as error:
        raise RenderError(f"the template tried something not allowed in the sandbox: {error}") from None
    except TemplateError as error:
        where = f" ({error.filename}, line {error.lineno})" if isinstance(error, TemplateSyntaxError) else ""
        raise RenderError(f"template problem{where}: {error}") from None
    except (UnicodeDecodeError, OSError, RecursionError) as error:
        raise RenderError(f"cannot render the template: {error}") from None
    except SerialisationError as error:  # openpyxl writes each sheet to a scratch file first
        message = f"cannot write the workbook's scratch files in {gettempdir()}: {io_reason(error)}"
        with _unraisable_ignored():  # the half-written sheet's writer fails the same way again when freed
            error.__traceback__ = None
            gc.collect()
    raise RenderError(message)


@contextlib.contextmanager
def _unraisable_ignored() -> Iterator[None]:
    previous = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        yield
    finally:
        sys.unraisablehook = previous


def io_reason(error: Exception) -> str:
    """An lxml input/output error (`IO_EFBIG`) as the system words it (`File too large`)."""
    code = getattr(errno, str(error).removeprefix("IO_"), None)
    return os.strerror(code) if isinstance(code, int) else str(error)


def _content(
    context: LogframeContext, output_format: str, model: Model, templates: str | os.PathLike[str] | None
) -> bytes:
    if output_format == "docx":
        from .docx import write_docx

        return write_docx(context)
    if output_format == "xlsx":
        from .xlsx import write_xlsx

        return write_xlsx(context)
    drawn = charts.available()
    if output_format == "html":
        text = render_template(
            context,
            "logframe.html.j2",
            templates=templates,
            diagram=Markup(context.diagram_svg),
            chart_svg=lambda chart: Markup(charts.svg(chart) if drawn else ""),
        )
    else:
        text = render_template(
            context,
            "logframe.md.j2",
            templates=templates,
            diagram_note=_mermaid(model, context.language),
            chart_uri=lambda chart: charts.svg_uri(chart) if drawn else "",
        )
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text.encode("utf-8", errors="replace")


__all__ = ["FORMATS", "STYLES", "Document", "LogframeContext", "build_context", "logframe"]
