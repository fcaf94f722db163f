"""The parts of a logframe that tell the model's story around the matrix: causes, links and actors."""

from __future__ import annotations

from ...analysis import Analysis
from ...i18n import N_, Messages
from ...schema import LINKING_SECTIONS, RESULT_KIND, Model
from ...schema.document import CauseEdge
from ...schema.text import Translator
from .context import ActorRow, CoverageRow, LinkRow


def cause_numbers(model: Model) -> dict[str, str]:
    """Each root cause's number: `C1`, `C2`… at the top of the tree, `C1.1` for the first cause of `C1`."""
    numbers: dict[str, str] = {}
    counts: dict[str, int] = {}
    for cause_id, _, path in model.iter_root_causes():
        parent = str(path[-3]) if len(path) > 3 else ""
        prefix = f"{numbers[parent]}." if parent else "C"
        counts[prefix] = counts.get(prefix, 0) + 1
        numbers[cause_id] = f"{prefix}{counts[prefix]}"
    return numbers


def coverage_rows(model: Model, tr: Translator, analysis: Analysis, say: Messages) -> list[CoverageRow]:
    """Each root cause with its description and evidence, the causes it feeds (with what shows each link and
    how sure it is), who addresses it and its status."""
    causes = model.root_causes
    numbers = cause_numbers(model)
    feeds: dict[str, list[CauseEdge]] = {}
    for edge in model.cause_links:
        feeds.setdefault(edge.source, []).append(edge)
    rows = []
    for c in analysis.coverage.causes:
        cause = causes.get(c.root_cause)
        links = feeds.get(c.root_cause, [])
        rows.append(
            CoverageRow(
                id=c.root_cause,
                number=numbers.get(c.root_cause, ""),
                title=tr(cause.title, where=c.root_cause) if cause else "",
                parent=", ".join(numbers.get(edge.target, edge.target) for edge in links),
                interventions=c.interventions,
                status=c.status,
                description=tr(cause.description) if cause else "",
                evidence="\n".join(
                    part
                    for part in (tr(cause.evidence) if cause else "", *_link_evidence(links, numbers, tr, say))
                    if part
                ),
            )
        )
    return rows


CONFIDENCE = {"low": N_("low confidence"), "medium": N_("medium confidence"), "high": N_("high confidence")}
"""How sure we are that a cause feeds another, as a document says it."""


def _link_evidence(links: list[CauseEdge], numbers: dict[str, str], tr: Translator, say: Messages) -> list[str]:
    """`→ C2: <evidence> (confidence: high)` for each link to a cause that says more than its target."""
    found = []
    for edge in links:
        link = edge.link
        if link is None or (link.evidence is None and link.confidence is None):
            continue
        said = tr(link.evidence) if link.evidence is not None else ""
        sure = say(CONFIDENCE[link.confidence]) if link.confidence else ""
        found.append(
            f"→ {numbers.get(edge.target, edge.target)}: "
            + " ".join(p for p in (said, f"({sure})" if sure else "") if p)
        )
    return found


def link_rows(model: Model, tr: Translator, results: dict[str, str], assumptions: dict[str, int]) -> list[LinkRow]:
    """Every causal link between results and activities, in the model's order, with its assumptions and evidence."""
    sections = {kind: section for section, kind in RESULT_KIND.items()}

    def named(item_id: str) -> str:
        kind = model.kinds.get(item_id)
        section = sections.get(kind) if kind else None
        item = getattr(model, section).get(item_id) if section else None
        title = tr(item.title, where=item_id) if item is not None else ""
        return " ".join(part for part in (results.get(item_id, item_id), title) if part)

    rows = []
    for section in LINKING_SECTIONS:
        for item_id, item in getattr(model, section).items():
            for link in item.leads_to:
                rows.append(
                    LinkRow(
                        source=named(item_id),
                        target=named(link.to),
                        assumptions=[f"A{assumptions[a]}" for a in link.assumptions if a in assumptions],
                        confidence=link.confidence or "–",
                        evidence=tr(link.evidence) or "–",
                    )
                )
    return rows


def actor_rows(model: Model, tr: Translator) -> list[ActorRow]:
    """Every actor with its kind, short name and what it does in the model."""
    return [
        ActorRow(
            id=actor_id,
            name=tr(actor.name, where=actor_id),
            type=actor.type,
            short=actor.short or "",
            description=tr(actor.description),
        )
        for actor_id, actor in model.actors.items()
    ]
