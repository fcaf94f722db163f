"""Where things were written: a `Location` per node and a `SourceMap` from model paths to positions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

Path = tuple[str | int, ...]
"""A path into the model's data, e.g. `("interventions", "i-study", "addresses", 0)`."""


@dataclass(frozen=True, slots=True)
class Location:
    """A position in a source file; line and column count from 1."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


Position = tuple[str, int, int]
"""Where a value starts: file, line and column, as a `SourceMap` stores it (a `Location` is made on demand)."""


@dataclass(slots=True)
class SourceMap:
    """Positions of every value (and every mapping key) of a loaded model, by path.

    A large model has millions of them, so they are stored as plain tuples of a string and numbers:
    cheaper to make than `Location` objects, and not traversed by the garbage collector once it has
    seen them.
    """

    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> Location | None:
        """The location of `path`, or of its nearest ancestor that was written down.

        Args:
            path: The path to look up.
            key: Prefer the location of the mapping key over that of its value (for unknown fields).
        """
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if key and (found := self.keys.get(prefix)):
                return Location(*found)
            if found := self.values.get(prefix):
                return Location(*found)
        return None

    def key_location(self, path: Path) -> Location | None:
        """Where the mapping key at exactly `path` was written, if it was."""
        found = self.keys.get(path)
        return Location(*found) if found else None

    def absorb(self, other: SourceMap, *, skip: Iterable[Path] = ()) -> None:
        """Add an included file's positions; this map's own entries, and paths under `skip`, are kept."""
        skipped = set(skip)
        lengths = {len(s) for s in skipped}
        for mine, theirs in ((self.values, other.values), (self.keys, other.keys)):
            for path, where in theirs.items():
                if path not in mine and not any(path[:length] in skipped for length in lengths):
                    mine[path] = where
