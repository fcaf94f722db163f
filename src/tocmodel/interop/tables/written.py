"""Values as people write them in logframe cells: with the year or the date they are for, grouped with spaces,
commas or dots as the table's language does, and a separator that could mean either said so.

`1,200 (Dec 2020)`, `FY2020: 1200`, `1200 by end of 2020`, `18 000 (2025)`, `12 % (2025)`, `1.200 (2020)`
in a Spanish table (1200) or an English one (1.2, flagged), `yes`, `–` (nothing written).
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

from ..values import is_placeholder
from .headings import in_english

_MONTH = r"(?:[A-Za-zÀ-ÿ]{3,12}\.?\s+)?(?:\d{1,2}[/.-])?(?:\d{1,2}[/.-])?"
"""A month or a day before a year: `Dec `, `décembre `, `31/12/`, `12/`."""
_IN_PARENS = re.compile(
    rf"^(?P<value>.*?)\s*\(\s*(?:as of\s+|au\s+|a\s+)?{_MONTH}(?:FY\s?)?(?P<year>\d{{4}})\s*\)$", re.I | re.S
)
_ISO = re.compile(r"^(?P<value>.*?)\s*\(\s*(?P<year>\d{4})-\d{2}(?:-\d{2})?\s*\)$", re.S)
_YEAR_FIRST = re.compile(
    r"^(?:(?:by(?: the)? end of|end of|by|as of|in|d'ici(?: fin)?|d’ici(?: fin)?|fin|à fin|para|a finales de"
    r"|hasta)\s+)?"
    rf"{_MONTH}(?:FY\s?|year\s+|an(?:nee|née)\s+|año\s+)?(?P<year>\d{{4}})\s*[:=]\s*(?P<value>.+)$",
    re.I | re.S,
)
_BY = (
    r"by(?: the)? end of|by|in|for|until|as of|at end of|end of|d'ici(?: fin)?|d’ici(?: fin)?|fin|en|au|à fin|"
    r"para(?: fines de)?|a finales de|al|hasta|en el año"
)
_BY_YEAR = re.compile(rf"^(?P<value>.+?)\s+(?:{_BY})\s+{_MONTH}(?:FY\s?)?(?P<year>\d{{4}})$", re.I | re.S)
_GROUPED_SPACES = re.compile(r"^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$")
_AMBIGUOUS = re.compile(r"^[+-]?\d{1,3}[.,]\d{3}$")
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_PLAIN = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$")


@dataclass(frozen=True)
class Reading:
    """A value read from a cell, with its year when the cell gives one; `percent` when written `20%`;
    `doubt` says how a separator that could mean either was read."""

    value: int | float | str | None
    year: int | None = None
    percent: bool = False
    doubt: str = ""


def number(text: str, language: str = "en") -> tuple[int | float | None, str]:
    """The number written in `text` as a table in `language` writes numbers, and a doubt when a separator
    could mean either (`1.200`, `1,200` with three digits after it): (None, "") when it is no number."""
    cleaned = text.strip().replace("\u2212", "-")
    if _GROUPED_SPACES.match(cleaned):
        cleaned = re.sub(r"[ \u00a0\u202f]", "", cleaned)
    decimal_comma = language.split("-")[0] in ("fr", "es", "pt", "de", "it")
    doubt = ""
    if _AMBIGUOUS.match(cleaned):  # `1.200`, `1,200`: thousands, or a decimal with three places?
        thousands = (cleaned[-4] == ".") == decimal_comma
        cleaned = cleaned.replace(cleaned[-4], "") if thousands else cleaned.replace(",", ".")
        if not thousands:  # as the language writes decimals, yet three places look like thousands
            read = float(cleaned)
            doubt = f"`{text.strip()}` read as {read:g}, a decimal; write {read * 1000:g} if it means that"
    elif decimal_comma and _DOT_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _COMMA_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    elif _PLAIN.match(cleaned):
        cleaned = cleaned.replace(",", ".")
    else:
        return None, ""
    value = float(cleaned)
    return (int(value) if value.is_integer() and "." not in cleaned else value), doubt


def reading(text: str, language: str = "en") -> Reading | None:
    """A cell's value and the year (or date) written with it; None when nothing is written."""
    text = text.strip()
    if not text or is_placeholder(text):
        return None
    year = None
    for pattern in (_ISO, _IN_PARENS, _YEAR_FIRST, _BY_YEAR):
        found = pattern.match(text)
        if found:
            text, year = found.group("value").strip(), int(found.group("year"))
            break
    percent = text.endswith("%")
    written = text[:-1].strip() if percent else text
    found_number, doubt = number(written, language)
    if found_number is None:
        if is_placeholder(text):
            return Reading(None, year)
        english = in_english(text).lower()
        return Reading(english if english in ("yes", "no") else text, year)  # `oui`, `sí`: as the model writes it
    return Reading(found_number, year, percent, doubt)


def targets(text: str, language: str = "en") -> list[Reading]:
    """Every target in a cell: `2027: 3; 2028: 3.3`, one per line, or a single value."""
    parts = [part for part in re.split(r";|\n", text) if part.strip()]
    found = [reading(part, language) for part in parts]
    return [item for item in found if item is not None]


def long_date(text: str) -> datetime.date | None:
    """A date written out as tocmodel's documents write it in any shipped language: `July 1, 2028`,
    `1 juillet 2028`, `1er juillet 2028`, `1 de julio de 2028`; an ISO date too; None when it is none."""
    text = text.strip()
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        pass
    year = re.search(r"\b(\d{4})\b", text)
    day = re.search(r"\b(\d{1,2})(?:er|º|st|nd|rd|th)?\b", text)
    month = next((number for word, number in _months().items() if re.search(rf"\b{word}\b", text.lower())), None)
    if not (year and day and month):
        return None
    try:
        return datetime.date(int(year[1]), month, int(day[1]))
    except ValueError:
        return None


@functools.cache
def _months() -> dict[str, int]:
    """Month names → their number, in the shipped languages, longest first (`juillet` before `juil`)."""
    from babel.dates import get_month_names

    from ...i18n import shipped_languages

    found: dict[str, int] = {}
    for language in shipped_languages():
        for context in ("format", "stand-alone"):
            for number, name in get_month_names("wide", context=context, locale=language.replace("-", "_")).items():
                found.setdefault(name.lower(), number)
    return dict(sorted(found.items(), key=lambda item: -len(item[0])))
