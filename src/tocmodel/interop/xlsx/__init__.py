"""Logframe spreadsheets (.xlsx) read into models: `import_xlsx(path, ...)`.

`grid` reads sheets with merged cells resolved, `layout` finds the header row or applies a column mapping,
`cells` reads the texts of result, indicator, value and assumption cells, `indicators` and `importer`
put a matrix's rows together, and `registers` reads a workbook's title facts and tocmodel's own registers.
"""

from __future__ import annotations

from .importer import import_xlsx

__all__ = ["import_xlsx"]
