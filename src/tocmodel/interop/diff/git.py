"""`tocmodel diff` as git's external diff driver.

git calls the driver with seven arguments (`path old-file old-hex old-mode new-file new-hex new-mode`;
`/dev/null` for a side that does not exist) or one (`path`, for an unmerged file). A version that does
not load as a model (a half-finished edit, a model split over files git cannot see) is shown as a plain
line diff, with the reason. git stops at a driver that exits non-zero, so problems are printed, never
signalled by the exit code.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ...errors import ModelLoadError, UsageError
from ...schema import Model
from . import diff_models
from .render import Style, plain, to_text

NULL = "/dev/null"


def _load(path: str) -> tuple[Model | None, str]:
    """The model in `path` (None for `/dev/null`) and, when it does not load, why."""
    if path == NULL:
        return None, ""
    from ...loader import load

    try:
        return load(path), ""
    except ModelLoadError as error:
        return None, "; ".join(diagnostic.message for diagnostic in error.report.errors[:3])
    except UsageError as error:
        return None, str(error)


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
    old, old_problem = _load(old_file)
    new, new_problem = _load(new_file)
    names = (f"a/{path}" if old_file != NULL else NULL, f"b/{path}" if new_file != NULL else NULL)
    header = style(f"diff --tocmodel a/{path} b/{path}", bold=True) + "\n"
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
