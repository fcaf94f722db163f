"""The portfolio's diagram: the generic model's theory of change, each box marked with how many countries hold
it and coloured by the worst status among the countries that rate it."""

from __future__ import annotations

from ...analysis.portfolio import Portfolio
from ...i18n import messages
from ...schema import Model
from ...schema.text import Translator
from ..diagram.dot import to_dot
from ..diagram.engine import find_engine, layout
from ..diagram.mermaid import to_mermaid
from ..diagram.scene import STATUS_STYLE, Scene
from ..diagram.views import build_scene
from ..words import WORDS


def portfolio_scene(found: Portfolio, generic: Model, tr: Translator) -> Scene:
    """The generic model's `toc` scene with the portfolio laid over it."""
    scene = build_scene(generic, tr, view="toc", overlay=None)
    say = messages(tr.language)
    held = {row.id: len(row.held_by) for row in found.items}
    interventions = {
        intervention_id: sum(1 for c in found.countries if intervention_id in found.interventions.get(c, ()))
        for intervention_id in generic.interventions
    }
    total = len(found.countries)
    for node in scene.nodes:
        count = held.get(node.id, interventions.get(node.id))
        if count is None:
            continue
        node.details = [*node.details, f"{count} of {total} countries"]
        status = found.result_status(node.id)
        if status in STATUS_STYLE:
            node.status = status
            node.details.append(say(WORDS[status]))
    scene.overlay, scene.as_of = "progress", found.as_of
    scene.title = f"{tr(generic.model.title)}: portfolio of {total} countries"
    scene.words |= {status: say(WORDS[status]) for status in STATUS_STYLE}
    scene.words["progress"] = f"Worst status among the countries, at their latest year ({found.as_of})"
    return scene


def portfolio_svg(found: Portfolio, generic: Model, tr: Translator, *, engine: str = "auto") -> bytes:
    """The portfolio's diagram as SVG."""
    return layout(to_dot(portfolio_scene(found, generic, tr)), output_format="svg", engine=find_engine(engine))


def portfolio_mermaid(found: Portfolio, generic: Model, tr: Translator) -> str:
    """The portfolio's diagram as a Mermaid flowchart (whose boxes show no details: the count of countries
    goes with the title)."""
    scene = portfolio_scene(found, generic, tr)
    for node in scene.nodes:
        held = next((line for line in node.details if line.endswith(" countries")), None)
        if held:
            node.title = f"{node.title} ({held})"
    return to_mermaid(scene)
