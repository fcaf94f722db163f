"""Diagrams of a model: a view selects what to show (`views`), `dot` and `mermaid` write it as text, and a
layout engine (`engine`) draws SVG, PNG or PDF from the DOT text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...schema import Model
from ...schema.monitoring import Thresholds
from ...schema.text import Translator
from .dot import to_dot
from .engine import DEFAULT_TIMEOUT, ENGINES, DiagramError, find_engine, layout
from .mermaid import MERMAID_VIEWS, to_mermaid
from .views import FOCUSED, VIEWS, build_scene

FORMATS = ("svg", "png", "pdf", "dot", "mermaid")


def svg_element(content: bytes) -> str:
    """The `<svg>` element of an SVG file, without the XML declaration, doctype and comments before it.

    Args:
        content: An SVG file, as a layout engine writes it.

    Returns:
        The text from `<svg` on, fit to place inside an HTML page.
    """
    text = content.decode("utf-8")
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


@dataclass(frozen=True)
class Drawing:
    """A drawn diagram and how it was made, as `diagram` returns it; in a notebook an SVG or PNG drawing shows as
    its picture, Mermaid text as a diagram where JupyterLab draws Mermaid."""

    content: bytes
    """The drawing's bytes: SVG, PNG or PDF, or DOT or Mermaid text in UTF-8."""
    output_format: str
    """`svg`, `png`, `pdf`, `dot` or `mermaid`."""
    engine: str | None
    """The engine that laid it out (with its version), or None for DOT and Mermaid text."""
    missing_translations: list[str] = field(default_factory=list)
    """Texts shown in the main language because they lack the language asked for."""

    def _repr_svg_(self) -> str | None:
        """An SVG drawing as an `<svg>` element, for Jupyter; None for the other formats."""
        return svg_element(self.content) if self.output_format == "svg" else None

    def _repr_png_(self) -> bytes | None:
        """A PNG drawing's bytes, for Jupyter; None for the other formats."""
        return self.content if self.output_format == "png" else None

    def _repr_markdown_(self) -> str | None:
        """Mermaid text as a fenced `mermaid` block, which JupyterLab draws; None for the other formats."""
        return f"```mermaid\n{self.content.decode('utf-8')}```" if self.output_format == "mermaid" else None


def diagram(
    model: Model,
    *,
    view: str = "toc",
    focus: str | None = None,
    output_format: str = "svg",
    lang: str | None = None,
    engine: str = "auto",
    clusters: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    overlay: str | None = None,
    thresholds: Thresholds | None = None,
) -> Drawing:
    """Draw one view of a model.

    Args:
        model: The model.
        view: One of `VIEWS`: `toc` (the whole theory of change), `problem-tree`, `pathway`, `stage`,
            `actor` or `plan`.
        focus: The result, stage or actor a `pathway`, `stage` or `actor` view is about.
        output_format: One of `FORMATS`: `svg`, `png`, `pdf`, `dot` or `mermaid`.
        lang: Language of the texts (default: the model's first language).
        engine: `auto` (`dot` if installed, else `graphviz-pure`), `dot` or `graphviz-pure`.
        clusters: Group interventions by stage (keeps large layouts fast).
        timeout: Seconds the layout may take.
        overlay: `progress` colours each result by its status against the plan (see `tocmodel.analysis.progress`).
        thresholds: Where the progress statuses start (default `Thresholds()`).

    Returns:
        The drawing, with its bytes (`content`), format, the engine that laid it out and the texts that lack
            the language asked for. In a notebook an SVG or PNG drawing shows as its picture.

    Raises:
        UsageError: unknown view or overlay, or a missing or wrong focus.
        DiagramError: unknown format or engine, no engine installed, or the layout failed or took too long.

    Examples:
        >>> import tocmodel
        >>> model = tocmodel.load(tocmodel.shipped_model_path())
        >>> drawing = tocmodel.diagram(model)
        >>> drawing.output_format, drawing.engine
        ('svg', '...')
        >>> b"<svg" in drawing.content
        True
        >>> dot = tocmodel.diagram(model, view="problem-tree", output_format="dot")
        >>> print(dot.content.decode()[:30])
        digraph "problem-tree" {
        ...
        >>> dot.engine is None
        True
        >>> mermaid = tocmodel.diagram(model, view="pathway", focus="oc-formal-esm", output_format="mermaid")
        >>> print(mermaid.content.decode())
        %% National e-waste intervention model — pathway of oc-formal-esm
        flowchart LR
        ...
        >>> tocmodel.diagram(model, view="stage")
        Traceback (most recent call last):
        ...
        tocmodel.errors.UsageError: the stage view needs --focus ...
    """
    if output_format not in FORMATS:
        raise DiagramError(f"unknown format `{output_format}`; choose one of {', '.join(FORMATS)}")
    if output_format == "mermaid" and view not in MERMAID_VIEWS:
        raise DiagramError(f"Mermaid output is available for the {' and '.join(MERMAID_VIEWS)} views")
    languages = model.model.languages
    tr = Translator(lang or languages[0], languages[0])
    scene = build_scene(model, tr, view=view, focus=focus, clusters=clusters, overlay=overlay, thresholds=thresholds)
    if output_format == "mermaid":
        return Drawing(to_mermaid(scene).encode("utf-8"), output_format, None, list(dict.fromkeys(tr.missing)))
    dot_text = to_dot(scene)
    if output_format == "dot":
        return Drawing(dot_text.encode("utf-8"), output_format, None, list(dict.fromkeys(tr.missing)))
    chosen = find_engine(engine)
    content = layout(dot_text, output_format=output_format, engine=chosen, timeout=timeout)
    return Drawing(content, output_format, f"{chosen.name} ({chosen.version})", list(dict.fromkeys(tr.missing)))


__all__ = ["ENGINES", "FOCUSED", "FORMATS", "VIEWS", "DiagramError", "Drawing", "diagram", "find_engine", "layout"]
