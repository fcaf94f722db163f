"""The generic models shipped with tocmodel, found by name: what `extends: ewaste-generic` starts from, and a
model to try the library on from any folder."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..suggest import did_you_mean
from .extends import SHIPPED_GENERICS, shipped_model


def shipped_model_path(name: str = "ewaste-generic") -> Path:
    """The file of a generic model shipped with tocmodel.

    Args:
        name: The model's name, as a country model's `extends:` writes it.

    Returns:
        The model's YAML file, inside the installed package, or in `models/` of a source checkout.

    Raises:
        UsageError: no model of that name is shipped.

    Examples:
        >>> import tocmodel
        >>> path = tocmodel.shipped_model_path("ewaste-generic")
        >>> path.name
        'ewaste-generic.yaml'
        >>> tocmodel.load(path).model.id
        'ewaste-generic'
        >>> tocmodel.shipped_model_path("ewaste")
        Traceback (most recent call last):
        ...
        tocmodel.errors.UsageError: no generic model named `ewaste` is shipped; did you mean `ewaste-generic`?
    """
    path = shipped_model(name)
    if path is None:
        hint = did_you_mean(name, SHIPPED_GENERICS) or "shipped: " + ", ".join(f"`{n}`" for n in SHIPPED_GENERICS)
        raise UsageError(f"no generic model named `{name}` is shipped; {hint}")
    return path
