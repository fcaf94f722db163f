"""Cold-start time of `tocmodel check` on a model, beside the bare import of what the check needs.

Run: python benchmarks/check_startup.py [MODEL] [--runs N]

Prints the median wall time of each command over N fresh processes and their ratio. The goal is a
check that costs about as much as starting Python and importing pydantic, PyYAML and networkx.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(command: list[str], runs: int) -> float:
    """Median wall time of `command` over `runs` fresh processes (after one warm-up run)."""
    subprocess.run(command, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", default=str(ROOT / "models" / "ewaste-pilot.yaml"))
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    baseline = median_seconds([sys.executable, "-c", "import pydantic, yaml, networkx"], args.runs)
    check = median_seconds([sys.executable, "-m", "tocmodel", "check", args.model], args.runs)
    bare = median_seconds([sys.executable, "-c", "pass"], args.runs)
    print(f"python -c pass                          {bare * 1000:7.1f} ms")
    print(f"python -c 'import pydantic, yaml, networkx' {baseline * 1000:7.1f} ms")
    print(f"tocmodel check {Path(args.model).name:<24} {check * 1000:7.1f} ms")
    print(f"ratio check / imports                    {check / baseline:7.2f}x  (goal <= 1.5x)")


if __name__ == "__main__":
    main()
