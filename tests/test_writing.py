"""Atomic writes replace a file whole, and write through a device or pipe instead of replacing it."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from tocmodel.writing import write_bytes_atomic


def test_a_file_is_replaced_whole_keeping_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "model.yaml"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["model.yaml"]


def test_a_pipe_is_written_through_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    write_bytes_atomic(pipe, b"through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)
