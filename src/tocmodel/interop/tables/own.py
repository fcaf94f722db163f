"""The other tables of the logframes tocmodel writes, read back: the problem tree, actors, risks, the
assumptions' evidence and status, the indicators' definitions, who leads and supports each activity.

They are found by their headers in any shipped language (`headings.in_english`), and say which id each
number stands for through the document's `Identifiers` table; their rows are marked as read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ...i18n import VOCABULARY, messages, shipped_languages
from ..notes import Note
from ..values import is_placeholder
from .grid import Grid
from .headings import fold, in_english, meanings
from .registers import Registers
from .written import long_date, reading

_BY_MESSAGE = {fold(message): value for value, message in VOCABULARY.items()}
_SPAN = re.compile(r"^\d{4}(?:-\d{4})?$")
_FEEDS = re.compile(r"^→\s*(?P<number>\S+?):\s*(?P<evidence>.*?)\s*(?:\((?P<sure>[^()]*)\))?$")


@dataclass(frozen=True)
class View:
    """A table of a grid found by its headers: the header's row and each English header's column."""

    grid: Grid
    row: int
    columns: dict[str, int]
    """Each header, folded and in English → its column."""

    def header(self, column: int) -> str:
        """A header as written."""
        return self.grid.text(self.row, column).strip()

    def rows(self) -> list[int]:
        return self.grid.rows_with_text(after=self.row)

    def text(self, row: int, header: str) -> str:
        """The text under `header` in `row`, marked as read; "" for a placeholder (`–`)."""
        text = self.grid.take(row, self.columns.get(header))
        return "" if is_placeholder(text) else text

    def done(self, row: int) -> None:
        self.grid.use_row(row)

    def actor(self, row: int, header: str, names: dict[str, str]) -> str | None:
        """The id of the actor a cell names, marked as read once known; None (the cell left unread) else."""
        text = self.grid.text(row, self.columns.get(header) or 0) if self.columns.get(header) else ""
        if is_placeholder(text) or text not in names:
            return None
        self.grid.take(row, self.columns[header])
        return names[text]


def find(grids: list[Grid], *headers: str) -> View | None:
    """The first table whose header row has all `headers` (English, folded), in any shipped language."""
    wanted = {_key(header) for header in headers}
    for grid in grids:
        for row in grid.rows_with_text():  # a sheet may hold two tables (the responsibilities, then the actors)
            found: dict[str, int] = {}
            for column, text in enumerate(grid.row_texts(row), start=1):
                for meaning in meanings(text) if text else ():  # `Responsable`: Owner or Responsible
                    found.setdefault(_key(meaning), column)
            if wanted <= found.keys():
                grid.use_row(row)
                return View(grid, row, found)
    return None


def _key(header: str) -> str:
    """A header folded for comparison; `#` stays `#`."""
    return fold(header) or header.strip()


def vocabulary(text: str) -> str | None:
    """A vocabulary value from its word in any shipped language (`politique` → `political`)."""
    return _BY_MESSAGE.get(fold(in_english(text))) if text else None


def read_own(
    grids: list[Grid], registers: Registers, data: dict[str, Any], text: dict[str, list[str]], notes: list[Note]
) -> None:
    """Add to `data` what tocmodel's own tables say beyond the matrix (nothing for other workbooks); `text`:
    a document's paragraphs by heading (its description before the first, the problem under its own); a
    value the Indicators table gives otherwise than the matrix is noted in `notes`."""
    if not registers.numbered:
        return
    by_number = {number: item_id for (_kind, number), item_id in registers.numbered.items()}
    sections = {fold(in_english(heading)): paragraphs for heading, paragraphs in text.items()}
    if sections.get("") and "description" not in data["model"]:
        data["model"]["description"] = "\n".join(sections[""])
    names = _actors(grids, data)
    _problem(grids, registers, data, sections.get("the problem", []))
    _risks(grids, data, names, by_number)
    _assumptions(grids, data)
    _indicators(grids, data, names, by_number, notes)
    _responsibilities(grids, data, by_number)
    _coverage(grids, data, registers, by_number)
    _stages(grids, data, registers, by_number)


def _actors(grids: list[Grid], data: dict[str, Any]) -> dict[str, str]:
    """The actors (id, name, short name, type, role); returns name → id, as other tables name them."""
    view = find(grids, "Actor id", "Name", "Type")
    if view is None:
        return {}
    actors: dict[str, Any] = {}
    for row in view.rows():
        actor_id = view.text(row, "actor id")
        if not actor_id:
            continue
        actor: dict[str, Any] = {"name": view.text(row, "name"), "type": vocabulary(view.text(row, "type"))}
        if short := view.text(row, "short name"):
            actor["short"] = short
        if role := view.text(row, "role"):
            actor["description"] = role
        actors[actor_id] = {key: value for key, value in actor.items() if value}
        view.done(row)
    if actors:
        data["actors"] = actors
    return {str(actor["name"]): actor_id for actor_id, actor in actors.items()}


def _problem(grids: list[Grid], registers: Registers, data: dict[str, Any], paragraphs: list[str]) -> None:
    """The tree of causes (`C1`, `C1.1`), each with the causes it feeds and why; the core problem and its
    context from the lines above the table, or from the paragraphs under the section's heading."""
    view = find(grids, "#", "Root cause", "Deeper cause of", "Description", "Evidence")
    if view is None:
        return
    ids = {number: item_id for (kind, number), item_id in registers.numbered.items() if kind == "root_cause"}
    above = [text for row in range(1, view.row) for text in view.grid.row_texts(row) if text] or paragraphs
    for row in range(1, view.row):
        view.done(row)
    causes: dict[str, dict[str, Any]] = {}
    parents: dict[str, str | None] = {}
    for row in view.rows():
        cause_id = ids.get(view.text(row, "#"))
        if cause_id is None:
            continue
        cause: dict[str, Any] = {"title": view.text(row, "root cause")}
        if description := view.text(row, "description"):
            cause["description"] = description
        evidence, feeds = _cause_evidence(view.text(row, "evidence"), ids)
        if evidence:
            cause["evidence"] = evidence
        number = view.grid.text(row, view.columns["#"])
        parent = ids.get(number.rsplit(".", 1)[0]) if "." in number else None  # `C1.2` is written under `C1`
        fed = [ids.get(n.strip(), n.strip()) for n in view.text(row, "deeper cause of").split(",") if n.strip()]
        parents[cause_id] = parent
        links = [feeds.get(target, target) for target in fed if target != parent]
        if parent in feeds:  # what shows the link to the cause it is written under
            links.append(feeds[parent])
        if links:
            cause["feeds"] = links
        causes[cause_id] = cause
        view.done(row)
    if causes and above:
        data["problem"] = {"core": above[0], **({"description": above[1]} if len(above) > 1 else {})}
        data["problem"]["root_causes"] = _nested(causes, parents)


