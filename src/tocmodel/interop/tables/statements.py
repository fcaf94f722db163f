"""A result's cell read as a heading: the level it names, its number, its statement, the result it says it
contributes to, and the means line of an activity in tocmodel's own logframes.

`Output 1.2: Collection points set up`, `Produit 1.2 – Points de collecte`, `1.2. Collection points set up`,
`Output 1 relating to Outcome 1`, `Specific objective(s): Outcome(s)` (a level only) are all read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...i18n import messages, shipped_languages
from .headings import fold_map, words

_NUMBER = re.compile(r"^\s*(?P<code>(?:[A-Za-z]{1,3}\s?)?\d+(?:\.\d+)*[a-z]?)(?:\s*[.):–-]+\s*|\s+|$)")
"""A statement's own number before its text: `1.2`, `1.2.`, `2)`, `OP1.2 –`, `1.1a`."""
_CODE = re.compile(
    r"^[\s:.–-]*(?P<code>[A-Za-z]{0,3}\d+(?:\.\d+)*[a-z]?|[A-Za-z][\w.-]*\d[\w.-]*|[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+|[A-Z]{1,2})"
    r"(?![\w-])"
)
"""The number after a level word: `Output 1.2`, `Outcome A`, `Impact im-x` (an id in tocmodel's workbooks)."""
_PLURAL_END = re.compile(r"(?:s|es|x)?(?: |$)")
"""What may follow a level's word in folded text: its plural, then a space or the end."""
_PUNCTUATION = re.compile(r"^\s*[:.)–—-]")
_SEPARATOR = re.compile(r"^[\s:.)–—-]+")
_MEANS_MESSAGES = ("Lead: %(actor)s", "Support: %(actors)s", "Stage: %(stage)s", "Years: %(first)s–%(last)s")


@dataclass(frozen=True)
class Heading:
    """A result's cell: its level (None when it does not say), its number, statement and means line, and
    the number of the result it says it contributes to (`relating to Outcome 1`)."""

    level: str | None
    code: str | None
    title: str
    means: str = ""
    section_only: bool = False
    """The cell only names a level (`Outputs`): it heads the rows below, it is no result."""
    parent: str | None = None
    """The number of the result it contributes to, when the cell says (`Output 1 relating to Outcome 1`)."""


@functools.cache
def means_prefixes() -> tuple[str, ...]:
    """How tocmodel's logframes start an activity's means line, in every shipped language (`Lead: `,
    `Chef de file : `)."""
    found = {"Year: "}
    for language in shipped_languages():
        say = messages(language)
        for message in (*_MEANS_MESSAGES, "Year: %(year)s"):
            found.add(say(message).split("%(")[0])
    return tuple(sorted(found, key=len, reverse=True))


def level_prefix(text: str) -> tuple[str, str] | None:
    """The level a text starts with, and the rest of the text after the level's words: `Outputs 1.2: X` →
    (`output`, ` 1.2: X`); None when it starts with no level word."""
    folded, origin = fold_map(text)
    known = words().levels
    best = None
    for word, level in known.items():
        longer = best is None or len(word) > len(best[0])
        if longer and folded.startswith(word) and _PLURAL_END.match(folded, len(word)):
            best = (word, level)
    if best is None:
        return None
    word, level = best
    end = origin[len(word) - 1] + 1
    rest = text[end:]
    plural = re.match(r"^(?:\((?:s|es|x)\)|(?:s|es|x)\b)", rest, re.IGNORECASE)
    return level, rest[plural.end() :] if plural else rest


def heading(text: str) -> Heading:
    """Read a result's cell (see the module's examples)."""
    lines = [line.rstrip() for line in text.strip().split("\n")]
    means = lines.pop() if len(lines) > 1 and lines[-1].startswith(means_prefixes()) else ""
    found = level_prefix(lines[0])
    if found is None:
        code, title = _own_number("\n".join(lines).strip())
        return Heading(None, code, title, means)
    level, rest = found
    code = None
    number = _CODE.match(rest)
    if number and (any(c.isdigit() for c in number.group("code")) or _alone(rest, number)):
        code, rest = number.group("code"), rest[number.end() :]
    elif rest.strip() and not _PUNCTUATION.match(rest):  # `Outputs delivered on time` is a statement
        code, title = _own_number("\n".join(lines).strip())
        return Heading(None, code, title, means)
    rest, parent = _relation(rest)
    rest = _SEPARATOR.sub("", rest)
    if rest and not code and level_prefix(rest) is not None and _only_levels(rest):  # `Overall objective: Impact`
        rest = ""
    title = "\n".join(part for part in [rest.strip(), *lines[1:]] if part).strip()
    only = not title and code is None and len(lines) == 1
    return Heading(level, code, title, means, section_only=only, parent=parent)


def _alone(rest: str, number: re.Match[str]) -> bool:
    """Whether a number without digits (`Outcome A`) stands alone, not the first word of a statement."""
    after = rest[number.end() :]
    return not after.strip() or bool(_SEPARATOR.match(after))


def _own_number(text: str) -> tuple[str | None, str]:
    """`1.2. Collection points set up` → (`1.2`, `Collection points set up`); a statement without one as it is."""
    found = _NUMBER.match(text)
    if found and found.end() < len(text) and any(c.isdigit() for c in found.group("code")):
        return found.group("code").replace(" ", ""), text[found.end() :].strip()
    return None, text


def _relation(rest: str) -> tuple[str, str | None]:
    """`relating to Outcome 1` at the start of what follows a level and number: what is left, and `1`."""
    folded, origin = fold_map(rest)
    for word in words().relations:
        if folded.startswith(word + " "):
            after = rest[origin[len(word)] :]
            target = level_prefix(after.strip())
            if target is not None:
                number = _CODE.match(target[1])
                if number:
                    return target[1][number.end() :], number.group("code")
    return rest, None


def _only_levels(text: str) -> bool:
    """Whether a text only names levels: `Impact`, `Outcome(s)`, `Outputs`."""
    found = level_prefix(text.strip())
    while found is not None:
        rest = _SEPARATOR.sub("", found[1]).strip()
        if not rest:
            return True
        found = level_prefix(rest)
    return False
