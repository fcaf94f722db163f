"""How a logframe table was read, for a user who must correct it with `--columns` or `--header-row`."""

from __future__ import annotations

from typing import Any

from .grid import Grid, column_letter
from .layout import Layout
from .reader import MatrixReader


def explanation(grid: Grid, layout: Layout, reader: MatrixReader, data: dict[str, Any]) -> str:
    """The table, its header, each column's role and header, then each result's row, level, number, id,
    statement and the result it leads to."""
    header = layout.header_rows()
    lines = [f"table: {grid.name}"]
    rows = f"rows {header.start}–{header.stop - 1}" if len(header) > 1 else f"row {layout.header_row}"
    lines.append(f"header: {rows}")
    template = layout.template()
    if template:
        lines.append(f"laid out as: {template}")
    lines.append("columns:")
    roles = {column: role for role, column in layout.columns.items()}
    roles |= {column: f"target {year}" for year, column in layout.years.items()}
    roles |= {column: f"achieved {year}" for year, column in layout.actuals.items()}
    for column in range(1, grid.columns + 1):
        headed = " / ".join(text for row in header if (text := grid.text(row, column)))
        role = roles.get(column, "not read")
        lines.append(f"  {column_letter(column)}  {role:<14} {_short(headed) or '(no header)'}")
    lines.append("results:")
    for draft in reader.drafts:
        level = "end outcome" if draft.item.get("kind") == "end" else draft.level
        leads = ", ".join(link if isinstance(link, str) else link["to"] for link in draft.item.get("leads_to", []))
        number = draft.code or "–"
        lines.append(
            f"  row {draft.row:<4} {level:<12} {number:<7} {draft.id}: {_short(str(draft.item['title']))}"
            + (f"  → {leads}" if leads else "")
        )
    start, years = data["model"]["start"], data["model"]["years"]
    lines.append(f"plan: {start}–{start + years - 1}")
    return "\n".join(lines) + "\n"


def _short(text: str, width: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
