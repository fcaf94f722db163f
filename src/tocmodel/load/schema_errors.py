"""Turn pydantic's validation errors into located, plain-language diagnostics with suggestions."""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..diagnostics import Diagnostic, Severity
from ..locations import Location, Path, SourceMap
from ..suggest import did_you_mean

_PLAIN = {
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "bool_parsing": "expected `true` or `false`",
    "bool_type": "expected `true` or `false`",
    "string_type": "expected text",
    "list_type": "expected a list (lines starting with `- `, or `[a, b]`)",
    "dict_type": "expected a mapping (`key: value` lines)",
    "model_type": "expected a mapping (`key: value` lines)",
    "model_attributes_type": "expected a mapping (`key: value` lines)",
    "date_from_datetime_parsing": "expected a date such as `2026-11-01`",
    "date_parsing": "expected a date such as `2026-11-01`",
    "date_type": "expected a date such as `2026-11-01`",
}


def dotted(path: Path) -> str:
    """`interventions.i-x.leads_to[0].to` for a model path."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def translate(error: ValidationError, source_map: SourceMap, root: type[BaseModel]) -> list[Diagnostic]:
    """One diagnostic per pydantic error, located through `source_map`.

    A missing field is not reported when an unknown field beside it is its likely misspelling.
    """
    found = [_one(details, source_map, root) for details in error.errors(include_url=False)]
    misspelt = {(d.path[:-1], d.hint) for d in found if d.code == "TOC003"}
    return [d for d in found if not (d.code == "TOC005" and (d.path[:-1], f"did you mean `{d.path[-1]}`?") in misspelt)]


def _one(details: ErrorDetails, source_map: SourceMap, root: type[BaseModel]) -> Diagnostic:
    loc = tuple(details["loc"])
    kind = details["type"]
    if loc and loc[-1] == "[key]":
        where = dotted(loc[:-2])
        reason = _message(details)
        message = f"`{where}`: {reason}" if f"`{loc[-2]}`" in reason else f"`{where}`: key `{loc[-2]}`: {reason}"
        return _invalid(loc[:-1], message, source_map, key=True, hint=_field_doc(root, loc[:-2]))
    if kind == "extra_forbidden":
        return _unknown_field(loc, source_map, root)
    if kind == "missing":
        return _missing(loc, source_map)
    if kind == "literal_error" and loc == ("tocmodel",):
        quoted = isinstance(details["input"], str) and details["input"].strip() == "1"
        return _invalid(
            loc,
            "the format version is written as text; write `tocmodel: 1` without quotes"
            if quoted
            else f"unsupported format version `{details['input']}`; this tocmodel reads `tocmodel: 1`",
            source_map,
            code="TOC011",
            name="format-version",
        )
    if kind == "literal_error":
        allowed = _literal_values(_annotation_at(root, loc))
        hint = did_you_mean(str(details["input"]), allowed)
        return _invalid(
            loc, f"`{dotted(loc)}`: `{details['input']}` is not one of: {', '.join(allowed)}", source_map, hint=hint
        )
    return _invalid(loc, f"`{dotted(loc)}`: {_message(details)}", source_map, hint=_field_doc(root, loc))


def _field_doc(root: type[BaseModel], loc: Path) -> str | None:
    """The reference text of the field at `loc`, which says what a valid value looks like."""
    from ..schema.base import Strict
    from ..schema.docs import field_docs

    owner = _model_at(root, loc[:-1]) if loc else None
    if owner is None or not issubclass(owner, Strict):
        return None
    return field_docs(owner).get(str(loc[-1]))


def _message(details: ErrorDetails) -> str:
    plain = _PLAIN.get(details["type"])
    shown = details.get("input")
    if details["type"] == "string_pattern_mismatch" and "A-Za-z0-9" in str(details.get("ctx", {}).get("pattern")):
        return f"`{shown}` is not a valid id: use letters, digits, `-`, `_` and `.`, starting with a letter or digit"
    bounds = {
        "less_than_equal": "at most {le}",
        "greater_than_equal": "at least {ge}",
        "less_than": "less than {lt}",
        "greater_than": "more than {gt}",
    }
    if details["type"] in bounds:
        return f"`{shown}` is too {'large' if 'less' in details['type'] else 'small'}: it must be " + bounds[
            details["type"]
        ].format(**details.get("ctx", {}))
    if shown is None and details["type"] != "missing":
        return "the value is empty; write one after the colon, or remove the line"
    if plain and isinstance(shown, bool):
        return f"{plain}, got `{str(shown).lower()}` (YAML reads yes/no/on/off as true/false: quote the text)"
    if plain and isinstance(shown, dict | list):
        return f"{plain}, got a {'mapping' if isinstance(shown, dict) else 'list'}"
    if plain:
        return f"{plain}, got `{shown}`"
    return details["msg"][0].lower() + details["msg"][1:] if details["msg"] else details["type"]


def _invalid(
    loc: Path,
    message: str,
    source_map: SourceMap,
    *,
    hint: str | None = None,
    key: bool = False,
    code: str = "TOC004",
    name: str = "invalid-value",
) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, source_map.locate(loc, key=key), hint, name, loc)


def _unknown_field(loc: Path, source_map: SourceMap, root: type[BaseModel]) -> Diagnostic:
    field = str(loc[-1])
    owner = _model_at(root, loc[:-1])
    known = list(owner.model_fields) if owner else []
    where = dotted(loc[:-1])
    hint = did_you_mean(field, known) or (f"known fields here: {', '.join(known)}" if known else None)
    return Diagnostic(
        "TOC003",
        Severity.ERROR,
        f"unknown field `{field}` in `{where}`",
        source_map.locate(loc, key=True),
        hint,
        "unknown-field",
        loc,
    )


def _missing(loc: Path, source_map: SourceMap) -> Diagnostic:
    field = str(loc[-1])
    parent = loc[:-1]
    where = source_map.locate(parent, key=True) or Location("")
    hint = f"add `{field}: ...`" + (" at the top of the file" if not parent else f" under `{dotted(parent)}`")
    if loc == ("tocmodel",):
        hint = "start the file with the format version line `tocmodel: 1`"
    return Diagnostic(
        "TOC005",
        Severity.ERROR,
        f"missing required field `{field}` in `{dotted(parent)}`",
        where,
        hint,
        "missing-field",
        loc,
    )


def _unwrap(annotation: Any) -> Any:
    """Strip `Annotated[...]` and `X | None` down to the core type."""
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _annotation_at(root: type[BaseModel], loc: Path) -> Any:
    annotation: Any = root
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(str(part))
            if field is None:
                return None
            annotation = field.annotation
        elif get_origin(annotation) is dict:
            annotation = get_args(annotation)[1]
        elif get_origin(annotation) is list:
            annotation = get_args(annotation)[0]
        else:
            return None
    return _unwrap(annotation)


def _model_at(root: type[BaseModel], loc: Path) -> type[BaseModel] | None:
    found = _annotation_at(root, loc)
    return found if isinstance(found, type) and issubclass(found, BaseModel) else None


def _literal_values(annotation: Any) -> list[str]:
    return [str(v) for v in get_args(annotation)] if get_origin(annotation) is Literal else []
