"""The one Jinja2 environment: a user's template folder first, then the shipped templates; sandboxed,
`StrictUndefined`, HTML autoescaped. Text from a model is data to it, never template code, and every
value it prints shows the characters a document cannot hold as escapes (`\\x01`)."""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..characters import printable

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
"""Markup characters; `&` too, or a renderer would read `&amp;` in a model as `&`."""
_LINE_START = re.compile(r"^([#+\-=])")
_NUMBERED = re.compile(r"^(\d+)\.")


def shipped_templates() -> Path:
    """The templates folder inside the installed package, or at the top of a source checkout."""
    packaged = Path(str(resources.files("tocmodel"))) / "templates"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[3] / "templates"


def markdown_text(value: object) -> str:
    """Text shown literally in Markdown (and in a GitHub table cell): markup characters escaped, lines joined."""
    text = " ".join(printable(str(value)).splitlines())
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\\\1", text)
    return _NUMBERED.sub(r"\1\\.", text)


def shown(value: object) -> object:
    """What a template prints of a value (Jinja's `finalize`): text with its unprintable characters escaped.

    HTML markup made here (the diagram) stays markup: it holds no such character, and escapes are not markup.
    """
    if not isinstance(value, str):
        return value
    text = printable(value)
    return Markup(text) if isinstance(value, Markup) else text


def writes_html(name: str | None) -> bool:
    """Whether a template writes HTML, and so must escape what it prints: `x.html`, `x.htm`, `x.html.j2`.

    (Jinja's `select_autoescape` looks at the last extension only, and would miss `.html.j2`.)
    """
    return (name or "").lower().removesuffix(".j2").endswith((".html", ".htm"))


def environment(user_templates: str | os.PathLike[str] | None = None) -> SandboxedEnvironment:
    """The environment; templates in `user_templates` override shipped ones of the same name."""
    loaders = [FileSystemLoader(str(user_templates))] if user_templates else []
    loaders.append(FileSystemLoader(str(shipped_templates())))
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=writes_html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=shown,
    )
    env.filters["md"] = markdown_text
    return env
