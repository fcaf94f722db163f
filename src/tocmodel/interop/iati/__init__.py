"""IATI 2.03: a model's results framework as an IATI activity, and a model skeleton from a real IATI activity.

- `export.export_iati(model, ...)`: impact, outcomes and outputs with their indicators, baselines and
  yearly targets as an `iati-activity`, validated against the official 2.03 schema shipped in
  `schema-2.03/`, its codes taken from the codelists in `codelists/`; what IATI has no room for is
  listed as notes.
- `importer.import_iati(path, ...)`: results, indicators, baselines, targets, periods and languages of
  one activity as a model, with notes on everything that could not be taken.
- `files`: safe XML parsing and schema validation; `rules`: the IATI rulesets the schema cannot express.
"""

from __future__ import annotations

from .export import Exported, ReportingOrg, export_iati
from .importer import import_iati

__all__ = ["Exported", "ReportingOrg", "export_iati", "import_iati"]
