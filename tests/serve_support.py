"""Helpers for the live preview's tests: the real `tocmodel serve` in a subprocess, Debian's Chromium driven by
Playwright, raw HTTP requests and event streams.

Chromium is part of the test set-up (scripts/setup.sh installs Debian's `chromium` for the test run): a missing
browser fails the tests that need it instead of skipping them.
"""

from __future__ import annotations

import ctypes
import html
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest

from conftest import PILOT_WHOLE, ROOT

sys.path.insert(0, str(ROOT / "scripts"))  # the one place the headless browser is set up
from chromium import EXECUTABLE as CHROMIUM
from chromium import FLAGS as CHROMIUM_FLAGS  # noqa: F401 (for the browser tests)

T = TypeVar("T")
PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def _stop_with_the_tests() -> None:
    """Run in the server's process before it starts: a test run that is killed takes its servers with it."""
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def chromium() -> str:
    """The Chromium executable, or a failure that says how to get it."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium is not at {CHROMIUM}: the preview's browser tests drive Debian's Chromium. Install it with "
            "`apt-get install chromium` (bash scripts/test.sh does), or set TOCMODEL_CHROMIUM to its path."
        )
    return CHROMIUM


def wait_until(check: Callable[[], T], *, timeout: float = 15, what: str = "the condition") -> T:
    """Poll `check` until it returns something true, and return that."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.02)


@dataclass
class Server:
    """`tocmodel serve MODEL --port 0` running in a subprocess."""

    model: Path
    args: tuple[str, ...] = ()
    process: subprocess.Popen[str] | None = None
    url: str = ""
    output: list[str] = field(default_factory=list)

    def start(self) -> Server:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
        command = [sys.executable, "-m", "tocmodel", "serve", self.model.name, "--port", "0", *self.args]
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            cwd=self.model.parent,
            preexec_fn=_stop_with_the_tests,  # one system call in the child: nothing that could wait on a lock
        )
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            found = re.search(r"http://\S+/", line)
            if found:
                self.url = found.group(0)
                return self
        raise AssertionError(f"tocmodel serve did not start: {''.join(self.output)}")

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1].strip("/"))

    def stop(self) -> str:
        """Stop it as Ctrl-C does; return what it printed. It must exit 0 without a traceback."""
        assert self.process is not None and self.process.stdout is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=20)
        with self.process.stdout:
            rest = self.process.stdout.read()  # from the stream `start` read lines from: what it holds is not lost
        self.output.append(rest)
        printed = "".join(self.output)
        assert self.process.returncode == 0, printed
        assert "Traceback" not in printed, printed
        return printed

    def get(self, path: str, *, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
        """A GET request: status, headers (lower-case names) and body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers={"Host": host} if host else {})
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def status(self) -> dict[str, Any]:
        code, _, body = self.get("/api/status")
        assert code == 200
        found: dict[str, Any] = json.loads(body)
        return found

    def wait_for_version(self, version: int, *, timeout: float = 15) -> dict[str, Any]:
        """Wait until the model's good version is at least `version`."""
        return wait_until(lambda: (s := self.status())["version"] >= version and s, timeout=timeout, what="a reload")


def raw_request(port: int, data: bytes) -> bytes:
    """Send bytes as they are (no client normalises the path) and read the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(data)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def events(port: int, query: str = "view=toc") -> Iterator[tuple[str, dict[str, Any]]]:
    """The event stream of one page: (event name, data) pairs, read as they come.

    Redrawn boxes (`boxes`) are put into the picture the stream sent last, as the page does, and come out as
    a `diagram` event with the whole picture and the ids of the boxes redrawn (`redrawn`).
    """
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    shown: dict[str, Any] = {}
    try:
        connection.request("GET", f"/events?{query}")
        response = connection.getresponse()
        assert response.status == 200, response.status
        assert response.getheader("content-type", "").startswith("text/event-stream")
        name = ""
        for line in response:
            if line.startswith(b"event: "):
                name = line[7:].decode().strip()
            elif line.startswith(b"data: ") and name == "boxes":
                yield "diagram", redrawn(shown, json.loads(line[6:]))
            elif line.startswith(b"data: "):
                data = json.loads(line[6:])
                if name == "diagram" and data["svg"] is not None:
                    shown = data
                yield name, data
            else:
                yield "", {}  # a blank line or a keep-alive: lets a reader check its clock
    finally:
        connection.close()


def redrawn(shown: dict[str, Any], boxes: dict[str, Any]) -> dict[str, Any]:
    """The picture shown with the boxes of a `boxes` event in place of theirs (which must all be in it)."""
    assert shown and boxes["base"] == shown["picture"], "boxes sent for a picture the page does not show"
    svg = shown["svg"]
    for node_id, group in boxes["boxes"].items():
        escaped = html.escape(node_id).replace("-", "&#45;")
        old = re.search(rf'<g id="{re.escape(escaped)}" class="node">.*?</g>', svg, re.DOTALL)
        assert old is not None, f"box {node_id} is not in the picture shown"
        svg = svg[: old.start()] + group + svg[old.end() :]
    shown.update({**boxes, "svg": svg, "error": None, "redrawn": sorted(boxes["boxes"])})
    del shown["boxes"], shown["base"]
    return dict(shown)


def next_event(
    stream: Iterator[tuple[str, dict[str, Any]]], name: str, *, timeout: float = 20, **matching: Any
) -> dict[str, Any]:
    """The next event of a kind (whose data has the given values), skipping others."""
    deadline = time.monotonic() + timeout
    for found, data in stream:
        if found == name and all(data.get(k) == v for k, v in matching.items()):
            return data
        if time.monotonic() > deadline:
            break
    raise AssertionError(f"no `{name}` event came within {timeout:g} s")


@contextmanager
def restored(server: Server) -> Iterator[Path]:
    """The served model file; put back as the one-file pilot when the block ends, and read again by the server."""
    original = PILOT_WHOLE.read_text(encoding="utf-8")
    yield server.model
    if server.model.read_text(encoding="utf-8") != original:
        version = server.status()["version"]
        server.model.write_text(original, encoding="utf-8")
        wait_until(lambda: server.status()["version"] > version and server.status()["ok"], what="the restore")
