"""The model's vocabulary, written once: its sections, the kinds of thing they hold, the levels of the results
chain and which level may lead to which. Every floor above reads these rather than spelling them again."""

from __future__ import annotations

from typing import Literal

Kind = Literal[
    "root_cause",
    "intervention",
    "output",
    "outcome",
    "impact",
    "actor",
    "stage",
    "assumption",
    "risk",
    "indicator",
    "programme_area",
]

SECTIONS: dict[str, Kind] = {
    "interventions": "intervention",
    "outputs": "output",
    "outcomes": "outcome",
    "impact": "impact",
    "actors": "actor",
    "stages": "stage",
    "assumptions": "assumption",
    "risks": "risk",
}
"""Top-level sections keyed by id, and the kind of thing each holds."""


RESULT_SECTIONS = ("interventions", "outputs", "outcomes", "impact")
"""The sections of the results chain, from cause to effect."""

RESULT_KIND: dict[str, Kind] = {section: SECTIONS[section] for section in RESULT_SECTIONS}
"""The kind of thing each section of the results chain holds, from cause to effect."""

LINKING_SECTIONS: dict[str, Kind] = {s: k for s, k in RESULT_KIND.items() if s != "impact"}
"""The sections whose items lead on to others (`leads_to`), and their kind."""

LEVELS: dict[str, int] = {"root_cause": 0, "intervention": 1, "output": 2, "outcome": 3, "impact": 4}
"""The level of each kind of node, from the problem up to the impact."""

TARGET_KINDS = frozenset({"output", "outcome", "impact"})
"""The kinds a causal link may lead to."""
