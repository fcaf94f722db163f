"""Cost of `tocmodel diagram` beside the layout engine it runs, on the pilot and synthetic models.

Run: python benchmarks/diagram.py [--sizes 300 1000] [--runs N] [--engine dot --engine graphviz-pure]

For each model and each installed engine, prints the median wall time over N fresh processes of
`tocmodel diagram MODEL -f svg --engine ENGINE` (load, check, build the DOT, lay it out) and of the engine
alone (`ENGINE -Tsvg`) on the DOT text tocmodel writes (`-f dot`), their ratio, and the goal: tocmodel
within 1.2x the engine plus Python's start-up (`python -c pass`). For where the rest goes, it also times
`tocmodel check MODEL` (start-up, imports, load and validation, which every command pays) and shows what
is left: `extra` = tocmodel - engine, `draw` = extra - check (building and writing the diagram).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

from synthetic import synthetic_model_text

ROOT = Path(__file__).resolve().parent.parent
PILOT = ROOT / "models" / "ewaste-pilot.yaml"
ENGINES = ("dot", "graphviz-pure")
GOAL_RATIO = 1.2


def median_seconds(command: list[str], runs: int) -> float:
    """Median wall time of `command` over `runs` fresh processes (after one warm-up run); it must succeed."""
    subprocess.run(command, capture_output=True, check=True, env=ENV)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def engine_binary(name: str) -> str | None:
    """The engine's own executable (not a wrapper such as a pyenv shim), so it is timed alone."""
    beside_python = Path(sysconfig.get_path("scripts")) / name
    if name == "graphviz-pure" and beside_python.is_file():
        return str(beside_python)
    return shutil.which(name)


def tocmodel(*args: str) -> list[str]:
    return [sys.executable, "-m", "tocmodel", "diagram", *args]


COLUMNS = (
    ("model", "<19"),
    ("nodes", ">5"),
    ("engine", "<13"),
    ("tocmodel", ">8"),
    ("engine", ">7"),
    ("ratio", ">6"),
    ("goal", ">6"),
    ("extra", ">6"),
    ("check", ">6"),
    ("draw", ">5"),
    ("", ""),
)


def row(*cells: object) -> str:
    return " ".join(f"{cell:{spec}}" for cell, (_, spec) in zip(cells, COLUMNS, strict=True))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}ms"


def time_model(name: str, model: Path, folder: Path, engines: dict[str, str], startup: float, runs: int) -> None:
    """Print one row per engine for one model."""
    dot_file, svg_file = folder / "model.dot", folder / "model.svg"
    subprocess.run(tocmodel(str(model), "-f", "dot", "-o", str(dot_file)), capture_output=True, check=True, env=ENV)
    nodes = len(re.findall(r'^ *"[^"]*" \[id=', dot_file.read_text(encoding="utf-8"), re.MULTILINE))
    check = median_seconds([sys.executable, "-m", "tocmodel", "check", str(model)], runs)
    for engine, binary in engines.items():
        drawn = median_seconds(tocmodel(str(model), "--engine", engine, "-o", str(svg_file)), runs)
        alone = median_seconds([binary, "-Tsvg", str(dot_file), "-o", str(svg_file)], runs)
        goal = GOAL_RATIO * alone + startup
        verdict = "ok" if drawn <= goal else "over"
        ratio = f"{drawn / alone:.2f}x"
        print(
            row(
                name,
                nodes,
                engine,
                ms(drawn),
                ms(alone),
                ratio,
                ms(goal),
                ms(drawn - alone),
                ms(check),
                ms(drawn - alone - check),
                verdict,
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[300, 1000], help="Synthetic model sizes (nodes).")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--engine", action="append", choices=ENGINES, help="Engines to time (default: all installed).")
    args = parser.parse_args()
    engines = {name: binary for name in args.engine or ENGINES if (binary := engine_binary(name))}
    startup = median_seconds([sys.executable, "-c", "pass"], args.runs)
    print(f"python -c pass: {ms(startup)}; median of {args.runs} runs; goal: tocmodel <= 1.2x engine + start-up")
    print(row(*(title for title, _ in COLUMNS)))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        time_model(PILOT.name, PILOT, folder, engines, startup, args.runs)
        for size in args.sizes:
            path = folder / f"synthetic-{size}.yaml"
            path.write_text(synthetic_model_text(size), encoding="utf-8")
            time_model(path.name, path, folder, engines, startup, args.runs)


if __name__ == "__main__":
    main()
