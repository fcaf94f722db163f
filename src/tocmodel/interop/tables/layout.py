"""Where a logframe's columns are: a header row found by its words, or a column mapping given by the user.

Headers are compared folded (see `headings.fold`), first against the words of `headings.toml`, then by a
keyword (`Sources and means of verification` has `verification`). A column headed by a year (`2028`,
`Target 2028`, `Cible 2028`, `FY2028`) holds that year's targets; `Actual 2027` what was achieved in 2027.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...errors import UsageError
from .grid import Grid, column_letter, column_number
from .headings import fold, words
from .statements import heading

ROLES = (
    "result",
    "level",
    "id",
    "indicator",
    "unit",
    "baseline",
    "baseline_year",
    "current",
    "target",
    "target_year",
    "source",
    "frequency",
    "assumptions",
    "parent",
    "weighting",
)
"""What a column can hold."""
_YEAR = re.compile(r"^(?:(?P<before>[a-z ]*?)\s*)?(?:fy\s*)?(?P<year>(?:19|20|21)\d{2})(?:\s*(?P<after>[a-z ]*))?$")
_LETTERS = re.compile(r"[A-Z]{1,3}")
"""Column letters, as written in a mapping (in capitals; `Ref` is a header label)."""
_WITH_YEAR = re.compile(r"^(baseline|target)s?\s*\(\s*(?:and\s+)?years?\s*\)$", re.IGNORECASE)
HEADER_SCAN = 40
"""Rows searched for the header."""


def normal(label: str) -> str:
    """A label folded for comparison (see `headings.fold`): `Sources & means of verification:` →
    `sources means of verification`, `Hypothèses` → `hypotheses`."""
    return fold(label)


def role_of(label: str) -> str | None:
    """The role a header names, `target:<year>` for a year's targets, `current:<year>` for what was achieved
    in a year, or None."""
    text = fold(label)
    if not text:
        return None
    with_year = _WITH_YEAR.match(label.strip())
    if with_year:  # `Baseline (year)` holds baselines with their years
        return with_year.group(1).lower()
    known = words()
    if text in known.columns:
        return known.columns[text]
    if relative := _RELATIVE.match(text):
        return f"target:+{relative.group('n')}"
    year = _YEAR.match(text)
    if year:
        around = " ".join(part for part in (year.group("before"), year.group("after")) if part).split()
        kinds = {known.year_columns.get(word) for word in around} - {None}
        if not around or kinds:
            return f"{'current' if kinds == {'current'} else 'target'}:{year.group('year')}"
    return next((role for keyword, role in known.keywords if keyword in text), None)


@dataclass
class Layout:
    """The header row (0 when there is none) and the column of each role; `years` maps year → the column of
    its targets, `actuals` year → the column of what was achieved that year."""

    header_row: int
    columns: dict[str, int] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)
    actuals: dict[int, int] = field(default_factory=dict)
    first_row: int = 0
    """The header's first row, when it spans two rows (`Targets` over `2027`, `2028`, …)."""
    language: str = "en"
    """The language of the headers, which says how numbers are written (`1 200,5` in French)."""
    relative: dict[int, int] = field(default_factory=dict)
    """Plan year (1 for the first) → the column of its targets, for headers such as `Year 1`; placed in
    `years` once the plan's first year is known (`place_relative`)."""

    known: str = ""
    """The known template (a key of `headings.toml`'s layouts) the reader recognised by its structure."""

    def place_relative(self, start: int) -> None:
        """Give the `Year 1`, `Year 2`… columns their calendar years."""
        self.years.update({start + n - 1: column for n, column in self.relative.items()})
        self.relative.clear()

    def column(self, role: str) -> int | None:
        """The column of a role, or None."""
        return self.columns.get(role)

    def describe(self, grid: Grid) -> str:
        """`result=A, indicator=B, …` for messages."""
        parts = [f"{role}={column_letter(column)}" for role, column in self.columns.items()]
        parts += [f"{year}={column_letter(column)}" for year, column in self.years.items()]
        parts += [f"actual {year}={column_letter(column)}" for year, column in self.actuals.items()]
        return f"{grid.name}: " + ", ".join(parts)

    def header_rows(self) -> range:
        """The rows of the header."""
        return range(self.first_row or self.header_row, self.header_row + 1) if self.header_row else range(0)

    def template(self) -> str:
        """The known template the columns look like (`headings.toml`'s layouts), or ""."""
        if self.known:
            return str(words().layouts[self.known]["title"])
        roles = set(self.columns) | ({"years"} if self.years else set())
        for layout in words().layouts.values():
            wanted = layout.get("roles")
            if isinstance(wanted, list) and set(wanted) <= roles:
                return str(layout["title"])
        return ""


