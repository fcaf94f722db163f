"""Rules on the model's languages: every per-language text has a text in each of `model.languages`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from ..diagnostics import Diagnostic, Severity
from ..locations import Path
from ..schema import Text
from ..schema.text import by_year
from .base import Context, Rule
from .standards import inherited_paths

_TEXT_MARKS = get_args(Text)[1:]
"""The validator and schema objects that mark an annotation as `Text`."""


def _is_text_mark(item: Any) -> bool:
    return any(item is mark for mark in _TEXT_MARKS)


def _is_model_class(item: Any) -> bool:
    return isinstance(item, type) and issubclass(item, BaseModel)


def _mentions(annotation: Any, found: Callable[[Any], bool]) -> bool:
    """Whether `found(part)` holds for the annotation or any part of it (`Text | None`, `list[Text]`, ...)."""
    return found(annotation) or any(_mentions(arg, found) for arg in get_args(annotation))


def _model_classes(annotation: Any) -> list[type[BaseModel]]:
    """The model classes an annotation mentions, at any depth (`list[Link]`, `dict[str, RootCause]`, ...)."""
    own = [annotation] if _is_model_class(annotation) else []
    return own + [found for arg in get_args(annotation) for found in _model_classes(arg)]


def _holds_text(model_class: type[BaseModel], seen: frozenset[type[BaseModel]] = frozenset()) -> bool:
    """Whether objects of a model class may hold a text, in a field of their own or in a nested object."""
    for field in model_class.model_fields.values():
        if any(_is_text_mark(item) for item in field.metadata) or _mentions(field.annotation, _is_text_mark):
            return True
        nested = [c for c in _model_classes(field.annotation) if c is not model_class and c not in seen]
        if any(_holds_text(c, seen | {model_class}) for c in nested):
            return True
    return False


@cache
def walked_fields(model_class: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of a model class that may hold texts, as `(name, is_text)`; other fields are left out.

    A field is walked when it is annotated as a text, or holds objects of a model class that may hold
    texts themselves (directly or through their own nested objects).
    """
    walked: list[tuple[str, bool]] = []
    for name, field in model_class.model_fields.items():
        marked = any(_is_text_mark(item) for item in field.metadata)
        is_text = marked or _mentions(field.annotation, _is_text_mark)
        if is_text or any(_holds_text(c) for c in _model_classes(field.annotation)):
            walked.append((name, is_text))
    return tuple(walked)


TextMaps = Iterator[tuple[Path, dict[str, str]]]

_CONTAINERS = (BaseModel, dict, list)
"""The only values in which a text map can be: anything else (text, numbers, None) is skipped unvisited."""


def iter_text_maps(value: Any, path: Path = (), *, text: bool = False, located: bool = True) -> TextMaps:
    """Every per-language text map (`{en: ..., fr: ...}`) in a model, found from the fields' annotations.

    Args:
        value: A pydantic object, or a dict or list of them.
        path: Where `value` is in the model.
        text: Whether `value` belongs to a field annotated as `Text` (or a list of texts).
        located: Give each map's path; without it every path is `path`, which saves making one per object.
    """
    found: list[tuple[Path, dict[str, str]]] = []
    if isinstance(value, _CONTAINERS):
        _collect(value, path, text, found, located)
    return iter(found)


def _collect(value: Any, path: Path, text: bool, found: list[tuple[Path, dict[str, str]]], located: bool) -> None:
    """Append the text maps in `value` to `found`, in order; one call per container, none per leaf.

    A large model has hundreds of thousands of objects, most of whose walked fields hold a plain string
    or nothing, so leaves are tested in the loops rather than visited.
    """
    if isinstance(value, BaseModel):
        fields = value.__dict__
        for name, is_text in walked_fields(type(value)):
            item = fields[name]
            if is_text and by_year(item):  # texts keyed by year (`target_notes`): each may be in languages
                for year, text in item.items():
                    if isinstance(text, dict):
                        found.append(((*path, name, year) if located else path, text))
                continue
            if isinstance(item, _CONTAINERS):
                _collect(item, (*path, name) if located else path, is_text, found, located)
    elif isinstance(value, dict):
        if text:
            found.append((path, value))
            return
        for key, item in value.items():
            if isinstance(item, _CONTAINERS):
                _collect(item, (*path, key) if located else path, False, found, located)
    else:
        for index, item in enumerate(value):
            if isinstance(item, _CONTAINERS):
                _collect(item, (*path, index) if located else path, text, found, located)


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
        declared = set(languages)
        # Most models have no finding: one walk without paths says so, and only a finding needs them.
        if all(texts.keys() == declared for _, texts in iter_text_maps(context.model, located=False)):
            return
        inherited = inherited_paths(context)
        for path, texts in iter_text_maps(context.model):
            if path[:5] in inherited:
                continue  # the indicator bank's words, which the author did not write
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
