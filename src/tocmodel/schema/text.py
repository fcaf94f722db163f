"""Text in the reader's language: pick one language of a per-language text, and remember what was missing."""

from __future__ import annotations

import textwrap
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from .document import Model

from ..locations import Path
from .types import Text


@dataclass
class Translator:
    """Resolves texts in one language, falling back to the model's main language.

    Attributes:
        language: The language wanted.
        fallback: The model's main language, used where a text lacks `language`.
        missing: Texts (by a short description) that fell back, in the order met.
    """

    language: str
    fallback: str
    missing: list[str] = field(default_factory=list)

    def __call__(self, text: Text | None, *, where: str = "") -> str:
        """The text in `language`, else in `fallback`, else in any language it has; "" for None."""
        if text is None:
            return ""
        if isinstance(text, str):
            return text
        if self.language in text:
            return text[self.language]
        if where:
            self.missing.append(where)
        return text.get(self.fallback) or next(iter(text.values()), "")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters (longer words stay whole); the author's line breaks are kept."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False) or [""])
    return lines


@dataclass(frozen=True, slots=True)
class ModelText:
    """One text of a model: where it is and what it says, in one or several languages."""

    path: Path
    """Where it is, as a path of the model's data (and of its source map): `("outcomes", "oc-x", "title")`."""
    text: Text

    def in_language(self, language: str) -> str | None:
        """The text in `language`; a plain string counts as the model's main language, given as `language`."""
        if isinstance(self.text, str):
            return self.text
        return self.text.get(language)


def iter_texts(item: BaseModel, path: Path = (), *, own: bool = True) -> Iterator[ModelText]:
    """Every text (title, description, statement, evidence, note...) of a model or a part of one, in order.

    Texts are the fields typed `Text` (one language or several): the words a reader reads, and what
    a translator translates. Ids, codes, units and values are not texts, nor (with `own`) the words an
    indicator took from the standard it references.
    """
    skipped: frozenset[str] = getattr(item, "inherited", frozenset()) if own else frozenset()
    for name in type(item).model_fields:  # not `for name, value in item`: cached properties are in `__dict__` too
        value = getattr(item, name)
        if value is None or name in skipped:
            continue
        here = (*path, name)
        if name in _text_fields(type(item)):
            if isinstance(value, list):
                yield from (ModelText((*here, index), text) for index, text in enumerate(value))
            elif by_year(value):  # `target_notes`: a text for each year
                yield from (ModelText((*here, year), text) for year, text in value.items())
            else:
                yield ModelText(here, value)
        else:
            yield from _texts_within(value, here, own)


def by_year(value: object) -> bool:
    """Whether a text field's value is texts keyed by year (`{2028: ...}`), not one text in languages."""
    return isinstance(value, dict) and all(isinstance(key, int) for key in value)


def untranslated(model: Model, language: str, *, standards: bool = False) -> list[ModelText]:
    """The texts of a model that have no version in `language` (none when it is the model's main language).

    A plain string is in the model's main language, so in any other language it counts as missing; a text
    without a letter (`%`, `2030`) reads the same in every language and never does. With `standards`, the
    texts indicators take from the indicator bank count too (what a document shows; a translator has no
    say in them).
    """
    main = language == model.model.languages[0]
    texts = [] if main else list(iter_texts(model))
    if standards:  # the bank's texts, in the model's languages where the bank has them
        mine = {text.path for text in iter_texts(model)}
        texts += [text for text in iter_texts(model, own=False) if text.path not in mine]
    lacking = [t for t in texts if isinstance(t.text, str) or language not in t.text]
    return [t for t in lacking if any(character.isalpha() for character in _any_version(t.text))]


def _any_version(text: Text) -> str:
    return text if isinstance(text, str) else " ".join(text.values())


def dotted(path: Path) -> str:
    """A path as messages write it: `outcomes.oc-x.indicators.0.title`."""
    return ".".join(str(part) for part in path)


def _texts_within(value: Any, path: Path, own: bool) -> Iterator[ModelText]:
    if isinstance(value, BaseModel):
        yield from iter_texts(value, path, own=own)
    elif isinstance(value, dict):
        for key, member in value.items():
            yield from _texts_within(member, (*path, key), own)
    elif isinstance(value, list):
        for index, member in enumerate(value):
            yield from _texts_within(member, (*path, index), own)


@cache
def _text_fields(cls: type[BaseModel]) -> frozenset[str]:
    """The fields of a part of the format that hold a text or a list of texts."""
    return frozenset(name for name, info in cls.model_fields.items() if _is_text(info.annotation, info.metadata))


def _is_text(annotation: Any, metadata: list[Any]) -> bool:
    if any(getattr(m, "func", None) is _TEXT_CHECK for m in metadata):
        return True
    return any(arg == Text or _is_text(arg, []) for arg in typing.get_args(annotation) if arg is not type(None))


_TEXT_CHECK = typing.get_args(Text)[1].func
"""The validator that marks a field typed `Text`."""
