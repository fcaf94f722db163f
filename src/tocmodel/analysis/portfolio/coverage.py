"""What each country kept of the generic model: every root cause, intervention, result, assumption and risk of
the generic model as kept, changed (with the fields that differ) or dropped in each country; what countries added; and
which countries address each root cause."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from ...schema import Model, Text
from .loading import Country

State = Literal["kept", "changed", "dropped"]

KINDS = ("root cause", "intervention", "output", "outcome", "impact", "assumption", "risk")
"""The kinds of item the coverage compares, in the order its table lists them."""


@dataclass(frozen=True)
class Held:
    """What one country did with one item of the generic model."""

    state: State
    changed: tuple[str, ...] = ()
    """The fields that differ from the generic model's, for a changed item."""


@dataclass(frozen=True)
class ItemRow:
    """An item of the generic model, and what each country did with it."""

    kind: str
    id: str
    title: Text
    countries: dict[str, Held] = field(default_factory=dict)

    @property
    def held_by(self) -> list[str]:
        """The countries that keep the item, as it is or changed."""
        return [country for country, held in self.countries.items() if held.state != "dropped"]


@dataclass(frozen=True)
class Addition:
    """An item a country has that the generic model does not."""

    country: str
    kind: str
    id: str
    title: Text


@dataclass(frozen=True)
class CauseRow:
    """A root cause, the countries whose model has it and those with an intervention addressing it."""

    id: str
    title: Text
    generic: bool
    """Whether it is the generic model's."""
    held_by: tuple[str, ...]
    addressed_by: tuple[str, ...]


def items(model: Model) -> Iterator[tuple[str, str, BaseModel, Text]]:
    """The items the coverage compares: `(kind, id, item, title)`, in the order of `KINDS`."""
    for cause_id, cause in model.root_causes.items():
        yield "root cause", cause_id, cause, cause.title
    for intervention_id, intervention in model.interventions.items():
        yield "intervention", intervention_id, intervention, intervention.title
    for kind, section in (("output", model.outputs), ("outcome", model.outcomes), ("impact", model.impact)):
        for result_id, result in section.items():
            yield kind, result_id, result, result.title
    for assumption_id, assumption in model.assumptions.items():
        yield "assumption", assumption_id, assumption, assumption.statement
    for risk_id, risk in model.risks.items():
        yield "risk", risk_id, risk, risk.statement


def coverage(generic: Model, countries: list[Country]) -> tuple[list[ItemRow], list[Addition]]:
    """Each item of the generic model with what every country did with it, and what countries added."""
    found = {country.id: {(k, i): item for k, i, item, _ in items(country.model)} for country in countries}
    rows: list[ItemRow] = []
    for kind, item_id, item, title in items(generic):
        row = ItemRow(kind, item_id, title)
        for country in countries:
            theirs = found[country.id].get((kind, item_id))
            if theirs is None:
                row.countries[country.id] = Held("dropped")
            else:
                changes = changed_fields(item, theirs)
                row.countries[country.id] = Held("changed", changes) if changes else Held("kept")
        rows.append(row)
    own = {(kind, item_id) for kind, item_id, _, _ in items(generic)}
    additions = [
        Addition(country.id, kind, item_id, title)
        for country in countries
        for kind, item_id, _, title in items(country.model)
        if (kind, item_id) not in own
    ]
    return rows, additions


def changed_fields(generic: BaseModel, country: BaseModel) -> tuple[str, ...]:
    """The fields of an item that a country's model gives otherwise than the generic model (root causes
    without their deeper causes, which are items of their own)."""
    theirs, ours = _fields(country), _fields(generic)
    return tuple(name for name in dict.fromkeys([*ours, *theirs]) if ours.get(name) != theirs.get(name))


def _fields(item: BaseModel) -> dict[str, Any]:
    dumped = item.model_dump(mode="json", exclude_defaults=True)
    dumped.pop("causes", None)
    return dict(dumped)


def root_causes(generic: Model, countries: list[Country]) -> list[CauseRow]:
    """Every root cause of the generic model and of the countries, with who has it and who addresses it;
    the generic model's first, then the countries' own in the order met."""
    titles: dict[str, Text] = {cause_id: cause.title for cause_id, cause in generic.root_causes.items()}
    for country in countries:
        for cause_id, cause in country.model.root_causes.items():
            titles.setdefault(cause_id, cause.title)
    rows = []
    for cause_id, title in titles.items():
        held = tuple(c.id for c in countries if cause_id in c.model.root_causes)
        addressed = tuple(c.id for c in countries if cause_id in c.model.root_causes and _addressed(c.model, cause_id))
        rows.append(CauseRow(cause_id, title, cause_id in generic.root_causes, held, addressed))
    return rows


def _addressed(model: Model, cause_id: str) -> bool:
    return any(cause_id in intervention.addresses for intervention in model.interventions.values())
