"""The other tables of the logframes tocmodel writes, read back: the problem tree, actors, risks, the
assumptions' evidence and status, the indicators' definitions, who leads and supports each activity.

They are found by their headers in any shipped language (`headings.in_english`), and say which id each
number stands for through the document's `Identifiers` table; their rows are marked as read.
"""

from __future__ import annotations

from typing import Any

from ..notes import Note
from .grid import Grid
from .headings import fold, in_english
from .own_actuals import skip_progress
from .own_indicators import read_indicators
from .own_problem import read_problem
from .own_stages import read_stages
from .registers import Registers
from .views import find, vocabulary


def read_own(
    grids: list[Grid], registers: Registers, data: dict[str, Any], text: dict[str, list[str]], notes: list[Note]
) -> None:
    """Add to `data` what tocmodel's own tables say beyond the matrix (nothing for other workbooks); `text`:
    a document's paragraphs by heading (its description before the first, the problem under its own); a
    value the Indicators table gives otherwise than the matrix is noted in `notes`."""
    if not registers.numbered:
        return
    by_number = {number: item_id for (_kind, number), item_id in registers.numbered.items()}
    sections = {fold(in_english(heading)): paragraphs for heading, paragraphs in text.items()}
    if sections.get("") and "description" not in data["model"]:
        data["model"]["description"] = "\n".join(sections[""])
    names = _actors(grids, data)
    read_problem(grids, registers, data, sections.get("the problem", []))
    _risks(grids, data, names, by_number)
    _assumptions(grids, data)
    read_indicators(grids, data, names, by_number, notes)
    skip_progress(grids, notes)
    _responsibilities(grids, data, by_number)
    _coverage(grids, data, registers, by_number)
    read_stages(grids, data, registers, by_number)


def _actors(grids: list[Grid], data: dict[str, Any]) -> dict[str, str]:
    """The actors (id, name, short name, type, role); returns name → id, as other tables name them."""
    view = find(grids, "Actor id", "Name", "Type")
    if view is None:
        return {}
    actors: dict[str, Any] = {}
    for row in view.rows():
        actor_id = view.text(row, "actor id")
        if not actor_id:
            continue
        actor: dict[str, Any] = {"name": view.text(row, "name"), "type": vocabulary(view.text(row, "type"))}
        if short := view.text(row, "short name"):
            actor["short"] = short
        if role := view.text(row, "role"):
            actor["description"] = role
        actors[actor_id] = {key: value for key, value in actor.items() if value}
        view.done(row)
    if actors:
        data["actors"] = actors
    return {str(actor["name"]): actor_id for actor_id, actor in actors.items()}


def _risks(grids: list[Grid], data: dict[str, Any], names: dict[str, str], by_number: dict[str, str]) -> None:
    """The risk register: statement, category, likelihood, impact, mitigation, owner, what it affects."""
    view = find(grids, "ID", "Risk", "Category", "L", "I", "Mitigation", "Owner", "Affects")
    if view is None:
        return
    risks: dict[str, Any] = {}
    for row in view.rows():
        risk_id, category = view.text(row, "id"), vocabulary(view.text(row, "category"))
        likelihood, impact = view.text(row, "l"), view.text(row, "i")
        if not (risk_id and category and likelihood.isdigit() and impact.isdigit()):
            continue
        risk: dict[str, Any] = {"statement": view.text(row, "risk"), "category": category}
        risk.update(likelihood=int(likelihood), impact=int(impact))
        if mitigation := view.text(row, "mitigation"):
            risk["mitigation"] = mitigation
        if owner := view.actor(row, "owner", names):
            risk["owner"] = owner
        affects = [by_number.get(a.strip(), a.strip()) for a in view.text(row, "affects").split(",") if a.strip()]
        if affects:
            risk["affects"] = affects
        for derived in ("score", "band"):
            view.text(row, derived)  # worked out from likelihood and impact
        risks[risk_id] = risk
        for header in ("id", "risk", "category", "l", "i", "mitigation", "affects"):
            view.text(row, header)
    if risks:
        data["risks"] = risks


def _assumptions(grids: list[Grid], data: dict[str, Any]) -> None:
    """Each assumption's evidence, confidence and status (its statement comes with the matrix)."""
    view = find(grids, "#", "ID", "Assumption", "Evidence", "Confidence", "Status")
    if view is None:
        return
    found = data.setdefault("assumptions", {})
    for row in view.rows():
        assumption_id = view.text(row, "id")
        if not assumption_id:
            continue
        assumption = found.setdefault(assumption_id, {"statement": view.text(row, "assumption")})
        view.text(row, "assumption")
        if evidence := view.text(row, "evidence"):
            assumption["evidence"] = evidence
        for field in ("confidence", "status"):
            if value := vocabulary(view.text(row, field)):
                assumption[field] = value
        view.done(row)  # `rests on` and `criticality` are worked out from the links


def _responsibilities(grids: list[Grid], data: dict[str, Any], by_number: dict[str, str]) -> None:
    """Who leads (`L`) and supports (`S`) each activity: the responsibility matrix's actor columns."""
    view = find(grids, "Activity")
    interventions = data.get("interventions", {})
    if view is None or not interventions:
        return
    actors = {column: view.header(column) for text, column in view.columns.items() if text != "activity"}
    for row in view.rows():
        number = view.grid.text(row, view.columns["activity"]).split(" ", 1)[0]
        item = interventions.get(by_number.get(number, ""))
        if item is None:
            continue
        for column, actor_id in actors.items():
            role = in_english(view.grid.take(row, column))
            if role == "L":
                item["lead"] = actor_id
            elif role == "S":
                item.setdefault("support", []).append(actor_id)
        view.done(row)


def _coverage(grids: list[Grid], data: dict[str, Any], registers: Registers, by_number: dict[str, str]) -> None:
    """Which activities address each root cause (the coverage table's `Addressed by`)."""
    view = find(grids, "#", "Root cause", "Deeper cause of", "Addressed by", "Status")
    interventions = data.get("interventions", {})
    if view is None:
        return
    causes = {number: item_id for (kind, number), item_id in registers.numbered.items() if kind == "root_cause"}
    for row in view.rows():
        cause_id = causes.get(view.grid.text(row, view.columns["#"]))
        addressed = [by_number.get(n.strip()) for n in view.grid.text(row, view.columns["addressed by"]).split(",")]
        if cause_id is None:
            continue
        for intervention_id in (i for i in addressed if i in interventions):
            listed = interventions[intervention_id].setdefault("addresses", [])
            if cause_id not in listed:
                listed.append(cause_id)
        view.done(row)  # the rest repeats the problem table; the status is worked out
