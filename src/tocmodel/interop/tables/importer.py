"""A model from logframe tables (worksheets or Word tables, read into `Grid`s): the matrix found among them,
read, its results linked, and every text that did not go into the model named with its place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import InputError, UsageError
from ..ids import as_id
from ..notes import Imported, Note, build_model
from ..values import is_placeholder
from .blocks import Block, BlockReader, find_blocks
from .explain import explanation
from .grid import Grid, column_letter
from .hierarchy import Counted, apply_links, link_drafts
from .layout import Layout, find_header, mapped_layout, parse_mapping
from .own import read_own
from .reader import Draft, MatrixReader
from .registers import read_facts, read_registers

SECTION = {"intervention": "interventions", "output": "outputs", "outcome": "outcomes", "impact": "impact"}
DEFAULT_START = 2000
SHOWN = 60
"""Characters of an unread text quoted in its note."""


@dataclass(frozen=True)
class Options:
    """How to read the tables, as the command's options say (None: found from the tables)."""

    columns: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    start: int | None = None
    years: int | None = None
    title: str = ""
    """The title of what holds the tables (a document's), when no title line among them gives one."""
    text: dict[str, list[str]] = field(default_factory=dict)
    """A document's paragraphs outside its tables, by the heading they come under ("" before the first)."""


def import_tables(grids: list[Grid], name: str, options: Options = Options()) -> Imported:
    """Read the logframe among `grids` (the sheets of a workbook, the tables of a document) as a model.

    Raises:
        InputError: no table has a logframe header.
        UsageError: the sheet or a mapped column does not exist, or the mapping is malformed.
    """
    registers = read_registers(grids)
    in_blocks = _in_blocks(grids, options)
    if in_blocks is not None:
        grid, blocks = in_blocks
        reader: MatrixReader = BlockReader(grid, blocks, registers)
        layout = reader.layout
    else:
        grid, layout = _matrix(grids, name, options)
        reader = MatrixReader(grid, layout, registers)
    facts = read_facts([*grids, *_paragraph_grid(options.text)])
    if options.title:
        facts.meta.setdefault("title", options.title)
    _place_relative(grid, layout, options.start or facts.meta.get("start"), facts.notes)
    reader.read()
    _stated_outcome(reader, facts.meta)
    if registers.links:
        linked = Counted(registered=apply_links(reader.drafts, registers.links))
    else:
        linked = link_drafts(reader.drafts, reader.notes)
    data = _model_data(reader, facts.meta, Path(name).stem, start=options.start, years=options.years)
    read_own(grids, registers, data, options.text, reader.notes)
    header = f"row {layout.header_row} taken as the header" if layout.header_row else "no header row"
    template = layout.template()
    read_as = [Note(grid.name, f"columns read: {layout.describe(grid)} ({header})")]
    if template:
        read_as.append(Note(grid.name, f"laid out as: {template}"))
    unread = unread_notes(grids)
    notes = [*read_as, *facts.notes, *reader.notes, *unread]
    summary = _summary(data, linked, unread)
    return Imported(
        data,
        build_model(data, source=name),
        notes,
        source=Path(name).name,
        summary=summary,
        explanation=explanation(grid, layout, reader, data),
    )


def _paragraph_grid(text: dict[str, list[str]]) -> list[Grid]:
    """A document's paragraphs before its first heading as a one-column table, for the title-block lines
    written there (`Period 2025–2029`); it is not listed as unread (the paragraphs are no table cells)."""
    lines = text.get("", [])
    cells = {(row, 1): line for row, line in enumerate(lines, start=1)}
    return [Grid("Text", cells, {}, len(lines), 1)] if lines else []


def _in_blocks(grids: list[Grid], options: Options) -> tuple[Grid, list[Block]] | None:
    """The first table laid out in blocks of rows (DFID), unless a column mapping says otherwise."""
    if options.columns is not None:
        return None
    for grid in grids:
        if options.sheet is None or grid.name == options.sheet:
            blocks = find_blocks(grid)
            if blocks:
                return grid, blocks
    return None


def _stated_outcome(reader: MatrixReader, meta: dict[str, object]) -> None:
    """The outcome a title block states (`Intended Outcome as stated in …: <outcome>`), when the table has
    none: the results are for it."""
    statement = meta.pop("outcome", None)
    if isinstance(statement, str) and not any(draft.level == "outcome" for draft in reader.drafts):
        reader.drafts.insert(0, Draft("outcome", reader.ids.make("oc", statement), {"title": statement}))


def _place_relative(grid: Grid, layout: Layout, start: object, notes: list[Note]) -> None:
    """Columns headed `Year 1`, `Year 2`…: their calendar years, from the plan's first year."""
    if not layout.relative:
        return
    if isinstance(start, int):
        layout.place_relative(start)
        return
    columns = ", ".join(column_letter(column) for column in layout.relative.values())
    notes.append(Note(grid.name, f"targets by plan year (columns {columns}) not read: no plan start; give --start"))


