"""The live preview under abuse: paths that try to climb out, requests too large or malformed, hundreds of
event streams dropped at once, and a model file replaced by things that are not a model.

One real `tocmodel serve` runs for the whole module, on a copy of the pilot model, and every case talks to it
over real sockets. After each case the server is still running, still answers its page, and has printed no
traceback; at the end it stops as Ctrl-C stops it, exit code 0.

Each case is a row of docs/reliability.md (`RELIABILITY_CASES`); `CHECKS` holds the test of each row. The model
deleted and written again, and paths that climb out in plain or singly encoded form, are tested with the routes
in test_serve_http.py.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest

from conftest import PILOT_WHOLE
from reliability import Case, case_ids
from serve_support import Server, events, next_event, wait_until
from tocmodel.serve.connection import HEAD_SECONDS

AREA = "The preview server"
TITLE = "Country engagement agreement signed and national steering committee operating"
LEAKED = (b"root:", b"[project]", b"import ", b"tocmodel: 1", b"[core]", b"[build-system]")
"""What the answer to a path that climbs out would contain: /etc/passwd, pyproject.toml, source, the model."""
INVALID = b"Invalid HTTP request received."
"""What uvicorn logs (as a warning) for a request it cannot parse."""

RELIABILITY_CASES: list[Case] = [
    Case(
        "serve-backslash-path",
        AREA,
        "a path climbing out with backslashes, encoded (`..%5c..%5c`) or not",
        "404; nothing outside its routes is sent",
    ),
    Case(
        "serve-double-encoded-path",
        AREA,
        "a path climbing out encoded twice (`%252e%252e%252f`)",
        "404; nothing outside its routes is sent",
    ),
    Case(
        "serve-nul-in-path",
        AREA,
        "a NUL byte in a path or query, encoded (`app.js%00.html`) or raw",
        "404 for the path, 400 for the query or a raw NUL; the asset is not served under another name",
    ),
    Case(
        "serve-long-path",
        AREA,
        "a path of 60,000 characters, `../` 10,000 times or `%2e%2e` 8,000 times",
        "404; nothing outside its routes is sent",
    ),
    Case(
        "serve-unicode-path",
        AREA,
        "paths with Unicode: overlong UTF-8 dots, invalid UTF-8, fullwidth or invisible letters, raw UTF-8",
        "404 (400 for raw UTF-8 bytes); no asset is served under a look-alike name",
    ),
    Case("serve-huge-url", AREA, "a URL of 1 MB", "400, the connection closed"),
    Case("serve-huge-header", AREA, "one header of 100 KB", "431 (or 400), the connection closed"),
    Case("serve-many-headers", AREA, "1,000 headers", "431, the connection closed"),
    Case(
        "serve-body-on-get",
        AREA,
        "a GET with a 10 MB body",
        "413 at once, the connection closed before the body has come",
    ),
    Case(
        "serve-body-on-post",
        AREA,
        "a POST with a 10 MB body, declared or chunked",
        "413 at once, the connection closed before the body has come",
    ),
    Case(
        "serve-bad-request-line",
        AREA,
        "garbage bytes; a TLS handshake on the plain port; a request line without a version, without a path, "
        "or with an unknown protocol",
        "400, the connection closed",
    ),
    Case(
        "serve-http09",
        AREA,
        "an HTTP/0.9 request (`GET /` alone)",
        "no answer; the connection closed after 5 s without a request head",
    ),
    Case(
        "serve-incomplete-then-close",
        AREA,
        "50 requests cut off mid-header, then closed or reset",
        "each connection is released (open files back to their count)",
    ),
    Case(
        "serve-bad-body-framing",
        AREA,
        "a `Content-Length` that is not a number, negative or given twice; a malformed chunk",
        "400, the connection closed; no traceback from answering twice",
    ),
    Case(
        "serve-half-sent-open",
        AREA,
        "a request left half-sent, the connection kept open",
        "others are served meanwhile (page, stream, an edit redrawn); the half request is closed after 5 s",
    ),
    Case(
        "serve-200-streams-dropped",
        AREA,
        "200 event streams in waves of 50, all open at once, then dropped by reset, close or half-close, some "
        "in the middle of the picture",
        "every page forgotten, open files and threads back to their counts; an edit reaches a stream kept open",
    ),
    Case(
        "serve-model-directory",
        AREA,
        "the model file replaced by a folder, then restored",
        "the stream reports `not a file`; the last good picture stays; the restored file is drawn",
    ),
    Case(
        "serve-model-binary",
        AREA,
        "the model file replaced by binary data, then restored",
        "the stream reports `not a text file`; the last good picture stays; the restored file is drawn",
    ),
    Case(
        "serve-model-empty",
        AREA,
        "the model file truncated to nothing, then restored",
        "the stream reports `the file is empty`; the last good picture stays; the restored file is drawn",
    ),
    Case(
        "serve-model-broken-symlink",
        AREA,
        "the model file made a symbolic link to a file that does not exist, then restored",
        "the stream reports `no such file`; the last good picture stays; the restored file is drawn",
    ),
    Case(
        "serve-model-symlink-loop",
        AREA,
        "the model file made a symbolic link to itself, then restored",
        "the stream reports `no such file` (no traceback); the last good picture stays; the restored file is drawn",
    ),
]


# -- the server -----------------------------------------------------------------------------------------


class WatchedServer(Server):
    """The preview with its output read as it comes, so a case can tell what it printed (and the pipe never
    fills)."""

    reader: threading.Thread | None = None

    def start(self) -> WatchedServer:
        super().start()
        assert self.process is not None and self.process.stdout is not None
        self.reader = threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True)
        self.reader.start()
        return self

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.output.append(line)

    def stop(self) -> str:
        """Stop it as Ctrl-C does; return what it printed. It must exit 0 without a traceback."""
        assert self.process is not None and self.reader is not None
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=20)
        self.reader.join(timeout=10)
        assert self.process.stdout is not None
        self.process.stdout.close()
        printed = "".join(self.output)
        assert self.process.returncode == 0, printed
        assert "Traceback" not in printed, printed
        return printed

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def printed_since(self, start: int) -> str:
        """What it printed from its `start`-th line on. To be sure all it printed so far has been read, it is
        first sent a request it cannot parse, and the warning it prints for that is waited for."""
        marks = sum(INVALID.decode() in line for line in self.output)
        assert status_of(exchange(self.port, b"\x00\r\n\r\n")) == 400
        wait_until(lambda: sum(INVALID.decode() in line for line in self.output) > marks, what="the server's log")
        return "".join(self.output[start:])

    def open_files(self) -> int:
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def threads(self) -> int:
        return len(os.listdir(f"/proc/{self.pid}/task"))

    def held(self, ports: set[int]) -> int:
        """How many connections from these client ports the server holds open (its sockets whose peer they are)."""
        sockets: set[str] = set()
        for fd in os.listdir(f"/proc/{self.pid}/fd"):
            with contextlib.suppress(FileNotFoundError):  # closed since it was listed
                sockets.add(os.readlink(f"/proc/{self.pid}/fd/{fd}"))
        rows = [line.split() for line in Path(f"/proc/{self.pid}/net/tcp").read_text().splitlines()[1:]]
        # a row: number, local address, remote address (hex ip:port), ..., inode (the tenth field)
        return sum(int(row[2].rsplit(":", 1)[1], 16) in ports and f"socket:[{row[9]}]" in sockets for row in rows)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WatchedServer]:
    model = tmp_path_factory.mktemp("serve-abuse") / "pilot.yaml"
    model.write_text(PILOT_WHOLE.read_text(encoding="utf-8"), encoding="utf-8")
    running = WatchedServer(model).start()
    yield running
    assert "Stopped." in running.stop()


# -- raw requests ---------------------------------------------------------------------------------------


def request(target: str, *headers: str, method: str = "GET") -> bytes:
    """A request as bytes, closing the connection after the answer."""
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1", *headers, "Connection: close", "", ""]
    return "\r\n".join(lines).encode("utf-8")


def exchange(port: int, data: bytes) -> bytes:
    """Send `data` as long as the server takes it, and read its answer until it closes (see `send`)."""
    return send(port, data)[0]


def send(port: int, data: bytes, *, body: int = 0) -> tuple[bytes, int]:
    """Send `data` and then `body` bytes, as long as the server takes them; its answer and the bytes sent.

    Sending stops when an answer is waiting or the server closed (it need not read what it refuses); the answer
    is read whole whether the connection then ends in a close or a reset. A server that neither answers nor
    closes makes this fail with a timeout.
    """
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        pieces = [data[i : i + 65536] for i in range(0, len(data), 65536)]
        pieces += [b"x" * 65536] * (body // 65536)
        try:
            for piece in pieces:
                if select.select([connection], [], [], 0)[0]:
                    break
                connection.sendall(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return read_all(connection), sent


def read_all(connection: socket.socket) -> bytes:
    """Everything until the server closes (a reset ends the answer as a close does)."""
    chunks: list[bytes] = []
    try:
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    except ConnectionResetError:
        pass
    return b"".join(chunks)


def status_of(answer: bytes) -> int:
    assert answer.startswith(b"HTTP/1.1 "), answer[:200]
    return int(answer.split(b" ", 2)[1])


def refused(server: WatchedServer, paths: list[str], *, statuses: tuple[int, ...] = (404,)) -> None:
    """Each path is answered with one of `statuses`, and nothing outside the routes comes back."""
    for path in paths:
        answer = exchange(server.port, request(path))
        assert status_of(answer) in statuses, (path[:100], answer[:200])
        for leaked in LEAKED:
            assert leaked not in answer, path[:100]


def reset(connection: socket.socket) -> None:
    """Drop a connection the way a crashed browser or a lost network does: a reset, not a polite close."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


