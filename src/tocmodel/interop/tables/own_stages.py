"""The stages and the workplan in tocmodel's own documents, read back: what follows what, what happens,
entry criteria, deliverables, years, and each activity's stage and years."""

from __future__ import annotations

import re
from typing import Any

from .grid import Grid
from .registers import Registers
from .views import find

_SPAN = re.compile(r"^\d{4}(?:-\d{4})?$")


def read_stages(grids: list[Grid], data: dict[str, Any], registers: Registers, by_number: dict[str, str]) -> None:
    """The stages (`S1 …`, what follows what, what happens, entry criteria, deliverables) and, from the
    workplan, the years of each stage and the stage and years of each activity."""
    view = find(grids, "Stage", "Follows", "What happens", "Entry criteria", "Deliverables")
    if view is None:
        return
    numbered = {number: item_id for (kind, number), item_id in registers.numbered.items() if kind == "stage"}
    stages: dict[str, Any] = {}
    for row in view.rows():
        number, _, title = view.grid.text(row, view.columns["stage"]).partition(" ")
        stage_id = numbered.get(number)
        if stage_id is None:
            continue
        stage: dict[str, Any] = {"title": title.strip()}
        if after := [numbered.get(n.strip(), n.strip()) for n in view.text(row, "follows").split(",") if n.strip()]:
            stage["after"] = after
        if description := view.text(row, "what happens"):
            stage["description"] = description
        for header, field in (("entry criteria", "entry_criteria"), ("deliverables", "deliverables")):
            if listed := [line for line in view.text(row, header).split("\n") if line.strip()]:
                stage[field] = listed
        stages[stage_id] = stage
        view.done(row)
    if stages:
        _workplan(grids, data, stages, numbered, by_number)
        data["stages"] = stages


def _workplan(
    grids: list[Grid], data: dict[str, Any], stages: dict[str, Any], numbered: dict[str, str], by_number: dict[str, str]
) -> None:
    """The workplan's rows: a stage's years; an activity's stage (the stage row above it) and its years
    when they are not its stage's."""
    view = find(grids, "Stage / activity", "Years", "Lead")
    interventions = data.get("interventions", {})
    if view is None:
        return
    stage_id = None
    for row in view.rows():
        number = view.grid.text(row, view.columns["stage activity"]).split(" ", 1)[0]
        years = view.grid.text(row, view.columns["years"]).replace("–", "-")
        if not _SPAN.match(years):  # past the workplan (the stages table below it)
            continue
        if number in numbered and numbered[number] in stages:
            stage_id = numbered[number]
            stages[stage_id]["years"] = years
        elif (item := interventions.get(by_number.get(number, ""))) is not None and stage_id:
            item["stage"] = stage_id
            if years != stages[stage_id].get("years"):
                item["years"] = years
        else:
            continue
        view.done(row)  # the lead repeats the responsibility matrix; the year columns repeat the years
