"""Latency of the live preview: from writing the model file to the new diagram painted in the browser.

Run: python benchmarks/serve_latency.py [--edits 20] [--sizes 300] [--kinds grow reword] [--chromium PATH]

For the pilot model and synthetic models of each size, and for each kind of edit, starts `tocmodel serve` on a
fresh copy, opens the page in headless Chromium (driven by Playwright), and makes EDITS edits, each changing the
statement of a different box: `grow` adds a word at its end (a box whose title gains a line grows, and the whole
diagram is laid out again), `reword` puts a word in place of its first one (a box that keeps its size is redrawn
alone, in place: the `in place` column counts those). Each edit is timed from just before the file is written
(wall clock) to the moment the page has painted the new picture: the page records `performance.timeOrigin +
performance.now()` two animation frames after it swapped the picture in (`window.__tocmodelPaints`). A Python
client of the same event stream also times when the new picture reached it (`sent`): the server's share. The goal
at 300 nodes is a median under 0.2 s and a 95th percentile under 0.4 s.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, sync_playwright
from synthetic import synthetic_model_text

from tocmodel.load.loader import load_report

ROOT = Path(__file__).resolve().parent.parent
PILOT = ROOT / "models" / "ewaste-pilot.yaml"
sys.path.insert(0, str(ROOT / "scripts"))  # the one place the headless browser is set up
from chromium import EXECUTABLE as CHROMIUM  # noqa: E402
from chromium import FLAGS as CHROMIUM_FLAGS  # noqa: E402

GOAL_NODES, GOAL_MEDIAN, GOAL_P95 = 300, 0.2, 0.4
PAUSE = 0.4
"""Seconds between edits, so that each is drawn on its own rather than taken together with the next."""
RESULT_SECTIONS = ("interventions", "outputs", "outcomes", "impact")
KINDS = ("grow", "reword")


@dataclass
class Stream:
    """A client of the page's event stream that notes when each new picture arrives."""

    url: str
    arrivals: dict[int, float] = field(default_factory=dict)
    in_place: set[int] = field(default_factory=set)
    """Versions sent as boxes redrawn in place rather than a whole picture."""

    def start(self) -> None:
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        parts = urlsplit(self.url)
        connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=600)
        connection.request("GET", "/events?view=toc")
        response = connection.getresponse()
        event = ""
        for line in response:
            if line.startswith(b"event: "):
                event = line[7:].strip().decode()
            elif line.startswith(b"data: ") and event in ("diagram", "boxes"):
                found = re.match(rb'data: \{"version":(\d+)', line)
                if found:
                    self.arrivals.setdefault(int(found.group(1)), time.time())
                    if event == "boxes":
                        self.in_place.add(int(found.group(1)))


def copy_pilot(folder: Path) -> Path:
    """A copy of the pilot and of every file it reads (the generic model it extends), side by side."""
    for file in load_report(PILOT).files:
        copy = folder / file.relative_to(PILOT.parent)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, copy)
    return folder / PILOT.name


def statements(text: str) -> list[tuple[int, int]]:
    """Where each one-line result or intervention title's text is in the model: (start, end) offsets."""
    found = []
    section = ""
    offset = 0
    for line in text.splitlines(keepends=True):
        if re.match(r"[a-z_]+:", line):
            section = line.split(":", 1)[0]
        title = re.match(r"    title: ([^{>|\s].*)$", line)
        if section in RESULT_SECTIONS and title:
            found.append((offset + title.start(1), offset + title.end(1)))
        offset += len(line)
    return found


def edits(text: str, count: int, kind: str) -> Iterator[tuple[str, str]]:
    """`count` successive versions of the model, each with one more statement changed: (text, marker).

    `grow` adds a word to the statement (the box usually grows: a new line, a wider one); `reword` puts a word of
    seven letters in place of its first word (the box often keeps its size).
    """
    places = statements(text)
    for number in range(count):
        start, end = places[number * 7 % len(places)]
        marker = f"rev{number:04d}"
        statement = text[start:end]
        if kind == "grow":
            changed = re.sub(r" rev\d{4}$", "", statement) + f" {marker}"
        else:
            changed = re.sub(r"^\S+", marker, statement)
        text = text[:start] + changed + text[end:]
        places = statements(text)
        yield text, marker


def paints(page: Page) -> int:
    return int(page.evaluate("window.__tocmodelPaints.length"))


