"""IATI results of one activity as model outputs, outcomes and impact, with their indicators, baselines,
yearly targets, actual values and the assumptions listed in their descriptions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ...schema import Text
from ...schema.monitoring import period_year
from . import codes
from .narratives import IDENTIFIER, SOURCE, STANDARD, UNIT, as_text, split_assumptions, split_fields
from .periods import IndicatorValues
from .reading import Reader, looks_like_code
from .standards import read_standard

PREFIX = {"outputs": "o", "outcomes": "oc", "impact": "im"}
"""Id prefix of each section, as in the shipped models."""
INDICATOR_PARTS = frozenset({"title", "description", "reference", "baseline", "period"})
RESULT_PARTS = frozenset({"title", "description", "reference", "indicator"})
VALUE_PARTS = frozenset({"comment"})


@dataclass
class Results:
    """The results read, by section, and the assumptions their descriptions list (statement → id)."""

    sections: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {"outputs": {}, "outcomes": {}, "impact": {}}
    )
    assumptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    target_years: list[int] = field(default_factory=list)
    """The years of the targets and actuals, which the plan spans."""
    actuals: dict[str, dict[int | str, dict[str, Any]]] = field(default_factory=dict)
    """Actual values by indicator id and reporting period."""


class ResultReader:
    """Reads the `result` elements of one activity."""

    def __init__(self, reader: Reader, activity: Any) -> None:
        self.reader = reader
        self.found = Results()
        self.statements: dict[str, str] = {}
        self.code_counts: Counter[str] = Counter()
        for indicator in activity.iterfind("result/indicator"):
            own = {ref.get("code", "").strip() for ref in indicator.iterfind("reference")}
            self.code_counts.update(code for code in {*own, self._main(indicator.find("title"))} if code)

    def _main(self, element: Any) -> str:
        if element is None:
            return ""
        narrative = element.find("narrative")
        return (narrative.text or "").strip() if narrative is not None else ""

    def read(self, activity: Any) -> Results:
        for result in activity.iterfind("result"):
            self.result(result)
        return self.found

    def result(self, element: Any) -> None:
        reader = self.reader
        code = element.get("type", "")
        section = codes.SECTION_OF_RESULT_TYPE.get(code)
        if section is None:
            section = "outcomes"
            reader.note(
                element, f"result type `{code}` is not output (1), outcome (2) or impact (3): taken as an outcome"
            )
        title = reader.texts(element.find("title"))
        body, statements, identifier = self.description(element.find("description"))
        wanted = self.reference(element) or identifier
        title, body, code_id = self.code_title(element, title, body, "result")
        item: dict[str, Any] = {
            "title": as_text(title, reader.main) or f"Result {len(self.found.sections[section]) + 1}"
        }
        if not title:
            reader.note(element, "result without a title: named by its position")
        result_id = (wanted and reader.ids.take(wanted)) or (
            code_id and reader.ids.take(f"{PREFIX[section]}-{code_id}")
        )
        result_id = result_id or reader.ids.make(PREFIX[section], _main_text(item["title"]))
        if body:
            item["description"] = body
        if statements:
            item["assumptions"] = [self.assumption(statement) for statement in statements]
        indicators = [self.indicator(ind, result_id, n) for n, ind in enumerate(element.iterfind("indicator"))]
        if indicators:
            item["indicators"] = indicators
        reader.leftovers(element, RESULT_PARTS, "the result")
        self.found.sections[section][result_id] = item

    def reference(self, element: Any) -> str | None:
        """The result's own code (reporting organisation vocabulary), to be its id."""
        for reference in element.iterfind("reference"):
            if reference.get("vocabulary") == codes.REPORTING_ORGANISATION and reference.get("code"):
                return str(reference.get("code")).strip()
        return None

    def code_title(
        self, element: Any, title: dict[str, str], body: Text | None, what: str
    ) -> tuple[dict[str, str], Text | None, str | None]:
        """A title that is a bare code gives way to the description (and becomes the id, when free)."""
        main = title.get(self.reader.main, "")
        if not (main and looks_like_code(main) and body):
            return title, body, None
        self.reader.note(element, f"{what} title `{main}` is a code: the description is taken as the title")
        described = {self.reader.main: body} if isinstance(body, str) else dict(body)
        return described, None, main

    def description(self, element: Any) -> tuple[Text | None, list[Text], str | None]:
        """A result's description without its `Assumptions:` paragraph, the statements listed there, and the
        result's id when an `Identifier:` line gives it (where its indicators reference standards)."""
        texts = self.reader.texts(element)
        bodies: dict[str, str] = {}
        lists: dict[str, list[str]] = {}
        identifier = None
        for language, text in texts.items():
            body, statements = split_assumptions(text)
            if language == self.reader.main:
                body, fields = split_fields(body)
                identifier = fields.get(IDENTIFIER, "").strip() or None
            if body:
                bodies[language] = body
            if statements:
                lists[language] = statements
        return as_text(bodies, self.reader.main), self._statements(element, lists), identifier

    def _statements(self, element: Any, lists: dict[str, list[str]]) -> list[Text]:
        main = lists.get(self.reader.main, [])
        others = {language: found for language, found in lists.items() if language != self.reader.main}
        if any(len(found) != len(main) for found in others.values()):
            self.reader.note(
                element, "the assumptions differ in number between languages: only the main language's are taken"
            )
            others = {}
        merged: list[Text] = []
        for index, statement in enumerate(main):
            versions = {self.reader.main: statement, **{lang: found[index] for lang, found in others.items()}}
            merged.append(as_text(versions, self.reader.main) or statement)
        return merged

    def assumption(self, statement: Text) -> str:
        """The id of the assumption with this statement, made on first sight."""
        key = _main_text(statement)
        if key not in self.statements:
            assumption_id = self.reader.ids.make("a", key)
            self.statements[key] = assumption_id
            self.found.assumptions[assumption_id] = {"statement": statement}
        return self.statements[key]

    def indicator(self, element: Any, result_id: str, index: int) -> dict[str, Any]:
        reader = self.reader
        measure = element.get("measure", "")
        if measure not in codes.MEASURE_OF_CODE:
            reader.note(element, f"measure `{measure}` is not an IATI indicator measure (1–5): taken as unit (1)")
            measure = "1"
        title = reader.texts(element.find("title"))
        fields, body = self.indicator_description(element.find("description"))
        standard, body = read_standard(reader, element, fields.get(STANDARD, {}).get(reader.main), body)
        title, body, code = self.code_title(element, title, body, "indicator")
        item: dict[str, Any] = {}
        written = fields.get(IDENTIFIER, {}).get(reader.main, "").strip() or None
        own_id = self.indicator_id(element, written or code, f"{result_id}.{index + 1}")
        if own_id:
            item["id"] = own_id
        item["title"] = as_text(title, reader.main) or f"Indicator {index + 1}"
        if body:
            item["description"] = body
        if UNIT in fields:
            item["unit"] = as_text(fields[UNIT], reader.main)
        if measure != "1":
            item["measure"] = codes.MEASURE_OF_CODE[measure]
        if element.get("ascending", "1").strip() in ("0", "false"):
            item["direction"] = "decrease"
        values = IndicatorValues(reader, measure)
        item.update(values.read(element, _main_text(item["title"])))
        self.found.target_years.extend(item.get("targets", {}))
        if values.actuals:
            self.found.actuals[own_id or f"{result_id}.{index + 1}"] = values.actuals
            self.found.target_years.extend(period_year(period) for period in values.actuals)
        if SOURCE in fields:
            item["source"] = as_text(fields[SOURCE], reader.main)
        if standard:
            item["standard"] = standard
        reader.leftovers(element, INDICATOR_PARTS, "the indicator")
        return item

    def indicator_description(self, element: Any) -> tuple[dict[str, dict[str, str]], Text | None]:
        """Labelled fields (unit, means of verification) by label and language, and the rest of the text."""
        fields: dict[str, dict[str, str]] = {}
        bodies: dict[str, str] = {}
        for language, text in self.reader.texts(element).items():
            body, found = split_fields(text)
            if body:
                bodies[language] = body
            for label, value in found.items():
                fields.setdefault(label, {})[language] = value
        if UNIT in fields and self.reader.main not in fields[UNIT]:
            fields.pop(UNIT)
        return fields, as_text(bodies, self.reader.main)

    def indicator_id(self, element: Any, code: str | None, default: str) -> str | None:
        """The indicator's own code as its id, when the code is used once in the file and is a free id."""
        wanted = [
            str(ref.get("code", "")).strip()
            for ref in element.iterfind("reference")
            if ref.get("vocabulary") == codes.REPORTING_ORGANISATION
        ]
        for candidate in dict.fromkeys([*wanted, *([code] if code else [])]):
            if candidate == default:
                return None
            if self.code_counts[candidate] <= 1 and self.reader.ids.take(candidate):
                return candidate
            self.reader.note(
                element, f"indicator code `{candidate}` is used more than once or is not a valid id: not its id"
            )
        return None


def _main_text(text: Text) -> str:
    return text if isinstance(text, str) else next(iter(text.values()), "")
