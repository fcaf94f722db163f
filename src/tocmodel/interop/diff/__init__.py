"""The semantic difference of two models: what a reviewer needs between two versions.

`diff_models(old, new)` lists every `Change`: results, links, assumptions, risks, indicators (with their
baselines and targets value by value), actuals period by period, actors, stages, root causes, the core
problem and the model's own facts, each added, removed or changed. `render` shows them as text, Markdown
or JSON; `git` runs as git's external diff driver.
"""

from __future__ import annotations

from ...schema import Model
from ...schema.monitoring import Actual
from .compare import SECTIONS, Change, Comparer, dumped, keyed, links, results, root_causes
from .indicators import indicators

__all__ = ["SECTIONS", "Change", "diff_models"]


def diff_models(old: Model | None, new: Model | None) -> list[Change]:
    """Every difference from `old` to `new`, in the order of `SECTIONS`; None stands for no model at all."""
    comparer = Comparer(_language(old), _language(new))
    changes = [
        *_meta(comparer, old, new),
        *_problem(comparer, old, new),
        *keyed(comparer, "root causes", root_causes(old), root_causes(new)),
        *keyed(comparer, "actors", old.actors if old else {}, new.actors if new else {}, label="name"),
        *keyed(comparer, "stages", old.stages if old else {}, new.stages if new else {}),
        *results(comparer, old, new),
        *links(comparer, old, new),
        *indicators(comparer, old, new),
        *keyed(comparer, "actuals", _actuals(old), _actuals(new), label="value"),
        *keyed(comparer, "assumptions", old.assumptions if old else {}, new.assumptions if new else {}, "statement"),
        *keyed(comparer, "risks", old.risks if old else {}, new.risks if new else {}, label="statement"),
        *_validation(comparer, old, new),
    ]
    order = {section: number for number, section in enumerate(SECTIONS)}
    return sorted(changes, key=lambda change: order[change.section])


def _actuals(model: Model | None) -> dict[str, Actual]:
    """Each actual as `indicator period` (`oc-collection.1 2028`): a new period is an actual added."""
    if model is None:
        return {}
    return {f"{indicator} {period}": a for indicator, periods in model.actuals.items() for period, a in periods.items()}


def _language(model: Model | None) -> str:
    return model.model.languages[0] if model else "en"


def _meta(comparer: Comparer, old: Model | None, new: Model | None) -> list[Change]:
    if old is None or new is None:
        present = new or old
        if present is None:
            return []
        if new is None:
            return [Change("model", "removed", present.model.id, old=dumped(present.model))]
        return [Change("model", "added", present.model.id, new=dumped(present.model))]
    before, after = dumped(old.model, full=True), dumped(new.model, full=True)
    return list(comparer.fields("model", new.model.id, before, after, ""))


def _problem(comparer: Comparer, old: Model | None, new: Model | None) -> list[Change]:
    before = dumped(old.problem, full=True) if old and old.problem else {}
    after = dumped(new.problem, full=True) if new and new.problem else {}
    before.pop("root_causes", None)
    after.pop("root_causes", None)
    return list(comparer.fields("problem", "problem", before, after, ""))


def _validation(comparer: Comparer, old: Model | None, new: Model | None) -> list[Change]:
    before = dumped(old.validation, full=True) if old and old.validation else {}
    after = dumped(new.validation, full=True) if new and new.validation else {}
    return list(comparer.fields("validation", "validation", before, after, ""))
