"""The standard indicator an indicator references, as the documents name and link it."""

from __future__ import annotations

from ...i18n import Messages
from ...load.bank import shipped_bank
from ...schema import Indicator, Model


def standard_link(say: Messages, model: Model, indicator: Indicator) -> tuple[str, str] | None:
    """The line naming the standard indicator the indicator references, and where its definition is published."""
    if indicator.standard is None:
        return None
    standard = (model.bank or shipped_bank()).get(indicator.standard)
    line = say("Standard indicator: %(code)s", code=indicator.standard)
    return (line, standard.url) if standard is not None else None
