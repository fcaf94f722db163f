"""Reading the model in a worker process, so that no model can hold the preview for longer than a time bound.

Loading is bounded by `tocmodel.Limits`, but a facilitator's screen must not depend on every bound
being right: a worker thread cannot be stopped, a process can. The worker (`python -m
tocmodel.serve.reading`) imports tocmodel once and then reads the model whenever it is asked, sending the
reading back pickled (a few milliseconds for a model of 300 results). A reading that takes longer than
`READ_SECONDS` is stopped with its process, the pages keep their last good picture and say why, and the next
save is read by a new worker.

The worker runs in a session of its own, so a Ctrl-C in the terminal stops only the server, which then stops
the worker; and it ends by itself when the server goes (its input closes).
"""

from __future__ import annotations

import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from typing import IO, Any

from .session import Reading, Session

READ_SECONDS = 10.0
"""How long one reading (load and validate) may take before it is stopped."""
START_SECONDS = 60.0
"""How long a new worker may take to start (importing tocmodel) before it is given up."""
WATCH_SECONDS = 0.5
"""How often the worker looks whether the server that started it is still there."""
_HEADER = struct.Struct("!Q")
"""Each message: its length, then the pickled object."""


def send(stream: IO[bytes], message: object) -> None:
    """Write one message to `stream`."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    """Read one message from `stream` (written by `send` in the worker this server started, through its pipe).

    Raises:
        EOFError: the stream ended.
    """
    (size,) = _HEADER.unpack(_read_exactly(stream, _HEADER.size))
    return pickle.loads(_read_exactly(stream, size))


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    chunks: list[bytes] = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def work(path: str) -> None:  # pragma: no cover - runs in the worker process (tests drive it through the server)
    """The worker's loop: read the model each time the set of files to keep watching arrives."""
    _end_with(os.getppid())
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the replies
    session = Session(path)
    send(replies, "ready")
    while True:
        try:
            session.files = receive(requests)
        except EOFError:  # the server has gone
            return
        try:
            reading = session.read()
        except Exception as error:  # the server says what went wrong; the worker lives on
            reading = session.failed(f"the model could not be read: {error!r}")
        send(replies, reading)


def _end_with(server: int) -> None:  # pragma: no cover - runs in the worker process
    """End this worker when the server that started it is gone, even in the middle of a reading.

    The worker runs in a session of its own, out of reach of the terminal's signals, and notices its input
    closing only between readings: a server killed while the worker reads a slow model would leave it running.
    """

    def watch() -> None:
        while os.getppid() == server:
            time.sleep(WATCH_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="server watch").start()


class ReadingWorker:
    """Reads `session`'s model in a process of its own, stopping a reading that runs past `timeout` seconds.

    `read` blocks; the preview calls it from a worker thread.
    """

    def __init__(self, session: Session, *, timeout: float = READ_SECONDS) -> None:
        self.session = session
        self.timeout = timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def read(self) -> Reading:
        """The next reading of the model files; a failed reading that says why when it ran too long."""
        with self._lock:
            process = self._process or self._start()
            if process is None:
                return self.session.failed("the model could not be read: the reading process did not start")
            assert process.stdin is not None and process.stdout is not None
            try:
                send(process.stdin, self.session.files)
                if _ready(process.stdout, self.timeout):
                    reading: Reading = receive(process.stdout)
                    return reading
            except (EOFError, OSError, pickle.UnpicklingError):
                self._stop()
                return self.session.failed("the model could not be read: the reading process ended")
            self._stop()
            return self.session.failed(
                f"reading the model took longer than {self.timeout:g} s and was stopped; the picture shown is the "
                "last good one. Undo the last change, or check the file with `tocmodel check`"
            )

    def close(self) -> None:
        """Stop the worker process."""
        with self._lock:
            self._stop()

    def _start(self) -> subprocess.Popen[bytes] | None:
        command = [sys.executable, "-m", "tocmodel.serve.reading", str(self.session.path)]
        process = subprocess.Popen(
            command,
            bufsize=0,  # nothing read ahead, so waiting on the pipe says when a reply is there
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            start_new_session=True,  # out of reach of the terminal's Ctrl-C: the server stops it
        )
        assert process.stdout is not None
        self._process = process
        try:
            if _ready(process.stdout, START_SECONDS) and receive(process.stdout) == "ready":
                return process
        except (EOFError, OSError, pickle.UnpicklingError):
            pass
        self._stop()
        return None

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()


def _ready(stream: IO[bytes], timeout: float) -> bool:
    """Whether `stream` has something to read within `timeout` seconds."""
    return bool(select.select([stream], [], [], timeout)[0])


if __name__ == "__main__":  # pragma: no cover - the worker process
    work(sys.argv[1])
