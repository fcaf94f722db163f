"""A model from the logframe table of a Word document."""

from __future__ import annotations

import os

from ..notes import Imported
from ..tables import Options, import_tables
from .document import read_document


def import_docx(
    path: str | os.PathLike[str],
    *,
    columns: str | None = None,
    table: str | None = None,
    header_row: int | None = None,
    start: int | None = None,
    years: int | None = None,
) -> Imported:
    """Read the logframe table of a Word document as a model.

    Args:
        path: The .docx document.
        columns: A column mapping, as for `import_xlsx` (default: found from the header row's words).
        table: The table holding the matrix, as `Table 2` (default: the first with a logframe header).
        header_row: The header's row number in that table, for a mapping by letters.
        start: The plan's first year.
        years: The plan's length in years.

    Raises:
        InputError: the file is not a Word document, or no table has a logframe header.
        UsageError: the table or a mapped column does not exist, or the mapping is malformed.
    """
    grids, title, paragraphs = read_document(path)
    options = Options(
        columns=columns, sheet=table, header_row=header_row, start=start, years=years, title=title, text=paragraphs
    )
    return import_tables(grids, str(path), options)
