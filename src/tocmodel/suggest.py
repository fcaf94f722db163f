"""Suggestions for misspelt names: "did you mean `rc-no-epr`?"."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.6
"""How alike a suggestion must be, as `difflib`'s ratio."""
SHORTLIST = 20
"""How many of the most alike candidates `difflib` compares (a file can hold thousands of ids and misspellings)."""


class Suggester:
    """Finds the closest of a fixed set of names; build one to suggest from the same names many times."""

    def __init__(self, candidates: Iterable[str]) -> None:
        self.pool = list(dict.fromkeys(candidates))
        self.lowered = {c.lower(): c for c in self.pool}
        self.lowered_pool = list(self.lowered)
        self.found: dict[str, str | None] = {}
        """What each word asked about got: a wrong id repeated a thousand times is matched once."""

    def closest(self, word: str) -> str | None:
        """The candidate most like `word` (but not `word` itself), if any is close enough."""
        if word not in self.found:
            self.found[word] = self._closest(word)
        return self.found[word]

    def _closest(self, word: str) -> str | None:
        same = self.lowered.get(word.lower())
        if same is not None and same != word:  # `en_ewt_collr` is `EN_EWT_COLLR`, not the nearest by letters
            return same
        matches = _best(word, _shortlist(word, self.pool))
        if not matches:
            lowered = word.lower()
            shortlist = [c for c in _shortlist(lowered, self.lowered_pool) if self.lowered[c] != word]
            matches = [self.lowered[m] for m in _best(lowered, shortlist)]
        return matches[0] if matches else None

    def did_you_mean(self, word: str) -> str | None:
        """`did you mean `x`?` for the closest candidate, or None."""
        match = self.closest(word)
        return f"did you mean `{match}`?" if match else None


def _best(word: str, candidates: list[str]) -> list[str]:
    """The most alike candidate, as a list of at most one: among those difflib finds equally alike, the one
    fewest letters away (`TOC1O1` is `TOC101` with one letter changed, `TOC411` with two)."""
    matches = difflib.get_close_matches(word, candidates, n=5, cutoff=CUTOFF)
    if len(matches) < 2:
        return matches
    alike = difflib.SequenceMatcher(None, word, matches[0]).ratio()
    tied = [m for m in matches if difflib.SequenceMatcher(None, word, m).ratio() == alike]
    return [min(tied, key=lambda m: (_edits(word, m), tied.index(m)))]


def _edits(word: str, other: str) -> int:
    """Letters to insert, delete or change to turn `word` into `other`."""
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(word, other))


def _shortlist(word: str, pool: list[str]) -> list[str]:
    """The candidates other than `word` that can reach the cutoff, most alike first, at most `SHORTLIST`.

    The Indel similarity rapidfuzz computes (in C) counts the longest common subsequence, which is never
    shorter than the matching blocks difflib counts, so no candidate difflib would take is left out, save
    when more than `SHORTLIST` are nearly as alike.
    """
    if len(pool) <= SHORTLIST:
        return [c for c in pool if c != word]
    from rapidfuzz import fuzz, process

    found = process.extract(word, pool, scorer=fuzz.ratio, score_cutoff=CUTOFF * 100, limit=SHORTLIST + 1)
    return [match for match, _, _ in found if match != word][:SHORTLIST]


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word`, if any is close enough."""
    return Suggester(candidates).closest(word)


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """`did you mean `x`?` for the closest candidate, or None."""
    return Suggester(candidates).did_you_mean(word)
