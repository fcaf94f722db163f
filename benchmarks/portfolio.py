"""What `tocmodel portfolio` costs on many country models of the pilot's size.

Run: python benchmarks/portfolio.py [--countries 100] [--formats json xlsx html]

A folder is filled with the generic model and N copies of the Ghana pilot, each with its own id and its own
two monitoring files (values shifted a little, so the totals are not the same number N times). For each
format, `tocmodel portfolio FOLDER -f FORMAT -o FILE` runs in a fresh process, as a user runs it: every model
is read and checked, the portfolio worked out and the document written. Prints seconds per format, and the
time per country model. The goal: 100 country models in under 10 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
GOAL_SECONDS, GOAL_COUNTRIES = 10.0, 100


def fill(folder: Path, countries: int) -> None:
    """The generic model and `countries` copies of the pilot, each with its own id and monitoring files."""
    shutil.copy(MODELS / "ewaste-generic.yaml", folder)
    (folder / "monitoring").mkdir()
    pilot = (MODELS / "ewaste-pilot.yaml").read_text(encoding="utf-8")
    years = {
        year: (MODELS / "monitoring" / f"ewaste-pilot-{year}.yaml").read_text(encoding="utf-8") for year in (2027, 2028)
    }
    for number in range(countries):
        name = f"country-{number:03d}"
        text = pilot.replace("id: ewaste-gh-pilot", f"id: {name}", 1)
        for year in years:
            text = text.replace(f"monitoring/ewaste-pilot-{year}.yaml", f"monitoring/{name}-{year}.yaml")
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        for year, monitoring in years.items():
            shifted = monitoring.replace("value: 1", f"value: {1 + number % 7}")  # a little variety
            (folder / "monitoring" / f"{name}-{year}.yaml").write_text(shifted, encoding="utf-8")


def run(folder: Path, output_format: str) -> float:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    output = folder.parent / f"portfolio.{output_format}"
    command = [sys.executable, "-m", "tocmodel", "portfolio", str(folder), "-f", output_format, "-o", str(output)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"tocmodel portfolio failed:\n{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", type=int, default=GOAL_COUNTRIES)
    parser.add_argument("--formats", nargs="+", default=["json", "xlsx", "html"])
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "countries"
        folder.mkdir()
        fill(folder, options.countries)
        print(f"{options.countries} country models of the pilot's size, each with two monitoring files")
        print(f"{'format':<8}{'seconds':>10}{'per model':>12}")
        for output_format in options.formats:
            seconds = run(folder, output_format)
            verdict = (
                "" if options.countries != GOAL_COUNTRIES else ("  ok" if seconds < GOAL_SECONDS else "  over the goal")
            )
            print(f"{output_format:<8}{seconds:>10.2f}{1000 * seconds / options.countries:>10.0f} ms{verdict}")
    print(f"goal: {GOAL_COUNTRIES} country models in under {GOAL_SECONDS:g} s")


if __name__ == "__main__":
    main()
