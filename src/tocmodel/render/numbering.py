"""How every output numbers a model's assumptions: `A1`, `A2`… in the order the model lists them.

A diagram's badges and legend, a logframe's matrix and its assumptions register all take their numbers
from here, so `A5` names the same assumption wherever a reader meets it, and a diagram that shows only
some links (a pathway, a stage) keeps the numbers of the whole model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..schema import Model


def assumption_numbers(model: Model) -> dict[str, int]:
    """Each assumption's number, from 1, in the order of the model's `assumptions` section.

    Args:
        model: The model whose assumptions are numbered.

    Returns:
        Assumption id → number, in the model's order.
    """
    return {assumption_id: number for number, assumption_id in enumerate(model.assumptions, start=1)}


def result_numbers(model: Model) -> dict[str, str]:
    """Each result's and activity's number as donors' logframes write them: `1`, `1.1`, `1.1.1`.

    Outcomes are numbered `1`, `2`… in the model's order; an output takes the number of the first outcome
    it leads to and its place among that outcome's outputs (`1.2`); an activity (intervention), that of the
    first output it leads to (`1.2.1`). An output that leads to no outcome is numbered under `0` (`0.1`), an
    activity that leads to no output under `0.0` (`0.0.1`), so no two share a number. The impact is `I`
    (`I1`, `I2`… when there are several).

    Args:
        model: The model whose results are numbered.

    Returns:
        Result or intervention id → number, for every impact, outcome, output and intervention.
    """
    numbers = {impact: "I" if len(model.impact) == 1 else f"I{n}" for n, impact in enumerate(model.impact, start=1)}
    outcomes = {outcome: str(n) for n, outcome in enumerate(model.outcomes, start=1)}
    outputs = _numbered_under(outcomes, model.outputs, loose="0")
    activities = _numbered_under(outputs, model.interventions, loose="0.0")  # never an output's number
    return _labelled(model, numbers | outcomes | outputs | activities)


def _labelled(model: Model, numbers: dict[str, str]) -> dict[str, str]:
    """The numbers, with each result's own `label` where no other result has or takes that number."""
    labels = {
        item_id: item.label
        for section in ("impact", "outcomes", "outputs", "interventions")
        for item_id, item in getattr(model, section).items()
        if item.label
    }
    counts = Counter(labels.values())
    kept = {number for item_id, number in numbers.items() if item_id not in labels}
    return {
        item_id: labels[item_id] if counts[labels.get(item_id, "")] == 1 and labels[item_id] not in kept else number
        for item_id, number in numbers.items()
    }


def _numbered_under(parents: dict[str, str], items: Mapping[str, Any], *, loose: str) -> dict[str, str]:
    """Each item numbered under the first of `parents` it leads to (under `loose` when none), in order."""
    counts: dict[str, int] = {}
    numbers = {}
    for item_id, item in items.items():
        parent = next((parents[link.to] for link in item.leads_to if link.to in parents), loose)
        counts[parent] = counts.get(parent, 0) + 1
        numbers[item_id] = f"{parent}.{counts[parent]}"
    return numbers


def number_key(number: str) -> tuple[tuple[int, int, str], ...]:
    """How numbers sort: `1.10` after `1.9`, the impact (`I`, `I2`) before the outcomes.

    Args:
        number: A number from `result_numbers`.

    Returns:
        Its parts, whole numbers first and then a label's other parts (`OP1`) by their text, the impact's
        first.
    """
    if (number.startswith("I") and number[1:].isdigit()) or number == "I":
        return ((-1, int(number[1:] or 0), ""),)
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in number.split("."))
