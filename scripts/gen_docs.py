"""Regenerate the reference pages in docs/ from the code and the rule fixtures.

Run: python scripts/gen_docs.py [--check]   (--check exits 1 if a page is stale instead of writing it)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tocmodel.analysis.export import analysis_json_schema
from tocmodel.catalogue import format_reference, rule_catalogue

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "rules"


def rule_examples() -> dict[str, str]:
    """The YAML of each rule's fixture, keyed by rule code (the file name starts with the code)."""
    return {path.name.split("-", 1)[0]: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.yaml"))}


def pages() -> dict[Path, str]:
    """Every generated page and its content."""
    return {
        ROOT / "docs" / "format.md": format_reference(),
        ROOT / "docs" / "rules.md": rule_catalogue(rule_examples()),
        ROOT / "docs" / "analysis.schema.json": json.dumps(analysis_json_schema(), indent=2) + "\n",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a page is stale")
    args = parser.parse_args()
    stale = []
    for path, text in pages().items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'} {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
