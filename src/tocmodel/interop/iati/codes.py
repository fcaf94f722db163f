"""IATI codes tocmodel writes and reads, each checked against the shipped codelists."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ElementTree
from pathlib import Path

CODELISTS = Path(__file__).parent / "codelists"
"""The shipped IATI codelists (XML, as published)."""

RESULT_TYPE = {"outputs": "1", "outcomes": "2", "impact": "3"}
"""Model section → ResultType code."""
SECTION_OF_RESULT_TYPE = {code: section for section, code in RESULT_TYPE.items()}
OTHER_RESULT_TYPE = "9"

MEASURE = {"unit": "1", "percentage": "2", "nominal": "3", "ordinal": "4", "qualitative": "5"}
"""Indicator measure → IndicatorMeasure code."""
MEASURE_OF_CODE = {code: measure for measure, code in MEASURE.items()}
VALUE_MEASURES = frozenset({"1", "2", "3", "4"})
"""Measures whose baselines, targets and actuals must have a `value` (IATI rulesets)."""
NUMERIC_MEASURES = frozenset({"1", "2"})
"""Measures whose values are numbers."""
QUALITATIVE = "5"

REPORTING_ORGANISATION = "99"
SDG_INDICATORS = "9"
"""The IndicatorVocabulary code of the UN SDG indicators."""
"""ResultVocabulary / IndicatorVocabulary code for the reporting organisation's own codes."""
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
"""ActivityDateType codes."""
PIPELINE, IMPLEMENTATION, FINALISATION = "1", "2", "3"
"""ActivityStatus codes."""
ACCOUNTABLE = "2"
"""OrganisationRole code of the organisation accountable for the activity."""
OTHER_ORGANISATION = "90"
"""OrganisationType code `Other`."""


@functools.cache
def codelist(name: str) -> dict[str, str]:
    """The codes of a shipped codelist with their English names: `codelist("ResultType")["1"] == "Output"`."""
    root = ElementTree.parse(CODELISTS / f"{name}.xml").getroot()
    codes: dict[str, str] = {}
    for item in root.iter("codelist-item"):
        code = (item.findtext("code") or "").strip()
        names = [n.text or "" for n in item.iterfind("name/narrative") if n.get(_LANG) in (None, "en")]
        codes[code] = names[0] if names else code
    return codes


_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def checked(name: str, code: str) -> str:
    """`code`, after making sure it is in the codelist `name`.

    Raises:
        ValueError: the code is not in the list.
    """
    if code not in codelist(name):
        raise ValueError(f"`{code}` is not a code of the IATI {name} codelist")
    return code
