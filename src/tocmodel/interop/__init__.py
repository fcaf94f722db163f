"""Interoperability: models to and from the formats the field already uses, and the difference of two models.

- `iati`: IATI 2.03 results export (validated against the shipped official schema) and import;
- `xlsx`: logframe spreadsheets in the usual layout (results chain | indicators | baseline | target |
  source | assumptions) read into a model;
- `diff`: what changed between two versions of a model, as text, Markdown or JSON;
- `yamlwriter`: an imported model written as readable YAML.

Importers never crash on messy input: they return what they could take (`Imported`) with a `Note` for
each thing they could not, located by XPath and line or by sheet and cell. Input that cannot be read at
all raises `tocmodel.errors.InputError`.
"""

from __future__ import annotations

from .notes import Imported, Note

__all__ = ["Imported", "Note"]
