"""Logframe tables read into models, whatever holds them (worksheets, Word tables).

`grid` holds a table's texts with merged cells resolved; `headings` and `headings.toml` the words templates
use, in English, French and Spanish; `layout` finds the header and each column's role; `statements` reads a
result's cell (level, number, statement); `cells` and `indicators` read values and indicators; `reader`
reads the rows (`blocks`: rows in blocks, DFID's); `hierarchy` links the results; `registers` reads title
facts and tocmodel's own registers; `own` and the `own_*` modules read back the other tables of
tocmodel's documents (`views` finds them); `importer` puts them together and names every text that was not
read.
"""

from __future__ import annotations

from .importer import Options, import_tables

__all__ = ["Options", "import_tables"]
