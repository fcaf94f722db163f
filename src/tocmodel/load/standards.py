"""`standard:` references resolved: an indicator takes from its standard what it does not write itself.

This runs on the model's data, once its files are merged and before it is built, so every later part of
tocmodel (rules, documents, exports, the preview) sees the indicator whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from ..diagnostics import Diagnostic
from ..schema import RESULT_SECTIONS, Model
from ..schema.bank import Bank
from ..source.reader import Limits
from .bank import bank_beside, read_banks


def raw_indicators(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The indicators of the model's data (mappings only: the schema reports anything else)."""
    for section in RESULT_SECTIONS:
        results = data.get(section)
        if not isinstance(results, dict):
            continue
        for result in results.values():
            indicators = result.get("indicators") if isinstance(result, dict) else None
            if isinstance(indicators, list):
                yield from (item for item in indicators if isinstance(item, dict))


def referenced(data: dict[str, Any]) -> bool:
    """Whether any indicator of the data references a standard."""
    return any("standard" in indicator for indicator in raw_indicators(data))


def inherit(data: dict[str, Any], bank: Bank) -> list[frozenset[str]]:
    """Fill each referencing indicator with what its standard gives and it does not write, its texts in the
    model's languages; the fields taken, for each indicator in the order of `raw_indicators`.

    An unknown code gives the indicator its code as title, so the model is still built; the rules say the
    code is unknown (TOC421).
    """
    meta = data.get("model")
    languages = meta.get("languages") if isinstance(meta, dict) else None
    wanted = set(languages) if isinstance(languages, list) and languages else {"en"}
    taken: list[frozenset[str]] = []
    for indicator in raw_indicators(data):
        code = indicator.get("standard")
        standard = bank.get(code.strip()) if isinstance(code, str) else None
        if standard is None:
            if code is not None:  # the rules or the schema say what is wrong with `standard` alone
                indicator.setdefault("title", str(code))
            taken.append(frozenset())
            continue
        given = {key: _in(wanted, value) for key, value in standard.inherited().items() if key not in indicator}
        indicator.update(given)
        taken.append(frozenset(given))
    return taken


def mark(model: Model, taken: list[frozenset[str]]) -> None:
    """Tell each indicator of the built model which fields it took from its standard."""
    for (_, _, _, indicator), names in zip(model.iter_indicators(), taken, strict=False):
        if names:
            indicator.took_from_standard(names)


def _in(languages: set[str], value: Any) -> Any:
    """A text of the bank in the model's languages, if it has any of them (else whole)."""
    if not isinstance(value, dict):
        return value
    kept = {language: text for language, text in value.items() if language in languages}
    return kept or value


@dataclass
class BankSource:
    """The bank a model's references resolve against, read once however often the model is read."""

    model_file: FilePath
    display: str
    limits: Limits
    files: list[tuple[FilePath, str]] | None = None
    """Bank files given for every model (a configuration named on the command line); None: those of the
    `tocmodel.toml` beside the model."""
    _read: tuple[Bank, list[Diagnostic]] | None = field(default=None, repr=False)

    def __call__(self) -> tuple[Bank, list[Diagnostic]]:
        if self._read is None:
            self._read = (
                bank_beside(self.model_file, self.display, self.limits)
                if self.files is None
                else read_banks(self.files, self.limits)
            )
        return self._read


BankReader = Callable[[], tuple[Bank, list[Diagnostic]]]


def with_bank_files(read: list[FilePath], model: Model | None) -> list[FilePath]:
    """The files read, with the organisation's indicator banks the model's references were resolved against."""
    return read + list(model.bank.files) if model is not None and model.bank is not None else read
