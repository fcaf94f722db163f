"""Rules on the results chain: no cycles, links go up one level at a time, every result is on a pathway."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..graph import LinkRef, iter_cycles
from ..schema import LEVELS, TARGET_KINDS, Model
from .base import Context, Rule
from .references import kind_name

NEEDS_ASSUMPTION = frozenset({("output", "outcome"), ("outcome", "outcome"), ("outcome", "impact")})
"""Links (source kind, target kind) that rest on conditions outside the programme's control."""

_LEVEL_NAMES = {level: kind for kind, level in LEVELS.items()}

MAX_NAMED = 12
"""Most ids a cycle's message names; a longer cycle is shortened before the link that closes it."""


def describe_cycle(cycle: list[str], *, joiner: str = " → ") -> str:
    """`` `a` → `b` → `a` ``: the cycle's ids in order, back to the first; long cycles shortened."""
    named = [f"`{item}`" for item in (*cycle, cycle[0])]
    if len(named) > MAX_NAMED:
        left_out = len(named) - MAX_NAMED + 1
        named = [*named[: MAX_NAMED - 3], f"({left_out} more)", *named[-2:]]
    return joiner.join(named)


class CausalCycle(Rule):
    """Causal links that form a cycle: a result that, through other results, leads back to itself.

    A theory of change reads from the interventions up to the impact; in a loop every result is its own
    cause, so the chain no longer explains how change happens. A deliberate feedback loop is marked with
    `feedback: true` on the link that closes it, and is not reported.
    """

    code = "TOC201"
    name = "causal-cycle"
    severity = Severity.ERROR
    hint = "remove or redirect the link that closes the loop; if the loop is meant, mark it `feedback: true`"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        succ = context.chain.succ
        for cycle in iter_cycles(succ):
            closing = succ[cycle[-1]][cycle[0]].path
            yield self.found(context, f"causal links form a cycle: {describe_cycle(cycle)}", closing)


def _outcome_label(model: Model, outcome_id: str) -> str:
    return f"{model.outcomes[outcome_id].kind} outcome"


class BackwardLink(Rule):
    """A link to a result at the same or a lower level, such as an outcome leading to an output.

    Results are ranked: interventions produce outputs, outputs lead to outcomes, outcomes to the impact.
    Outcomes may lead to other outcomes, but an end outcome cannot lead back to an intermediate one.
    A link written the wrong way round reverses the story the model tells. Links marked `feedback: true`
    are deliberate loops and are not reported.
    """

    code = "TOC202"
    name = "backward-link"
    severity = Severity.ERROR
    hint = (
        "write the link on the lower-level result, pointing up the chain "
        "(intervention → output → outcome → impact), or mark a deliberate loop `feedback: true`"
    )

    def check(self, context: Context) -> Iterator[Diagnostic]:
        model = context.model
        for ref, source_kind, target_kind in context.result_links:
            if ref.link.feedback:
                continue
            if source_kind == target_kind == "outcome":
                source, target = _outcome_label(model, ref.source), _outcome_label(model, ref.link.to)
                backward = (source, target) == ("end outcome", "intermediate outcome")
            else:
                source, target = kind_name(source_kind), kind_name(target_kind)
                backward = LEVELS[target_kind] <= LEVELS[source_kind]
            if backward:
                how = "to another" if source == target else "back to"
                message = f"{source} `{ref.source}` leads {how} {target} `{ref.link.to}`"
                yield self.found(context, message, ref.path)


class NoPathToImpact(Rule):
    """An intervention, output or outcome with no causal path to any impact.

    Every activity and result should contribute, through the chain, to the impact the model aims at;
    one that leads nowhere is either missing a link or does not belong in the model.
    """

    code = "TOC203"
    name = "no-path-to-impact"
    severity = Severity.WARNING
    hint = "add a `leads_to` link towards an outcome or the impact, or remove it if it does not belong here"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        chain = context.chain
        if not any(kind == "impact" for kind in chain.kind.values()):
            if chain.kind:
                message = "the model has no impact, so no result can lead to one"
                hint = "add the long-term change the model aims at under `impact:`"
                yield self.found(context, message, ("impact",), hint=hint)
            return
        reaches = context.reaches_impact
        for node, kind in chain.kind.items():
            if node in reaches:
                continue
            written = getattr(context.model, chain.section[node])[node].leads_to
            what = "has no causal path to an impact" if written else "leads to nothing"
            hint = _NEXT_STEP.get(kind, self.hint)
            yield self.found(context, f"{kind_name(kind)} `{node}` {what}", chain.path(node), key=True, hint=hint)