def unread_notes(grids: list[Grid]) -> list[Note]:
    """A note for each row of each table holding texts that did not go into the model: nothing is dropped
    without a word."""
    notes = []
    for grid in grids:
        if grid.beyond:
            notes.append(Note(grid.name, f"not read: {grid.beyond}, beyond what a logframe table is read to"))
        for row, found in grid.unread():
            columns = [column for column in found if not is_placeholder(grid.cells[(row, column)])]
            if not columns:  # `–`, `N/A`: nothing to read
                continue
            refs = ", ".join(f"{column_letter(column)}{row}" for column in columns)
            texts = " | ".join(_shown(grid.cells[(row, column)]) for column in columns)
            notes.append(Note(f"{grid.name}!{refs}", f"not read: {texts}"))
    return notes


def _shown(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SHOWN else flat[: SHOWN - 1] + "…"


def _summary(data: dict[str, Any], linked: Counted, unread: list[Note]) -> str:
    results = sum(len(data.get(section, {})) for section in SECTION.values())
    indicators = sum(len(item.get("indicators", [])) for s in SECTION.values() for item in data.get(s, {}).values())
    links = sum(len(item.get("leads_to", [])) for s in SECTION.values() for item in data.get(s, {}).values())
    cells = sum(len(note.where.split("!", 1)[1].split(", ")) for note in unread if "!" in note.where)
    cells += sum(1 for note in unread if "!" not in note.where)  # a bound passed: counted once
    how = ", ".join(f"{count} {clue}" for clue, count in vars(linked).items() if count)
    return (
        f"read {results} results, {indicators} indicators, {len(data.get('assumptions', {}))} assumptions and "
        f"{links} links ({how or 'none'}); {cells} cells with text not read" + (" (listed above)" if cells else "")
    )


def _matrix(grids: list[Grid], path: str, options: Options) -> tuple[Grid, Layout]:
    sheet, columns = options.sheet, options.columns
    if sheet is not None:
        named = [grid for grid in grids if grid.name == sheet]
        if not named:
            names = ", ".join(f"`{g.name}`" for g in grids)
            raise UsageError(f"{path}: no sheet or table `{sheet}`; there are {names}")
        grids = named
    if columns is not None:
        return grids[0], mapped_layout(grids[0], parse_mapping(columns), options.header_row)
    for grid in grids:
        layout = find_header(grid)
        if layout is not None:
            return grid, layout
    raise InputError(
        f"{path}: no table has a header row naming an indicators column and a results column or values "
        "(such as `Results chain` and `Indicators`, in English, French or Spanish); give the columns with --columns"
    )


def _model_data(
    reader: MatrixReader, meta: dict[str, Any], stem: str, *, start: int | None, years: int | None
) -> dict[str, Any]:
    model: dict[str, Any] = {"id": as_id(stem), "title": meta.get("title") or stem}
    model.update({key: meta[key] for key in ("country",) if key in meta})
    plan_start, plan_years = _plan(reader, meta, start, years)
    languages = meta.get("languages", [reader.layout.language])  # else the language of the table's headers
    model.update(start=plan_start, years=plan_years, languages=languages)
    model.update({key: meta[key] for key in ("description", "version", "date") if key in meta})
    reader.indicators.place_undated(plan_start + plan_years - 1)
    data: dict[str, Any] = {"tocmodel": 1, "model": model}
    order = {item_id: place for place, item_id in enumerate(reader.registers.numbered.values())}
    for draft in sorted(reader.drafts, key=lambda d: order.get(d.id, len(order))):  # the model's order, if known
        on_links = {
            a for link in draft.item.get("leads_to", []) if isinstance(link, dict) for a in link.get("assumptions", [])
        }
        if assumptions := [a for a in draft.assumptions if a not in on_links]:  # those of its links stay there
            draft.item["assumptions"] = assumptions
        data.setdefault(SECTION[draft.level], {})[draft.id] = draft.item
    if reader.assumptions:
        data["assumptions"] = reader.assumptions
    return data


def _plan(reader: MatrixReader, meta: dict[str, Any], start: int | None, years: int | None) -> tuple[int, int]:
    seen = reader.indicators.target_years or [year + 1 for year in reader.indicators.baseline_years]
    first = start or meta.get("start") or min(seen, default=None)
    if first is None:
        message = f"no plan years found (no `Plan` line, no dated target): the plan starts in {DEFAULT_START}"
        reader.notes.append(Note("", message + "; give --start"))
        first = DEFAULT_START
    length = years or meta.get("years") or max(max(seen, default=first) - first + 1, 1)
    return int(first), max(1, min(int(length), 30))
