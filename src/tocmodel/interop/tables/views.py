"""Tables of tocmodel's own documents found by their headers in any shipped language, read cell by cell."""

from __future__ import annotations

from dataclasses import dataclass

from ...i18n import VOCABULARY
from ..values import is_placeholder
from .grid import Grid
from .headings import fold, in_english, meanings

_BY_MESSAGE = {fold(message): value for value, message in VOCABULARY.items()}


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
