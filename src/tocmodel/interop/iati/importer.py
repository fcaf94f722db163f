"""A model skeleton from one activity of an IATI file: its title, country, plan years and languages, and its
results with their indicators, baselines, yearly targets and latest actual values.

Real files are messy. The importer takes what it can and returns a note for everything it could not:
schema errors (with their lines), breaches of the IATI rulesets, values that are not values (`N/A`),
periods spanning years, elements it does not read. Only a file that is not XML, or not IATI, stops it.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

from ...errors import InputError, UsageError
from ...schema.countries import COUNTRY_CODES
from ..ids import as_id
from ..notes import Imported, Note, build_model
from . import codes
from .files import LANG, parse_file, schema_notes, where
from .reading import Reader
from .results import ResultReader
from .rules import ruleset_problems

ACTIVITY_PARTS = frozenset(
    {"iati-identifier", "title", "description", "activity-date", "recipient-country", "result", "reporting-org"}
)
"""Children of `iati-activity` the importer reads (or uses to locate notes)."""
MAX_YEARS = 30
DEFAULT_YEARS = 5


def import_iati(path: str | os.PathLike[str], *, activity: str | None = None) -> Imported:
    """Read one activity of an IATI 2.03 file as a model.

    Args:
        path: The IATI activity file.
        activity: The `iati-identifier` of the activity to take (default: the first with results).

    Returns:
        The model skeleton, as data and as a `Model`, with a note for each thing that could not be taken,
            located by line and XPath; `to_yaml` writes it as a model file.

    Raises:
        InputError: the file is not well-formed XML, or not an IATI activity file, or has no activity.
        UsageError: no activity has the identifier asked for.

    Examples:
        An activity exported from the shipped generic model, read back:

        >>> import tempfile, pathlib, tocmodel
        >>> model = tocmodel.load(tocmodel.shipped_model_path())
        >>> exported = tocmodel.export_iati(model, reporting_org=tocmodel.ReportingOrg("XM-DAC-41116"))
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder, "activity.xml")
        ...     size = path.write_bytes(exported.content)
        ...     imported = tocmodel.import_iati(path)
        >>> imported.model.model.id
        'XM-DAC-41116-ewaste-generic'
        >>> sorted(imported.model.outcomes) == sorted(model.outcomes)
        True
        >>> print(imported.notes[0].format())
        line 30, /iati-activities/iati-activity/result[1]/indicator[1]: no target periods: ...
        >>> print(imported.to_yaml(command="tocmodel import iati activity.xml"))
        # Imported from activity.xml by `tocmodel import iati activity.xml`.
        <BLANKLINE>
        tocmodel: 1
        model:
          id: XM-DAC-41116-ewaste-generic
        ...
    """
    tree = parse_file(path)
    root = tree.getroot()
    name = Path(path).name
    if root.tag != "iati-activities":
        kind = "an IATI organisation file" if root.tag == "iati-organisations" else f"a <{root.tag}> document"
        raise InputError(f"{path}:{root.sourceline}: {kind}, not an IATI activity file (<iati-activities>)")
    chosen, notes = _choose(root, activity, path)
    notes = schema_notes(tree) + [Note(n.where, f"IATI rules: {n.message}") for n in ruleset_problems(tree)] + notes
    data, reader = _activity(chosen)
    model = build_model(data, source=str(path))
    return Imported(data, model, notes + reader.notes, source=name)


def _choose(root: Any, wanted: str | None, path: str | os.PathLike[str]) -> tuple[Any, list[Note]]:
    activities = list(root.iterfind("iati-activity"))
    if not activities:
        raise InputError(f"{path}: the file has no <iati-activity>")
    identifiers = [(a.findtext("iati-identifier") or "").strip() for a in activities]
    if wanted is not None:
        if wanted not in identifiers:
            listed = ", ".join(identifiers[:10]) + (", …" if len(identifiers) > 10 else "")
            raise UsageError(f"{path}: no activity `{wanted}`; the file has {listed}")
        return activities[identifiers.index(wanted)], []
    with_results = [a for a in activities if a.find("result") is not None]
    chosen = (with_results or activities)[0]
    notes = []
    if len(activities) > 1:
        taken = identifiers[activities.index(chosen)]
        message = f"the file has {len(activities)} activities: took `{taken}` (choose another with --activity)"
        notes.append(Note(where(chosen), message))
    if not with_results:
        notes.append(Note(where(chosen), "the activity has no results"))
    return chosen, notes


def _activity(activity: Any) -> tuple[dict[str, Any], Reader]:
    main = (activity.get(LANG) or "").strip().lower()
    reader = Reader(main=main or "en")
    if not main:
        reader.note(activity, "the activity names no default language (xml:lang): English assumed")
    reader.languages.append(reader.main)
    identifier = (activity.findtext("iati-identifier") or "").strip()
    reader.ids.taken.add(as_id(identifier))
    meta = _meta(reader, activity, identifier)
    found = ResultReader(reader, activity).read(activity)
    _plan(reader, activity, meta, found.target_years)
    meta["languages"] = list(reader.languages)
    reader.leftovers(activity, ACTIVITY_PARTS, "the activity")
    data: dict[str, Any] = {"tocmodel": 1, "model": meta}
    data.update({section: items for section, items in found.sections.items() if items})
    if found.assumptions:
        data["assumptions"] = found.assumptions
    if found.actuals:
        data["actuals"] = found.actuals
    return data, reader


def _meta(reader: Reader, activity: Any, identifier: str) -> dict[str, Any]:
    meta: dict[str, Any] = {"id": as_id(identifier or "iati-activity")}
    title_element = activity.find("title")
    meta["title"] = reader.text(title_element) or identifier or "Imported IATI activity"
    if reader.text(title_element) is None:
        reader.note(activity, "the activity has no title: its identifier is used")
    updated = (activity.get("last-updated-datetime") or "")[:10]
    if updated:
        try:
            meta["date"] = datetime.date.fromisoformat(updated)
        except ValueError:
            reader.note(activity, f"@last-updated-datetime `{updated}` is not a date: the model has no date")
    country = _country(reader, activity)
    if country:
        meta["country"] = country
    descriptions = list(activity.iterfind("description"))
    general = [d for d in descriptions if d.get("type", "1") == "1"] or descriptions
    if general:
        description = reader.text(general[0])
        if description and description != meta["title"]:  # tocmodel writes the title when there is none
            meta["description"] = description
        if len(descriptions) > 1:
            reader.note(
                descriptions[1],
                f"{len(descriptions) - 1} other descriptions (objectives, target groups, …) not imported",
            )
    return meta


def _country(reader: Reader, activity: Any) -> str | None:
    countries = list(activity.iterfind("recipient-country"))
    found = [(c.get("code") or "").strip().upper() for c in countries]
    if len(found) > 1:
        reader.note(countries[1], f"{len(found)} recipient countries ({', '.join(found)}): a model has one, none taken")
        return None
    if found and found[0] not in COUNTRY_CODES:
        reader.note(countries[0], f"recipient country `{found[0]}` is not an ISO 3166-1 code: left out")
        return None
    return found[0] if found else None


def _plan(reader: Reader, activity: Any, meta: dict[str, Any], target_years: list[int]) -> None:
    """Start year and length: the activity's dates, widened to hold every target year."""
    starts, ends = [], []
    for date in activity.iterfind("activity-date"):
        day = reader.date(date)
        if day is None:
            continue
        kind = date.get("type")
        if kind in (codes.PLANNED_START, codes.ACTUAL_START):
            starts.append(day.year)
        elif kind in (codes.PLANNED_END, codes.ACTUAL_END):
            ends.append(day.year)
    first = min(starts + target_years, default=None)
    if first is None:
        first = 2000
        reader.note(activity, "no start date and no target years: the plan is set to start in 2000")
    last = max([*ends, *target_years, first + (DEFAULT_YEARS - 1 if not ends and not target_years else 0)])
    if last - first + 1 > MAX_YEARS:
        reader.note(activity, f"the activity runs {first}–{last}: the plan is cut to its first {MAX_YEARS} years")
        last = first + MAX_YEARS - 1
    meta["start"] = first
    meta["years"] = last - first + 1
