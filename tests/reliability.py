"""The rows of docs/reliability.md: each bad input tried and what tocmodel does with it.

Every test module of the reliability suite keeps its cases in a list of `Case` named `RELIABILITY_CASES` and
runs one test per case (parametrized over that list), so each row of the table is a test that passes.
`scripts/gen_docs.py` writes the table from these lists and `tests/test_docs.py` fails when it is stale.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass

MODULES = ("test_adversarial", "test_injection", "test_atomic_writes", "test_serve_abuse")
"""The test modules whose cases make the table, in the order of its sections."""


@dataclass(frozen=True)
class Case:
    """One bad input and what tocmodel does with it."""

    id: str
    """Unique across the table, short: also the pytest id."""
    area: str
    """The section of the table: for example "Reading a file" or "The preview server"."""
    given: str
    """The input, in a few words (Markdown)."""
    behaviour: str
    """What tocmodel does, as the test asserts it (Markdown)."""


def case_ids(cases: Iterable[Case]) -> list[str]:
    """The pytest ids of `cases`."""
    return [case.id for case in cases]


def all_cases() -> list[Case]:
    """Every case of every module of the reliability suite, in table order."""
    found: list[Case] = []
    for name in MODULES:
        found.extend(importlib.import_module(name).RELIABILITY_CASES)
    return found


def table(cases: list[Case]) -> str:
    """docs/reliability.md's table: one section per area, in first-seen order."""
    areas: dict[str, list[Case]] = {}
    for case in cases:
        areas.setdefault(case.area, []).append(case)
    lines: list[str] = []
    for area, rows in areas.items():
        lines += [f"## {area}", "", "| # | Input | What tocmodel does |", "|---|---|---|"]
        lines += [f"| `{c.id}` | {_cell(c.given)} | {_cell(c.behaviour)} |" for c in rows]
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
