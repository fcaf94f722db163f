"""How a measure grows with the size of the model: each step in size against the goal of about linear."""

from __future__ import annotations

import itertools
from typing import Any

MAX_RATIO = 12.0
"""Most time a 10x larger model may cost, as a multiple (other steps in size scale it in proportion)."""


def growth(rows: list[dict[str, Any]], measure: str, what: str) -> list[str]:
    """For each step from one size (`nodes`) to the next, the ratio of `measure` against the goal."""
    found = []
    for smaller, larger in itertools.pairwise(rows):
        allowed = larger["nodes"] / smaller["nodes"] * MAX_RATIO / 10
        ratio = larger[measure] / smaller[measure]
        ok = "ok" if ratio <= allowed else "TOO SLOW"
        step = f"{smaller['nodes']:,} -> {larger['nodes']:,}"
        found.append(f"{step}: {what} {ratio:.1f}x (goal <= {allowed:.0f}x) {ok}")
    return found
