"""Every reference from one part of the model to another, with the kinds it may point at."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from .locations import Path
from .schema import Model

RESULT_KINDS = frozenset({"output", "outcome", "impact"})
ACTOR = frozenset({"actor"})
ASSUMPTION = frozenset({"assumption"})
AFFECTABLE = frozenset({"intervention", "output", "outcome", "impact", "stage", "root_cause"})
STAGE = frozenset({"stage"})
PROGRAMME_AREA = frozenset({"programme_area"})
ROOT_CAUSE = frozenset({"root_cause"})
OUTPUT = frozenset({"output"})


class Reference(NamedTuple):
    """A reference to `target`, written at `path`, which must name one of `kinds`.

    A named tuple rather than a frozen dataclass: a large model has hundreds of thousands, and a tuple is
    several times cheaper to make.
    """

    path: Path
    target: str
    kinds: frozenset[str]
    role: str
    """What the reference means, for messages: `lead actor`, `stage`, ..."""


def _each(path: Path, ids: list[str], kinds: frozenset[str], role: str) -> Iterator[Reference]:
    for index, target in enumerate(ids):
        yield Reference((*path, index), target, kinds, role)


def iter_references(model: Model) -> Iterator[Reference]:
    """Every id-valued field of the model, in file order."""
    for actor_id, actor in model.actors.items():
        if actor.twinned_with:
            yield Reference(("actors", actor_id, "twinned_with"), actor.twinned_with, ACTOR, "twin actor")
    for stage_id, stage in model.stages.items():
        yield from _each(("stages", stage_id, "after"), stage.after, STAGE, "preceding stage")
    for iid, intervention in model.interventions.items():
        base: Path = ("interventions", iid)
        if intervention.stage:
            yield Reference((*base, "stage"), intervention.stage, STAGE, "stage")
        if intervention.programme_area:
            yield Reference((*base, "programme_area"), intervention.programme_area, PROGRAMME_AREA, "programme area")
        yield from _each((*base, "addresses"), intervention.addresses, ROOT_CAUSE, "root cause")
        if intervention.lead:
            yield Reference((*base, "lead"), intervention.lead, ACTOR, "lead actor")
        yield from _each((*base, "support"), intervention.support, ACTOR, "supporting actor")
        yield from _each((*base, "needs"), intervention.needs, OUTPUT, "needed output")
    for section in ("interventions", "outputs", "outcomes", "impact"):
        for item_id, item in getattr(model, section).items():
            yield from _each((section, item_id, "assumptions"), item.assumptions, ASSUMPTION, "assumption")
            for index, link in enumerate(getattr(item, "leads_to", [])):
                link_path: Path = (section, item_id, "leads_to", index)
                yield Reference((*link_path, "to"), link.to, RESULT_KINDS, "result led to")
                yield from _each((*link_path, "assumptions"), link.assumptions, ASSUMPTION, "assumption")
    for section, owner_id, index, indicator in model.iter_indicators():
        if indicator.responsible:
            yield Reference(
                (section, owner_id, "indicators", index, "responsible"),
                indicator.responsible,
                ACTOR,
                "responsible actor",
            )
    for risk_id, risk in model.risks.items():
        if risk.owner:
            yield Reference(("risks", risk_id, "owner"), risk.owner, ACTOR, "risk owner")
        yield from _each(("risks", risk_id, "affects"), risk.affects, AFFECTABLE, "affected item")