_NEXT_STEP = {
    "intervention": "link it to an output (`leads_to: [o-...]`) that leads on to an outcome, or remove it",
    "output": "link it to an outcome (`leads_to:` with the assumptions the step rests on), or remove it",
    "outcome": "link it to an end outcome or the impact (`leads_to:` with its assumptions), or remove it",
}
"""What a result without a path to the impact should lead to next."""


class UnfedResult(Rule):
    """An output, outcome or impact that no intervention feeds, directly or through other results.

    A result that no activity contributes to will only happen by itself; the model should say which
    interventions bring it about.
    """

    code = "TOC204"
    name = "unfed-result"
    severity = Severity.WARNING
    hint = "link an intervention, or a result one feeds, to it with `leads_to`; or remove it"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        fed, chain = context.fed, context.chain
        for node, kind in chain.kind.items():
            if kind in TARGET_KINDS and node not in fed:
                yield self.found(
                    context, f"no intervention leads to {kind_name(kind)} `{node}`", chain.path(node), key=True
                )


class LinkWithoutAssumption(Rule):
    """A link from an output or outcome to an outcome or the impact that states no assumption.

    Beyond outputs the programme no longer controls what happens: each such step holds only if some
    conditions hold. Writing them down is what makes the theory of change testable.
    """

    code = "TOC205"
    name = "link-without-assumption"
    severity = Severity.WARNING
    hint = (
        "write the link in full, `- to: <result>` with `assumptions: [<assumption id>]`, "
        "naming what must hold for it to work"
    )

    def check(self, context: Context) -> Iterator[Diagnostic]:
        for ref, source_kind, target_kind in context.result_links:
            if (source_kind, target_kind) in NEEDS_ASSUMPTION and not ref.link.assumptions:
                link = f"{kind_name(source_kind)} `{ref.source}` to {kind_name(target_kind)} `{ref.link.to}`"
                yield self.found(context, f"the link from {link} states no assumption", ref.path)


class LevelSkippingLink(Rule):
    """A link that skips a level: an intervention to an outcome or the impact, or an output to the impact.

    Skipped levels hide the steps, and the assumptions, between cause and effect: how does a workshop
    change a law without producing something first?
    """

    code = "TOC206"
    name = "level-skipping-link"
    severity = Severity.WARNING
    hint = "add the missing result in between: interventions produce outputs, outputs lead to outcomes"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        for ref, source_kind, target_kind in context.result_links:
            low, high = LEVELS[source_kind], LEVELS[target_kind]
            if high - low > 1:
                skipped = " and ".join(kind_name(_LEVEL_NAMES[level]) for level in range(low + 1, high))
                link = f"{kind_name(source_kind)} `{ref.source}` leads straight to {kind_name(target_kind)}"
                yield self.found(context, f"{link} `{ref.link.to}`, skipping the {skipped} level", ref.path)


class DuplicateLink(Rule):
    """Two links from one result to the same result.

    They are one causal step written twice, often with different assumptions; tocmodel treats them as one
    link carrying the assumptions of both, but a reader of the model sees two.
    """

    code = "TOC207"
    name = "duplicate-link"
    severity = Severity.WARNING
    hint = "merge them into one link that lists all the assumptions"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        first: dict[tuple[str, str], LinkRef] = {}
        for ref in context.links:
            pair = (ref.source, ref.link.to)
            if pair not in first:
                first[pair] = ref
                continue
            earlier = context.locate(first[pair].path)
            where = f" (first at line {earlier.line})" if earlier and earlier.line else ""
            yield self.found(context, f"`{ref.source}` leads to `{ref.link.to}` twice{where}", ref.path)
