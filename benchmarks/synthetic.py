"""Synthetic models shaped like real country models, of any size, for the benchmarks.

Run: python benchmarks/synthetic.py NODES [-o FILE] [--seed N]

A model of N nodes (root causes + interventions + outputs + outcomes + impacts) is made of thematic
*pillars* of about 40 nodes each, like the pilot model's themes (policy, finance, collection, ...):
a pillar's root causes (some with deeper causes) are addressed by its interventions; each
intervention produces 1-3 outputs, each output leads to 1-3 intermediate outcomes, intermediate
outcomes lead (in two tiers) to 1-2 end outcomes, and end outcomes lead to the impact. One output in
ten also feeds an outcome of the next pillar, as real themes overlap. Models of 50,000 nodes and more
aim at a few impacts (one per 25,000 nodes), each the goal of a group of pillars.

Every output → outcome, outcome → outcome and outcome → impact link states assumptions (from its
pillar's pool, now and then a model-wide one), every result is measured by an indicator with a
baseline, targets and a source, risks name what they affect, and every actor has a role: the model
passes `tocmodel check` without errors or warnings. The text is written directly (no YAML dumper),
compactly enough that 100,000 nodes stay within the loader's default limits.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PILLAR_NODES = 40
"""Nodes (besides the impacts) in one thematic pillar."""
NODES_PER_IMPACT = 25_000
"""Models this large or larger get one impact per this many nodes."""
MIN_NODES = 5
"""The smallest model: one of each kind of node."""
SHARES = {"root_causes": 0.3, "interventions": 0.3, "outputs": 0.24, "outcomes": 0.16}
"""How the non-impact nodes are split between kinds (the outcomes take the rounding)."""
START = 2027
"""First year of the plan."""
STAGES = (
    ("s1-identify", "Identification of a focus country", "1"),
    ("s2-value-chain", "E-waste value chain analysis", "1-2"),
    ("s3-dialogue", "Concerted policy dialogue", "2-3"),
    ("s4-strategy", "National e-waste strategy and data", "3-4"),
    ("s5-implementation", "Investment in and implementation of the e-waste strategy", "4-5"),
)
"""The five stages of the default plan: id, title, plan years; each follows the one before."""
STAGE_SPANS = ((1, 1), (1, 2), (2, 3), (3, 4), (4, 5))
AREAS = ("communication", "knowledge", "implementation", "recognition")
ACTOR_TYPES = (
    "ministry",
    "government-agency",
    "statistics-office",
    "coalition-member",
    "partner",
    "employers-organisation",
    "workers-organisation",
    "pro",
    "ngo",
    "private-sector",
)
RISK_CATEGORIES = ("political", "institutional", "financial", "operational", "technical", "social", "legal")
GLOBAL_ASSUMPTIONS = (
    "The government stays committed to the e-waste reform agenda",
    "Donors keep funding the programme at the planned level",
    "Customs and statistics data remain accessible to the programme",
)
THEMES = (
    "take-back",
    "collection",
    "dismantling",
    "refurbishment",
    "recycling",
    "port inspection",
    "customs data",
    "informal sector",
    "worker safety",
    "health surveillance",
    "eco-levy",
    "producer registration",
    "public awareness",
    "battery recovery",
    "cable recycling",
    "plastics treatment",
    "licensing",
    "statistics",
    "procurement",
    "school outreach",
)
SOURCES = ("E-waste statistics", "EPA register", "PRO report", "Labour inspections", "Household survey")


@dataclass
class Pillar:
    """The ids of one thematic pillar, and the impact it aims at."""

    index: int
    impact: str
    root_causes: list[str] = field(default_factory=list)
    interventions: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)

    @property
    def theme(self) -> str:
        """What the pillar is about, for titles."""
        return THEMES[self.index % len(THEMES)]

    @property
    def end_outcomes(self) -> list[str]:
        """The last quarter of the outcomes (at least one): they lead to the impact."""
        return self.outcomes[len(self.outcomes) - max(1, len(self.outcomes) // 4) :]

    @property
    def tiers(self) -> tuple[list[str], list[str]]:
        """The intermediate outcomes, in a lower and an upper tier."""
        intermediate = self.outcomes[: len(self.outcomes) - len(self.end_outcomes)]
        half = (len(intermediate) + 1) // 2
        return intermediate[:half], intermediate[half:]

    @property
    def entry_outcomes(self) -> list[str]:
        """The outcomes outputs lead to: the lowest tier that has any."""
        lower, upper = self.tiers
        return lower or upper or self.end_outcomes


def split(nodes: int) -> dict[str, int]:
    """How many nodes of each kind a model of `nodes` nodes has (impacts included)."""
    if nodes < MIN_NODES:
        raise ValueError(f"a synthetic model has at least {MIN_NODES} nodes")
    counts = {"impacts": max(1, nodes // NODES_PER_IMPACT)}
    rest = nodes - counts["impacts"]
    for kind, part in SHARES.items():
        counts[kind] = max(1, int(rest * part))
    counts["outcomes"] = rest - counts["root_causes"] - counts["interventions"] - counts["outputs"]
    return counts


def pillars(nodes: int) -> list[Pillar]:
    """The model's pillars with their ids; kinds are dealt out round robin, so pillars stay alike."""
    counts = split(nodes)
    smallest = min(counts[kind] for kind in SHARES)
    number = max(1, min(smallest, round((nodes - counts["impacts"]) / PILLAR_NODES)))
    impacts = counts["impacts"]
    found = [Pillar(p, f"im-{p * impacts // number + 1}") for p in range(number)]
    prefixes = {"root_causes": "rc", "interventions": "i", "outputs": "o", "outcomes": "oc"}
    for kind, prefix in prefixes.items():
        for n in range(counts[kind]):
            pillar = found[n % number]
            members: list[str] = getattr(pillar, kind)
            members.append(f"{prefix}-p{pillar.index + 1}-{len(members) + 1}")
    for pillar in found:
        pillar.assumptions = [f"a-p{pillar.index + 1}-{n + 1}" for n in range(max(1, len(pillar.outcomes) // 2))]
    return found


class Writer:
    """Writes the model text section by section, drawing every choice from one seeded generator."""

    def __init__(self, nodes: int, seed: int) -> None:
        self.random = random.Random(seed)
        self.pillars = pillars(nodes)
        self.impacts = sorted({p.impact for p in self.pillars}, key=lambda i: int(i.split("-")[1]))
        interventions = sum(len(p.interventions) for p in self.pillars)
        self.actors = [f"act-{n + 1}" for n in range(min(interventions, max(3, nodes // 30)))]
        self.risk_count = max(1, nodes // 40)
        self.model_wide = [f"a-all-{n + 1}" for n in range(min(len(GLOBAL_ASSUMPTIONS), len(self.pillars)))]
        self.stage_of: dict[str, int] = {}
        self.producers: dict[str, list[str]] = {}
        self.lines: list[str] = []

    def text(self) -> str:
        """The whole model as YAML text."""
        for section in (
            self.header,
            self.actor_section,
            self.stage_section,
            self.problem_section,
            self.intervention_section,
            self.output_section,
            self.outcome_section,
            self.impact_section,
            self.assumption_section,
            self.risk_section,
        ):
            self.lines.extend(section())
        self.lines.append("")
        return "\n".join(self.lines)

    def pick(self, ids: list[str], low: int, high: int) -> list[str]:
        """Between `low` and `high` distinct ids drawn from `ids` (fewer when there are fewer)."""
        return self.random.sample(ids, min(len(ids), self.random.randint(low, high)))

    def header(self) -> Iterator[str]:
        yield "# Synthetic model generated by benchmarks/synthetic.py"
        yield "tocmodel: 1"
        yield "model:"
        yield "  id: synthetic"
        yield "  title: {en: Synthetic national e-waste intervention model, fr: Modèle synthétique}"
        yield "  country: GH"
        yield f"  start: {START}"
        yield "  years: 5"
        yield "  languages: [en, fr]"
        yield f"  programme_areas: [{', '.join(AREAS)}]"

    def actor_section(self) -> Iterator[str]:
        yield "actors:"
        for n, actor in enumerate(self.actors):
            yield f"  {actor}: {{name: Actor {n + 1} for e-waste work, type: {ACTOR_TYPES[n % len(ACTOR_TYPES)]}}}"

    def stage_section(self) -> Iterator[str]:
        yield "stages:"
        for n, (stage_id, title, years) in enumerate(STAGES):
            after = f", after: [{STAGES[n - 1][0]}]" if n else ""
            yield f"  {stage_id}: {{title: {{en: {title}, fr: {title} (fr)}}, years: {years}{after}}}"

    def problem_section(self) -> Iterator[str]:
        yield "problem:"
        yield "  core: Most e-waste is handled informally, harming workers, communities and the environment"
        yield "  root_causes:"
        for pillar in self.pillars:
            causes = pillar.root_causes
            tops, deeper = causes[: (len(causes) + 1) // 2], causes[(len(causes) + 1) // 2 :]
            parents = min(2, len(tops))  # the first two causes have the deeper ones
            for n, cause in enumerate(tops):
                yield f"    {cause}:"
                yield f"      title: Weak {pillar.theme} system {n + 1}"
                children = deeper[n::parents] if n < parents else []
                if n == 0 and deeper:
                    yield "      evidence: National value chain study and stakeholder interviews"
                if children:
                    yield "      causes:"
                    for child in children:
                        yield f"        {child}: {{title: No rules or budget for {pillar.theme}}}"

    def intervention_section(self) -> Iterator[str]:
        yield "interventions:"
        for pillar in self.pillars:
            yield from self.interventions(pillar)

    def interventions(self, pillar: Pillar) -> Iterator[str]:
        interventions, outputs, causes = pillar.interventions, pillar.outputs, pillar.root_causes
        for n, intervention in enumerate(interventions):
            stage = min(len(STAGES) - 1, n * len(STAGES) // len(interventions))
            self.stage_of[intervention] = stage
            addresses = dict.fromkeys([*causes[n :: len(interventions)], *self.pick(causes, 0, 1)])
            if not addresses:
                addresses = dict.fromkeys(self.pick(causes, 1, 1))
            produces = dict.fromkeys([*outputs[n :: len(interventions)], *self.pick(outputs, 0, 2)])
            if not produces:
                produces = dict.fromkeys(self.pick(outputs, 1, 1))
            for output in produces:
                self.producers.setdefault(output, []).append(intervention)
            support = self.pick(self.actors, 0, 1)
            yield f"  {intervention}:"
            yield f"    title: Support {pillar.theme} work {n + 1}"
            yield f"    stage: {STAGES[stage][0]}"
            first, last = STAGE_SPANS[stage]
            if last > first and n % 3 == 0:
                yield f"    years: {last}"
            if n % 2 == 0:
                yield f"    programme_area: {AREAS[(pillar.index + n // 2) % len(AREAS)]}"
            yield f"    addresses: [{', '.join(addresses)}]"
            yield f"    lead: {self.actors[len(self.stage_of) % len(self.actors)]}"
            if support:
                yield f"    support: [{', '.join(support)}]"
            needs = self.needs(pillar, intervention)
            if needs:
                yield f"    needs: [{needs}]"
            yield f"    leads_to: [{', '.join(produces)}]"

    def needs(self, pillar: Pillar, intervention: str) -> str | None:
        """An output of the pillar produced by an intervention of an earlier stage, for some interventions."""
        stage = self.stage_of[intervention]
        if stage < 2 or self.random.random() > 0.3:
            return None
        earlier = [
            output
            for output, producers in ((o, self.producers.get(o, [])) for o in pillar.outputs)
            if producers and all(self.stage_of[p] < stage for p in producers)
        ]
        return self.random.choice(earlier) if earlier else None

    def link(self, target: str, pool: list[str], *, model_wide: str | None = None) -> str:
        """A link in full form with one or two assumptions from `pool`, and now and then a model-wide one."""
        assumptions = self.random.sample(pool, min(len(pool), 2 if self.random.random() < 0.3 else 1))
        if model_wide is None and self.random.random() < 0.02:
            model_wide = self.random.choice(self.model_wide)
        if model_wide is not None:
            assumptions.append(model_wide)
        return f"{{to: {target}, assumptions: [{', '.join(assumptions)}]}}"

    def links(self, targets: list[str], pool: list[str]) -> list[str]:
        """A link to each target (duplicates dropped), with assumptions from `pool`."""
        return [self.link(target, pool) for target in dict.fromkeys(targets)]

    def indicator(self, what: str, *, responsible: bool = True) -> Iterator[str]:
        """One indicator in flow style: a baseline, targets for the plan's last two years, a source."""
        base = self.random.randint(0, 40)
        unit = "'%'" if base % 2 else "cases"
        last = START + len(STAGES) - 1
        targets = f"{{{last - 1}: {base + 10}, {last}: {base + 20}}}"
        source = SOURCES[self.random.randrange(len(SOURCES))]
        who = f", responsible: {self.random.choice(self.actors)}" if responsible else ""
        yield "    indicators:"
        yield (
            f"      - {{title: {what}, unit: {unit}, baseline: {{value: {base}, year: {START - 1}}},"
            f" targets: {targets}, source: {source}{who}}}"
        )

    def output_section(self) -> Iterator[str]:
        yield "outputs:"
        for number, pillar in enumerate(self.pillars):
            entry = pillar.entry_outcomes
            following = self.pillars[(number + 1) % len(self.pillars)]
            for n, output in enumerate(pillar.outputs):
                yield f"  {output}:"
                yield f"    title: {pillar.theme.capitalize()} plan {n + 1} done"
                links = self.links([entry[n % len(entry)], *self.pick(entry, 0, 2)], pillar.assumptions)
                if following is not pillar and self.random.random() < 0.1:
                    links.append(self.link(following.entry_outcomes[0], following.assumptions))
                yield f"    leads_to: [{', '.join(links)}]"
                if n % 4 == 0:
                    yield from self.indicator(f"{pillar.theme.capitalize()} products delivered", responsible=False)

    def outcome_section(self) -> Iterator[str]:
        yield "outcomes:"
        for pillar in self.pillars:
            lower, upper = pillar.tiers
            ends = pillar.end_outcomes
            for tier, successors in ((lower, upper or ends), (upper, ends)):
                for n, outcome in enumerate(tier):
                    yield from self.outcome(pillar, outcome, "intermediate")
                    links = self.links(
                        [successors[n % len(successors)], *self.pick(successors, 0, 1)], pillar.assumptions
                    )
                    yield f"    leads_to: [{', '.join(links)}]"
                    yield from self.indicator(f"{pillar.theme.capitalize()} practice adopted")
            model_wide = self.model_wide[pillar.index % len(self.model_wide)]
            for n, outcome in enumerate(ends):
                yield from self.outcome(pillar, outcome, "end")
                link = self.link(pillar.impact, pillar.assumptions, model_wide=None if n else model_wide)
                yield f"    leads_to: [{link}]"
                yield from self.indicator(f"{pillar.theme.capitalize()} e-waste treated soundly")

    def outcome(self, pillar: Pillar, outcome: str, kind: str) -> Iterator[str]:
        yield f"  {outcome}:"
        yield f"    title: Better {pillar.theme} practice"
        if kind != "intermediate":  # the default
            yield f"    kind: {kind}"

    def impact_section(self) -> Iterator[str]:
        yield "impact:"
        for impact in self.impacts:
            yield f"  {impact}:"
            yield "    title: {en: E-waste is managed soundly and safely, fr: Les déchets sont bien gérés}"
            yield from self.indicator("Share of e-waste treated in an environmentally sound way")

    def assumption_section(self) -> Iterator[str]:
        yield "assumptions:"
        confidences = ("low", "medium", "high")
        for pillar in self.pillars:
            for n, assumption in enumerate(pillar.assumptions):
                confidence = confidences[(pillar.index + n) % 3]
                statement = f"Partners in {pillar.theme} keep engaged"
                yield f"  {assumption}: {{statement: {statement}, confidence: {confidence}}}"
        for assumption, statement in zip(self.model_wide, GLOBAL_ASSUMPTIONS, strict=False):
            yield f"  {assumption}: {{statement: {statement}, confidence: medium}}"

    def risk_section(self) -> Iterator[str]:
        yield "risks:"
        for n in range(self.risk_count):
            pillar = self.pillars[n % len(self.pillars)]
            if n < len(STAGES) and n % 2 == 0:
                affects = [STAGES[n][0]]
            else:
                affects = self.pick([*pillar.interventions, *pillar.outputs, *pillar.outcomes], 1, 3)
            yield f"  r-{n + 1}:"
            yield f"    statement: Progress on {pillar.theme} stalls, risk {n + 1}"
            yield f"    category: {RISK_CATEGORIES[n % len(RISK_CATEGORIES)]}"
            yield f"    likelihood: {self.random.randint(1, 5)}"
            yield f"    impact: {self.random.randint(1, 5)}"
            yield "    mitigation: Agree a fallback plan with the steering committee"
            yield f"    owner: {self.actors[n % len(self.actors)]}"
            yield f"    affects: [{', '.join(affects)}]"


def synthetic_model_text(nodes: int, *, seed: int = 0) -> str:
    """A synthetic model of `nodes` nodes (root causes, interventions, outputs, outcomes, impacts) as YAML.

    The same `nodes` and `seed` always give the same text.

    Raises:
        ValueError: `nodes` is below 5 (one node of each kind).
    """
    return Writer(nodes, seed).text()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nodes", type=int, help="number of root causes, interventions, outputs, outcomes and impacts")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    text = synthetic_model_text(args.nodes, seed=args.seed)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
