"""What a workbook says besides its matrix: the facts of a title page (title, country, plan years, version,
date, language) and, in workbooks tocmodel wrote, the indicator and assumption registers whose ids and
units the matrix only abbreviates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...schema.countries import COUNTRY_CODES
from ...schema.types import LANG_PATTERN
from ..notes import Note
from .grid import Grid
from .headings import in_english, words
from .layout import HEADER_SCAN, normal
from .written import long_date

_SPAN = re.compile(r"(\d{4})\s*(?:–|-|to|\.\.)\s*(\d{4})")
_NUMBERED = re.compile(r"^A(\d+)$")
_KINDS = {
    "impact": "impact",
    "outcome": "outcome",
    "end outcome": "outcome:end",
    "output": "output",
    "activity": "intervention",
    "indicator": "indicator",
    "root cause": "root_cause",
    "stage": "stage",
}
"""The kinds an `Identifiers` table names, as tocmodel's English workbooks write them."""


@dataclass
class Facts:
    """Model metadata read from the workbook, and notes on facts that could not be used."""

    meta: dict[str, object] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)


def read_facts(grids: list[Grid]) -> Facts:
    """`Label | value` rows (or `Label: value` cells) near the top of any sheet, the first of each kind."""
    raw: dict[str, tuple[str, str]] = {}
    for grid in grids:
        for row in range(1, min(grid.rows, HEADER_SCAN) + 1):
            texts = grid.row_texts(row)[:4]
            for column, text in enumerate(texts[:3]):
                fact, found = _fact(text, texts[column + 1 :])
                if fact and found and fact not in raw and not _heads_a_table(grid, row, found):
                    raw[fact] = (found, grid.ref(row, column + 1))
                    grid.take(row, column + 1)
                    if found in texts[column + 1 :]:  # `Label | value`: the value's cell too
                        grid.take(row, column + 2 + texts[column + 1 :].index(found))
    return _facts(raw)


def _heads_a_table(grid: Grid, row: int, value: str) -> bool:
    """Whether a `Label | value` row is a table's header (`Description | Amount (USD)` over `Drilling |
    400,000`): its value is a word where every row below holds a number in the same column."""
    if value != next((t for t in grid.row_texts(row)[1:] if t), None) or any(c.isdigit() for c in value):
        return False
    column = grid.row_texts(row).index(value) + 1
    below = [t for r in range(row + 1, min(row + 4, grid.rows + 1)) if (t := grid.text(r, column))]
    return len(below) >= 2 and all(t.replace(",", "").replace(".", "").replace(" ", "").isdigit() for t in below)


def _fact(text: str, after: list[str]) -> tuple[str | None, str]:
    """The fact a title block's cell gives and its value: `Label: value`, or `Label` with the value in a
    later cell of the row; a label may be the start of a longer one (`Intended Outcome as stated in …`)."""
    label, colon, rest = text.partition(":")
    known = words().facts
    fact = known.get(normal(label)) or _prefixed(label)
    if colon and rest.strip() and fact:
        return fact, rest.strip()
    fact = known.get(normal(text)) or _prefixed(text.rstrip(": "))
    if fact:
        return fact, next((value for value in after if value), "")
    span = _SPAN.search(text)  # `Period 2025–2029`, `Implementation period 2025-2029`, no colon
    if span and known.get(normal(text[: span.start()])) == "plan":
        return "plan", span.group(0)
    return None, ""


def _prefixed(label: str) -> str | None:
    folded = normal(label)
    return next((fact for start, fact in words().fact_prefixes.items() if folded.startswith(start)), None)


def _facts(raw: dict[str, tuple[str, str]]) -> Facts:
    facts = Facts()
    for fact, (text, where) in raw.items():
        if fact == "plan":
            span = _SPAN.search(text)
            if span and int(span.group(1)) <= int(span.group(2)):
                facts.meta["start"] = int(span.group(1))
                facts.meta["years"] = int(span.group(2)) - int(span.group(1)) + 1
            else:
                facts.notes.append(Note(where, f"plan `{text}` is not a span of years such as 2027–2031: not used"))
        elif fact == "country":
            if text.upper() in COUNTRY_CODES:
                facts.meta["country"] = text.upper()
            else:
                facts.notes.append(Note(where, f"country `{text}` is not an ISO 3166-1 code such as GH: not used"))
        elif fact == "language":
            if re.match(LANG_PATTERN, text.lower()):
                facts.meta["languages"] = [text.lower()]
        elif fact == "date":
            day = long_date(text)  # `2026-11-01`, or as a document writes it: `November 1, 2026`
            if day is not None:
                facts.meta["date"] = day
            else:
                facts.notes.append(Note(where, f"date `{text}` is not a date such as 2026-11-01: not used"))
        elif text not in ("–", "-"):
            facts.meta[fact] = text
    return facts


