"""What the importers keep of logframes in the field's published layouts: texts, values, levels and links.

Run: python benchmarks/import_layouts.py

Imports every fixture of `tests/fixtures/logframes/` (the EU, UNDP, DFID, Spanish, indicator-tracking and
Word layouts of `tests/logframe_fixtures.py`) and of tocmodel's own pilot written as Excel and Word in
English and French, and prints, per file, how many of the texts, values, levels and links it holds the
import kept, the cells with text it did not read, and the time taken.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the fixtures and their tally live beside the tests that use them

from test_import_templates import FIXTURES, imported, tally  # noqa: E402


def main() -> None:
    print(f"{'file':<28} {'texts':>9} {'values':>9} {'levels':>9} {'links':>9} {'unread':>7} {'seconds':>8}")
    for fixture in FIXTURES:
        began = time.perf_counter()
        result = imported(fixture)
        seconds = time.perf_counter() - began
        count = tally(result.model, fixture)
        kinds = [f"{count.kept[k]}/{count.held[k]}" for k in ("texts", "values", "levels", "links")]
        unread = sum(1 for note in result.notes if "not read" in note.message)
        print(f"{fixture.name:<28} {kinds[0]:>9} {kinds[1]:>9} {kinds[2]:>9} {kinds[3]:>9} {unread:>7} {seconds:>8.2f}")
    own_documents()


def own_documents() -> None:
    """The pilot written by `tocmodel logframe` and read back: results, indicators and links kept."""
    import tocmodel
    from tocmodel.interop.docx import import_docx
    from tocmodel.interop.xlsx import import_xlsx
    from tocmodel.render.logframe import logframe

    pilot = tocmodel.load(ROOT / "models" / "ewaste-pilot.yaml")
    linking = ("interventions", "outputs", "outcomes")
    links = sum(len(item.leads_to) for section in linking for item in getattr(pilot, section).values())
    indicators = sum(1 for _ in pilot.iter_indicators())
    results = sum(len(getattr(pilot, s)) for s in ("interventions", "outputs", "outcomes", "impact"))
    print(f"\npilot read back ({results} results, {indicators} indicators, {links} links):")
    with tempfile.TemporaryDirectory() as folder:
        for output_format, read in (("xlsx", import_xlsx), ("docx", import_docx)):
            for language in ("en", "fr"):
                path = Path(folder) / f"pilot-{language}.{output_format}"
                document = logframe(pilot, output_format=output_format, lang=language, engine="graphviz-pure")
                path.write_bytes(document.content)
                began = time.perf_counter()
                result = read(path)
                seconds = time.perf_counter() - began
                print(f"  {path.name:<18} {result.summary}  ({seconds:.2f} s)")


if __name__ == "__main__":
    main()