def _row_layout(grid: Grid, row: int, above: int = 0) -> tuple[Layout, dict[str, list[int]]]:
    """The roles a row's headers name (`above`: a header row over it, whose merged cells head its years),
    with every column each role was found in."""
    layout = Layout(row)
    found: dict[str, list[int]] = {}
    for column, text in enumerate(grid.row_texts(row), start=1):
        role = role_of(text) if text else None
        if role is not None and ":" not in role and above:
            parent = role_of(grid.text(above, column))
            role = f"{parent}:{text.strip()}" if parent in ("target", "current") and text.strip().isdigit() else role
        if role is None:
            continue
        if role.startswith("target:+"):
            layout.relative.setdefault(int(role.split("+")[1]), column)
        elif role.startswith(("target:", "current:")):
            kind, year = role.split(":")
            (layout.years if kind == "target" else layout.actuals).setdefault(int(year), column)
        else:
            found.setdefault(role, []).append(column)
            layout.columns.setdefault(role, column)
    return layout, found


def header_language(grid: Grid, row: int) -> str:
    """The language most of a header row's words belong to (English when none says otherwise)."""
    counts: dict[str, int] = {}
    for text in grid.row_texts(row):
        for language in words().languages.get(fold(text), set()):
            counts[language] = counts.get(language, 0) + 1
    english = counts.pop("en", 0)
    count, language = max(((n, language) for language, n in counts.items()), default=(0, "en"))
    return language if count > english else "en"


def find_header(grid: Grid) -> Layout | None:
    """The first row, among the first rows of the sheet, naming an indicators column and a results column
    (or, in an indicator tracking table, values beside the indicators: results are then rows of their own).
    A row of years under it (`2027`, `2028` under a merged `Targets`) is part of the header."""
    for row in range(1, min(grid.rows, HEADER_SCAN) + 1):
        layout, found = _row_layout(grid, row)
        if "indicator" not in layout.columns:
            continue
        values = {"baseline", "target", "current"} & layout.columns.keys()
        if "result" not in layout.columns and not (values or layout.years or layout.relative):
            continue
        _years_below(grid, layout)
        _settle_results(grid, layout, found.get("result", []))
        layout.language = header_language(grid, row)
        return layout
    return None


_VALUE_WORDS = {"value", "values", "valeur", "valeurs", "valor", "valores", "number", "nombre", "numero"}
_YEAR_WORDS = {"year", "years", "annee", "annees", "ano", "anos", "date", "fecha"}
_FINAL_WORDS = {"final", "finale", "end", "fin", "total", "final target", "end of project"}
_RELATIVE = re.compile(
    r"^(?:(?:target|cible|meta|milestone)\s+)?(?:year|yr|y|annee|an|ano)\s?(?P<n>\d{1,2})(?:\s+(?:target|cible|meta))?$"
)
"""A plan year in a header: `Year 1`, `Y2`, `Année 3`, `Target year 4`."""


def _years_below(grid: Grid, layout: Layout) -> None:
    """Take in a second header row under merged headers: years under `Targets` (`2027` or `Year 1`), `Final`,
    `Value` and `Year` under `Baseline`, years under `Actual`."""
    below = layout.header_row + 1
    if below > grid.rows:
        return
    under = Layout(below)
    for column, text in enumerate(grid.row_texts(below), start=1):
        if not text:
            continue
        parent = role_of(grid.text(layout.header_row, column)) or ""
        if not _sub_header(under, column, fold(text), text, parent):
            return  # a row of values, not of headers
    if under.columns or under.years or under.actuals or under.relative:
        spread = {*under.years.values(), *under.actuals.values(), *under.relative.values()}
        for role in ("target", "current"):  # a merged `Targets` over its years is no column of its own
            if layout.columns.get(role) in spread and role not in under.columns:
                del layout.columns[role]
        layout.columns.update(under.columns)
        layout.years.update(under.years)
        layout.actuals.update(under.actuals)
        layout.relative.update(under.relative)
        layout.first_row, layout.header_row = layout.header_row, below


