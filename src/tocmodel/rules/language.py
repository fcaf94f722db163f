"""Rules on the model's languages: every per-language text has a text in each of `model.languages`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from ..diagnostics import Diagnostic, Severity
from ..locations import Path
from ..schema import Text
from .base import Context, Rule

_TEXT_MARKS = get_args(Text)[1:]
"""The validator and schema objects that mark an annotation as `Text`."""


def _is_text_mark(item: Any) -> bool:
    return any(item is mark for mark in _TEXT_MARKS)


def _is_model_class(item: Any) -> bool:
    return isinstance(item, type) and issubclass(item, BaseModel)


def _mentions(annotation: Any, found: Callable[[Any], bool]) -> bool:
    """Whether `found(part)` holds for the annotation or any part of it (`Text | None`, `list[Text]`, ...)."""
    return found(annotation) or any(_mentions(arg, found) for arg in get_args(annotation))


@cache
def walked_fields(model_class: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of a model class that may hold texts, as `(name, is_text)`; other fields are left out."""
    walked: list[tuple[str, bool]] = []
    for name, field in model_class.model_fields.items():
        marked = any(_is_text_mark(item) for item in field.metadata)
        is_text = marked or _mentions(field.annotation, _is_text_mark)
        if is_text or _mentions(field.annotation, _is_model_class):
            walked.append((name, is_text))
    return tuple(walked)


TextMaps = Iterator[tuple[Path, dict[str, str]]]


def iter_text_maps(value: Any, path: Path = (), *, text: bool = False) -> TextMaps:
    """Every per-language text map (`{en: ..., fr: ...}`) in a model, found from the fields' annotations.

    Args:
        value: A pydantic object, or a dict or list of them.
        path: Where `value` is in the model.
        text: Whether `value` belongs to a field annotated as `Text` (or a list of texts).
    """
    if isinstance(value, BaseModel):
        for name, is_text in walked_fields(type(value)):
            yield from iter_text_maps(getattr(value, name), (*path, name), text=is_text)
    elif isinstance(value, dict):
        if text:
            yield path, value
        else:
            for key, item in value.items():
                yield from iter_text_maps(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_text_maps(item, (*path, index), text=text)


def _codes(languages: list[str]) -> str:
    return ", ".join(f"`{language}`" for language in languages)


class MissingTranslation(Rule):
    """A per-language text (`{en: ..., fr: ...}`) that lacks one of the model's languages.

    A model declared in several languages renders its documents in each; a missing text shows up as a
    gap. Plain strings are taken as the main language and are not reported. The rule also reports a text
    in a language that `model.languages` does not declare, saying so in its message.
    """

    code = "TOC601"
    name = "missing-translation"
    severity = Severity.WARNING
    hint = "add the missing texts, e.g. `fr: ...`, next to the existing ones"

    def check(self, context: Context) -> Iterator[Diagnostic]:
        languages = context.model.model.languages
        for path, texts in iter_text_maps(context.model):
            where = ".".join(str(part) for part in path)
            missing = [language for language in languages if language not in texts]
            undeclared = [language for language in texts if language not in languages]
            if missing:
                yield self.found(context, f"`{where}` has no text in {_codes(missing)}", path, key=True)
            if undeclared:
                yield self.found(
                    context,
                    f"`{where}` has a text in {_codes(undeclared)}, a language that `model.languages` does not declare",
                    path,
                    key=True,
                    hint="add the language to `model.languages`, or remove that text",
                )
