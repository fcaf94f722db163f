"""Every reference from one part of the model to another, with the kinds it may point at."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from typing import NamedTuple

from ..locations import Path
from . import Intervention, Model
from .vocabulary import TARGET_KINDS

ACTOR = frozenset({"actor"})
ASSUMPTION = frozenset({"assumption"})
AFFECTABLE = frozenset({"intervention", "output", "outcome", "impact", "stage", "root_cause"})
STAGE = frozenset({"stage"})
PROGRAMME_AREA = frozenset({"programme_area"})
ROOT_CAUSE = frozenset({"root_cause"})
OUTPUT = frozenset({"output"})


class ReferenceField(NamedTuple):
    """The ids one field refers to: a list field's, or a single id field's (`listed` is then False).

    Checking references reads these: a large model has hundreds of thousands of ids, and one tuple per
    field with no path per id is much cheaper to make. `at` gives the path of one id when a finding is
    reported.
    """

    path: Path
    targets: list[str] | tuple[str]
    kinds: frozenset[str]
    role: str
    """What the reference means, for messages: `lead actor`, `stage`, ..."""
    listed: bool = True

    def at(self, index: int) -> Path:
        """Where the `index`-th id of the field was written."""
        return (*self.path, index) if self.listed else self.path


def _single(path: Path, target: str, kinds: frozenset[str], role: str) -> ReferenceField:
    return ReferenceField(path, (target,), kinds, role, listed=False)


def iter_reference_fields(model: Model) -> Iterator[ReferenceField]:
    """Every id-valued field of the model that names something, in file order."""
    for cause_id, cause, path in model.iter_root_causes():
        for index, link in enumerate(cause.feeds):
            yield _single((*path, "feeds", index, "to"), link.to, ROOT_CAUSE, f"cause `{cause_id}` feeds")
    for actor_id, actor in model.actors.items():
        if actor.twinned_with:
            yield _single(("actors", actor_id, "twinned_with"), actor.twinned_with, ACTOR, "twin actor")
    for stage_id, stage in model.stages.items():
        if stage.after:
            yield ReferenceField(("stages", stage_id, "after"), stage.after, STAGE, "preceding stage")
    for iid, intervention in model.interventions.items():
        yield from _intervention_fields(iid, intervention)
    for section in ("interventions", "outputs", "outcomes", "impact"):
        for item_id, item in getattr(model, section).items():
            if item.assumptions:
                yield ReferenceField((section, item_id, "assumptions"), item.assumptions, ASSUMPTION, "assumption")
            for index, link in enumerate(getattr(item, "leads_to", ())):
                yield _single((section, item_id, "leads_to", index, "to"), link.to, TARGET_KINDS, "result led to")
                if link.assumptions:
                    path = (section, item_id, "leads_to", index, "assumptions")
                    yield ReferenceField(path, link.assumptions, ASSUMPTION, "assumption")
    for section, owner_id, index, indicator in model.iter_indicators():
        if indicator.responsible:
            path = (section, owner_id, "indicators", index, "responsible")
            yield _single(path, indicator.responsible, ACTOR, "responsible actor")
    for risk_id, risk in model.risks.items():
        if risk.owner:
            yield _single(("risks", risk_id, "owner"), risk.owner, ACTOR, "risk owner")
        if risk.affects:
            yield ReferenceField(("risks", risk_id, "affects"), risk.affects, AFFECTABLE, "affected item")


def _intervention_fields(iid: str, intervention: Intervention) -> Iterator[ReferenceField]:
    if intervention.stage:
        yield _single(("interventions", iid, "stage"), intervention.stage, STAGE, "stage")
    if intervention.programme_area:
        path = ("interventions", iid, "programme_area")
        yield _single(path, intervention.programme_area, PROGRAMME_AREA, "programme area")
    if intervention.addresses:
        yield ReferenceField(("interventions", iid, "addresses"), intervention.addresses, ROOT_CAUSE, "root cause")
    if intervention.lead:
        yield _single(("interventions", iid, "lead"), intervention.lead, ACTOR, "lead actor")
    if intervention.support:
        yield ReferenceField(("interventions", iid, "support"), intervention.support, ACTOR, "supporting actor")
    if intervention.needs:
        yield ReferenceField(("interventions", iid, "needs"), intervention.needs, OUTPUT, "needed output")


def referenced_ids(model: Model) -> dict[frozenset[str], set[str]]:
    """Every id the model refers to, by the kinds it may name: the ids of `iter_reference_fields`, in bulk.

    Checking that every reference resolves reads these: a large model has hundreds of thousands of
    references but far fewer distinct ids, and nothing is made per reference. A check that finds a
    problem goes through `iter_reference_fields` to say where. An actor twinned with itself is left out:
    the reference resolves, and does not make the actor used.
    """
    found: dict[frozenset[str], set[str | None]] = {}

    def add(kinds: frozenset[str], ids: Iterable[str | None]) -> None:
        found.setdefault(kinds, set()).update(ids)

    interventions = model.interventions.values()
    add(ACTOR, (actor.twinned_with for actor_id, actor in model.actors.items() if actor.twinned_with != actor_id))
    add(STAGE, chain.from_iterable(stage.after for stage in model.stages.values()))
    add(STAGE, (intervention.stage for intervention in interventions))
    add(PROGRAMME_AREA, (intervention.programme_area for intervention in interventions))
    add(ROOT_CAUSE, chain.from_iterable(intervention.addresses for intervention in interventions))
    add(ROOT_CAUSE, (link.to for _, cause, _ in model.iter_root_causes() for link in cause.feeds))
    add(ACTOR, (intervention.lead for intervention in interventions))
    add(ACTOR, chain.from_iterable(intervention.support for intervention in interventions))
    add(OUTPUT, chain.from_iterable(intervention.needs for intervention in interventions))
    for section in ("interventions", "outputs", "outcomes", "impact"):
        items = getattr(model, section).values()
        add(ASSUMPTION, chain.from_iterable(item.assumptions for item in items))
        links = [link for item in items for link in getattr(item, "leads_to", ())]
        add(TARGET_KINDS, (link.to for link in links))
        add(ASSUMPTION, chain.from_iterable(link.assumptions for link in links))
    add(ACTOR, (indicator.responsible for *_, indicator in model.iter_indicators()))
    add(ACTOR, (risk.owner for risk in model.risks.values()))
    add(AFFECTABLE, chain.from_iterable(risk.affects for risk in model.risks.values()))
    return {kinds: {i for i in ids if i} for kinds, ids in found.items()}  # optional fields left empty
