"""The words of the format's fixed vocabularies (risk categories, statuses, frequencies...) as documents show them.

Each is a message of the catalogues, so a French logframe says `politique` where the model says `political`.
"""

from __future__ import annotations

from ..i18n import N_, Messages

WORDS = {
    # kinds of result, as the matrix names them
    "impact": N_("Impact"),
    "outcome": N_("Outcome"),
    "output": N_("Output"),
    "intervention": N_("Activity"),
    # confidence, risk bands
    "low": N_("low"),
    "medium": N_("medium"),
    "high": N_("high"),
    # assumption status
    "untested": N_("untested"),
    "holding": N_("holding"),
    "at-risk": N_("at risk"),
    "failed": N_("failed"),
    # root-cause coverage
    "addressed": N_("addressed"),
    "no-impact": N_("addressed, without a path to the impact"),
    "unaddressed": N_("unaddressed"),
    # indicator frequency
    "once": N_("once"),
    "monthly": N_("monthly"),
    "quarterly": N_("quarterly"),
    "biannual": N_("twice a year"),
    "annual": N_("annual"),
    "biennial": N_("every two years"),
    "end-of-plan": N_("at the end of the plan"),
    # risk categories
    "political": N_("political"),
    "institutional": N_("institutional"),
    "financial": N_("financial"),
    "economic": N_("economic"),
    "operational": N_("operational"),
    "technical": N_("technical"),
    "social": N_("social"),
    "environmental": N_("environmental"),
    "legal": N_("legal"),
    "security": N_("security"),
    "health-safety": N_("health and safety"),
    "reputational": N_("reputational"),
    "other": N_("other"),
    # actor types
    "coalition-member": N_("coalition member"),
    "partner": N_("partner"),
    "ministry": N_("ministry"),
    "government-agency": N_("government agency"),
    "statistics-office": N_("statistics office"),
    "employers-organisation": N_("employers' organisation"),
    "workers-organisation": N_("workers' organisation"),
    "pro": N_("producer responsibility organisation"),
    "ngo": N_("non-governmental organisation"),
    "private-sector": N_("private sector"),
    "academia": N_("academia"),
    "international-organisation": N_("international organisation"),
    "donor": N_("donor"),
    "multi-stakeholder-partnership": N_("multi-stakeholder partnership"),
    "community": N_("community"),
    # indicator values written `true` or `false`
    "yes": N_("yes"),
    "no": N_("no"),
    # which way an indicator should move
    "increase": N_("increases"),
    "decrease": N_("decreases"),
    "maintain": N_("holds"),
    # finding severities
    "error": N_("error"),
    "warning": N_("warning"),
    "info": N_("info"),
}
"""Each value of a fixed vocabulary → its message."""


def word(tr: Messages, value: str) -> str:
    """A vocabulary value in the document's language; a value outside the vocabularies as it is."""
    message = WORDS.get(value)
    return tr(message) if message else value
