"""The fixed texts of documents in the reader's language, and numbers and dates written the reader's way.

Fixed texts (headings, column names, labels, the summary's sentences, the diagram's legend) are gettext
messages, written in English in the code and translated in the catalogues under `tocmodel/locale/`, which
Babel extracts, updates and compiles (`scripts/messages.sh`, see `docs/development.md`). English, French and
Spanish are shipped. A message a catalogue lacks is shown in English and listed in `Messages.missing`, so the
command can warn about it; a language without a catalogue is written with English fixed texts.

Mark a text for translation where it is shown, `tr("Summary")`; a text defined apart from where it is shown
is marked with `N_` and translated when shown.
"""

from __future__ import annotations

import ast
import datetime
import functools
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import IO, Any

DOMAIN = "tocmodel"
"""The catalogues' name: `tocmodel/locale/<language>/LC_MESSAGES/tocmodel.mo`."""
SOURCE_LANGUAGE = "en"
"""The language the messages are written in."""


def N_(message: str) -> str:
    """Mark a text for the catalogues without translating it here (it is translated where it is shown)."""
    return message


@dataclass
class Messages:
    """The fixed texts and number formats of one language.

    Attributes:
        language: The language asked for, e.g. `fr` or `pt-BR`.
        catalogue: Message → translation, from the language's compiled catalogue (empty for English).
        shipped: Whether tocmodel has a catalogue for the language (English counts as shipped).
        missing: Messages shown in English because the catalogue lacks them, in the order met.
    """

    language: str
    catalogue: dict[str, str]
    shipped: bool
    missing: list[str] = field(default_factory=list)

    def __call__(self, message: str, /, **values: object) -> str:
        """The message in the language (English when it lacks one), with `%(name)s` filled from `values`."""
        translated = self.catalogue.get(message)
        if translated is None:
            translated = message
            if self.shipped and self.language != SOURCE_LANGUAGE and message not in self.missing:
                self.missing.append(message)
        return translated % values if values else translated

    @property
    def locale(self) -> str:
        """The language as Babel names locales: `pt_BR` for `pt-BR`; English where Babel knows no such locale."""
        from babel import Locale, UnknownLocaleError

        name = self.language.replace("-", "_")
        try:
            Locale.parse(name)
        except (UnknownLocaleError, ValueError):
            return SOURCE_LANGUAGE
        return name

    def number(self, value: object) -> str:
        """A number as the language writes it (`1 200,5` in French); anything else as it is."""
        from babel.numbers import format_decimal

        if isinstance(value, bool) or not isinstance(value, int | float):
            return str(value)
        return format_decimal(value, locale=self.locale, decimal_quantization=False)

    def percent(self, ratio: float) -> str:
        """A share as a whole percentage, as the language writes it (`45 %` in French)."""
        from babel.numbers import format_percent

        return format_percent(ratio, locale=self.locale)

    def date(self, day: datetime.date) -> str:
        """A date in words, as the language writes it (`1 novembre 2026`)."""
        from babel.dates import format_date

        return format_date(day, format="long", locale=self.locale)


def shipped_languages() -> list[str]:
    """The languages tocmodel has catalogues for, English first."""
    folder = resources.files("tocmodel") / "locale"
    found = sorted(p.name for p in folder.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file())
    return [SOURCE_LANGUAGE, *(language for language in found if language != SOURCE_LANGUAGE)]


def messages(language: str | None) -> Messages:
    """The fixed texts of `language` (English for None), each call with its own list of missing messages."""
    language = language or SOURCE_LANGUAGE
    catalogue = _catalogue(language)
    if catalogue is None and "-" in language:  # `fr-CA` reads the French catalogue
        catalogue = _catalogue(language.split("-")[0])
    shipped = catalogue is not None or language == SOURCE_LANGUAGE
    return Messages(language, dict(catalogue or {}), shipped)


