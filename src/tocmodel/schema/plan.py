"""Model metadata, actors and the staged plan."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from .base import Strict
from .countries import COUNTRY_CODES
from .types import CalendarYear, Id, IdList, LanguageCode, Text, TextList, YearSpanField

ActorType = Literal[
    "coalition-member",
    "partner",
    "ministry",
    "government-agency",
    "statistics-office",
    "employers-organisation",
    "workers-organisation",
    "pro",
    "ngo",
    "private-sector",
    "academia",
    "international-organisation",
    "donor",
    "multi-stakeholder-partnership",
    "community",
    "other",
]


def _country(code: str) -> str:
    upper = code.upper()
    if upper not in COUNTRY_CODES:
        raise PydanticCustomError(
            "country_code",
            "`{code}` is not an ISO 3166-1 alpha-2 country code (e.g. `GH` for Ghana, `KE` for Kenya)",
            {"code": code},
        )
    return upper


CountryCode = Annotated[
    str, AfterValidator(_country), WithJsonSchema({"type": "string", "enum": sorted(COUNTRY_CODES)})
]


def _version_text(value: Any) -> Any:
    """`version: 1.2` is read by YAML as a number; keep it as the text the author wrote."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


class Meta(Strict):
    """What the model is about: its identity, country and plan horizon."""

    id: Id
    """Short identifier of the model, e.g. `ewaste-gh-pilot`."""
    title: Text
    """Title shown on diagrams and documents."""
    country: CountryCode | None = None
    """ISO 3166-1 alpha-2 code of the country (`GH`); leave out for a generic model."""
    start: CalendarYear
    """First calendar year of the plan, e.g. `2027`."""
    years: Annotated[int, Field(ge=1, le=30)] = 5
    """Length of the plan in years (five by default). Plan years run from 1 to this number."""
    languages: Annotated[list[LanguageCode], Field(min_length=1)] = Field(default_factory=lambda: ["en"])
    """Languages the model's texts are written in; the first is the main language."""
    programme_areas: list[Id] = Field(default_factory=list)
    """Programme areas interventions belong to, e.g. `communication`, `knowledge`."""
    description: Text | None = None
    """A paragraph on the model's scope and purpose."""
    version: Annotated[str, BeforeValidator(_version_text)] | None = None
    """Version of the model shown on documents, e.g. `1.2`."""
    date: datetime.date | None = None
    """Date of this version (`2026-11-01`); documents print this date, never the clock."""


class Actor(Strict):
    """A stakeholder that leads or supports interventions, owns risks or reports on indicators."""

    name: Text
    """Full name, e.g. `Ministry of Environment`."""
    type: ActorType
    """Kind of actor, e.g. `ministry`, `statistics-office`, `pro`, `coalition-member`."""
    short: str | None = None
    """Abbreviation used in tight spaces, e.g. `MoE`."""
    description: Text | None = None
    """What the actor does in this model."""
    twinned_with: Id | None = None
    """Another actor this one is twinned with (an emerging PRO with an experienced one)."""


class Stage(Strict):
    """A stage of the plan, e.g. `value chain analysis`, with its years and the stages it follows."""

    title: Text
    """Name of the stage."""
    years: YearSpanField
    """Years the stage runs: plan years (`1-2`) or calendar years (`2027-2028`)."""
    after: IdList = Field(default_factory=list)
    """Stages that must have started before this one starts."""
    description: Text | None = None
    """What happens in this stage."""
    deliverables: TextList = Field(default_factory=list)
    """What the stage hands over when it ends."""
    entry_criteria: TextList = Field(default_factory=list)
    """What must hold before the stage may start."""
