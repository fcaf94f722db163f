"""Field docstrings of the format's classes, read from their source (for the JSON Schema and the docs)."""

from __future__ import annotations

import ast
import inspect
import itertools
import sys
from functools import cache

from .base import Strict


@cache
def _module_docs(module_name: str) -> dict[str, dict[str, str]]:
    """`{class name: {field: docstring}}` for the classes of one module."""
    tree = ast.parse(inspect.getsource(sys.modules[module_name]))
    found: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            found[node.name] = _class_docs(node)
    return found


def _class_docs(node: ast.ClassDef) -> dict[str, str]:
    docs: dict[str, str] = {}
    body = node.body
    for current, following in itertools.pairwise(body):
        if (
            isinstance(current, ast.AnnAssign)
            and isinstance(current.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[current.target.id] = inspect.cleandoc(following.value.value)
    return docs


def field_docs(cls: type[Strict]) -> dict[str, str]:
    """Docstrings of every field of `cls`, inherited fields included."""
    docs: dict[str, str] = {}
    for base in reversed(cls.__mro__):
        if isinstance(base, type) and issubclass(base, Strict):
            docs.update(_module_docs(base.__module__).get(base.__name__, {}))
    return {name: text for name, text in docs.items() if name in cls.model_fields}


def format_classes() -> list[type[Strict]]:
    """Every class of the format, in definition order."""
    found: list[type[Strict]] = []
    pending = list(Strict.__subclasses__())
    while pending:
        cls = pending.pop(0)
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found
