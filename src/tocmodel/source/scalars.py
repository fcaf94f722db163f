"""Scalars: a plain or quoted text's tag resolved as YAML 1.1 does, and its value, bounded and in plain words."""

from __future__ import annotations

from typing import Any

from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import ScalarEvent
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from ..diagnostics import Diagnostic
from ..locations import Location
from .limits import MAX_INTEGER_BITS, MAX_INTEGER_DIGITS, YamlProblem, problem

STR_TAG = "tag:yaml.org,2002:str"
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
REMOVE_TAG = "remove the tag; a model holds only plain mappings, lists, text and numbers"


def _short_tag(tag: str) -> str:
    """`!!int` for `tag:yaml.org,2002:int`."""
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


class Scalars:
    """The values of one file's scalars, each distinct text's tag resolved once (ids, years and numbers recur)."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.constructor = SafeConstructor()
        self.resolver = Resolver()
        self.tags: dict[tuple[str, tuple[bool, bool]], str] = {}
        """The implicit tag of each distinct plain or quoted text: ids, years and small numbers recur."""
        self.converted: dict[tuple[str, str], Any] = {}
        """Non-text scalars by tag and text; they are immutable (numbers, booleans, dates, null)."""

    def where(self, event: ScalarEvent) -> Location:
        mark: Any = event.start_mark
        return Location(self.display, mark.line + 1, mark.column + 1)

    def tag(self, event: ScalarEvent) -> str:
        """The scalar's tag, resolved from its text when it has no explicit one (as the composer does)."""
        tag = event.tag
        if tag is not None and tag != "!":
            return tag
        key = (event.value, event.implicit)
        tag = self.tags.get(key)
        if tag is None:  # first time this text is seen
            tag = self.tags[key] = self.resolver.resolve(ScalarNode, *key)  # type: ignore[no-untyped-call]
        return tag

    def scalar(self, event: ScalarEvent) -> Any:
        tag = self.tag(event)
        if tag == STR_TAG:  # most values are text, which needs no conversion
            return event.value
        key = (tag, event.value)
        if key in self.converted:
            return self.converted[key]
        if tag in _NUMBER_TAGS and len(event.value) > 2 * MAX_INTEGER_DIGITS:  # converting costs its square
            raise YamlProblem(self.too_large(event))
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)  # type: ignore[arg-type]
        try:
            value = self.converted[key] = self.constructor.construct_object(node, deep=True)
        except ConstructorError as error:
            message = (error.problem or "cannot read this value").strip()
            if event.tag is not None and message.startswith("could not determine a constructor"):
                message = f"the tag `{_short_tag(tag)}` is not allowed in a model"
            raise YamlProblem(problem("TOC001", "yaml-syntax", message, self.where(event), REMOVE_TAG)) from None
        except Exception:  # PyYAML's converters fail on bad text with ValueError, KeyError, IndexError, ...
            raise YamlProblem(self.unreadable(event, tag)) from None
        if isinstance(value, int) and value.bit_length() > MAX_INTEGER_BITS:  # hexadecimal or base 60 digits
            raise YamlProblem(self.too_large(event))
        return value

    def too_large(self, event: ScalarEvent) -> Diagnostic:
        """The problem of a number of more than `MAX_INTEGER_DIGITS` digits."""
        message = f"the number has more than {MAX_INTEGER_DIGITS:,} digits"
        hint = "write a number of a sensible size, or put it in quotes to keep it as text"
        return problem("TOC010", "limit-exceeded", message, self.where(event), hint)

    def unreadable(self, event: ScalarEvent, tag: str) -> Diagnostic:
        """The problem of a scalar whose text is not a value of the type its tag (written or implied) names."""
        shown = f"`{event.value}`" if event.value else "the empty value"
        if event.tag is not None and event.tag != "!":
            return problem(
                "TOC001", "yaml-syntax", f"{shown} is not a valid `{_short_tag(tag)}`", self.where(event), REMOVE_TAG
            )
        message = f"{shown} reads as `{_short_tag(tag)}` but is not a valid one"
        return problem("TOC001", "yaml-syntax", message, self.where(event), "put it in quotes to keep it as text")
