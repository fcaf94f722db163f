"""Completeness: root causes addressed, risks managed, interventions led, actors and assumptions used."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..diagnostics import Diagnostic, Severity
from ..graph import fed_causes
from ..schema import SECTIONS, Model
from ..schema.references import ACTOR, ASSUMPTION
from .base import Context, Rule

HIGH_RISK_SCORE = 15
"""The score (likelihood times impact) from which a risk counts as high."""


def addressed_causes(model: Model) -> set[str]:
    """Root causes an intervention addresses, directly or through one of the deeper causes that feed them."""
    addressed = {cause for intervention in model.interventions.values() for cause in intervention.addresses}
    return fed_causes(model, addressed & model.root_causes.keys()) | addressed


class UnaddressedRootCause(Rule):
    """A root cause that no intervention addresses, directly or through one of its deeper causes.

    The model exists to show how the programme tackles the causes of the problem; a cause nobody
    addresses is either a gap in the programme or a cause that should be dropped from the tree.
    """

    code = "TOC104"
    name = "unaddressed-root-cause"
    severity = Severity.WARNING
    hint = "add the cause to the `addresses` of an intervention that tackles it, or add such an intervention"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        addressed = addressed_causes(context.model)
        fed = {edge.target for edge in context.model.cause_links}
        for cause_id, _cause, path in context.model.iter_root_causes():
            if cause_id not in addressed:
                deeper = " nor any of its deeper causes" if cause_id in fed else ""
                yield self.found(context, f"no intervention addresses root cause `{cause_id}`{deeper}", path, key=True)


class UnmitigatedHighRisk(Rule):
    """A high risk (likelihood times impact is 15 or more) without a mitigation or an owner.

    High risks are the ones reviewers read first: each needs a plan to reduce it and an actor who
    watches it.
    """

    code = "TOC501"
    name = "unmitigated-high-risk"
    severity = Severity.WARNING
    hint = "add `mitigation:` (what reduces the risk) and `owner:` (the actor who manages it)"
    hints: ClassVar[dict[str, str]] = {
        "mitigation": "add `mitigation:`, what reduces the likelihood or the impact",
        "owner": "add `owner:`, the actor who watches and manages the risk",
    }

    def check(self, context: Context) -> Iterator[Diagnostic]:
        for risk_id, risk in context.model.risks.items():
            missing = [field for field in ("mitigation", "owner") if not getattr(risk, field)]
            if risk.score >= HIGH_RISK_SCORE and missing:
                score = f"likelihood {risk.likelihood}, impact {risk.impact}: score {risk.score}"
                message = f"high risk `{risk_id}` ({score}) has no {' and no '.join(missing)}"
                hint = self.hint if len(missing) > 1 else self.hints[missing[0]]
                yield self.found(context, message, ("risks", risk_id), key=True, hint=hint)


class InterventionWithoutLead(Rule):
    """An intervention without a lead actor.

    Work that nobody leads tends not to happen; the workplan and the responsibility matrix need a lead
    for every intervention.
    """

    code = "TOC502"
    name = "intervention-without-lead"
    severity = Severity.WARNING
    hint = "add `lead:` with the actor responsible for delivering it"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        for iid, intervention in context.model.interventions.items():
            if not intervention.lead:
                yield self.found(context, f"intervention `{iid}` has no lead actor", ("interventions", iid), key=True)


class UnusedItem(Rule):
    """An item of `section` that nothing refers to as `referenced_as` (the subclasses say which)."""

    section: ClassVar[str]
    referenced_as: ClassVar[frozenset[str]]
    unused: ClassVar[str]
    """What the message says of the item, after its kind and id."""

    def check(self, context: Context) -> Iterator[Diagnostic]:
        used = context.referenced.get(self.referenced_as, set())
        kind = SECTIONS[self.section].replace("_", " ")
        for item_id in getattr(context.model, self.section):
            if item_id not in used:
                yield self.found(context, f"{kind} `{item_id}` {self.unused}", (self.section, item_id), key=True)


class UnusedActor(UnusedItem):
    """An actor named nowhere: no lead, support, risk owner, indicator responsible or twin of another actor.

    An actor with no role is either a leftover or a stakeholder whose part the model forgot to say.
    """

    code = "TOC503"
    name = "unused-actor"
    severity = Severity.WARNING
    hint = "give it a role (lead, support, risk owner, indicator responsible), or remove it"
    section, referenced_as, unused = "actors", ACTOR, "has no role in the model"


class UnusedAssumption(UnusedItem):
    """An assumption that no link or result refers to.

    An assumption matters only where it underpins a step of the chain; unattached, it is never tested
    and its criticality cannot be analysed.
    """

    code = "TOC504"
    name = "unused-assumption"
    severity = Severity.WARNING
    hint = "add it to the `assumptions` of the link or result it underpins, or remove it"
    section, referenced_as, unused = "assumptions", ASSUMPTION, "is attached to no link or result"