def _cause_evidence(text: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """A cause's own evidence, and the `→ C2: why (confidence: high)` lines, as links to the causes it feeds."""
    own, feeds = [], {}
    for line in text.split("\n"):
        found = _FEEDS.match(line.strip())
        if not found:
            own.append(line)
            continue
        target = ids.get(found["number"], found["number"])
        link: dict[str, Any] = {"to": target}
        if found["evidence"]:
            link["evidence"] = found["evidence"]
        if sure := _confidence(found["sure"] or ""):
            link["confidence"] = sure
        feeds[target] = link
    return "\n".join(own).strip(), feeds


@functools.cache
def _confidences() -> dict[str, str]:
    """`high confidence`, `confiance élevée`… folded → `high`."""
    found = {}
    for language in shipped_languages():
        say = messages(language)
        for level in ("low", "medium", "high"):
            found[fold(say(f"{level} confidence"))] = level
    return found


def _confidence(text: str) -> str | None:
    return _confidences().get(fold(text)) or vocabulary(text.rsplit(":", 1)[-1].strip())


def _nested(causes: dict[str, dict[str, Any]], parents: dict[str, str | None]) -> dict[str, Any]:
    """The causes as the format nests them: each under the cause it is written under in the table."""
    top: dict[str, Any] = {}
    for cause_id, cause in causes.items():
        parent = parents.get(cause_id)
        home = causes.get(parent) if parent else None
        (home.setdefault("causes", {}) if home is not None else top)[cause_id] = cause
    return top


def _risks(grids: list[Grid], data: dict[str, Any], names: dict[str, str], by_number: dict[str, str]) -> None:
    """The risk register: statement, category, likelihood, impact, mitigation, owner, what it affects."""
    view = find(grids, "ID", "Risk", "Category", "L", "I", "Mitigation", "Owner", "Affects")
    if view is None:
        return
    risks: dict[str, Any] = {}
    for row in view.rows():
        risk_id, category = view.text(row, "id"), vocabulary(view.text(row, "category"))
        likelihood, impact = view.text(row, "l"), view.text(row, "i")
        if not (risk_id and category and likelihood.isdigit() and impact.isdigit()):
            continue
        risk: dict[str, Any] = {"statement": view.text(row, "risk"), "category": category}
        risk.update(likelihood=int(likelihood), impact=int(impact))
        if mitigation := view.text(row, "mitigation"):
            risk["mitigation"] = mitigation
        if owner := view.actor(row, "owner", names):
            risk["owner"] = owner
        affects = [by_number.get(a.strip(), a.strip()) for a in view.text(row, "affects").split(",") if a.strip()]
        if affects:
            risk["affects"] = affects
        for derived in ("score", "band"):
            view.text(row, derived)  # worked out from likelihood and impact
        risks[risk_id] = risk
        for header in ("id", "risk", "category", "l", "i", "mitigation", "affects"):
            view.text(row, header)
    if risks:
        data["risks"] = risks


def _assumptions(grids: list[Grid], data: dict[str, Any]) -> None:
    """Each assumption's evidence, confidence and status (its statement comes with the matrix)."""
    view = find(grids, "#", "ID", "Assumption", "Evidence", "Confidence", "Status")
    if view is None:
        return
    found = data.setdefault("assumptions", {})
    for row in view.rows():
        assumption_id = view.text(row, "id")
        if not assumption_id:
            continue
        assumption = found.setdefault(assumption_id, {"statement": view.text(row, "assumption")})
        view.text(row, "assumption")
        if evidence := view.text(row, "evidence"):
            assumption["evidence"] = evidence
        for field in ("confidence", "status"):
            if value := vocabulary(view.text(row, field)):
                assumption[field] = value
        view.done(row)  # `rests on` and `criticality` are worked out from the links


def _indicators(
    grids: list[Grid], data: dict[str, Any], names: dict[str, str], by_number: dict[str, str], notes: list[Note]
) -> None:
    """Each indicator's definition, frequency, who reports it, which way is better and its breakdowns."""
    view = find(grids, "#", "Indicator", "Result", "Unit", "Baseline", "Source", "Frequency", "Responsible")
    if view is None:
        return
    indicators = _indicators_by_id(data)
    for row in view.rows():
        indicator = indicators.get(by_number.get(view.grid.text(row, view.columns["#"]), ""))
        if indicator is None:
            continue
        if _indicator_cell(view.grid.text(row, view.columns["indicator"]), indicator):
            view.grid.take(row, view.columns["indicator"])
        if frequency := vocabulary(view.text(row, "frequency")):
            indicator["frequency"] = frequency
        if responsible := view.actor(row, "responsible", names):
            indicator["responsible"] = responsible
        if (direction := vocabulary(view.text(row, "better when it"))) and direction != "increase":
            indicator["direction"] = direction
        if breakdown := view.text(row, "disaggregated by"):
            indicator["disaggregation"] = [part.strip() for part in breakdown.split(",") if part.strip()]
        _same_as_matrix(view, row, indicator, notes)
        for column in view.columns.values():  # the rest repeats the matrix: result, unit, baseline, targets, …
            if column not in (view.columns.get("responsible"), view.columns.get("indicator")):
                view.grid.take(row, column)


def _same_as_matrix(view: View, row: int, indicator: dict[str, Any], notes: list[Note]) -> None:
    """A note for each value the Indicators table gives otherwise than the matrix (an edit made in one
    place only): the matrix's is the one read."""
    checks: list[tuple[int, str, Any]] = []
    for header, field in (("unit", "unit"), ("source", "source")):
        if header in view.columns:
            checks.append((view.columns[header], view.text(row, header), indicator.get(field) or ""))
    for header, column in view.columns.items():
        if header.isdigit() and len(header) == 4:
            checks.append((column, view.grid.text(row, column), indicator.get("targets", {}).get(int(header))))
    for column, text, matrix in checks:
        if not _agrees(text, matrix):
            shown = matrix if matrix not in (None, "") else "none"
            notes.append(
                Note(view.grid.ref(row, column), f"`{text}` here, `{shown}` in the matrix: the matrix's is read")
            )


def _agrees(text: str, value: Any) -> bool:
    """Whether a table's text says the value the matrix gave (a number as any shipped language writes it)."""
    if is_placeholder(text):
        return value in (None, "")
    if isinstance(value, str) or value is None:
        return text.strip() == (value or "").strip() or in_english(text).lower() == str(value).lower()
    return any((found := reading(text, language)) is not None and found.value == value for language in ("en", "fr"))


def _indicator_cell(written: str, indicator: dict[str, Any]) -> bool:
    """The Indicators table's indicator cell: its title, definition, and the remarks on a year's target, its
    reporting period and the current value (`Target 2029: …`, `Period 2029: July 1, 2028 – June 30, 2029`,
    `Current value: …`), in any shipped language. False when a line is not understood (the cell then stays
    named as not read)."""
    understood = True
    for number, line in enumerate(written.split("\n")[1:]):
        found = _remark(line)
        if found is None and number == 0:
            indicator.setdefault("description", line.strip())
        elif found is None:
            understood = False
        elif found[0] == "target":
            indicator.setdefault("target_notes", {})[found[1]] = found[2]
        elif found[0] == "current" and "current" in indicator:
            indicator["current"]["note"] = found[2]
        elif found[0] == "period" and (dates := _dates(found[2])):
            indicator.setdefault("periods", {})[found[1]] = dates
        else:
            understood = False
    return understood


@functools.cache
def _remarks() -> list[tuple[str, re.Pattern[str]]]:
    """How tocmodel's documents write remarks on values, in every shipped language, as patterns."""
    found = []
    for language in shipped_languages():
        say = messages(language)
        for kind, message in (
            ("target", "Target %(year)s: %(note)s"),
            ("period", "Period %(year)s: %(start)s – %(end)s"),
            ("current", "Current value: %(note)s"),
        ):
            pattern = re.escape(say(message)).replace(re.escape("%(year)s"), r"(?P<year>\d{4})")
            pattern = pattern.replace(re.escape("%(note)s"), "(?P<note>.+)")
            pattern = pattern.replace(re.escape("%(start)s"), "(?P<note>.+)").replace(re.escape(" – %(end)s"), "")
            found.append((kind, re.compile(f"^{pattern}$")))
    return found


def _remark(line: str) -> tuple[str, int, str] | None:
    for kind, pattern in _remarks():
        if matched := pattern.match(line.strip()):
            year = matched.groupdict().get("year")
            return kind, int(year) if year else 0, matched["note"]
    return None


def _dates(text: str) -> dict[str, Any] | None:
    start, _, end = text.partition(" – ")
    first, last = long_date(start), long_date(end)
    return {"start": first, "end": last} if first and last else None


def _indicators_by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every indicator read from the matrix, by its id in the model (its own, or `<result>.<n>`)."""
    found = {}
    for section in ("impact", "outcomes", "outputs", "interventions"):
        for owner_id, item in data.get(section, {}).items():
            for index, indicator in enumerate(item.get("indicators", [])):
                found[indicator.get("id") or f"{owner_id}.{index + 1}"] = indicator
    return found


def _responsibilities(grids: list[Grid], data: dict[str, Any], by_number: dict[str, str]) -> None:
    """Who leads (`L`) and supports (`S`) each activity: the responsibility matrix's actor columns."""
    view = find(grids, "Activity")
    interventions = data.get("interventions", {})
    if view is None or not interventions:
        return
    actors = {column: view.header(column) for text, column in view.columns.items() if text != "activity"}
    for row in view.rows():
        number = view.grid.text(row, view.columns["activity"]).split(" ", 1)[0]
        item = interventions.get(by_number.get(number, ""))
        if item is None:
            continue
        for column, actor_id in actors.items():
            role = in_english(view.grid.take(row, column))
            if role == "L":
                item["lead"] = actor_id
            elif role == "S":
                item.setdefault("support", []).append(actor_id)
        view.done(row)


def _coverage(grids: list[Grid], data: dict[str, Any], registers: Registers, by_number: dict[str, str]) -> None:
    """Which activities address each root cause (the coverage table's `Addressed by`)."""
    view = find(grids, "#", "Root cause", "Deeper cause of", "Addressed by", "Status")
    interventions = data.get("interventions", {})
    if view is None:
        return
    causes = {number: item_id for (kind, number), item_id in registers.numbered.items() if kind == "root_cause"}
    for row in view.rows():
        cause_id = causes.get(view.grid.text(row, view.columns["#"]))
        addressed = [by_number.get(n.strip()) for n in view.grid.text(row, view.columns["addressed by"]).split(",")]
        if cause_id is None:
            continue
        for intervention_id in (i for i in addressed if i in interventions):
            listed = interventions[intervention_id].setdefault("addresses", [])
            if cause_id not in listed:
                listed.append(cause_id)
        view.done(row)  # the rest repeats the problem table; the status is worked out


def _stages(grids: list[Grid], data: dict[str, Any], registers: Registers, by_number: dict[str, str]) -> None:
    """The stages (`S1 …`, what follows what, what happens, entry criteria, deliverables) and, from the
    workplan, the years of each stage and the stage and years of each activity."""
    view = find(grids, "Stage", "Follows", "What happens", "Entry criteria", "Deliverables")
    if view is None:
        return
    numbered = {number: item_id for (kind, number), item_id in registers.numbered.items() if kind == "stage"}
    stages: dict[str, Any] = {}
    for row in view.rows():
        number, _, title = view.grid.text(row, view.columns["stage"]).partition(" ")
        stage_id = numbered.get(number)
        if stage_id is None:
            continue
        stage: dict[str, Any] = {"title": title.strip()}
        if after := [numbered.get(n.strip(), n.strip()) for n in view.text(row, "follows").split(",") if n.strip()]:
            stage["after"] = after
        if description := view.text(row, "what happens"):
            stage["description"] = description
        for header, field in (("entry criteria", "entry_criteria"), ("deliverables", "deliverables")):
            if listed := [line for line in view.text(row, header).split("\n") if line.strip()]:
                stage[field] = listed
        stages[stage_id] = stage
        view.done(row)
    if stages:
        _workplan(grids, data, stages, numbered, by_number)
        data["stages"] = stages


def _workplan(
    grids: list[Grid], data: dict[str, Any], stages: dict[str, Any], numbered: dict[str, str], by_number: dict[str, str]
) -> None:
    """The workplan's rows: a stage's years; an activity's stage (the stage row above it) and its years
    when they are not its stage's."""
    view = find(grids, "Stage / activity", "Years", "Lead")
    interventions = data.get("interventions", {})
    if view is None:
        return
    stage_id = None
    for row in view.rows():
        number = view.grid.text(row, view.columns["stage activity"]).split(" ", 1)[0]
        years = view.grid.text(row, view.columns["years"]).replace("–", "-")
        if not _SPAN.match(years):  # past the workplan (the stages table below it)
            continue
        if number in numbered and numbered[number] in stages:
            stage_id = numbered[number]
            stages[stage_id]["years"] = years
        elif (item := interventions.get(by_number.get(number, ""))) is not None and stage_id:
            item["stage"] = stage_id
            if years != stages[stage_id].get("years"):
                item["years"] = years
        else:
            continue
        view.done(row)  # the lead repeats the responsibility matrix; the year columns repeat the years
