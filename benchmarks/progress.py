"""What progress against the plan costs, on synthetic models with five years of actuals on every indicator.

Run: python benchmarks/progress.py [--sizes 1000 10000 100000] [--seed N] [--runs N]

For each size a synthetic model (see `synthetic.py`) is written with a monitoring file that gives every
indicator an actual for each of the plan's five years (a mix of on track, watch and off track). In a fresh
process the model is loaded, validated and analysed, then its progress is worked out (`tocmodel.analysis.
progress`, with the analysis's assumption criticality, as `tocmodel logframe` does). Prints seconds per
phase and progress as a share of validate + analyse. The goals: progress adds at most 30 % to validate +
analyse at 100,000 nodes, and each 10x in size costs it at most about 12x in time.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from growth import growth
from synthetic import STAGES, START, synthetic_model_text

ROOT = Path(__file__).resolve().parent.parent
GOAL_SHARE, GOAL_NODES = 0.30, 100_000


def actuals_text(model_text: str, path: Path, *, seed: int) -> str:
    """A monitoring file with an actual for every indicator of the model and every plan year."""
    sys.path.insert(0, str(ROOT / "src"))
    from tocmodel.load.loader import load

    path.write_text(model_text, encoding="utf-8")
    model = load(path)
    chance = random.Random(seed)
    years = range(START, START + len(STAGES))
    lines = ["actuals:"]
    for _, owner, index, indicator in model.iter_indicators():
        base = float(indicator.baseline.value or 0) if indicator.baseline else 0.0
        lines.append(f"  {model.indicator_id(owner, index, indicator)}:")
        for step, year in enumerate(years, start=1):
            value = round(base + 4 * step * chance.uniform(0.4, 1.2), 1)  # on the way to +20 by the last year
            lines.append(f"    {year}: {{value: {value}, status: validated}}" if step % 2 else f"    {year}: {value}")
    return "\n".join(lines) + "\n"


def measure(path: str) -> dict[str, Any]:
    """Load, validate, analyse and work out progress in this process: seconds per phase."""
    from tocmodel.analysis import analyse
    from tocmodel.analysis.progress import progress
    from tocmodel.load.loader import load
    from tocmodel.rules.validate import validate

    gc.disable()  # as the command line runs (see benchmarks/scale.py)
    start = time.perf_counter()
    model = load(path)
    loaded = time.perf_counter()
    report = validate(model)
    validated = time.perf_counter()
    analysis = analyse(model)
    analysed = time.perf_counter()
    found = progress(model, criticality=analysis.criticality)
    progressed = time.perf_counter()
    return {
        "load": loaded - start,
        "validate": validated - loaded,
        "analyse": analysed - validated,
        "progress": progressed - analysed,
        "errors": [d.message for d in report.errors][:3],
        "actuals": sum(len(periods) for periods in model.actuals.values()),
        "statuses": found.counts(),
    }


def run_size(nodes: int, *, seed: int, runs: int) -> dict[str, Any]:
    """Write the model and its monitoring file, and measure them in `runs` fresh processes (fastest kept)."""
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "synthetic.yaml"
        text = synthetic_model_text(nodes, seed=seed)
        monitoring = actuals_text(text, model, seed=seed)
        (Path(folder) / "actuals.yaml").write_text(monitoring, encoding="utf-8")
        model.write_text(text + "monitoring: [actuals.yaml]\n", encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        results = []
        for _ in range(runs):
            child = subprocess.run(
                [sys.executable, __file__, "--measure", str(model)], env=env, capture_output=True, text=True, check=True
            )
            results.append(json.loads(child.stdout))
    best: dict[str, Any] = min(results, key=lambda r: r["validate"] + r["analyse"] + r["progress"])
    best["nodes"] = nodes
    return best


def table(rows: list[dict[str, Any]]) -> str:
    header = (
        f"{'nodes':>9} {'actuals':>9} {'load s':>8} {'validate s':>10} {'analyse s':>10} {'progress s':>10}"
        f" {'share':>7} {'x progress':>10}"
    )
    lines = [header, "-" * len(header)]
    previous: dict[str, Any] | None = None
    for row in rows:
        share = row["progress"] / (row["validate"] + row["analyse"])
        ratio = f"{row['progress'] / previous['progress']:10.1f}" if previous else f"{'':>10}"
        lines.append(
            f"{row['nodes']:>9,} {row['actuals']:>9,} {row['load']:8.2f} {row['validate']:10.2f}"
            f" {row['analyse']:10.2f} {row['progress']:10.2f} {share:7.0%} {ratio}"
        )
        previous = row
    return "\n".join(lines)


def verdicts(rows: list[dict[str, Any]]) -> list[str]:
    found = growth(rows, "progress", "progress")
    for row in rows:
        share = row["progress"] / (row["validate"] + row["analyse"])
        if row["nodes"] == GOAL_NODES:
            ok = "ok" if share <= GOAL_SHARE else "TOO SLOW"
            found.append(f"{GOAL_NODES:,} nodes: progress adds {share:.0%} to validate + analyse (goal <= 30%) {ok}")
        if row["errors"]:
            found.append(f"{row['nodes']:,} nodes: validation errors (expected none): {row['errors']}")
        found.append(f"{row['nodes']:,} nodes: results by status {row['statuses']}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=1, help="fresh processes per size; the fastest is kept")
    parser.add_argument("--measure", metavar="MODEL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    rows = [run_size(nodes, seed=args.seed, runs=args.runs) for nodes in args.sizes]
    print(table(rows))
    print("\n".join(verdicts(rows)))


if __name__ == "__main__":
    main()
