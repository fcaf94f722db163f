"""Atomic writes: a failed write leaves the previous file intact.

A file is written to a temporary file beside it (`.NAME.PID.XXXXXXXX.tmp`, PID the writing process), flushed
to disk and renamed over it, so a reader sees the old file or the new one, never a part. A process killed
between the two (SIGKILL, a power cut) can leave that temporary file behind; the target is still whole, and
the next write of the same file removes it, once no running process has the PID it names.
"""

from __future__ import annotations

import errno
import glob
import os
import sys
import tempfile
from pathlib import Path

_STANDARD_STREAMS = (1, 2)
"""File descriptors of standard output and standard error."""


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`.

    A device or pipe such as `/dev/null` is written to directly: there is no file to replace. So is this
    process's own standard output or error, under any name (`/dev/stdout`, `/dev/fd/2`), even when it was
    sent to a file. A symbolic link stays a link: the file it points to is replaced.
    """
    target = Path(path)
    stream = _standard_stream(target)
    if stream is not None:
        _write_through(stream, data)
        return
    if target.exists() and not target.is_file():
        with open(target, "wb") as device:
            device.write(data)
        return
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    _make_folder(target.parent)
    _remove_left_behind(target)
    prefix = f".{target.name}.{os.getpid()}."
    descriptor, temporary = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(descriptor, _mode_for(target))
        with os.fdopen(descriptor, "wb") as stream_out:
            stream_out.write(data)
            stream_out.flush()
            os.fsync(stream_out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_left_behind(target: Path) -> None:
    """Remove the temporary files of `target` that writers killed mid-write left (their process is gone)."""
    for stray in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        pid = stray.name[len(target.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            stray.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    """Whether a process with this id runs on this machine (one of another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _make_folder(folder: Path) -> None:
    """Make the folder and its parents if missing; a file in the way is an error that names it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocking = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), folder)
        raise NotADirectoryError(errno.ENOTDIR, f"{blocking} is a file, not a folder", str(folder)) from None


def _standard_stream(target: Path) -> int | None:
    """The standard stream (1 or 2) that `target` names, if it names one of this process's."""
    try:
        found = target.stat()
    except (OSError, ValueError):
        return None
    for descriptor in _STANDARD_STREAMS:
        try:
            stream = os.fstat(descriptor)
        except OSError:
            continue
        if (found.st_dev, found.st_ino) == (stream.st_dev, stream.st_ino):
            return descriptor
    return None


def _write_through(descriptor: int, data: bytes) -> None:
    """Write all of `data` to an open standard stream, after what Python has buffered for it."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _mode_for(target: Path) -> int:
    """The existing file's permissions, or the default for a new file under the current umask."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))
