"""Progress charts drawn by matplotlib (the `charts` extra): an indicator's baseline, targets and actuals over
the plan's years, as SVG (HTML, Markdown) or PNG (Word). Excel draws its own charts (see `logframe.xlsx`).

The same chart is drawn once per process, and the same data always gives the same bytes.
"""

from __future__ import annotations

import base64
import io
import textwrap
from dataclasses import dataclass
from functools import cache
from typing import Any

MISSING = "the progress charts were left out: they need matplotlib (pip install 'tocmodel[charts]')"
"""The note of a document whose charts could not be drawn."""


@dataclass(frozen=True)
class Chart:
    """One indicator over the plan's years: baseline, targets and actuals (hashable, so a drawing is made once)."""

    number: str
    title: str
    unit: str
    years: tuple[int, ...]
    baseline: tuple[int, float] | None
    targets: tuple[tuple[int, float], ...]
    actuals: tuple[tuple[int, float], ...]
    legend: tuple[str, str, str]
    """`Baseline`, `Target`, `Actual` in the document's language."""


COLOURS = {"target": "#3A6EA5", "actual": "#C0504D", "baseline": "#555555"}


@cache
def available() -> bool:
    """Whether matplotlib can be imported."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _figure(chart: Chart) -> Any:
    from matplotlib import rcParams
    from matplotlib.figure import Figure

    rcParams["svg.hashsalt"] = "tocmodel"  # the same ids in every drawing of the same chart
    rcParams["svg.fonttype"] = "none"  # texts stay texts, which a reader can search and copy
    figure = Figure(figsize=(6.4, 2.8), dpi=100)
    figure.subplots_adjust(left=0.11, right=0.98, top=0.8, bottom=0.12)  # fixed: laying out each chart is slow
    axes = figure.add_subplot()
    baseline_label, target_label, actual_label = chart.legend
    plan = [chart.baseline] if chart.baseline else []
    if chart.targets:
        xs, ys = zip(*[*plan, *chart.targets], strict=True)
        axes.plot(xs, ys, linestyle="--", marker="D", color=COLOURS["target"], label=target_label)
    if chart.baseline:
        axes.plot(
            [chart.baseline[0]],
            [chart.baseline[1]],
            marker="s",
            linestyle="",
            color=COLOURS["baseline"],
            label=baseline_label,
        )
    xs, ys = zip(*chart.actuals, strict=True)
    axes.plot(xs, ys, marker="o", linewidth=2, color=COLOURS["actual"], label=actual_label)
    first = min([chart.years[0], *(x for x, _ in plan)])
    axes.set_xticks(range(first, chart.years[-1] + 1))
    axes.set_xlim(first - 0.4, chart.years[-1] + 0.4)
    # a figure text, not an axes title: placing a title measures every tick label, the slowest step
    figure.text(0.01, 0.98, "\n".join(textwrap.wrap(chart.title, 90)[:2]), fontsize=9, va="top")
    if chart.unit:
        axes.set_ylabel(chart.unit, fontsize=8)
    axes.tick_params(labelsize=8)
    axes.grid(axis="y", color="#DDDDDD")
    axes.legend(fontsize=7, frameon=False, loc="upper left")  # a fixed place: finding the best one is slow
    return figure


@cache
def svg(chart: Chart) -> str:
    """The chart as an SVG element, to put in an HTML page."""
    stream = io.StringIO()
    _figure(chart).savefig(stream, format="svg", metadata={"Date": None, "Creator": None})
    text = stream.getvalue()
    return text[text.find("<svg") :]


@cache
def png(chart: Chart) -> bytes:
    """The chart as a PNG image, for Word."""
    stream = io.BytesIO()
    _figure(chart).savefig(stream, format="png", dpi=120, metadata={"Software": None}, pil_kwargs={"compress_level": 3})
    return stream.getvalue()


def svg_uri(chart: Chart) -> str:
    """The chart as a `data:` address, for an image in Markdown."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(chart).encode("utf-8")).decode("ascii")
