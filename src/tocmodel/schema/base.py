"""The strict base class every part of the format derives from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """A part of the model format: unknown fields are errors.

    Each field's docstring (the string literal under it) is its reference text. They are read by
    `tocmodel.schema.docs` when the JSON Schema or the docs are generated, not at import time, which
    keeps `tocmodel check` fast.
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)
