"""The words of the format's fixed vocabularies (risk categories, statuses, frequencies...) as documents show them.

Each is a message of the catalogues, so a French logframe says `politique` where the model says `political`.
"""

from __future__ import annotations

from ..i18n import VOCABULARY, Messages

WORDS = VOCABULARY
"""Each value of a fixed vocabulary → its message (see `tocmodel.i18n.VOCABULARY`)."""


def word(tr: Messages, value: str) -> str:
    """A vocabulary value in the document's language; a value outside the vocabularies as it is."""
    message = WORDS.get(value)
    return tr(message) if message else value
