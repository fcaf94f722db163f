"""Rules on the outputs' impact weightings (DFID logframes)."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from .base import Context, Rule


class WeightingTotal(Rule):
    """Output impact weightings that do not add up to 100 %, or that only some outputs have.

    A DFID logframe shares the impact among the outputs; weightings that add up to more or less than the
    whole, or that leave some outputs out, cannot be read as shares.
    """

    code = "TOC407"
    name = "weighting-total"
    severity = Severity.WARNING
    hint = "give every output a `weighting` so that together they make 100, or remove them all"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        outputs = context.model.outputs
        weighted = {o: item.weighting for o, item in outputs.items() if item.weighting is not None}
        if not weighted:
            return
        missing = [o for o in outputs if o not in weighted]
        total = sum(weighted.values())
        first = next(iter(weighted))
        if missing:
            names = ", ".join(f"`{o}`" for o in missing[:5]) + (" …" if len(missing) > 5 else "")
            yield self.found(
                context, f"outputs {names} have no weighting while others do", ("outputs", missing[0]), key=True
            )
        elif abs(total - 100) > 0.5:
            yield self.found(
                context, f"output weightings add up to {total:g} %, not 100 %", ("outputs", first, "weighting")
            )
