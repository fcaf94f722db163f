"""Standard indicators suggested for a model's results, each with the reason, as data.

Two kinds of suggestion:

- an indicator of the model that says in words what a standard measures, in the same kind of measure,
  but does not reference it: write `standard: <code>`, and its figures can be compared with other
  countries';
- a result without any indicator referencing a standard, whose words are those of a standard: measure
  it by that standard.

Words are compared with rapidfuzz (as the did-you-mean hints are): a title against the standard's title in
each language, a result's words against the standard's keywords.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..load.bank import shipped_bank
from ..schema import Indicator, Model, Result
from ..schema.bank import Bank, Standard, same_unit
from ..schema.types import Text

TITLE_ALIKE = 90.0
"""How alike (0-100) an indicator's title must be to a standard's for the indicator to be suggested it."""
KEYWORD_ALIKE = 90.0
"""How closely (0-100) a keyword must appear in a result's words to count as said."""
KEYWORDS_NEEDED = 2
"""How many of a standard's keywords a result must say for the standard to be suggested for it."""
PER_RESULT = 3
"""The most standards suggested for one result."""


@dataclass(frozen=True)
class Suggestion:
    """A standard indicator suggested for a result, or for one of its indicators."""

    result: str
    """The result's id."""
    code: str
    """The standard's code."""
    kind: Literal["reference", "measure"]
    """`reference`: an indicator of the result measures the standard without saying so; `measure`: the
    result's words are the standard's, and none of its indicators references one."""
    score: float
    """How alike the words are, 0 to 100."""
    reason: str
    """Why, in a sentence."""
    indicator: str | None = None
    """For a `reference`, the indicator's id."""


def suggest_standards(model: Model, bank: Bank | None = None) -> list[Suggestion]:
    """Standard indicators for the model's results, in the results' order, the likeliest first for each.

    Args:
        model: The model.
        bank: The indicator bank; by default the one the model was loaded with, else the shipped one.
    """
    bank = bank or model.bank or shipped_bank()
    found: list[Suggestion] = []
    for section in ("outputs", "outcomes", "impact"):
        for result_id, result in getattr(model, section).items():
            found.extend(_for_result(model, result_id, result, bank))
    return found


def _for_result(model: Model, result_id: str, result: Result, bank: Bank) -> list[Suggestion]:
    referenced = {indicator.standard for indicator in result.indicators if indicator.standard}
    candidates = {code: standard for code, standard in bank.standards.items() if code not in referenced}
    found = list(_references(model, result_id, result, candidates))
    if not referenced:
        taken = {suggestion.code for suggestion in found}
        words = _texts(result.title, result.description)
        found.extend(
            _measures(
                result_id, words, {c: s for c, s in candidates.items() if c not in taken and c not in _fed(taken, bank)}
            )
        )
    found.sort(key=lambda suggestion: (suggestion.kind != "reference", -suggestion.score, suggestion.code))
    return found[:PER_RESULT]


def _fed(codes: set[str], bank: Bank) -> set[str]:
    """The standards those codes are reported under: not suggested again for the same result."""
    return {fed for code in codes if (standard := bank.get(code)) for fed in standard.feeds}


def _references(model: Model, result_id: str, result: Result, candidates: dict[str, Standard]) -> Iterator[Suggestion]:
    for index, indicator in enumerate(result.indicators):
        if indicator.standard is not None:
            continue
        best = max(
            (
                (_title_score(indicator, standard), code)
                for code, standard in candidates.items()
                if _fits(indicator, standard)
            ),
            default=None,
        )
        if best is None or best[0] < TITLE_ALIKE:
            continue
        score, code = best
        indicator_id = model.indicator_id(result_id, index, indicator)
        reason = (
            f"indicator `{indicator_id}` reads like the standard ({score:.0f}% alike) and is measured the same way: "
            f"write `standard: {code}` on it"
        )
        yield Suggestion(result_id, code, "reference", round(score, 1), reason, indicator_id)


def _fits(indicator: Indicator, standard: Standard) -> bool:
    """Whether the indicator is measured as the standard is: the same kind of measure, in the same unit."""
    if indicator.measure != standard.measure:
        return False
    return indicator.unit is None or standard.unit is None or same_unit(indicator.unit, standard.unit)


def _title_score(indicator: Indicator, standard: Standard) -> float:
    from rapidfuzz import fuzz, utils

    own = _texts(indicator.title)
    theirs = _texts(standard.title)
    return max(
        (fuzz.token_set_ratio(a, b, processor=utils.default_process) for a in own for b in theirs),
        default=0.0,
    )


def _measures(result_id: str, words: list[str], candidates: dict[str, Standard]) -> Iterator[Suggestion]:
    from rapidfuzz import fuzz, utils

    for code, standard in candidates.items():
        said = [
            keyword
            for keyword in standard.keywords
            if max((fuzz.partial_ratio(keyword, text, processor=utils.default_process) for text in words), default=0)
            >= KEYWORD_ALIKE
        ]
        if len(said) >= KEYWORDS_NEEDED:
            score = 100.0 * len(said) / len(standard.keywords)
            quoted = ", ".join(f"“{keyword}”" for keyword in said)
            reason = f"the result speaks of {quoted} and none of its indicators references a standard"
            yield Suggestion(result_id, code, "measure", round(score, 1), reason)


def _texts(*texts: Text | None) -> list[str]:
    """Every language version of the texts."""
    found: list[str] = []
    for text in texts:
        if isinstance(text, dict):
            found.extend(text.values())
        elif text:
            found.append(text)
    return found
