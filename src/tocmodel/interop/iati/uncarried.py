"""What a model holds that an IATI activity has no room for, as notes (the exporter's warning)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ...graph import iter_links
from ...schema import Indicator, Model
from ..notes import Note

SHOWN = 4
"""Ids listed in a note before `…`."""


def uncarried(model: Model) -> list[Note]:
    """One note per kind of thing the IATI export leaves out, with how many and which."""
    notes: list[Note] = []
    _add(
        notes,
        "interventions",
        list(model.interventions),
        "interventions (IATI results are outputs, outcomes and impact)",
    )
    links = list(iter_links(model))
    _add(
        notes,
        "links",
        [f"{ref.source}→{ref.link.to}" for ref in links],
        "causal links between results, with their evidence and confidence",
    )
    _add(notes, "problem", list(model.root_causes), "root causes, and the core problem")
    _add(notes, "risks", list(model.risks), "risks")
    _add(notes, "actors", list(model.actors), "actors")
    _add(notes, "stages", list(model.stages), "stages")
    _add(notes, "model", list(model.model.programme_areas), "programme areas")
    _add(notes, "model", [model.model.version] if model.model.version else [], "model version")
    _add(
        notes,
        "outcomes",
        [o for o, item in model.outcomes.items() if item.kind == "end"],
        "end outcomes marked as such (all are IATI outcomes)",
    )
    _add(notes, "outputs", [o for o, item in model.outputs.items() if item.weighting is not None], "output weightings")
    assumptions = [
        a for a, item in model.assumptions.items() if item.evidence or item.confidence or item.status != "untested"
    ]
    _add(
        notes,
        "assumptions",
        assumptions,
        "assumptions' evidence, confidence and status (their statements are in the result descriptions)",
    )
    indicators = [
        (model.indicator_id(owner, index, ind), ind)
        for section, owner, index, ind in model.iter_indicators()
        if section != "interventions"
    ]
    for label, test in _INDICATOR_FIELDS:
        _add(notes, "indicators", [i for i, ind in indicators if test(ind)], label)
    return notes


_INDICATOR_FIELDS: tuple[tuple[str, Callable[[Indicator], bool]], ...] = (
    ("indicators' own ids (their results carry theirs)", lambda ind: ind.id is not None),
    (
        "indicators whose direction is `maintain` (IATI reads them as ascending)",
        lambda ind: ind.direction == "maintain",
    ),
    ("indicators' collection frequency", lambda ind: ind.frequency is not None),
    ("indicators' responsible actor", lambda ind: ind.responsible is not None),
    ("indicators' disaggregation", lambda ind: bool(ind.disaggregation)),
)


def _add(notes: list[Note], where: str, ids: Iterable[str], what: str) -> None:
    listed = list(ids)
    if listed:
        shown = ", ".join(listed[:SHOWN]) + (", …" if len(listed) > SHOWN else "")
        notes.append(Note(where, f"not carried: {len(listed)} {what} ({shown})"))