def wait_for(page: Page, count: int, timeout: float = 30) -> None:
    """Wait until the page has painted `count` pictures. Playwright's own waiting evaluates strings, which
    the page's content security policy refuses, so this asks the page instead."""
    deadline = time.monotonic() + timeout
    while paints(page) < count:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the page painted {paints(page)} pictures, not {count}")
        time.sleep(0.02)


def start_server(model: Path) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "tocmodel", "serve", str(model), "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    assert server.stdout is not None
    for line in server.stdout:
        found = re.search(r"http://\S+/", line)
        if found:
            return server, found.group(0)
    raise RuntimeError("tocmodel serve did not start")


@dataclass
class Result:
    """Latencies of a run of edits, in seconds: to the painted page and to the stream client."""

    painted: list[float]
    sent: list[float]
    in_place: int
    """Edits the page took as boxes redrawn in place."""


def measure(page: Page, model: Path, url: str, count: int, kind: str) -> Result:
    """Latencies over `count` edits of one kind."""
    stream = Stream(url)
    stream.start()
    page.goto(url)
    wait_for(page, 1)
    painted, sent = [], []
    for number, (text, marker) in enumerate(edits(model.read_text(encoding="utf-8"), count, kind)):
        time.sleep(PAUSE)
        before = time.time()
        model.write_text(text, encoding="utf-8")
        wait_for(page, number + 2)
        last = page.evaluate("window.__tocmodelPaints.at(-1)")
        if marker not in page.evaluate("document.querySelector('.canvas svg').textContent"):
            raise RuntimeError(f"edit {number}: the painted picture lacks {marker}")
        painted.append(last["at"] / 1000 - before)
        time.sleep(0.05)
        sent.append(stream.arrivals.get(int(last["version"]), float("nan")) - before)
    return Result(painted, sent, len(stream.in_place))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(browser: Browser, model: Path, count: int, kind: str) -> Result:
    """Serve the model, open it in a new page and measure `count` edits of one kind."""
    server, url = start_server(model)
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    try:
        return measure(page, model, url, count, kind)
    finally:
        page.close()
        server.terminate()
        server.wait(timeout=10)


def row(result: Result, nodes: int) -> str:
    """The figures of a run, and whether they meet the goal (for the model of the goal's size)."""
    painted = result.painted
    median, p95 = statistics.median(painted), percentile(painted, 0.95)
    goal = ""
    if nodes == GOAL_NODES:
        met = median < GOAL_MEDIAN and p95 < GOAL_P95
        goal = f"{'met' if met else 'NOT met'} (median < {GOAL_MEDIAN} s, p95 < {GOAL_P95} s)"
    cells = f"{median:7.3f} {p95:7.3f} {max(painted):7.3f} {statistics.median(result.sent):7.3f}"
    return f"{len(painted):>5} {result.in_place:>8} {cells}  {goal}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20, help="Edits per model (default: 20).")
    parser.add_argument("--sizes", type=int, nargs="*", default=[300], help="Synthetic model sizes (default: 300).")
    parser.add_argument("--kinds", nargs="*", choices=KINDS, default=list(KINDS), help="Kinds of edit (default: all).")
    parser.add_argument("--chromium", default=CHROMIUM, help="Chromium executable (default: %(default)s).")
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tocmodel-serve-latency-"))
    models = [("pilot", 0, copy_pilot(folder / "pilot"))]
    for size in arguments.sizes:
        synthetic = folder / f"synthetic-{size}" / "model.yaml"
        synthetic.parent.mkdir()
        synthetic.write_text(synthetic_model_text(size, seed=0), encoding="utf-8")
        models.append((f"synthetic-{size}", size, synthetic))
    header = f"{'model':<15} {'nodes':>5} {'edit':<7} {'edits':>5} {'in place':>8} {'median':>7} {'p95':>7}"
    print(f"{header} {'max':>7} {'sent':>7}  goal")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=arguments.chromium, args=CHROMIUM_FLAGS)
            for name, nodes, model in models:
                original = model.read_text(encoding="utf-8")
                for kind in arguments.kinds:
                    model.write_text(original, encoding="utf-8")
                    result = run(browser, model, arguments.edits, kind)
                    print(f"{name:<15} {nodes or '':>5} {kind:<7} {row(result, nodes)}", flush=True)
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