def _sub_header(under: Layout, column: int, folded: str, text: str, parent: str) -> bool:
    """Read one header under a merged header into `under`; False when it is no header."""
    role = role_of(text)
    relative = _RELATIVE.match(folded)
    if relative and parent in ("target", ""):
        under.relative[int(relative.group("n"))] = column
    elif folded.isdigit() and len(folded) == 4 and parent in ("target", "current"):
        (under.years if parent == "target" else under.actuals)[int(folded)] = column
    elif role and role.startswith(("target:", "current:")):
        kind, year = role.split(":")
        (under.years if kind == "target" else under.actuals)[int(year)] = column
    elif folded in _VALUE_WORDS and parent in ("baseline", "current", "target"):
        under.columns[parent] = column
    elif folded in _YEAR_WORDS and parent in ("baseline", "target"):
        under.columns[f"{parent}_year"] = column
    elif folded in _FINAL_WORDS and parent == "target":
        under.columns["target"] = column
    else:
        return False
    return True


def _settle_results(grid: Grid, layout: Layout, candidates: list[int]) -> None:
    """Which column holds the statements and which the levels: of two results columns (`Results` and
    `Results chain`), the one whose cells only name levels (`Outcome 1`) is the level column; an unheaded
    column whose cells only name levels is one too (the EU matrix's first column); with no results column,
    results are rows of the indicators column (`Outcome 1: ...` above its indicators)."""

    def levels_only(column: int) -> bool:
        texts = [grid.text(row, column) for row in grid.rows_with_text(after=layout.header_row)]
        texts = [text for text in texts if text]
        named = [text for text in texts if (found := heading(text)).level and (found.section_only or not found.title)]
        return bool(texts) and len(named) >= max(2, 0.6 * len(texts))

    if len(candidates) > 1 and "level" not in layout.columns:
        level = next((column for column in candidates if levels_only(column)), None)
        if level is not None:
            layout.columns["level"] = level
            layout.columns["result"] = next(column for column in candidates if column != level)
    if "result" not in layout.columns:
        layout.columns["result"] = layout.columns["indicator"]
    if "level" not in layout.columns:
        header = grid.row_texts(layout.header_row)
        for column in range(1, layout.columns["result"]):
            if not header[column - 1] and levels_only(column):
                layout.columns["level"] = column
                break


def parse_mapping(text: str) -> dict[str, str]:
    """`result=A, indicator=Results indicators, 2028=F` → role (or `target:<year>`) → column letter or label.

    Column letters are written in capitals (`A`, `AB`); anything else is a header label.

    Raises:
        UsageError: an entry is not `role=column`, or names no role.
    """
    mapping: dict[str, str] = {}
    for entry in (part.strip() for part in text.split(",")):
        if not entry:
            continue
        role, equals, column = entry.partition("=")
        role, column = role.strip().lower().replace(" ", "_"), column.strip()
        if not equals or not column:
            raise UsageError(f"--columns: `{entry}` is not `role=column` (e.g. `result=A`)")
        if re.fullmatch(r"\d{4}", role):
            role = f"target:{role}"
        elif role not in ROLES:
            raise UsageError(f"--columns: `{role}` is no column role; the roles are {', '.join(ROLES)} or a year")
        mapping[role] = column
    if "result" not in mapping:
        raise UsageError("--columns must say which column holds the results (e.g. `result=A`)")
    return mapping


def mapped_layout(grid: Grid, mapping: dict[str, str], header_row: int | None) -> Layout:
    """The layout a column mapping gives: letters are columns, other values are header labels.

    Raises:
        UsageError: a header label is not found in the sheet.
    """
    labels = {role: value for role, value in mapping.items() if not _LETTERS.fullmatch(value)}
    row = header_row if header_row is not None else _label_row(grid, labels)
    layout = Layout(row)
    texts = [normal(text) for text in grid.row_texts(row)] if row else []
    for role, value in mapping.items():
        if role in labels or (row and value in grid.row_texts(row)):  # `KPI` may head a column
            if normal(value) not in texts:
                raise UsageError(f"--columns: no column headed `{value}` in row {row} of sheet `{grid.name}`")
            column = texts.index(normal(value)) + 1
        else:
            column = column_number(value)
        if role.startswith("target:"):
            layout.years[int(role.split(":")[1])] = column
        else:
            layout.columns[role] = column
    return layout


def _label_row(grid: Grid, labels: dict[str, str]) -> int:
    """The row holding the mapping's header labels, else the header found by the usual labels, else the
    first row that is not empty."""
    wanted = {normal(label) for label in labels.values()}
    for row in range(1, min(grid.rows, HEADER_SCAN) + 1):
        if wanted and wanted <= {normal(text) for text in grid.row_texts(row)}:
            return row
    if wanted:
        raise UsageError(
            f"--columns: no row of sheet `{grid.name}` has the headers {', '.join(sorted(labels.values()))}"
        )
    found = find_header(grid)
    if found:
        return found.header_row
    return next((row for row in range(1, grid.rows + 1) if any(grid.row_texts(row))), 0)
