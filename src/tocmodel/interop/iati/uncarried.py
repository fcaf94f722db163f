"""What a model holds that an IATI activity has no room for, as notes (the exporter's warning)."""

from __future__ import annotations

from collections.abc import Callable

from ...graph import iter_links
from ...schema import Indicator, Model
from ..notes import Note

SHOWN = 4
"""Ids listed in a note before `…`."""
Part = tuple[str, str, list[str]]
"""(where, what, the ids of the things left out)."""


def uncarried(model: Model) -> list[Note]:
    """One note per kind of thing the IATI export leaves out, with how many and which."""
    notes = []
    for where, what, ids in [*_model_parts(model), *_indicator_parts(model)]:
        if ids:
            shown = ", ".join(ids[:SHOWN]) + (", …" if len(ids) > SHOWN else "")
            notes.append(Note(where, f"not carried: {what} ({len(ids)}: {shown})"))
    return notes


def _model_parts(model: Model) -> list[Part]:
    meta = model.model
    assumptions = [
        a for a, item in model.assumptions.items() if item.evidence or item.confidence or item.status != "untested"
    ]
    return [
        ("interventions", "interventions, as IATI results are outputs, outcomes and impact", list(model.interventions)),
        (
            "links",
            "causal links between results, with their evidence and confidence",
            [f"{ref.source}→{ref.link.to}" for ref in iter_links(model)],
        ),
        ("problem", "root causes, and the core problem", list(model.root_causes)),
        ("risks", "risks", list(model.risks)),
        ("actors", "actors", list(model.actors)),
        ("stages", "stages", list(model.stages)),
        ("model", "programme areas", list(meta.programme_areas)),
        ("model", "model version", [meta.version] if meta.version else []),
        (
            "outcomes",
            "which outcomes are end outcomes; all are IATI outcomes",
            [o for o, item in model.outcomes.items() if item.kind == "end"],
        ),
        ("outputs", "output weightings", [o for o, item in model.outputs.items() if item.weighting is not None]),
        (
            "assumptions",
            "assumptions' evidence, confidence and status; their statements are in the result descriptions",
            assumptions,
        ),
    ]


_INDICATOR_FIELDS: tuple[tuple[str, Callable[[Indicator], bool]], ...] = (
    (
        "the direction `maintain`, which IATI reads as ascending",
        lambda ind: ind.direction == "maintain",
    ),
    ("indicators' collection frequency", lambda ind: ind.frequency is not None),
    ("indicators' responsible actor", lambda ind: ind.responsible is not None),
    ("indicators' disaggregation", lambda ind: bool(ind.disaggregation)),
)


def _indicator_parts(model: Model) -> list[Part]:
    indicators = [
        (model.indicator_id(owner, index, indicator), indicator)
        for section, owner, index, indicator in model.iter_indicators()
        if section != "interventions"
    ]
    return [("indicators", what, [i for i, ind in indicators if test(ind)]) for what, test in _INDICATOR_FIELDS]
