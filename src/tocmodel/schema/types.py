"""Small value types shared by the model format: ids, texts, year spans and indicator values."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=128)]
"""An identifier: letters, digits, `-`, `_` and `.`, starting with a letter or digit (e.g. `rc-no-epr`)."""

LanguageCode = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]
"""A BCP 47 language tag such as `en`, `fr` or `pt-BR`."""

_LANG_RE = re.compile(LANG_PATTERN)


def _validate_text(value: Any) -> str | dict[str, str]:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value:
        for lang, text in value.items():
            if not isinstance(lang, str) or not _LANG_RE.match(lang):
                raise PydanticCustomError(
                    "text_language", "`{lang}` is not a language code such as `en` or `fr`", {"lang": lang}
                )
            if not isinstance(text, str):
                raise PydanticCustomError("text_type", "the `{lang}` text must be a string", {"lang": lang})
        return dict(value)
    raise PydanticCustomError(
        "text_type", "expected text, or a map of language code to text such as `{{en: ..., fr: ...}}`"
    )


_TEXT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": LANG_PATTERN},
            "additionalProperties": {"type": "string"},
        },
    ],
}

Text = Annotated[
    str | dict[str, str],
    PlainValidator(_validate_text),
    WithJsonSchema(_TEXT_SCHEMA),
]
"""Text in one language (a string) or in several (a map such as `{en: ..., fr: ...}`)."""


def _validate_value(value: Any) -> int | float | str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        raise PydanticCustomError("finite_number", "expected a finite number, not `{value}`", {"value": value})
    raise PydanticCustomError(
        "value_type", "expected a number or a short text, not a {kind}", {"kind": type(value).__name__}
    )


Value = Annotated[
    int | float | str | None,
    PlainValidator(_validate_value),
    WithJsonSchema({"type": ["number", "string", "boolean", "null"]}),
]
"""An indicator value: a number, or a short text for qualitative measures; `null` when unknown."""


@dataclass(frozen=True, order=True)
class YearSpan:
    """An inclusive span of years, either plan years (1, 2, ...) or calendar years (2027, ...)."""

    first: int
    last: int

    @property
    def is_calendar(self) -> bool:
        """Whether the span is written in calendar years rather than plan years."""
        return self.first >= 1000

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


_SPAN_RE = re.compile(r"^\s*(\d{1,4})\s*(?:(?:-|–|\.\.)\s*(\d{1,4}))?\s*$")


def _parse_span(value: Any) -> YearSpan:
    if isinstance(value, YearSpan):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return YearSpan(value, value)
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return _ordered(value[0], value[1])
    if isinstance(value, str) and (match := _SPAN_RE.match(value)):
        first = int(match.group(1))
        return _ordered(first, int(match.group(2) or first))
    raise PydanticCustomError(
        "year_span",
        "expected a year or a span of years such as `2`, `1-2` or `2027-2028`",
    )


def _ordered(first: int, last: int) -> YearSpan:
    if first < 1 or last < 1:
        raise PydanticCustomError("year_span", "years are counted from 1 (plan years) or are calendar years")
    if last < first:
        raise PydanticCustomError(
            "year_span", "the span `{first}-{last}` ends before it starts", {"first": first, "last": last}
        )
    if (first >= 1000) != (last >= 1000):
        raise PydanticCustomError("year_span", "mix of plan years and calendar years in one span")
    return YearSpan(first, last)


YearSpanField = Annotated[
    YearSpan,
    PlainValidator(_parse_span),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1},
                {"type": "string", "pattern": r"^\s*\d{1,4}\s*(?:(?:-|–|\.\.)\s*\d{1,4})?\s*$"},
            ],
            "examples": ["1-2", 3, "2027-2028"],
        }
    ),
]
"""Years as a plan year (`3`), a span of plan years (`1-2`) or calendar years (`2027-2028`)."""

CalendarYear = Annotated[int, Field(ge=1900, le=2200)]
"""A calendar year such as 2027."""


def _as_list(value: Any) -> Any:
    """Accept a single id where a list of ids is expected."""
    return [value] if isinstance(value, str) else value


IdList = Annotated[list[Id], BeforeValidator(_as_list, json_schema_input_type=Id | list[Id])]
"""One id or a list of ids."""


def _as_text_list(value: Any) -> Any:
    """Accept a single text, in one language or several (`{en: ..., fr: ...}`), where a list is expected."""
    return [value] if isinstance(value, str | dict) else value


TextList = Annotated[list[Text], BeforeValidator(_as_text_list, json_schema_input_type=Text | list[Text])]
"""One text or a list of texts."""


def _strip(value: str) -> str:
    return value.strip()


Code = Annotated[str, AfterValidator(_strip)]
