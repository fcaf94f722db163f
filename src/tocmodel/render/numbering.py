"""How every output numbers a model's assumptions: `A1`, `A2`… in the order the model lists them.

A diagram's badges and legend, a logframe's matrix and its assumptions register all take their numbers
from here, so `A5` names the same assumption wherever a reader meets it, and a diagram that shows only
some links (a pathway, a stage) keeps the numbers of the whole model.
"""

from __future__ import annotations

from ..schema import Model


def assumption_numbers(model: Model) -> dict[str, int]:
    """Each assumption's number, from 1, in the order of the model's `assumptions` section.

    Args:
        model: The model whose assumptions are numbered.

    Returns:
        Assumption id → number, in the model's order.
    """
    return {assumption_id: number for number, assumption_id in enumerate(model.assumptions, start=1)}
