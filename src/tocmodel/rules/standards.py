"""Rules on references to standard indicators: the code is in the bank, and the model does not contradict it."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..load.bank import shipped_bank
from ..schema.bank import Bank, Standard, same_unit
from ..schema.types import Text
from .base import Context, IndicatorRef, Rule


def model_bank(context: Context) -> Bank:
    """The bank the model was resolved against; the shipped one for a model built in memory."""
    return context.model.bank or shipped_bank()


def _referencing(context: Context) -> Iterator[tuple[IndicatorRef, str]]:
    for ref in context.indicators:
        if ref.indicator.standard is not None:
            yield ref, ref.indicator.standard


def inherited_paths(context: Context) -> set[tuple[object, ...]]:
    """Where the model's indicators hold a field taken from their standard (`(..., "indicators", 0, "title")`):
    the bank's words, not the author's to translate."""
    return {(*ref.path, name) for ref in context.indicators for name in ref.indicator.inherited}


def _known(context: Context) -> Iterator[tuple[IndicatorRef, str, Standard]]:
    """Every indicator that references a standard the bank has, with its code and the standard."""
    bank = model_bank(context)
    for ref, code in _referencing(context):
        if (standard := bank.get(code)) is not None:
            yield ref, code, standard


class UnknownStandard(Rule):
    """An indicator that references a standard the indicator bank does not have.

    Usually a typo. The indicator takes nothing from the bank, so two countries' figures cannot be
    compared; `tocmodel indicators list` shows the codes, with an organisation's banks named in
    `tocmodel.toml`.
    """

    code = "TOC421"
    name = "unknown-standard"
    severity = Severity.ERROR
    hint = "see `tocmodel indicators list` for the codes of the bank"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        bank = model_bank(context)
        for ref, code in _referencing(context):
            if bank.get(code) is None:
                message = f"indicator `{ref.id}` references `{code}`, which is not in the indicator bank"
                yield self.found(context, message, (*ref.path, "standard"), hint=bank.did_you_mean(code))


class ContradictsStandard(Rule):
    """An indicator whose unit, measure or direction is not its standard's.

    An indicator that references a standard is counted the standard's way, so that countries' figures can
    be compared; one in other units reports another figure under the same code, and one better when it
    falls where the standard is better when it rises is rated the wrong way.
    """

    code = "TOC422"
    name = "contradicts-standard"
    severity = Severity.WARNING
    hint = "leave the field out to take the standard's, or remove `standard:` if the indicator measures something else"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        for ref, code, standard in _known(context):
            indicator = ref.indicator
            if indicator.measure != standard.measure:
                message = (
                    f"indicator `{ref.id}` is a {indicator.measure} measure, where its standard `{code}` is a "
                    f"{standard.measure} measure"
                )
                yield self.found(context, message, (*ref.path, "measure"))
            if (
                standard.unit is not None
                and indicator.unit is not None
                and not same_unit(indicator.unit, standard.unit)
            ):
                lang = context.model.model.languages[0]
                message = (
                    f"indicator `{ref.id}` is counted in `{_shown(indicator.unit, lang)}`, where its standard `{code}` "
                    f"is counted in `{_shown(standard.unit, lang)}`"
                )
                yield self.found(context, message, (*ref.path, "unit"))
            if {indicator.direction, standard.direction} == {"increase", "decrease"}:
                message = (
                    f"indicator `{ref.id}` is better when it {_WAY[indicator.direction]}, where its standard `{code}` "
                    f"is better when it {_WAY[standard.direction or 'maintain']}"
                )
                yield self.found(context, message, (*ref.path, "direction"))


_WAY = {"increase": "increases", "decrease": "decreases", "maintain": "holds"}


class StandardWithoutDirection(Rule):
    """An indicator that references a figure of context and does not say which way is better.

    Some standards (the e-waste generated, the EEE placed on the market) leave the direction to the
    programme: one may aim to hold it, another only watches it. Without `direction:` the indicator counts
    as better when it increases, and its progress is rated so.
    """

    code = "TOC423"
    name = "standard-without-direction"
    severity = Severity.WARNING
    hint = "write `direction:` on the indicator: `increase`, `decrease` or `maintain`"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        for ref, code, standard in _known(context):
            if standard.direction is None and "direction" not in ref.indicator.model_fields_set:
                message = f"indicator `{ref.id}` references `{code}`, which leaves its direction to the model"
                yield self.found(context, message, (*ref.path, "standard"))


def _shown(text: Text, lang: str) -> str:
    return text if isinstance(text, str) else text.get(lang) or text.get("en") or next(iter(text.values()))
