"""Where a logframe's columns are: a header row found by its labels, or a column mapping given by the user.

Labels are compared without case, spaces and punctuation, first against the synonyms below, then by a
keyword (`Sources and means of verification` has `verification`). A column headed by a year (`2028`,
`Target 2028`) holds that year's targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...errors import UsageError
from .grid import Grid, column_letter, column_number

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
    "assumptions",
)
"""What a column can hold."""

SYNONYMS: dict[str, tuple[str, ...]] = {
    "result": (
        "results chain",
        "results",
        "result",
        "intervention logic",
        "narrative summary",
        "objectives",
        "objective",
        "project summary",
        "hierarchy of objectives",
        "results hierarchy",
        "result statement",
        "expected results",
        "logic",
    ),
    "level": ("level", "result level", "results level", "result type", "type"),
    "id": ("id", "code", "ref", "no"),
    "indicator": (
        "indicators",
        "indicator",
        "objectively verifiable indicators",
        "ovi",
        "ovis",
        "performance indicators",
        "key performance indicators",
        "kpi",
        "kpis",
    ),
    "unit": ("unit", "units", "unit of measure", "unit of measurement"),
    "baseline": ("baseline", "baselines", "baseline value", "baseline values", "baseline data"),
    "baseline_year": ("baseline year", "year of baseline", "baseline date"),
    "current": ("current value", "current values", "actual", "actuals", "latest value", "actual value"),
    "target": (
        "target",
        "targets",
        "target value",
        "target values",
        "end target",
        "final target",
        "end of project target",
        "milestones and targets",
        "targets and milestones",
    ),
    "target_year": ("target year", "year of target", "target date"),
    "source": (
        "source",
        "sources",
        "source of verification",
        "sources of verification",
        "means of verification",
        "mov",
        "movs",
        "data source",
        "data sources",
        "sources and means of verification",
        "verification",
    ),
    "assumptions": (
        "assumptions",
        "assumption",
        "important assumptions",
        "key assumptions",
        "risks and assumptions",
        "assumptions and risks",
        "external factors",
    ),
}
KEYWORDS: tuple[tuple[str, str], ...] = (
    ("baseline year", "baseline_year"),
    ("target year", "target_year"),
    ("verification", "source"),
    ("source", "source"),
    ("assumption", "assumptions"),
    ("indicator", "indicator"),
    ("baseline", "baseline"),
    ("target", "target"),
    ("milestone", "target"),
    ("current", "current"),
    ("result", "result"),
    ("objective", "result"),
)
"""Keywords tried in order when a label is no synonym."""
_LOOKUP = {synonym: role for role, synonyms in SYNONYMS.items() for synonym in synonyms}
_YEAR = re.compile(r"^(?:(?:target|targets|milestone|year)\s+)?(\d{4})(?:\s+(?:target|targets|milestone))?$")
_LETTERS = re.compile(r"[A-Z]{1,3}")
"""Column letters, as written in a mapping (in capitals; `Ref` is a header label)."""
_WITH_YEAR = re.compile(r"^\s*(baseline|target)s?\s*\(\s*(?:and\s+)?years?\s*\)\s*$", re.IGNORECASE)
HEADER_SCAN = 40
"""Rows searched for the header."""


def normal(label: str) -> str:
    """A label without case, punctuation or extra spaces.

    `Sources & means of verification:` → `sources means of verification`.
    """
    return " ".join(re.sub(r"[^a-z0-9]+", " ", label.lower()).split())


def role_of(label: str) -> str | None:
    """The role a header label names, `target:<year>` for a year's targets, or None."""
    text = normal(label)
    if not text:
        return None
    with_year = _WITH_YEAR.match(label)
    if with_year:  # `Baseline (year)` holds baselines with their years
        return with_year.group(1).lower()
    year = _YEAR.match(text)
    if year:
        return f"target:{year.group(1)}"
    if text in _LOOKUP:
        return _LOOKUP[text]
    return next((role for keyword, role in KEYWORDS if keyword in text), None)


@dataclass
class Layout:
    """The header row (0 when there is none) and the column of each role; `years` maps year → column."""

    header_row: int
    columns: dict[str, int] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)

    def column(self, role: str) -> int | None:
        """The column of a role, or None."""
        return self.columns.get(role)

    def describe(self, grid: Grid) -> str:
        """`result=A, indicator=B, …` for messages."""
        parts = [f"{role}={column_letter(column)}" for role, column in self.columns.items()]
        parts += [f"{year}={column_letter(column)}" for year, column in self.years.items()]
        return f"{grid.name}: " + ", ".join(parts)


def _row_layout(grid: Grid, row: int) -> Layout:
    layout = Layout(row)
    for column, text in enumerate(grid.row_texts(row), start=1):
        role = role_of(text) if text else None
        if role is None:
            continue
        if role.startswith("target:"):
            layout.years.setdefault(int(role.split(":")[1]), column)
        else:
            layout.columns.setdefault(role, column)
    return layout


def find_header(grid: Grid) -> Layout | None:
    """The first row, among the first rows of the sheet, naming a results column and an indicators column."""
    for row in range(1, min(grid.rows, HEADER_SCAN) + 1):
        layout = _row_layout(grid, row)
        if "result" in layout.columns and "indicator" in layout.columns:
            return layout
    return None


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