@dataclass
class Registers:
    """tocmodel's own registers: indicator id → unit, and assumption number → (id, statement)."""

    units: dict[str, str] = field(default_factory=dict)
    assumptions: dict[int, tuple[str, str]] = field(default_factory=dict)
    end_outcomes: set[str] = field(default_factory=set)
    """The outcomes the `Identifiers` table calls end outcomes."""
    links: list[dict[str, Any]] = field(default_factory=list)
    """The `Causal links` table: each link's `from` and `to` ids, `assumptions`, `confidence` and `evidence`."""
    numbered: dict[tuple[str, str], str] = field(default_factory=dict)
    """(kind, number) → id, from the `Identifiers` table: `("output", "1.2")` → `o-value-chain-report`, in the
    model's order; kinds are `impact`, `outcome`, `output`, `intervention` and `indicator`."""

    def id_of(self, kind: str, number: str | None) -> str | None:
        """The model's id of the result or indicator numbered `number`, when the workbook says it."""
        return self.numbered.get((kind, number)) if number else None


def read_registers(grids: list[Grid]) -> Registers:
    """The `Identifiers`, `Indicators`, `Assumptions` and `Causal links` tables of a workbook tocmodel wrote,
    in any of its languages (empty for other workbooks). Their rows are marked as read."""
    registers = Registers()
    links: list[tuple[Grid, int, dict[str, int]]] = []
    for grid in grids:
        columns = _header(grid)
        if columns is None:
            continue
        row, found = columns
        if {"id", "indicator", "unit"} <= found.keys():
            for line in grid.rows_with_text(after=row):
                ind_id = grid.text(line, found["id"])
                if ind_id:
                    registers.units.setdefault(ind_id, grid.text(line, found["unit"]))
        elif {"kind", "id in the model"} <= found.keys():  # the `Identifiers` table: `#`, `Kind`, `Id in the model`
            grid.use_row(row)
            for line in grid.rows_with_text(after=row):
                kind = _KINDS.get(normal(in_english(grid.text(line, found["kind"]))))
                label, item_id = grid.text(line, found["kind"] - 1), grid.text(line, found["id in the model"])
                if kind and label and item_id:
                    if kind == "outcome:end":
                        kind = "outcome"
                        registers.end_outcomes.add(item_id)
                    registers.numbered.setdefault((kind, label), item_id)
                    grid.use_row(line)
        elif {"id", "assumption"} <= found.keys():
            for line in grid.rows_with_text(after=row):
                numbered = (_NUMBERED.match(text) for text in grid.by_row[line].values())
                number = next((int(match.group(1)) for match in numbered if match), None)
                if number is not None:
                    registers.assumptions[number] = (grid.text(line, found["id"]), grid.text(line, found["assumption"]))
        elif {"from", "to", "confidence"} <= found.keys():
            links.append((grid, row, found))
    for grid, row, found in links:  # once every number is known
        registers.links.extend(_links(grid, row, found, registers))
    return registers


def _links(grid: Grid, row: int, found: dict[str, int], registers: Registers) -> list[dict[str, Any]]:
    """The links of tocmodel's `Causal links` table, as the model writes them (rows marked as read)."""
    ids = {label: item_id for (_kind, label), item_id in registers.numbered.items()}
    by_number = {f"A{number}": item_id for number, (item_id, _statement) in registers.assumptions.items()}
    links = []
    for line in grid.rows_with_text(after=row):
        source = ids.get(grid.text(line, found["from"]).split(" ", 1)[0])
        target = ids.get(grid.text(line, found["to"]).split(" ", 1)[0])
        if source is None or target is None:
            continue
        assumptions = [
            by_number[a.strip()] for a in grid.text(line, found["assumptions"]).split(",") if a.strip() in by_number
        ]
        confidence = normal(in_english(grid.text(line, found["confidence"])))
        evidence = grid.text(line, found["evidence"]) if "evidence" in found else ""
        links.append(
            {
                "from": source,
                "to": target,
                "assumptions": assumptions,
                "confidence": confidence if confidence in ("high", "medium", "low") else None,
                "evidence": evidence if evidence not in ("", "–") else None,
            }
        )
        grid.use_row(line)
    grid.use_row(row)
    return links


def _header(grid: Grid) -> tuple[int, dict[str, int]] | None:
    for row in range(1, min(grid.rows, 5) + 1):
        found = {normal(in_english(text)): column for column, text in enumerate(grid.row_texts(row), start=1) if text}
        if "id" in found or "id in the model" in found or {"from", "to"} <= found.keys():
            return row, found
    return None
