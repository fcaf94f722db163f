"""The completeness score: how finished a model is, from 0 to 100, with what is still missing."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from ..graph import fed_causes
from ..i18n import N_
from ..schema import LINKING_SECTIONS, Model
from .coverage import Coverage


@dataclass(frozen=True, slots=True)
class Criterion:
    """One part of the score: how many of the things it counts are done."""

    name: str
    label: str
    done: int
    total: int
    ratio: float
    """Share done (1 when there is nothing to count)."""
    missing: list[str]
    """Ids of what is not done (indicators as `owner.n` when they have no id)."""


@dataclass(frozen=True)
class Completeness:
    """The score and its breakdown."""

    score: int
    """Mean of the criteria's shares as a percentage, halves rounded up; criteria with nothing to count are left out."""
    criteria: list[Criterion]


_LINKED = frozenset({"outcome", "impact"})


def completeness(model: Model, cover: Coverage) -> Completeness:
    """Score a model on the criteria a reviewer checks first."""
    criteria = list(_criteria(model, cover))
    counted = [c for c in criteria if c.total]
    score = math.floor(100 * sum(c.ratio for c in counted) / len(counted) + 0.5) if counted else 0
    return Completeness(score, criteria)


def _criterion(name: str, label: str, checks: dict[str, bool]) -> Criterion:
    missing = [key for key, ok in checks.items() if not ok]
    done = len(checks) - len(missing)
    return Criterion(name, label, done, len(checks), done / len(checks) if checks else 1.0, missing)


def _criteria(model: Model, cover: Coverage) -> Iterator[Criterion]:
    indicators = {
        model.indicator_id(owner, index, ind): bool(
            ind.baseline and (ind.baseline.value is not None or ind.baseline.year) and ind.real_targets and ind.source
        )
        for _, owner, index, ind in model.iter_indicators()
    }
    yield _criterion("indicators", N_("indicators with baseline, target and source"), indicators)
    measured = {r: bool(item.indicators) for s in ("outcomes", "impact") for r, item in getattr(model, s).items()}
    yield _criterion("measured_results", N_("outcomes and impact with an indicator"), measured)
    kinds = model.kinds
    links = {  # `iter_links` without its interventions, written out: this runs once per link
        f"{source}->{link.to}": bool(link.assumptions)
        for section in LINKING_SECTIONS
        if section != "interventions"
        for source, item in getattr(model, section).items()
        for link in item.leads_to
        if kinds.get(link.to) in _LINKED
    }
    yield _criterion("links", N_("output and outcome links with an assumption"), links)
    risks = {r: bool(risk.mitigation and risk.owner) for r, risk in model.risks.items()}
    yield _criterion("risks", N_("risks with mitigation and owner"), risks)
    addressed = _addressed(model, cover)
    yield _criterion("root_causes", N_("root causes addressed"), addressed)
    leads = {i: bool(item.lead) for i, item in model.interventions.items()}
    yield _criterion("leads", N_("interventions with a lead actor"), leads)


def _addressed(model: Model, cover: Coverage) -> dict[str, bool]:
    """A cause counts as addressed when it, or one of the deeper causes that feed it, is addressed."""
    direct = {c.root_cause for c in cover.causes if c.interventions}
    reached = fed_causes(model, direct)
    return {c.root_cause: c.root_cause in reached for c in cover.causes}
