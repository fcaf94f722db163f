"""Where things were written: a `Location` per node and a `SourceMap` from model paths to locations."""

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


@dataclass(slots=True)
class SourceMap:
    """Locations of every value (and every mapping key) of a loaded model, by path."""

    values: dict[Path, Location] = field(default_factory=dict)
    keys: dict[Path, Location] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> Location | None:
        """The location of `path`, or of its nearest ancestor that was written down.

        Args:
            path: The path to look up.
            key: Prefer the location of the mapping key over that of its value (for unknown fields).
        """
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if key and (found := self.keys.get(prefix)):
                return found
            if found := self.values.get(prefix):
                return found
        return None

    def absorb(self, other: SourceMap, *, skip: Iterable[Path] = ()) -> None:
        """Add an included file's locations; this map's own entries, and paths under `skip`, are kept."""
        skipped = tuple(skip)
        for mine, theirs in ((self.values, other.values), (self.keys, other.keys)):
            for path, where in theirs.items():
                if path not in mine and not any(path[: len(s)] == s for s in skipped):
                    mine[path] = where
