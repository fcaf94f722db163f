"""Logframe spreadsheets (.xlsx) read into models: `import_xlsx(path, ...)`.

`workbook` reads the sheets, within bounds, into the tables that `tocmodel.interop.tables` reads.
"""

from __future__ import annotations

from .importer import import_xlsx

__all__ = ["import_xlsx"]
