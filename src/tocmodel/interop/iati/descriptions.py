"""The descriptions of IATI results and indicators: the model's text, then labelled fields that carry what IATI
has no element for (an indicator's unit, means of verification, id and standard; a result's id) and the
assumptions a result rests on."""

from __future__ import annotations

from ...load.bank import shipped_bank
from ...schema import Indicator, Model, Text
from ...schema.bank import IatiReference
from ..notes import Note
from .codes import codelist
from .narratives import IDENTIFIER, SOURCE, STANDARD, UNIT, per_language, with_assumptions, with_fields


def result_description(
    languages: list[str], body: Text | None, statements: list[Text], identifier: str | None
) -> dict[str, str]:
    """A result's description by language: its text, its id as an `Identifier:` line when given, then an
    `Assumptions:` paragraph."""
    main = languages[0]
    own = per_language(body, languages) if body else {}
    listed = [per_language(statement, languages) for statement in statements]
    texts: dict[str, str] = {}
    for language in _ordered(languages, own, *listed, {main: ""} if identifier else {}):
        opening = own.get(language)
        if identifier and language == main:
            opening = with_fields(opening, [(IDENTIFIER, identifier)])
        text = with_assumptions(opening, [found for s in listed if (found := s.get(language))])
        if text:
            texts[language] = text
    return texts


def indicator_description(languages: list[str], indicator: Indicator) -> dict[str, str]:
    """An indicator's description by language: its text, then its unit and means of verification, and in
    the main language its own id (which actuals name) and the bank code of its standard."""
    main = languages[0]
    own = per_language(indicator.description, languages) if indicator.description else {}
    sources = per_language(indicator.source, languages) if indicator.source else {}
    units = per_language(indicator.unit, languages) if indicator.unit else {}
    texts: dict[str, str] = {}
    for language in _ordered(languages, own, sources, units):
        fields = [(UNIT, units.get(language)), (SOURCE, sources.get(language))]
        if language == main and indicator.id:
            fields.append((IDENTIFIER, indicator.id))
        if language == main and indicator.standard:  # the bank's code: an SDG reference is less precise
            fields.append((STANDARD, indicator.standard))
        text = with_fields(own.get(language), fields)
        if text:
            texts[language] = text
    return texts


def standard_reference(model: Model, indicator: Indicator) -> IatiReference | None:
    """The IATI reference of the standard the indicator references, if the bank gives one in a vocabulary of
    IATI's IndicatorVocabulary codelist (an organisation's bank may give another: see `unknown_vocabularies`)."""
    if indicator.standard is None:
        return None
    standard = (model.bank or shipped_bank()).get(indicator.standard)
    reference = standard.iati if standard is not None else None
    return reference if reference is not None and reference.vocabulary in codelist("IndicatorVocabulary") else None


def unknown_vocabularies(model: Model) -> list[Note]:
    """A note for each standard the model references whose IATI vocabulary IATI does not have (left out)."""
    bank = model.bank or shipped_bank()
    notes = []
    for code in dict.fromkeys(i.standard for _, _, _, i in model.iter_indicators() if i.standard):
        standard = bank.get(code)
        reference = standard.iati if standard is not None else None
        if reference is not None and reference.vocabulary not in codelist("IndicatorVocabulary"):
            what = f"`{reference.vocabulary}` is not an IndicatorVocabulary code"
            notes.append(Note(code, f"the IATI reference of standard `{code}` left out: {what} ({bank.origins[code]})"))
    return notes


def _ordered(languages: list[str], *versions: dict[str, str]) -> list[str]:
    """The languages the texts have: the model's first, then the others, each in the order first met."""
    found = dict.fromkeys(language for texts in versions for language in texts)
    return sorted(found, key=lambda language: language not in languages)
