"""The format of an indicator bank: standard indicators that a model's indicators reference by code.

A bank file holds a heading (`bank:`) and its indicators by code. tocmodel ships one bank (the e-waste
statistics and the SDG indicators they feed); an organisation's own banks, named in `tocmodel.toml`, add to
it or replace its entries.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from ..suggest import Suggester
from .base import Strict
from .types import Text

BANK_FORMAT = 1
"""The version of the bank format this tocmodel reads (`tocmodel-bank: 1`)."""

STANDARD_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"

StandardCode = Annotated[str, StringConstraints(strip_whitespace=True, pattern=STANDARD_PATTERN, max_length=64)]
"""A standard indicator's code in a bank: `SDG-12.4.2`, `EN_EWT_COLLR`."""

WebAddress = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^https?://[^\s<>\"']+$")]
"""A web address, `https://…` or `http://…` (documents and the preview link to it)."""

INHERITED = ("title", "description", "unit", "measure", "direction", "disaggregation")
"""The fields a model's indicator takes from the standard it references when it does not write them (the
standard's `definition` is the indicator's `description`)."""


class Citation(Strict):
    """A published source."""

    title: str
    """The publication's title, edition and year."""
    url: WebAddress | None = None
    """Where it is published."""
    publisher: str | None = None
    """Who publishes it."""


class IatiReference(Strict):
    """The standard's code in an IATI indicator vocabulary (`result/indicator/reference`)."""

    vocabulary: Annotated[str, StringConstraints(pattern=r"^[0-9]+$")]
    """The IATI IndicatorVocabulary code: `9` for the UN SDG indicators, `99` for the reporting organisation's."""
    code: str
    """The indicator's code in that vocabulary: `12.4.2`."""
    url: WebAddress | None = None
    """The indicator's definition (the reference's `indicator-uri`)."""


class Ratio(Strict):
    """A rate as the quotient of two standards: how a portfolio combines countries' rates."""

    numerator: str
    """Code of the standard counted above the line (`EN_EWT_RCYV`)."""
    denominator: str
    """Code of the standard counted below it (`EN_EWT_GENV`), in the same unit."""


class Standard(Strict):
    """A standard indicator."""

    title: Text
    """The official title, in every language its custodian publishes it in."""
    definition: Text
    """What is measured, in the custodian's words or close to them."""
    methodology: Text | None = None
    """How the value is worked out."""
    unit: Text | None = None
    """Unit of measure: `kg/inh`, `%`."""
    measure: Literal["unit", "percentage", "nominal", "ordinal", "qualitative"] = "unit"
    """Kind of measure (the IATI indicator measures)."""
    direction: Literal["increase", "decrease", "maintain"] | None = None
    """Which way is better for a programme against e-waste's harm; unset for context figures such as the
    e-waste generated, which a programme does not aim to move."""
    disaggregation: list[str] = Field(default_factory=list)
    """How the custodian breaks the values down: `sex`, `migrant status`."""
    custodian: list[str] = Field(min_length=1)
    """The agencies responsible for the indicator's methodology and global figures."""
    family: str
    """The set it belongs to: `SDG`, `E-waste statistics`."""
    url: WebAddress
    """Where the definition is published (the logframe links to it)."""
    iati: IatiReference | None = None
    """Its code in an IATI indicator vocabulary, written into IATI exports."""
    ratio: Ratio | None = None
    """For a rate: the standards it is the quotient of (×100 for a percentage), so that a portfolio can combine
    countries' rates from their numerators and denominators instead of adding them."""
    feeds: list[str] = Field(default_factory=list)
    """Codes of other standards it is reported under (an e-waste statistic's SDG indicator)."""
    keywords: list[str] = Field(default_factory=list)
    """Words that say what it measures, in any language: they help `tocmodel indicators suggest`."""

    def inherited(self) -> dict[str, Any]:
        """What a model's indicator referencing this standard takes from it, as a model file writes it."""
        values: dict[str, Any] = {
            "title": _copy(self.title),
            "description": _copy(self.definition),
            "unit": _copy(self.unit),
            "measure": self.measure,
            "direction": self.direction,
            "disaggregation": list(self.disaggregation),
        }
        return {key: value for key, value in values.items() if value not in (None, [])}


def _copy(text: Text | None) -> Text | None:
    return dict(text) if isinstance(text, dict) else text


class BankHeading(Strict):
    """What a bank is and where its indicators come from."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    """The bank's identifier."""
    title: Text
    """The bank's title."""
    sources: list[Citation] = Field(default_factory=list)
    """The publications its indicators are taken from."""


class BankFile(Strict):
    """A bank file: `tocmodel-bank: 1`, `bank:` and `indicators:` by code."""

    tocmodel_bank: Literal[1] = Field(alias="tocmodel-bank")
    """The bank format's version."""
    bank: BankHeading
    """What the bank is."""
    indicators: dict[StandardCode, Standard] = Field(default_factory=dict)
    """Standard indicators by code."""


_UNIT_WORDS = (
    (r"\b(per|par|por|pour)\b", "/"),
    (r"\b(inhabitants?|habitants?|habitantes?|capita|cápita|inh|hab)\b", "inh"),
)


def _versions(text: Text) -> set[str]:
    """Each language version of a unit, written one way: no spaces, dots or thousands separators, `per`
    as `/` and inhabitants as `inh` (`kg per inhabitant`, `kg/hab.` and `kg/inh` are one unit)."""
    values = text.values() if isinstance(text, dict) else [text]
    found = set()
    for value in values:
        plain = value.casefold()
        for pattern, short in _UNIT_WORDS:
            plain = re.sub(pattern, short, plain)
        found.add(re.sub(r"[\s.,\u00a0\u202f]", "", plain))
    return found


def same_unit(one: Text, other: Text) -> bool:
    """Whether two units are the same in some language, spaces and case aside (`kg/inh` and `kg / inh`)."""
    return bool(_versions(one) & _versions(other))


@dataclass(frozen=True)
class Bank:
    """Standard indicators by code, and the bank file each was read from (see `tocmodel.load.bank`)."""

    standards: dict[str, Standard] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    """Each code's bank file, as named in messages (`shipped: sdg.yaml` for the shipped ones)."""
    files: tuple[FilePath, ...] = ()
    """The organisation's bank files read (the preview reads the model again when one changes)."""
    replaced: dict[str, list[str]] = field(default_factory=dict)
    """The bank files whose entry of a code a later file replaced, by code (`shipped: sdg.yaml`)."""

    def get(self, code: str) -> Standard | None:
        """The standard of that code, if the bank has one."""
        return self.standards.get(code)

    def did_you_mean(self, code: str) -> str | None:
        """`did you mean `SDG-12.4.2`?` for a misspelt code."""
        return _suggester(tuple(self.standards)).did_you_mean(code)


@functools.lru_cache(maxsize=8)
def _suggester(codes: tuple[str, ...]) -> Suggester:
    return Suggester(codes)
