"""Reading the model in a worker process, so that no model can hold the preview for longer than a time bound.

Loading is bounded by `tocmodel.yamlevents.Limits`, but a facilitator's screen must not depend on every bound
being right: a worker thread cannot be stopped, a process can. The worker imports tocmodel once and then
reads the model whenever it is asked, sending the reading back pickled (a few milliseconds for a model of
300 results). A reading that takes longer than `READ_SECONDS` is stopped with its process, the pages keep
their last good picture and show why, and the next save is read by a new worker.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from multiprocessing.connection import Connection
from typing import Any

from .session import Reading, Session

READ_SECONDS = 10.0
"""How long one reading (load and validate) may take before it is stopped."""
START_SECONDS = 60.0
"""How long a new worker may take to start (importing tocmodel) before it is given up."""


def _work(connection: Connection, path: str) -> None:  # pragma: no cover - runs in the worker process
    """The worker's loop: read the model each time a set of files to keep watching arrives."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the server stops us
    session = Session(path)
    connection.send("ready")
    while True:
        try:
            files = connection.recv()
        except EOFError:
            return
        session.files = files
        try:
            reading = session.read()
        except Exception as error:  # the server says what went wrong; the worker lives on
            reading = session.failed(f"the model could not be read: {error!r}")
        connection.send(reading)


class ReadingWorker:
    """Reads `session`'s model in a process of its own, stopping a reading that runs past `timeout` seconds.

    `read` blocks; the preview calls it from a worker thread, one reading at a time.
    """

    def __init__(self, session: Session, *, timeout: float = READ_SECONDS) -> None:
        self.session = session
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")  # no fork of a server that runs threads
        self._process: Any = None
        self._connection: Connection | None = None
        self._lock = threading.Lock()

    def read(self) -> Reading:
        """The next reading of the model files; a failed reading that says why when it ran too long."""
        with self._lock:
            connection = self._connection or self._start()
            if connection is None:
                return self.session.failed("the model could not be read: the reading process did not start")
            connection.send(self.session.files)
            if connection.poll(self.timeout):
                try:
                    reading: Reading = connection.recv()
                    return reading
                except (EOFError, OSError):
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

    def _start(self) -> Connection | None:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_work, args=(theirs, str(self.session.path)), daemon=True)
        process.start()
        theirs.close()
        try:
            started = ours.poll(START_SECONDS) and ours.recv() == "ready"
        except (EOFError, OSError):
            started = False
        if not started:
            process.kill()
            process.join()
            ours.close()
            return None
        self._process, self._connection = process, ours
        return ours

    def _stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join()
        if self._connection is not None:
            self._connection.close()
        self._process = self._connection = None
