"""A model's results framework as an IATI 2.03 activity: impact, outcomes and outputs with their indicators,
baselines and a period per year that has a target.

The activity is checked against the official schema and the IATI rulesets before it is returned; what
IATI has no room for is returned as notes (see `uncarried`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from ...schema import Indicator, Model, Text
from ...schema.monitoring import Actual, period_year
from ..notes import Note
from ..values import format_number
from . import codes
from .codes import checked
from .descriptions import indicator_description, result_description, standard_reference, unknown_vocabularies
from .files import LANG, schema_errors
from .narratives import (
    MEASURED,
    SOURCE,
    STATUS,
    add_narratives,
    per_language,
    with_fields,
)
from .uncarried import uncarried

PLACEHOLDER_ORG = "XX-TOCMODEL"
"""Reporting organisation written when none is given; the notes say to replace it."""


@dataclass(frozen=True)
class ReportingOrg:
    """The organisation that publishes the activity.

    Attributes:
        ref: Its IATI organisation identifier, e.g. `XM-DAC-41116`.
        name: Its name (default: the identifier).
        type: Its OrganisationType code (default `90`, other).
    """

    ref: str = PLACEHOLDER_ORG
    name: str = ""
    type: str = codes.OTHER_ORGANISATION


@dataclass(frozen=True)
class Exported:
    """An IATI activity file and what it could not carry, as `export_iati` returns them.

    Attributes:
        content: The `iati-activities` file, UTF-8 XML valid against the official 2.03 schema.
        activity_id: The activity's `iati-identifier`.
        notes: What IATI has no room for (links, risks, root causes, ...) or what was left out, and why.
    """

    content: bytes
    activity_id: str
    notes: list[Note] = field(default_factory=list)


class _Writer:
    def __init__(self, model: Model) -> None:
        self.model = model
        self.languages = list(model.model.languages)
        self.main = self.languages[0]
        self.notes: list[Note] = []

    def text(self, parent: Any, tag: str, text: Text, **attributes: str) -> Any:
        from lxml import etree

        element = etree.SubElement(parent, tag, attributes)
        return add_narratives(element, per_language(text, self.languages))

    def activity(self, root: Any, activity_id: str, org: ReportingOrg) -> Any:
        from lxml import etree

        meta = self.model.model
        activity = etree.SubElement(root, "iati-activity")
        if meta.date:
            activity.set("last-updated-datetime", _timestamp(meta.date))
        activity.set(LANG, self.main)
        etree.SubElement(activity, "iati-identifier").text = activity_id
        reporting = etree.SubElement(activity, "reporting-org", ref=org.ref, type=checked("OrganisationType", org.type))
        add_narratives(reporting, {self.main: org.name or org.ref})
        self.text(activity, "title", meta.title)
        self.text(activity, "description", meta.description or meta.title, type="1")
        participating = etree.SubElement(
            activity, "participating-org", ref=org.ref, role=checked("OrganisationRole", codes.ACCOUNTABLE)
        )
        participating.set("type", org.type)
        add_narratives(participating, {self.main: org.name or org.ref})
        etree.SubElement(activity, "activity-status", code=checked("ActivityStatus", self.status()))
        first, last = self.model.plan_years[0], self.model.plan_years[-1]
        for kind, day in ((codes.PLANNED_START, f"{first}-01-01"), (codes.PLANNED_END, f"{last}-12-31")):
            etree.SubElement(activity, "activity-date", type=checked("ActivityDateType", kind)).set("iso-date", day)
        if meta.country:
            etree.SubElement(activity, "recipient-country", code=meta.country)
        return activity

    def status(self) -> str:
        """Pipeline before the plan starts, implementation during it, finalisation after (by the model's date)."""
        date = self.model.model.date
        years = self.model.plan_years
        if date is None or date.year < years[0]:
            return codes.PIPELINE
        return codes.IMPLEMENTATION if date.year <= years[-1] else codes.FINALISATION

    def results(self, activity: Any) -> None:
        for section in ("impact", "outcomes", "outputs"):
            for result_id, result in getattr(self.model, section).items():
                if not result.indicators:
                    self.notes.append(Note(result_id, "left out: an IATI result needs at least one indicator"))
                    continue
                self.result(activity, section, result_id, result)

    def result(self, activity: Any, section: str, result_id: str, result: Any) -> None:
        from lxml import etree

        element = etree.SubElement(activity, "result", type=checked("ResultType", codes.RESULT_TYPE[section]))
        self.text(element, "title", result.title)
        # IATI takes references on the result or on its indicators, not both: where an indicator references a
        # standard (an SDG indicator), the result's own id goes in its description instead.
        referenced = any(standard_reference(self.model, indicator) for indicator in result.indicators)
        statements = self.assumption_texts(section, result_id)
        description = result_description(
            self.languages, result.description, statements, result_id if referenced else None
        )
        if description:
            add_narratives(etree.SubElement(element, "description"), description)
        if not referenced:
            vocabulary = checked("ResultVocabulary", codes.REPORTING_ORGANISATION)
            etree.SubElement(element, "reference", code=result_id, vocabulary=vocabulary)
        for index, indicator in enumerate(result.indicators):
            self.indicator(element, self.model.indicator_id(result_id, index, indicator), indicator)

    def assumption_texts(self, section: str, result_id: str) -> list[Text]:
        """Statements of the result's own assumptions and of those on its links, in order, once each."""
        result = getattr(self.model, section)[result_id]
        ids = [*result.assumptions, *(a for link in getattr(result, "leads_to", []) for a in link.assumptions)]
        found = [self.model.assumptions[a].statement for a in dict.fromkeys(ids) if a in self.model.assumptions]
        return found

    def indicator(self, result: Any, indicator_id: str, indicator: Indicator) -> None:
        from lxml import etree

        measure = checked("IndicatorMeasure", codes.MEASURE[indicator.measure])
        element = etree.SubElement(result, "indicator", measure=measure)
        if indicator.direction == "decrease":  # IATI reads a missing @ascending as ascending
            element.set("ascending", "0")
        self.text(element, "title", indicator.title)
        description = indicator_description(self.languages, indicator)
        if description:
            add_narratives(etree.SubElement(element, "description"), description)
        reference = standard_reference(self.model, indicator)
        if reference is not None:
            vocabulary = checked("IndicatorVocabulary", reference.vocabulary)
            etree.SubElement(element, "reference", vocabulary=vocabulary, code=reference.code)
        self.baseline(element, indicator_id, indicator, measure)
        self.periods(element, indicator_id, indicator, measure)

    def baseline(self, element: Any, indicator_id: str, indicator: Indicator, measure: str) -> None:
        from lxml import etree

        base = indicator.baseline
        if base is None:
            return
        if base.year is None:
            self.notes.append(Note(indicator_id, "baseline left out: it has no year, which IATI requires"))
            return
        attributes = self.value_attributes(indicator_id, "baseline", base.value, measure)
        if attributes is None:
            return
        baseline = etree.SubElement(element, "baseline", year=str(base.year), **attributes)
        comment = self.value_comment(base.value, measure, base.note)
        if comment:
            add_narratives(etree.SubElement(baseline, "comment"), comment)

    def value_attributes(self, indicator_id: str, what: str, value: Any, measure: str) -> dict[str, str] | None:
        """`{value: …}` for a baseline, target or actual, {} for a qualitative one, None when IATI cannot take it."""
        if measure == codes.QUALITATIVE:
            return {}
        if value is None:
            self.notes.append(Note(indicator_id, f"{what} left out: it has no value, which IATI requires here"))
            return None
        if measure in codes.NUMERIC_MEASURES and isinstance(value, str):
            self.notes.append(Note(indicator_id, f"{what} `{value}` left out: IATI needs a number for this measure"))
            return None
        return {"value": format_number(value) if isinstance(value, int | float) else value}

    def value_comment(
        self, value: Any, measure: str, note: Text | None, actual: Actual | None = None
    ) -> dict[str, str]:
        """A comment's narratives: a qualitative value as `Value: …` after the note; an actual's source, date
        and status as `Means of verification:`, `Measured:` and `Status:` lines."""
        shown = format_number(value) if isinstance(value, int | float) else value
        texts = per_language(note, self.languages) if note else {}
        if measure == codes.QUALITATIVE and shown is not None:
            texts[self.main] = with_fields(texts.get(self.main), [("Value", shown)])
        if actual is not None:
            sources = per_language(actual.source, self.languages) if actual.source else {}
            for language, source in sources.items():
                texts[language] = with_fields(texts.get(language), [(SOURCE, source)])
            measured = actual.date.isoformat() if actual.date else None
            texts[self.main] = with_fields(texts.get(self.main), [(MEASURED, measured), (STATUS, actual.status)])
        return texts

    def periods(self, element: Any, indicator_id: str, indicator: Indicator, measure: str) -> None:
        targets = {year: value for year, value in indicator.targets.items() if value is not None}
        placeholders = [f"{y}: {v}" for y, v in targets.items() if y not in indicator.real_targets]
        if placeholders:
            self.notes.append(Note(indicator_id, f"placeholder targets left out ({', '.join(placeholders)})"))
        slots: dict[tuple[str, str], list[tuple[str, Any, Text | None, Actual | None]]] = {}
        for year, target in indicator.real_targets.items():
            slots.setdefault(_bounds(indicator, year), []).append(
                ("target", target, indicator.target_notes.get(year), None)
            )
        actuals = self.model.actuals.get(indicator_id, {})
        for period, actual in actuals.items():
            where = _bounds(indicator, period) if isinstance(period, int) else tuple(period.split("/"))
            slots.setdefault(where, []).append(("actual", actual.value, actual.comment, actual))  # type: ignore[arg-type]
        current = indicator.current
        if current and not any(period_year(p) == current.year for p in actuals):  # the older single value
            slots.setdefault(_bounds(indicator, current.year), []).append(("actual", current.value, current.note, None))
        years = {int(end[:4]) for _, end in slots}
        for what, listed in (
            ("a remark on the target", indicator.target_notes),
            ("a reporting period", indicator.periods),
        ):
            left = [str(year) for year in listed if year not in years]
            if left:
                message = f"{what} for {', '.join(left)}, a year with no target or value: IATI has no period for it"
                self.notes.append(Note(indicator_id, message))
        for (start, end), values in sorted(slots.items()):
            self.period(element, indicator_id, (start, end), values, measure)

    def period(
        self,
        element: Any,
        indicator_id: str,
        bounds: tuple[str, str],
        values: list[tuple[str, Any, Text | None, Actual | None]],
        measure: str,
    ) -> None:
        from lxml import etree

        period = etree.Element("period")
        etree.SubElement(period, "period-start", {"iso-date": bounds[0]})
        etree.SubElement(period, "period-end", {"iso-date": bounds[1]})
        for tag, value, note, actual in sorted(values, key=lambda found: found[0] != "target"):  # targets first
            if value is None and actual is None:
                continue
            attributes = self.value_attributes(indicator_id, f"{tag} for {bounds[1][:4]}", value, measure)
            if attributes is not None:
                self.value(period, tag, attributes, value, measure, note, actual)
            for dimension, categories in (actual.breakdown if actual else {}).items():
                for category, part in categories.items():
                    found = self.value_attributes(
                        indicator_id, f"{tag} for {bounds[1][:4]} ({category})", part, measure
                    )
                    if found is not None:
                        child = etree.SubElement(period, tag, **found)
                        etree.SubElement(child, "dimension", name=dimension, value=category)
        if len(period) > 2:
            element.append(period)

    def value(
        self,
        period: Any,
        tag: str,
        attributes: dict[str, str],
        value: Any,
        measure: str,
        note: Text | None,
        actual: Actual | None,
    ) -> None:
        from lxml import etree

        child = etree.SubElement(period, tag, **attributes)
        comment = self.value_comment(value, measure, note, actual)
        if comment:
            add_narratives(etree.SubElement(child, "comment"), comment)


def _bounds(indicator: Indicator, year: int) -> tuple[str, str]:
    """The dates of a year's period: its own reporting period (a fiscal year), else the calendar year."""
    dates = indicator.periods.get(year)
    return (dates.start.isoformat(), dates.end.isoformat()) if dates else (f"{year}-01-01", f"{year}-12-31")


def _timestamp(date: datetime.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _identifier(org_ref: str, model_id: str) -> str:
    """`<reporting org ref>-<model id>`, or the model's id when it already is one (a model imported from IATI)."""
    return model_id if model_id.startswith(f"{org_ref}-") else f"{org_ref}-{model_id}"


def export_iati(model: Model, *, activity_id: str | None = None, reporting_org: ReportingOrg | None = None) -> Exported:
    """The model's results framework as an IATI 2.03 activity file.

    Args:
        model: The model.
        activity_id: The activity's IATI identifier (default: `<reporting org ref>-<model id>`, or the model's
            id when it starts with the reporting organisation's ref already).
        reporting_org: The publishing organisation (default: a placeholder, with a note to replace it).

    Returns:
        The activity file (`content`, UTF-8 XML valid against the official schema and the IATI rulesets),
            its identifier, and a note for each thing IATI has no room for.

    Raises:
        ValueError: the reporting organisation's type is not an OrganisationType code.
        RuntimeError: the file written is not valid against the schema or the rulesets (a bug in tocmodel).

    Examples:
        >>> import tocmodel
        >>> model = tocmodel.load(tocmodel.shipped_model_path())
        >>> unep = tocmodel.ReportingOrg("XM-DAC-41116", "UN Environment Programme", type="40")
        >>> exported = tocmodel.export_iati(model, reporting_org=unep)
        >>> exported.activity_id
        'XM-DAC-41116-ewaste-generic'
        >>> print(exported.content.decode())
        <?xml version='1.0' encoding='UTF-8'?>
        <iati-activities version="2.03" ...>
          <iati-activity ...>
            <iati-identifier>XM-DAC-41116-ewaste-generic</iati-identifier>
        ...
        >>> print(exported.notes[0].format())
        ind-ewaste-collected-pct: baseline left out: it has no value, which IATI requires here
    """
    from lxml import etree

    from .rules import ruleset_problems

    org = reporting_org or ReportingOrg()
    identifier = activity_id or _identifier(org.ref, model.model.id)
    writer = _Writer(model)
    root = etree.Element("iati-activities", version="2.03")
    if model.model.date:
        root.set("generated-datetime", _timestamp(model.model.date))
    writer.results(writer.activity(root, identifier, org))
    tree = etree.ElementTree(root)
    problems = schema_errors(tree) + ruleset_problems(tree)
    if problems:
        raise RuntimeError("the IATI file is not valid: " + "; ".join(problem.format() for problem in problems))
    notes = _organisation_notes(org, identifier) + writer.notes + unknown_vocabularies(model) + uncarried(model)
    content = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return Exported(content, identifier, notes)


def _organisation_notes(org: ReportingOrg, identifier: str) -> list[Note]:
    notes = []
    if org.ref == PLACEHOLDER_ORG:
        notes.append(
            Note(
                "reporting-org",
                f"no reporting organisation given: `{PLACEHOLDER_ORG}` stands in for its IATI identifier",
            )
        )
    if not identifier.startswith(org.ref):
        notes.append(
            Note("iati-identifier", f"`{identifier}` does not start with the reporting organisation `{org.ref}`")
        )
    return notes
