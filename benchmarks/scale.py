"""How load, validate and analyse scale with the size of the model, on synthetic models.

Run: python benchmarks/scale.py [--sizes 1000 10000 100000] [--seed N] [--runs N] [--no-gc]

For each size a synthetic model (see `synthetic.py`) is written to a temporary file, then loaded,
validated and analysed in a fresh Python process, so that each size's peak memory (maximum resident
set size) is its own. Prints wall time per phase, the peak memory, and the ratio of the total time to
the previous size's. The goals: each 10x in size costs at most about 12x in time, and 100,000 nodes
load, validate and analyse in under 10 s.

`--no-gc` turns Python's cyclic garbage collector off in the measuring process, as a one-shot command
may: with it on, each full collection walks every object of the loaded model (about 1 s at 100,000
nodes), and building the graphs and the analysis triggers several.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from growth import growth
from synthetic import synthetic_model_text

ROOT = Path(__file__).resolve().parent.parent
PHASES = ("load", "validate", "analyse")
GOAL_NODES, GOAL_SECONDS = 100_000, 10.0


def measure(path: str, *, collect: bool) -> dict[str, Any]:
    """Load, validate and analyse the model at `path` in this process: seconds per phase, peak memory.

    Args:
        path: The model file.
        collect: Leave the cyclic garbage collector on.
    """
    from tocmodel.analysis import analyse
    from tocmodel.load.loader import load
    from tocmodel.rules.validate import validate

    if not collect:
        gc.disable()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    model = load(path)
    loaded = time.perf_counter()
    report = validate(model)
    validated = time.perf_counter()
    analysis = analyse(model)
    analysed = time.perf_counter()
    return {
        "load": loaded - start,
        "validate": validated - loaded,
        "analyse": analysed - validated,
        "errors": sum(1 for d in report if d.severity.value == "error"),
        "findings": len(report),
        "paths": analysis.pathways.total_paths,
        "rss_before_kb": before,
        "rss_peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def run_size(nodes: int, *, seed: int, runs: int, collect: bool) -> dict[str, Any]:
    """Write a model of `nodes` nodes and measure it in `runs` fresh processes; keeps the fastest run."""
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / f"synthetic-{nodes}.yaml"
        model.write_text(synthetic_model_text(nodes, seed=seed), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        results = []
        for _ in range(runs):
            child = subprocess.run(
                [sys.executable, __file__, "--measure", str(model), *([] if collect else ["--no-gc"])],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            results.append(json.loads(child.stdout))
        best: dict[str, Any] = min(results, key=lambda r: sum(r[p] for p in PHASES))
        best["bytes"] = model.stat().st_size
    best["nodes"] = nodes
    best["total"] = sum(best[p] for p in PHASES)
    return best


def table(rows: list[dict[str, Any]]) -> str:
    """The measurements as a text table, with each size's time ratio to the previous size."""
    header = (
        f"{'nodes':>9} {'file MB':>8} {'load s':>8} {'validate s':>10} {'analyse s':>10} {'total s':>8}"
        f" {'x time':>7} {'x size':>7} {'peak RSS MB':>12} {'findings':>9}"
    )
    lines = [header, "-" * len(header)]
    previous: dict[str, Any] | None = None
    for row in rows:
        ratio = f"{row['total'] / previous['total']:7.1f}" if previous else f"{'':>7}"
        size = f"{row['nodes'] / previous['nodes']:7.0f}" if previous else f"{'':>7}"
        lines.append(
            f"{row['nodes']:>9,} {row['bytes'] / 1e6:8.1f} {row['load']:8.2f} {row['validate']:10.2f}"
            f" {row['analyse']:10.2f} {row['total']:8.2f} {ratio} {size} {row['rss_peak_kb'] / 1024:12.0f}"
            f" {row['findings']:>9}"
        )
        previous = row
    return "\n".join(lines)


def verdicts(rows: list[dict[str, Any]]) -> list[str]:
    """Whether each step in size and the 100,000-node run meet the goals."""
    found = growth(rows, "total", "time")
    for row in rows:
        if row["nodes"] == GOAL_NODES:
            ok = "ok" if row["total"] < GOAL_SECONDS else "TOO SLOW"
            found.append(f"{GOAL_NODES:,} nodes: {row['total']:.1f} s (goal < {GOAL_SECONDS:.0f} s) {ok}")
        if row["errors"]:
            found.append(f"{row['nodes']:,} nodes: {row['errors']} validation errors (expected none)")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=1, help="fresh processes per size; the fastest is kept")
    parser.add_argument("--no-gc", action="store_true", help="measure with the cyclic garbage collector off")
    parser.add_argument("--measure", metavar="MODEL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, collect=not args.no_gc)))
        return
    rows = []
    for nodes in args.sizes:
        rows.append(run_size(nodes, seed=args.seed, runs=args.runs, collect=not args.no_gc))
        print(f"measured {nodes:,} nodes: {rows[-1]['total']:.2f} s", file=sys.stderr, flush=True)
    print(table(rows))
    print()
    print("\n".join(verdicts(rows)))


if __name__ == "__main__":
    main()
