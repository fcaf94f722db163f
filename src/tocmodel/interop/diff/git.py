"""`tocmodel diff` as git's external diff driver.

git calls the driver with seven arguments (`path old-file old-hex old-mode new-file new-hex new-mode`;
`/dev/null` for a side that does not exist) or one (`path`, for an unmerged file). Each version is read
as if it were the file at `path` in the working tree (git runs the driver at the top of the working tree,
and `path` is relative to it), so that its includes and `extends` are the files beside it there. A version
that does not load as a model (a half-finished edit, a model whose extended file is missing) is shown as
a plain line diff, with the reason; a binary file as one line, as git shows it. git stops at a driver that
exits non-zero, so problems are printed, never signalled by the exit code.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ...errors import ModelLoadError, UsageError
from ...schema import Model
from . import diff_models
from .monitoring import is_monitoring_text, monitoring_model
from .render import Style, plain, to_text

NULL = "/dev/null"
BINARY_PROBE = 8000
"""How many leading bytes are searched for a NUL, the mark of a binary file (as git does)."""


def _load(path: str, file: str) -> tuple[Model | None, str]:
    """The model git passed in `file` (None for `/dev/null`), read as the file at `path` in the working tree
    so that its includes and `extends` resolve beside `path`; and, when it does not load, why."""
    if file == NULL:
        return None, ""
    from ...load.loader import load
    from ...source.reader import Limits, YamlProblem, read_text

    try:
        text = read_text(Path(file), display=path, limits=Limits())
        if is_monitoring_text(text):  # a monitoring file alone: its actuals compared
            return monitoring_model(text, display=path), ""
        return load(path, text=text), ""
    except YamlProblem as failure:
        return None, failure.diagnostic.message
    except ModelLoadError as error:
        return None, "; ".join(diagnostic.message for diagnostic in error.report.errors[:3])
    except UsageError as error:
        return None, str(error)


def _binary(file: str) -> bool:
    """Whether `file` looks binary: a NUL among its first bytes (an unreadable file is left to the loader)."""
    if file == NULL:
        return False
    try:
        with open(file, "rb") as stream:
            return b"\x00" in stream.read(BINARY_PROBE)
    except OSError:
        return False


def _read(path: str) -> list[str]:
    if path == NULL:
        return []
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)
    except OSError as error:
        return [f"(cannot read: {error.strerror or error})\n"]


def external_diff(arguments: list[str], *, style: Style = plain) -> str:
    """What git shows for one file: the semantic difference, or a line diff when a version is no model.

    Raises:
        UsageError: the arguments are not git's (one or seven).
    """
    if len(arguments) == 1:
        return f"* Unmerged path {arguments[0]}\n"
    if len(arguments) != 7:
        raise UsageError("--git-external takes the 7 arguments git passes to an external diff (or 1)")
    path, old_file, _, _, new_file, _, _ = arguments
    names = (f"a/{path}" if old_file != NULL else NULL, f"b/{path}" if new_file != NULL else NULL)
    header = style(f"diff --tocmodel a/{path} b/{path}", bold=True) + "\n"
    if _binary(old_file) or _binary(new_file):
        return header + f"Binary files {names[0]} and {names[1]} differ\n"
    old, old_problem = _load(path, old_file)
    new, new_problem = _load(path, new_file)
    if old_problem or new_problem:
        reasons = [
            f"{side} version does not load as a model: {why}"
            for side, why in (("old", old_problem), ("new", new_problem))
            if why
        ]
        lines = difflib.unified_diff(_read(old_file), _read(new_file), *names)
        return header + "".join(f"# {reason}\n" for reason in reasons) + "".join(_ending(line) for line in lines)
    return header + to_text(diff_models(old, new), old=names[0], new=names[1], style=style)


def _ending(line: str) -> str:
    return line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
