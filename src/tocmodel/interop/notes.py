"""Findings of importers and exporters as data: a `Note` says what could not be taken or carried, and where."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ..diagnostics import for_terminal
from ..errors import InputError
from ..schema import Model


@dataclass(frozen=True, slots=True)
class Note:
    """Something an importer could not take, or an exporter could not carry.

    Attributes:
        where: Where it is: `line 45, /iati-activities/iati-activity/result[1]` or `Matrix!B7`; empty when
            it concerns the whole file or model.
        message: What could not be taken or carried, and what was done instead.
    """

    where: str
    message: str

    def format(self) -> str:
        """`where: message`, or the message alone, fit for a terminal (values it quotes may hold escapes)."""
        return for_terminal(f"{self.where}: {self.message}" if self.where else self.message)

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready mapping."""
        return {"where": self.where, "message": self.message}


@dataclass(frozen=True)
class Imported:
    """A model read from another format.

    Attributes:
        data: The model as plain data, in the order it is written to YAML.
        model: The same data as a validated `Model`.
        notes: What could not be taken, in the order met.
        source: The name of the file it was read from (for the YAML's header comment).
        summary: What was read and what was left, in one sentence.
    """

    data: dict[str, Any]
    model: Model
    notes: list[Note] = field(default_factory=list)
    source: str = ""
    summary: str = ""
    """What was read and what was left, in one sentence (empty when the importer does not count)."""
    explanation: str = ""
    """How the input was read, line by line, for a user who must correct it (`import xlsx --explain`)."""

    def to_yaml(self, *, command: str) -> str:
        """The model as YAML text, headed by a comment naming the source file and the command."""
        from .yamlwriter import model_yaml

        origin = f"Imported from {self.source} by `{command}`." if self.source else f"Imported by `{command}`."
        return model_yaml(self.data, comment=origin)


def build_model(data: Mapping[str, Any], *, source: str) -> Model:
    """Validate importer output as a `Model`.

    Raises:
        InputError: the data does not make a valid model (an importer let something through it should not).
    """
    try:
        return Model.model_validate(dict(data))
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in detail['loc'])}: {detail['msg']}" for detail in error.errors()[:5]
        )
        raise InputError(f"{source}: the imported model is not valid: {problems}") from None
