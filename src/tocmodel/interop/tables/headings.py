"""The words logframe templates use (`headings.toml`), and texts folded the way they are compared.

The words are data: a new template, or a new language, is an entry in `headings.toml`. The words tocmodel's
own documents use in every shipped language come from its message catalogues, so a workbook tocmodel wrote in
French reads back like one in English.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from importlib import resources

from ...i18n import messages, shipped_languages

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "’": "'"})
_PLURAL = re.compile(r"\((?:s|es|x)\)", re.IGNORECASE)
"""A plural mark, `objective(s)`, left out when comparing."""


def fold_map(text: str) -> tuple[str, list[int]]:
    """`text` folded for comparison, and where each of its characters comes from in `text`.

    Folded: lower case, accents removed (`é` → `e`, not deleted), plural marks `(s)` left out, every run of
    punctuation and spaces one space, none at either end.
    """
    skipped = {i for found in _PLURAL.finditer(text) for i in range(found.start(), found.end())}
    chars: list[str] = []
    origin: list[int] = []
    for index, character in enumerate(text):
        if index in skipped:
            continue
        for part in unicodedata.normalize("NFKD", character.translate(_LIGATURES)):
            if unicodedata.combining(part):
                continue
            part = part.lower() if part.isalnum() else " "
            if part == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(part)
            origin.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), origin


def fold(text: str) -> str:
    """`Objectif(s) spécifique(s) :` → `objectif specifique`; `Sources & means of verification` →
    `sources means of verification`."""
    return fold_map(text)[0]


@dataclass(frozen=True)
class Words:
    """The words of `headings.toml`, folded, with tocmodel's own translated headers added."""

    columns: dict[str, str]
    """Header → the role of its column."""
    languages: dict[str, set[str]]
    """Header → the languages whose templates use it."""
    keywords: list[tuple[str, str]]
    """(keyword, role), tried in order in a header that is no known header."""
    levels: dict[str, str]
    """Word → level: `impact`, `outcome`, `outcome:end`, `output` or `intervention`."""
    relations: tuple[str, ...]
    """`relating to`: between a result's level and the level it contributes to."""
    year_columns: dict[str, str]
    """Word beside a year in a header → `target` or `current`."""
    rows: dict[str, str]
    """Label of a row of values (DFID) → `planned`, `achieved`, `source`, `assumptions` or `risks`."""
    layouts: dict[str, dict[str, object]]
    """Known templates: their title and the roles or row labels that recognise them."""
    english: dict[str, str]
    """A message of tocmodel's documents in any shipped language, folded → the message in English."""
    meanings: dict[str, set[str]]
    """The same, with every English message a translation may stand for (`Responsable`: `Owner`,
    `Responsible`)."""
    facts: dict[str, str]
    """Label of a title block's line → the fact it gives (`title`, `country`, `plan`, …)."""
    fact_prefixes: dict[str, str]
    """Start of a title block's line → the fact it gives (`intended outcome` → `outcome`)."""


@functools.cache
def words() -> Words:
    """The words, read once."""
    data = tomllib.loads((resources.files(__package__) / "headings.toml").read_text(encoding="utf-8"))
    english, message_language, meanings = _english_messages()
    columns = _by_word(data["columns"])
    languages: dict[str, set[str]] = {}
    for found in data["columns"].values():
        for language, language_words in found.items():
            for word in language_words:
                languages.setdefault(fold(word), set()).add(language)
    levels = _by_word(data["levels"])
    for table in (columns, levels):  # tocmodel's own headers and level names, in each shipped language
        for folded, message in english.items():
            known = table.get(fold(message))
            if known is not None:
                table.setdefault(folded, known)
                if table is columns:
                    languages.setdefault(folded, set()).add(message_language.get(folded, "en"))
    keywords = [(fold(word), role) for language in ("en", "fr", "es") for word, role in data["keywords"][language]]
    year_columns = {fold(word): role for role, found in data["year_columns"].items() for word in found}
    return Words(
        columns=columns,
        languages=languages,
        keywords=keywords,
        levels=levels,
        relations=tuple(fold(word) for word in data["relations"]["words"]),
        year_columns=year_columns,
        rows=_by_word(data["rows"]),
        layouts=data["layouts"],
        english=english,
        meanings=meanings,
        facts=_by_word(data["facts"]),
        fact_prefixes={fold(word): fact for fact, found in data["fact_prefixes"].items() for word in found},
    )


def _by_word(table: dict[str, dict[str, list[str]]]) -> dict[str, str]:
    """{name: {language: [words]}} → {folded word: name}, the first name given for a word winning."""
    found: dict[str, str] = {}
    for name, languages in table.items():
        for language_words in languages.values():
            for word in language_words:
                found.setdefault(fold(word), name)
    return found


def _english_messages() -> tuple[dict[str, str], dict[str, str], dict[str, set[str]]]:
    """Each translation of tocmodel's catalogues, folded → its English message, → its language, and → every
    English message it translates."""
    found: dict[str, str] = {}
    language_of: dict[str, str] = {}
    meanings: dict[str, set[str]] = {}
    for language in shipped_languages():
        for message, translation in messages(language).catalogue.items():
            if message and translation and "%(" not in message:
                found.setdefault(fold(translation), message)
                language_of.setdefault(fold(translation), language)
                meanings.setdefault(fold(translation), set()).add(message)
    return found, language_of, meanings


def meanings(text: str) -> set[str]:
    """Every English message a text of tocmodel's documents may translate, and the text itself."""
    return words().meanings.get(fold(text), set()) | {text}


def in_english(text: str) -> str:
    """The English message a text of tocmodel's documents translates (`Identifiants` → `Identifiers`), or the
    text as it is."""
    return words().english.get(fold(text), text)
