"""The strict base class every part of the format derives from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """A part of the model format: unknown fields are errors, attribute docstrings become the reference."""

    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=True,
        frozen=False,
        populate_by_name=True,
        str_strip_whitespace=False,
    )
