"""Notes on a model that extends another: what it left out of the model it starts from.

They describe how the model was made, not the model itself, so `validate()` (which judges a model, however it
was loaded) does not run them; `tocmodel check` and `tocmodel.check()` do (see `CHECK_RULES`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from .base import Context, Rule


class DroppedFromGeneric(Rule):
    """An item of the extended (generic) model that this model leaves out with `drop:`.

    Not a problem: a country model drops what does not apply there. `tocmodel check` lists every item
    dropped, where the `drop:` entry is, and where the item is defined, so reviewers see what the country
    model does not take from the generic one. Information never fails a check, even with `--strict`.
    """

    code = "TOC701"
    name = "dropped-from-generic"
    severity = Severity.INFO
    hint = "nothing to fix; remove the id from `drop:` to keep the item"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        lineage = context.model.lineage
        for dropped in lineage.dropped if lineage else ():
            what = f"{dropped.kind} `{dropped.id}`" + (f" ({dropped.title})" if dropped.title else "")
            verb = "replaces whole" if dropped.replaced else "drops"
            defined = context.locate(dropped.defined_path, key=True)
            hint = f"defined at {defined}; " if defined else ""
            hint += "written again in full here" if dropped.replaced else "remove the id from `drop:` to keep it"
            yield self.found(context, f"{verb} {what} from {dropped.base}", dropped.drop_path, hint=hint)
