"""Where things were written: a `Location` per node and a `SourceMap` from model paths to positions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

Path = tuple[str | int, ...]
"""A path into the model's data, e.g. `("interventions", "i-study", "addresses", 0)`."""


@dataclass(frozen=True, slots=True)
class Location:
    """A position in a source file; line and column count from 1.

    Its text is `file:line:column`, as compilers write it, or the file alone when the line is not known.
    """

    file: str
    """The file as the user named it (relative to where the model was loaded from)."""
    line: int = 0
    """The line, from 1; 0 when not known."""
    column: int = 0
    """The column, from 1; 0 when not known."""

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


Position = tuple[str, int, int]
"""Where a value starts: file, line and column (a `Location` is made on demand)."""

FILE_BITS = 16
"""Low bits of a packed position: the file's index in `SourceMap.files`."""
COLUMN_SHIFT = FILE_BITS
LINE_SHIFT = COLUMN_SHIFT + 32
"""A packed position is `line << LINE_SHIFT | column << COLUMN_SHIFT | file index`."""
_FILE_MASK = (1 << FILE_BITS) - 1
_COLUMN_MASK = (1 << 32) - 1


def unpack(packed: int, files: list[str]) -> Position:
    """The `(file, line, column)` of a packed position."""
    return files[packed & _FILE_MASK], packed >> LINE_SHIFT, (packed >> COLUMN_SHIFT) & _COLUMN_MASK


class Positions(Mapping[Path, Position]):
    """A read-only view of a `SourceMap`'s packed positions, as `(file, line, column)` tuples."""

    __slots__ = ("_files", "_packed")

    def __init__(self, packed: dict[Path, int], files: list[str]) -> None:
        self._packed = packed
        self._files = files

    def __getitem__(self, path: Path) -> Position:
        return unpack(self._packed[path], self._files)

    def __iter__(self) -> Iterator[Path]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)


@dataclass(slots=True)
class SourceMap:
    """Positions of every value (and every mapping key) of a loaded model, by path.

    A large model has millions of them, so each is stored as one int (see `LINE_SHIFT`), with the file
    as an index into `files`: a tuple per position would be millions more objects for the garbage
    collector to walk after loading. They are decoded when a location is asked for.
    """

    files: list[str] = field(default_factory=list)
    """The files positions are in; a packed position holds an index into this list."""
    packed_values: dict[Path, int] = field(default_factory=dict)
    """Where each value starts, packed."""
    packed_keys: dict[Path, int] = field(default_factory=dict)
    """Where each mapping key starts, packed."""
    pending: Callable[[], SourceMap] | None = field(default=None, repr=False, compare=False)
    """Reads the positions when they are first asked for (see `deferred`); None once they are read."""

    @classmethod
    def deferred(cls, read: Callable[[], SourceMap]) -> SourceMap:
        """A map whose positions are read by `read` when first asked for.

        A model with no problem is never asked where its values are: loading it without recording
        positions, and reading them again only when a finding is located, saves most of the cost of
        the map (a million entries for a large model).
        """
        return cls(pending=read)

    def _ready(self) -> None:
        if self.pending is not None:
            read, self.pending = self.pending, None
            filled = read()
            self.files, self.packed_values, self.packed_keys = filled.files, filled.packed_values, filled.packed_keys

    @property
    def values(self) -> Positions:
        """Where each value starts."""
        self._ready()
        return Positions(self.packed_values, self.files)

    @property
    def keys(self) -> Positions:
        """Where each mapping key starts."""
        self._ready()
        return Positions(self.packed_keys, self.files)

    def file_index(self, file: str) -> int:
        """The index of `file` in `files`, added if new: the low bits of its packed positions."""
        if file not in self.files:
            if len(self.files) > _FILE_MASK:
                raise ValueError(f"a source map holds at most {_FILE_MASK + 1:,} files")
            self.files.append(file)
        return self.files.index(file)

    def pack(self, file: str, line: int, column: int) -> int:
        """The packed position of `line` and `column` (counted from 1) in `file`."""
        return line << LINE_SHIFT | column << COLUMN_SHIFT | self.file_index(file)

    def locate(self, path: Path, *, key: bool = False) -> Location | None:
        """The location of `path`, or of its nearest ancestor that was written down.

        Args:
            path: The path to look up.
            key: Prefer the location of the mapping key over that of its value (for unknown fields).
        """
        self._ready()
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if key and (found := self.packed_keys.get(prefix)) is not None:
                return Location(*unpack(found, self.files))
            if (found := self.packed_values.get(prefix)) is not None:
                return Location(*unpack(found, self.files))
        return None

    def key_location(self, path: Path) -> Location | None:
        """Where the mapping key at exactly `path` was written, if it was."""
        self._ready()
        found = self.packed_keys.get(path)
        return None if found is None else Location(*unpack(found, self.files))

    def absorb(self, other: SourceMap, *, skip: Iterable[Path] = ()) -> None:
        """Add an included file's positions; this map's own entries, and paths under `skip`, are kept."""
        self._ready()
        other._ready()
        skipped = set(skip)
        lengths = {len(s) for s in skipped}
        files = [self.file_index(file) for file in other.files]
        for mine, theirs in ((self.packed_values, other.packed_values), (self.packed_keys, other.packed_keys)):
            for path, where in theirs.items():
                if path not in mine and not any(path[:length] in skipped for length in lengths):
                    mine[path] = where & ~_FILE_MASK | files[where & _FILE_MASK]
