"""How long `tocmodel check` takes on each hostile input of the reliability suite, beside checking a valid model.

Run: python benchmarks/bad_inputs.py [--runs N] [--area TEXT]

Builds every case of `tests/test_adversarial.py` whose command is `check` (or only those whose area contains
TEXT, e.g. `--area Size`) in a fresh folder, runs it in new processes as a user would, and prints the median
wall time of each, slowest first, with its ratio to checking the shipped minimal model. The goal: no input
that is small on disk costs much more than reading it (under a second for every case here, on this
machine's two cores).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the cases live beside the tests that run them

from check_startup import user_environment  # noqa: E402

from test_adversarial import BY_ID, Bad, build  # noqa: E402


def median_seconds(command: list[str], folder: Path, runs: int) -> float:
    """Median wall time of `command` run in `folder` over `runs` fresh processes (after one warm-up)."""
    env = user_environment()
    times = []
    for run in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(command, cwd=folder, capture_output=True, check=False, env=env)
        if run:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Runs per case (default: 3).")
    parser.add_argument("--area", default="", help="Only the cases whose area contains this text.")
    args = parser.parse_args()
    check = [sys.executable, "-m", "tocmodel", "check"]
    baseline = median_seconds([*check, str(ROOT / "models" / "minimal.yaml")], ROOT, args.runs)
    cases: list[Bad] = [bad for bad in BY_ID.values() if bad.args[0] == "check" and args.area in bad.area]
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for bad in cases:
            folder = Path(scratch) / bad.id
            folder.mkdir()
            build(folder, bad)
            rows.append((median_seconds([sys.executable, "-m", "tocmodel", *bad.args], folder, args.runs), bad))
    print(f"checking models/minimal.yaml: {baseline:.3f} s (median of {args.runs})")
    print(f"{'case':28} {'seconds':>8} {'ratio':>6}  area")
    for seconds, bad in sorted(rows, key=lambda row: -row[0]):
        print(f"{bad.id:28} {seconds:8.3f} {seconds / baseline:6.2f}  {bad.area}")
    print(f"slowest: {max(rows, key=lambda row: row[0])[1].id}, {max(row[0] for row in rows):.3f} s")


if __name__ == "__main__":
    main()
