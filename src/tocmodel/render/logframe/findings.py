"""The validation findings as a logframe lists them, in the document's language."""

from __future__ import annotations

import re

from ...diagnostics import Report
from ...i18n import SOURCE_LANGUAGE, Messages
from ...rules import CHECK_RULES
from .context import FindingRow


def finding_rows(report: Report, say: Messages) -> list[FindingRow]:
    """The validation findings; in a language other than English, each says what its rule finds, in that
    language (a rule's summary is a message of the catalogues), followed by the ids, numbers and names the
    English message quotes, which read the same in every language."""
    summaries = {rule.code: rule.summary() for rule in CHECK_RULES}
    english = say.language.split("-")[0] == SOURCE_LANGUAGE
    return [
        FindingRow(
            code=d.code,
            severity=d.severity.value,
            message=d.message if english or d.code not in summaries else _said(say, summaries[d.code], d.message),
            where=str(d.location or ""),
        )
        for d in report
    ]


_QUOTED = re.compile(r"`[^`]+`")


def _said(say: Messages, summary: str, message: str) -> str:
    """The rule's summary in the language, then what the English message quotes (ids, languages, fields)."""
    quoted = list(dict.fromkeys(_QUOTED.findall(message)))
    if not quoted:
        return say(summary)
    return say("%(finding)s: %(quoted)s", finding=say(summary), quoted=", ".join(quoted))
