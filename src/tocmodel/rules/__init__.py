"""The built-in validation rules, listed explicitly (no discovery by name)."""

from __future__ import annotations

from .base import Context, Rule
from .references import DanglingReference, DuplicateId, WrongKindReference

BUILTIN_RULES: tuple[type[Rule], ...] = (
    DanglingReference,
    WrongKindReference,
    DuplicateId,
)
"""Every built-in rule, in code order."""

__all__ = ["BUILTIN_RULES", "Context", "Rule"]
