"""Cold-start time of `tocmodel check` on a model, beside the bare import of what the check needs.

Run: python benchmarks/check_startup.py [MODEL] [--runs N]

Prints the median wall time of each command over N fresh processes and their ratio. The goal is a
check that costs about as much as starting Python and importing pydantic, PyYAML and networkx.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def user_environment() -> dict[str, str]:
    """The environment a user runs in: bytecode caching on (some CI machines turn it off, which makes
    every start recompile every module from source and measures the compiler, not tocmodel)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH", "")]))
    return env


def interleaved_medians(commands: list[list[str]], runs: int) -> list[float]:
    """Median wall time of each command over `runs` rounds; each round runs every command once, so that
    the machine's drift (other work, CPU frequency) affects them all alike. One warm-up round first
    caches bytecode."""
    env = user_environment()
    times: list[list[float]] = [[] for _ in commands]
    for round_number in range(runs + 1):
        for index, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False, env=env)
            if round_number:
                times[index].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", default=str(ROOT / "models" / "ewaste-pilot.yaml"))
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    bare, baseline, check = interleaved_medians(
        [
            [sys.executable, "-c", "pass"],
            [sys.executable, "-c", "import pydantic, yaml, networkx"],
            [sys.executable, "-m", "tocmodel", "check", args.model],
        ],
        args.runs,
    )
    print(f"python -c pass                          {bare * 1000:7.1f} ms")
    print(f"python -c 'import pydantic, yaml, networkx' {baseline * 1000:7.1f} ms")
    print(f"tocmodel check {Path(args.model).name:<24} {check * 1000:7.1f} ms")
    print(f"ratio check / imports                    {check / baseline:7.2f}x  (goal <= 1.5x)")


if __name__ == "__main__":
    main()
