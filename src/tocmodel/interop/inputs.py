"""Files handed to an importer: refused with a clear message when missing or too large to be what they claim."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError


def sized_file(path: str | os.PathLike[str], *, limit: int, what: str) -> Path:
    """`path` as a `Path`, once it is known to exist and hold at most `limit` bytes.

    Args:
        path: The file to read.
        limit: Most bytes a file of this kind may have.
        what: What the file should be, for the message: `an IATI file`, `a logframe workbook`.

    Raises:
        InputError: the file cannot be read or is larger than `limit`.
    """
    file = Path(path)
    try:
        size = file.stat().st_size
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    if size > limit:
        raise InputError(f"{path}: {size:,} bytes is more than the {limit:,} {what} may have here")
    return file


def unpacked_size(file: os.PathLike[str], *, limit: int, what: str) -> None:
    """Refuse an Office file (a zip archive) whose parts unpack to more than `limit` bytes, as its zip directory
    declares them, before any part is unpacked: a "zip bomb" declares more.

    Raises:
        InputError: the parts unpack to more than `limit`. (A file that is no zip archive, or a damaged one, is
            left to the library that reads it, which says what is wrong with it.)
    """
    import zipfile

    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except Exception:
        return
    if unpacked > limit:
        raise InputError(
            f"{file}: too large: {what} unpacks to {unpacked:,} bytes, more than the {limit:,} it may have here; "
            "refused, nothing read"
        )