def closed_without_answer(connection: socket.socket, *, within: float) -> None:
    """Wait for the server to close a connection it never answered (a timeout fails)."""
    connection.settimeout(within)
    assert read_all(connection) == b""


# -- paths ----------------------------------------------------------------------------------------------


def backslash_path(server: WatchedServer) -> None:
    refused(
        server,
        [
            "/static/..%5c..%5c..%5cpyproject.toml",
            "/static%5c..%5c..%5cpyproject.toml",
            "/static/app.js%5c..%5c..%5c..%5cpyproject.toml",
            "/static/..\\..\\pyproject.toml",
            "/%5c%5clocalhost%5cetc%5cpasswd",
            "/static%5capp.js",
            "/static/%5c%2e%2e%5c%2e%2e%5c.git%5cconfig",
        ],
    )


def double_encoded_path(server: WatchedServer) -> None:
    refused(
        server,
        [
            "/static/%252e%252e/%252e%252e/pyproject.toml",
            "/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
            "/static/..%252f..%252f..%252fpyproject.toml",
            "/static/..%255c..%255cpyproject.toml",
            "/static/%25%32%65%25%32%65/pyproject.toml",
            "/static/%252e%252e%252fapp.js",
        ],
    )


def nul_in_path(server: WatchedServer) -> None:
    refused(server, ["/static/app.js%00.html", "/static/app.js%00", "/%00/etc/passwd", "/static/%00../pyproject.toml"])
    refused(server, ["/export.svg?view=toc%00", "/events?view=pathway&focus=o-country-engagement%00"], statuses=(400,))
    answer = exchange(server.port, b"GET /static/app.js\x00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert status_of(answer) == 400


def long_path(server: WatchedServer) -> None:
    refused(server, ["/" + "a" * 60_000, "/static/" + "../" * 10_000 + "pyproject.toml", "/%2e%2e" * 8_000])


def unicode_path(server: WatchedServer) -> None:
    refused(
        server,
        [
            "/static/%C0%AE%C0%AE/%C0%AE%C0%AE/pyproject.toml",  # overlong UTF-8 for `.`
            "/static/%E0%80%AE%E0%80%AE/pyproject.toml",
            "/%ff%fe/%c0%af",  # not UTF-8 at all
            "/%EF%BD%93%EF%BD%94%EF%BD%81%EF%BD%94%EF%BD%89%EF%BD%83/app.js",  # fullwidth `ｓｔａｔｉｃ`
            "/static/app%E2%80%8B.js",  # a zero-width space
            "/static/%E2%80%AEsj.ppa",  # a right-to-left override
            "/static/app.j%C5%BF",  # long s, which some case foldings make `s`
        ],
    )
    answer = exchange(server.port, "GET /static/é.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    assert status_of(answer) == 400


# -- sizes ----------------------------------------------------------------------------------------------


def huge_url(server: WatchedServer) -> None:
    answer = exchange(server.port, request("/?q=" + "a" * 1_048_576))
    assert status_of(answer) == 400 and INVALID in answer


def huge_header(server: WatchedServer) -> None:
    answer = exchange(server.port, request("/", "X-Big: " + "a" * 102_400))
    # refused whole (431) or while it still comes in (400), as the bytes happen to arrive
    assert status_of(answer) in (400, 431)


def many_headers(server: WatchedServer) -> None:
    answer = exchange(server.port, request("/", *(f"X-Header-{i}: {i}" for i in range(1000))))
    assert status_of(answer) == 431 and answer.endswith(b"Request header fields too large")


def body_on_get(server: WatchedServer) -> None:
    size = 10 * 1024 * 1024
    answer, sent = send(server.port, request("/", f"Content-Length: {size}"), body=size)
    assert status_of(answer) == 413 and answer.endswith(b"The preview takes no request body")
    assert sent < size  # answered and closed while the body still came


def body_on_post(server: WatchedServer) -> None:
    size = 10 * 1024 * 1024
    for head in (
        request("/", f"Content-Length: {size}", method="POST"),
        request("/api/status", "Transfer-Encoding: chunked", method="POST") + b"a00000\r\n",
    ):
        answer, sent = send(server.port, head, body=size)
        assert status_of(answer) == 413 and answer.endswith(b"The preview takes no request body")
        assert sent < size


# -- malformed requests ---------------------------------------------------------------------------------


def bad_request_line(server: WatchedServer) -> None:
    for data in (
        bytes(range(1, 256)) * 4 + b"\r\n\r\n",
        bytes.fromhex("160301020001000001fc0303") + bytes(64),  # a TLS handshake begins: https to the http port
        b"GET /\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET / FOO/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET  /  HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    ):
        answer = exchange(server.port, data)
        assert status_of(answer) == 400 and answer.endswith(INVALID), data[:40]


def http09(server: WatchedServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port)) as connection:
        connection.sendall(b"GET /\r\n")
        opened = time.monotonic()
        closed_without_answer(connection, within=HEAD_SECONDS + 5)
    assert time.monotonic() - opened > HEAD_SECONDS - 1  # closed for its silence, not at once


def incomplete_then_close(server: WatchedServer) -> None:
    before = server.open_files()
    cut = request("/static/app.js", "User-Agent: abuse")[:-20]
    connections = [socket.create_connection(("127.0.0.1", server.port), timeout=10) for _ in range(50)]
    ports = {connection.getsockname()[1] for connection in connections}
    for i, connection in enumerate(connections):
        connection.sendall(cut[: 10 + i])
    wait_until(lambda: server.held(ports) == 50, what="the server to hold the cut-off connections")
    for i, connection in enumerate(connections):
        if i % 2:
            reset(connection)
        else:
            connection.close()
    wait_until(lambda: server.held(ports) == 0, what="the cut-off connections to be released")
    wait_until(lambda: server.open_files() <= before, what="the server's open files to be back to their count")


def bad_body_framing(server: WatchedServer) -> None:
    for data in (
        request("/", "Content-Length: abc"),
        request("/", "Content-Length: -5"),
        request("/", "Content-Length: 5", "Content-Length: 6", method="POST") + b"hello",
        request("/", "Transfer-Encoding: chunked", method="POST") + b"zz\r\nhello\r\n0\r\n\r\n",
        request("/events", "Transfer-Encoding: chunked") + b"5\r\nhello\r\nnot a chunk\r\n",
    ):
        answer = exchange(server.port, data)
        assert status_of(answer) == 400 and INVALID in answer, data[:60]


def half_sent_open(server: WatchedServer) -> None:
    half = socket.create_connection(("127.0.0.1", server.port))
    half.sendall(b"GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Ag")
    opened, port = time.monotonic(), half.getsockname()[1]
    with half:
        # meanwhile the page, the state, a stream and a redraw all work
        assert server.get("/")[0] == 200 and server.status()["ok"]
        stream = events(server.port)
        next_event(stream, "diagram")
        save(server.model, "Served meanwhile")
        assert "Served meanwhile" in next_event(stream, "diagram")["svg"]
        stream.close()
        assert server.held({port}) == 1, "the half request was closed before the others were served"
        closed_without_answer(half, within=HEAD_SECONDS + 5)
    assert time.monotonic() - opened > HEAD_SECONDS - 1  # closed for its silence, not at once


# -- many clients ---------------------------------------------------------------------------------------


def open_stream(port: int) -> socket.socket:
    connection = socket.create_connection(("127.0.0.1", port), timeout=10)
    connection.sendall(f"GET /events?view=toc HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    return connection


def read_until(connection: socket.socket, marker: bytes) -> None:
    """Read until `marker` has come (the rest of what follows it is left unread)."""
    seen = b""
    while marker not in seen:
        chunk = connection.recv(4096)
        assert chunk, "the stream ended"
        seen = seen[-len(marker) :] + chunk


def drop(connection: socket.socket, way: int) -> None:
    """Drop a stream in one of four ways, some in the middle of reading the picture."""
    if way == 0:  # reset before reading anything
        reset(connection)
    elif way == 1:  # reset in the middle of the picture
        read_until(connection, b"event: diagram")
        reset(connection)
    elif way == 2:  # closed in the middle of the picture
        read_until(connection, b"<svg")
        connection.close()
    else:  # half-closed after the headers, then closed
        read_until(connection, b"\r\n\r\n")
        connection.shutdown(socket.SHUT_WR)
        connection.close()


def streams_dropped(server: WatchedServer) -> None:
    survivor = events(server.port)
    next_event(survivor, "diagram")
    for connection in [open_stream(server.port) for _ in range(10)]:  # warm up: the server's pools fill once
        drop(connection, 2)
    wait_until(lambda: server.status()["pages"] == 1, what="the warm-up streams to be forgotten")
    files, threads = server.open_files(), server.threads()
    ports: set[int] = set()
    for _ in range(4):
        wave = [open_stream(server.port) for _ in range(50)]
        ports |= {connection.getsockname()[1] for connection in wave}
        wait_until(lambda: server.status()["pages"] == 51, what="a wave of 50 streams to be open")
        for i, connection in enumerate(wave):
            drop(connection, i % 4)
    wait_until(lambda: server.status()["pages"] == 1, what="200 dropped streams to be forgotten")
    wait_until(lambda: server.held(ports) == 0, what="the dropped streams' connections to be closed")
    wait_until(lambda: server.open_files() <= files, what="the server's open files to be back to their count")
    wait_until(lambda: server.threads() <= threads, what="the server's threads to be back to their count")
    save(server.model, "Survived two hundred")
    assert "Survived two hundred" in next_event(survivor, "diagram")["svg"]
    survivor.close()


# -- the model file -------------------------------------------------------------------------------------


def save(model: Path, title: str) -> None:
    """Write the pilot with another title for its first output, replacing whatever is at the model's path."""
    if model.is_symlink() or model.is_file():
        model.unlink()
    elif model.is_dir():
        shutil.rmtree(model)
    model.write_text(PILOT_WHOLE.read_text(encoding="utf-8").replace(TITLE, title), encoding="utf-8")


def replaced(server: WatchedServer, damage: Callable[[Path], object], message: str, *, restored_as: str) -> None:
    """Damage the model file: the stream says so and the last good picture stays; then restore it."""
    if not server.status()["ok"]:
        save(server.model, TITLE)
        wait_until(lambda: server.status()["ok"], what="a good model to start from")
    stream = events(server.port)
    next_event(stream, "diagram")
    good = server.status()
    picture, details = server.get("/export.svg")[::2], server.get("/api/model")[::2]
    damage(server.model)
    findings = next_event(stream, "findings")
    assert findings["errors"] == 1 and message in findings["items"][0]["message"], findings["items"]
    assert findings["drawable"] and findings["version"] == good["version"]
    # the last good model is still the one drawn, exported and described
    assert server.get("/export.svg")[::2] == picture and server.get("/api/model")[::2] == details
    save(server.model, restored_as)
    assert next_event(stream, "findings")["errors"] == 0
    drawing = next_event(stream, "diagram")
    assert drawing["version"] == good["version"] + 1 and restored_as in drawing["svg"]
    stream.close()


def to_folder(model: Path) -> None:
    model.unlink()
    model.mkdir()


def to_binary(model: Path) -> None:
    model.write_bytes(bytes(range(256)) * 16)


def to_empty(model: Path) -> None:
    model.write_bytes(b"")


def to_broken_link(model: Path) -> None:
    model.unlink()
    model.symlink_to("nowhere.yaml")


def to_loop(model: Path) -> None:
    model.unlink()
    model.symlink_to(model.name)


def model_directory(server: WatchedServer) -> None:
    replaced(server, to_folder, "not a file", restored_as="Restored folder")


def model_binary(server: WatchedServer) -> None:
    replaced(server, to_binary, "not a text file", restored_as="Restored binary")


def model_empty(server: WatchedServer) -> None:
    replaced(server, to_empty, "the file is empty", restored_as="Restored emptied")


def model_broken_symlink(server: WatchedServer) -> None:
    replaced(server, to_broken_link, "no such file", restored_as="Restored link")


def model_symlink_loop(server: WatchedServer) -> None:
    replaced(server, to_loop, "no such file", restored_as="Restored loop")


CHECKS: dict[str, Callable[[WatchedServer], None]] = {
    "serve-backslash-path": backslash_path,
    "serve-double-encoded-path": double_encoded_path,
    "serve-nul-in-path": nul_in_path,
    "serve-long-path": long_path,
    "serve-unicode-path": unicode_path,
    "serve-huge-url": huge_url,
    "serve-huge-header": huge_header,
    "serve-many-headers": many_headers,
    "serve-body-on-get": body_on_get,
    "serve-body-on-post": body_on_post,
    "serve-bad-request-line": bad_request_line,
    "serve-http09": http09,
    "serve-incomplete-then-close": incomplete_then_close,
    "serve-bad-body-framing": bad_body_framing,
    "serve-half-sent-open": half_sent_open,
    "serve-200-streams-dropped": streams_dropped,
    "serve-model-directory": model_directory,
    "serve-model-binary": model_binary,
    "serve-model-empty": model_empty,
    "serve-model-broken-symlink": model_broken_symlink,
    "serve-model-symlink-loop": model_symlink_loop,
}


def test_every_case_has_its_check() -> None:
    assert list(CHECKS) == case_ids(RELIABILITY_CASES)
    assert all(case.area == AREA and case.id.startswith("serve-") for case in RELIABILITY_CASES)


@pytest.mark.parametrize("case", RELIABILITY_CASES, ids=case_ids(RELIABILITY_CASES))
def test_the_server_survives(server: WatchedServer, case: Case) -> None:
    start = len(server.output)
    CHECKS[case.id](server)
    assert server.process is not None and server.process.poll() is None, "the server stopped"
    status, headers, page = server.get("/")
    assert status == 200 and headers["content-type"].startswith("text/html") and b"/static/app.js" in page
    printed = server.printed_since(start)
    assert "Traceback" not in printed and "ERROR" not in printed, printed
