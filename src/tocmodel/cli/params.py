"""Command-line parameter types whose messages are tocmodel's own words, whatever the version of click."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:  # generic in the click that type checks; a plain class in older ones, which tocmodel allows
    _ParamType = click.ParamType[str]
else:
    _ParamType = click.ParamType


class PathParam(_ParamType):
    """A file (or, with `folder=True`, a folder) that must exist, or that may be created (`exists=False`).

    A wrong one is a usage error (exit 2) that names the path and says what is wrong with it in plain words.
    """

    def __init__(self, *, folder: bool = False, exists: bool = True) -> None:
        self.folder = folder
        self.exists = exists
        self.name = "folder" if folder else "file"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        path = str(os.fspath(value))
        if self.exists and not os.path.exists(path):
            self.fail(f"`{path}` does not exist", param, ctx)
        if self.folder and os.path.exists(path) and not os.path.isdir(path):
            self.fail(f"`{path}` is a file, not a folder", param, ctx)
        if not self.folder and os.path.isdir(path):
            self.fail(f"`{path}` is a folder, not a file", param, ctx)
        return path


EXISTING_FILE = PathParam()
"""An input file."""
EXISTING_FOLDER = PathParam(folder=True)
"""An input folder."""
OUTPUT_FILE = PathParam(exists=False)
"""A file to write: anything but a folder."""
OUTPUT_FOLDER = PathParam(folder=True, exists=False)
"""A folder to write into: anything but a file."""
