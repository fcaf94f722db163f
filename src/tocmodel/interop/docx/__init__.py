"""Logframe tables in Word documents (.docx) read into models: `import_docx(path, ...)`.

`document` reads the document's tables, within bounds, into the tables that `tocmodel.interop.tables`
reads, the same way as a workbook's sheets.
"""

from __future__ import annotations

from .importer import import_docx

__all__ = ["import_docx"]