@functools.cache
def _catalogue(language: str) -> dict[str, str] | None:
    """The translations of the compiled catalogue of `language` (non-empty ones only), or None if there is none."""
    from babel.messages.mofile import read_mo

    path = resources.files("tocmodel") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not path.is_file():
        return None
    with path.open("rb") as file:
        catalog = read_mo(file)
    return {str(m.id): str(m.string) for m in catalog if m.id and isinstance(m.id, str) and m.string}


def extract_rule_summaries(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: dict[str, Any]
) -> Iterator[tuple[Any, ...]]:
    """A Babel extraction method for the rules' modules: their marked messages, and each rule's summary.

    A rule's summary (the first line of the docstring of a class with a `code`) is what a document in
    another language shows of its findings; `scripts/babel.cfg` names this method for `rules/`.
    """
    from babel.messages.extract import extract_python

    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)  # type: ignore[arg-type]  # options as Babel passes them
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and _has_code(node) and (doc := ast.get_docstring(node)):
            yield node.lineno, None, doc.splitlines()[0], []


def _has_code(node: ast.ClassDef) -> bool:
    """Whether a class sets a rule's `code` (`code = "TOC101"`)."""
    targets = (t for item in node.body if isinstance(item, ast.Assign) for t in item.targets)
    return any(isinstance(t, ast.Name) and t.id == "code" for t in targets)


VOCABULARY = {
    # kinds of result, as the matrix names them
    "impact": N_("Impact"),
    "outcome": N_("Outcome"),
    "output": N_("Output"),
    "intervention": N_("Activity"),
    # confidence, risk bands
    "low": N_("low"),
    "medium": N_("medium"),
    "high": N_("high"),
    # assumption status
    "untested": N_("untested"),
    "holding": N_("holding"),
    "at-risk": N_("at risk"),
    "failed": N_("failed"),
    # progress against the plan, and the status of an actual value
    "on-track": N_("on track"),
    "watch": N_("watch"),
    "off-track": N_("off track"),
    "missing": N_("missing"),
    "unrated": N_("not rated"),
    "provisional": N_("provisional"),
    "validated": N_("validated"),
    # root-cause coverage
    "addressed": N_("addressed"),
    "no-impact": N_("addressed, without a path to the impact"),
    "unaddressed": N_("unaddressed"),
    # indicator frequency
    "once": N_("once"),
    "monthly": N_("monthly"),
    "quarterly": N_("quarterly"),
    "biannual": N_("twice a year"),
    "annual": N_("annual"),
    "biennial": N_("every two years"),
    "end-of-plan": N_("at the end of the plan"),
    # risk categories
    "political": N_("political"),
    "institutional": N_("institutional"),
    "financial": N_("financial"),
    "economic": N_("economic"),
    "operational": N_("operational"),
    "technical": N_("technical"),
    "social": N_("social"),
    "environmental": N_("environmental"),
    "legal": N_("legal"),
    "security": N_("security"),
    "health-safety": N_("health and safety"),
    "reputational": N_("reputational"),
    "other": N_("other"),
    # actor types
    "coalition-member": N_("coalition member"),
    "partner": N_("partner"),
    "ministry": N_("ministry"),
    "government-agency": N_("government agency"),
    "statistics-office": N_("statistics office"),
    "employers-organisation": N_("employers' organisation"),
    "workers-organisation": N_("workers' organisation"),
    "pro": N_("producer responsibility organisation"),
    "ngo": N_("non-governmental organisation"),
    "private-sector": N_("private sector"),
    "academia": N_("academia"),
    "international-organisation": N_("international organisation"),
    "donor": N_("donor"),
    "multi-stakeholder-partnership": N_("multi-stakeholder partnership"),
    "community": N_("community"),
    # indicator values written `true` or `false`
    "yes": N_("yes"),
    "no": N_("no"),
    # which way an indicator should move
    "increase": N_("increases"),
    "decrease": N_("decreases"),
    "maintain": N_("holds"),
    # finding severities
    "error": N_("error"),
    "warning": N_("warning"),
    "info": N_("info"),
}
"""Each value of a fixed vocabulary → its message."""
