"""A table read into plain text cells, with merged ranges resolved: every cell of a merged range reads the
range's value, and knows whether it is the range's first cell. Worksheets and Word tables are read into it
alike (see `tocmodel.interop.xlsx` and `tocmodel.interop.docx`)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

Span = tuple[int, int, tuple[int, int]]
"""A merged range on one row: first column, last column, and the (row, column) of the range's first cell."""


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's text (empty when blank) and whether it is the first cell of its merged range (or unmerged)."""

    text: str
    anchor: bool = True


def column_letter(column: int) -> str:
    """`1` → `A`, `28` → `AB`."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """`A` → 1, `AB` → 28."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def cell_text(value: Any) -> str:
    """A cell value as text: numbers without needless decimals, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return _OOXML_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), value).strip()
    return str(value).strip()


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
"""A character Excel writes escaped in a text (`_x000D_` for a carriage return, `_x005F_` for `_`): openpyxl
leaves them as written, Excel shows the character."""


class Grid:
    """One worksheet's cells as text, by (row, column) from 1."""

    def __init__(
        self,
        name: str,
        cells: dict[tuple[int, int], str],
        merged: dict[int, list[Span]],
        rows: int,
        columns: int,
        *,
        beyond: str = "",
    ) -> None:
        self.name = name
        self.beyond = beyond
        """What lies beyond the bounds the table was read within (`rows 5,001 to 5,050`), or ""."""
        self.cells = cells
        self.by_row: dict[int, dict[int, str]] = {}
        """The cells with text of each row: a sheet with one stray cell far out is read in no time."""
        for (row, column), text in cells.items():
            self.by_row.setdefault(row, {})[column] = text
        self.merged = merged
        self.rows = rows
        self.columns = columns
        self.used: set[tuple[int, int]] = set()
        """The cells whose text went into the model (the first cell of a merged range stands for it)."""

    def cell(self, row: int, column: int) -> Cell:
        """The text at (row, column); a merged cell reads its range's value."""
        first = next((anchor for low, high, anchor in self.merged.get(row, ()) if low <= column <= high), None)
        if first is None:
            return Cell(self.cells.get((row, column), ""))
        return Cell(self.cells.get(first, ""), anchor=first == (row, column))

    def text(self, row: int, column: int | None) -> str:
        """The text at (row, column), or "" when the column is None."""
        return self.cell(row, column).text if column else ""

    def take(self, row: int, column: int | None) -> str:
        """The text at (row, column), marked as read into the model; "" when the column is None, and in a
        merged range's other cells (its text is read once, at its first cell)."""
        if not column:
            return ""
        first = next((anchor for low, high, anchor in self.merged.get(row, ()) if low <= column <= high), None)
        if first is not None and first != (row, column):
            return ""
        place = (row, column)
        text = self.cells.get(place, "")
        if text:
            self.used.add(place)
        return text

    def use_row(self, row: int) -> None:
        """Mark every text of a row as read (a header row, a register's row)."""
        self.used.update((row, column) for column in self.by_row.get(row, {}))

    def unread(self) -> list[tuple[int, list[int]]]:
        """The rows holding texts that were not read, each with the columns of those texts."""
        rows: dict[int, list[int]] = {}
        for row, columns in sorted(self.by_row.items()):
            for column in sorted(columns):
                if (row, column) not in self.used:
                    rows.setdefault(row, []).append(column)
        return list(rows.items())

    def ref(self, row: int, column: int) -> str:
        """`Sheet!B7`."""
        return f"{self.name}!{column_letter(column)}{row}"

    def rows_with_text(self, *, after: int = 0) -> list[int]:
        """The rows below `after` that hold a text, in order."""
        return sorted(row for row in self.by_row if row > after)

    def row_texts(self, row: int) -> list[str]:
        """The texts of a row, merged continuations left blank (the reader leaves them empty)."""
        texts = [""] * self.columns
        for column, text in self.by_row.get(row, {}).items():
            texts[column - 1] = text
        return texts
