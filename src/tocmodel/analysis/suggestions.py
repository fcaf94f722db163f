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

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ..load.bank import shipped_bank
from ..schema import Indicator, Model, Result
from ..schema.bank import Bank, Standard, same_unit
from ..schema.types import Text

TITLE_ALIKE = 90.0
"""How alike (0-100) an indicator's title must be to a standard's for the indicator to be suggested it."""
STEM = 6
"""Letters of a word compared when looking for a keyword: `collected` and `collection` are the same word."""
KEYWORDS_NEEDED = 2
"""How many of a standard's keywords an indicator's title must say for the standard to be suggested for it
(one of two words or more is enough when both name the same unit; a result's words need one of two words or
more)."""
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
    """How strong the match is: the distinct words of the standard's keywords the texts say, counted in each
    of their languages (a title read as the standard's, 90 to 100% alike, scores its likeness)."""
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
        found.extend(
            _measures(
                result_id,
                result.title,
                {c: s for c, s in candidates.items() if c not in taken and c not in _fed(taken, bank)},
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
        fitting = {code: standard for code, standard in candidates.items() if _fits(indicator, standard)}
        best = max(((_likeness(indicator.title, standard), code) for code, standard in fitting.items()), default=None)
        if best is None:
            continue
        likeness, code = best
        if not likeness.enough and not (likeness.said_count and _same_units(indicator, fitting[code])):
            continue
        indicator_id = model.indicator_id(result_id, index, indicator)
        how = f"{indicator.measure}" + (f", in {_any(indicator.unit)}" if indicator.unit else "")
        reason = (
            f"indicator `{indicator_id}` {likeness.said} and is measured the same way ({how}): "
            f"write `standard: {code}` on it"
        )
        yield Suggestion(result_id, code, "reference", likeness.score, reason, indicator_id)


def _same_units(indicator: Indicator, standard: Standard) -> bool:
    """Whether both name a unit, and the same: with one keyword said, enough to suggest the standard."""
    return indicator.unit is not None and standard.unit is not None and same_unit(indicator.unit, standard.unit)


def _fits(indicator: Indicator, standard: Standard) -> bool:
    """Whether the indicator is measured as the standard is: the same kind of measure, in the same unit."""
    if indicator.measure != standard.measure:
        return False
    return indicator.unit is None or standard.unit is None or same_unit(indicator.unit, standard.unit)


@dataclass(frozen=True, order=True)
class _Likeness:
    """How much of a standard a text says: its title's words, or its keywords."""

    score: float
    said: str = field(compare=False)
    enough: bool = field(compare=False)
    said_count: int = field(default=0, compare=False)
    """The distinct words of the keywords of two words or more that the text says, in all its languages."""


def _likeness(text: Text | None, standard: Standard, *, titles: bool = True) -> _Likeness:
    """How like the standard's title `text` is (0-100, if `titles`), and the standard's keywords it says.

    Titles are compared whole, so that a short title is not found in every long text that holds its words.
    Keywords are looked for in each language version of `text`; the one that says most is quoted, and the
    words said in every version count towards which standard is likeliest.
    """
    from rapidfuzz import fuzz

    versions = [_plain(version) for version in _texts(text)]
    title = max(
        (fuzz.ratio(own, _plain(theirs)) for own in versions for theirs in _texts(standard.title) if titles),
        default=0.0,
    )
    found = [[keyword for keyword in standard.keywords if _says(own, keyword)] for own in versions]
    said = max(found, key=len, default=[])
    if title >= TITLE_ALIKE and title >= 100.0 * len(said) / max(len(standard.keywords), 1):
        return _Likeness(title, f"reads like the standard's title ({title:.0f}% alike)", True, 100)
    quoted = ", ".join(f"“{keyword}”" for keyword in said)
    words = sum(len({stem for k in keywords if len(_stems(k)) > 1 for stem in _stems(k)}) for keywords in found)
    enough = len(said) >= KEYWORDS_NEEDED if titles else words > 0
    return _Likeness(float(words), f"speaks of {quoted}", enough, words)


STOPWORDS = frozenset(
    {"and", "the", "for", "with", "from", "into", "its", "des", "les", "aux", "une", "los", "las", "del", "con", "por"}
)
"""Words left out when a keyword is looked for, with every word of one or two letters."""


def _stems(text: str) -> list[str]:
    """The words of a text in order, each by its first letters; short and common words left out."""
    return [word[:STEM] for word in _plain(text).split() if len(word) > 2 and word not in STOPWORDS]


def _says(text: str, keyword: str) -> bool:
    """Whether the text says the keyword: its words in order, in any form (`collected`, `collection`), with at
    most one other word between two of them (`informal e-waste workers` says `informal workers`)."""
    wanted, words = _stems(keyword), _stems(text)
    if not wanted:
        return False
    return any(word == wanted[0] and _follows(words, start, wanted[1:]) for start, word in enumerate(words))


def _follows(words: list[str], at: int, wanted: list[str]) -> bool:
    for word in wanted:
        following = words[at + 1 : at + 3]
        if word not in following:
            return False
        at += 1 + following.index(word)
    return True


SYNONYMS = (
    ("waste electrical and electronic equipment", "e-waste"),
    ("electronic waste", "e-waste"),
    ("weee", "e-waste"),
    ("e-waste", "ewaste"),
    ("déchets d'équipements électriques et électroniques", "déchets électroniques"),
    ("deee", "déchets électroniques"),
    ("residuos de aparatos eléctricos y electrónicos", "residuos electrónicos"),
    ("raee", "residuos electrónicos"),
)
"""Names of e-waste written one way before words are compared; `e-waste` as one word, so that `waste` alone
(plastic waste, medical waste) is not e-waste."""


def _plain(text: str) -> str:
    """Lower case, e-waste named one way, punctuation as spaces (rapidfuzz's default processing)."""
    from rapidfuzz import utils

    lowered = " " + text.casefold().replace("’", "'") + " "
    for long, short in SYNONYMS:
        lowered = re.sub(rf"(?<![\w-]){re.escape(long)}(?![\w-])", short, lowered)
    return str(utils.default_process(lowered))


def _any(text: Text) -> str:
    return text if isinstance(text, str) else text.get("en") or next(iter(text.values()))


def _measures(result_id: str, title: Text, candidates: dict[str, Standard]) -> Iterator[Suggestion]:
    """The standard whose keywords the result's title says most (of two words or more), if any."""
    best: tuple[int, str, _Likeness] | None = None
    for code, standard in candidates.items():
        likeness = _likeness(title, standard, titles=False)
        if likeness.enough and (best is None or likeness.said_count > best[0]):
            best = (likeness.said_count, code, likeness)
    if best is not None:
        _, code, likeness = best
        reason = f"the result {likeness.said}, and none of its indicators references a standard"
        yield Suggestion(result_id, code, "measure", likeness.score, reason)


def _texts(*texts: Text | None) -> list[str]:
    """Every language version of the texts."""
    found: list[str] = []
    for text in texts:
        if isinstance(text, dict):
            found.extend(text.values())
        elif text:
            found.append(text)
    return found
