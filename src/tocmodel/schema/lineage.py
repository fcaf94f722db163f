"""What a model that extends others keeps of them: the models it extends and the items it dropped.

The loader records it (`tocmodel.load.overlay` finds the drops, `tocmodel.load.extends` says where they are);
the model carries it (`Model.lineage`) for the rules and the notes that say what a country model left out of the
generic one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..locations import Path


@dataclass(frozen=True, slots=True)
class Dropped:
    """An item of an extended model that a `drop:` leaves out."""

    id: str
    kind: str
    """What it is, for messages: `actor`, `root cause`, `risk`, ..."""
    title: str
    """Its title, name or statement in the main language (empty when it has none)."""
    drop_path: Path
    """Where the `drop:` entry is, as a path of the loaded model's source map."""
    data_path: Path
    """Where the item was in the extended model's data, e.g. `("risks", "r-x")`."""
    replaced: bool = False
    """True when the dropping model writes the id again: the item is replaced whole."""
    base: str = ""
    """The model file it is defined in, as named in messages (set once the file is known)."""
    defined_path: Path = ()
    """Where the item is defined, as a path of the loaded model's source map (set with `base`)."""


@dataclass(slots=True)
class Lineage:
    """The models a loaded model extends, and what it left out of them."""

    bases: list[str] = field(default_factory=list)
    """The models extended, as named in messages: the one named by `extends:` first, then the one it extends."""
    dropped: list[Dropped] = field(default_factory=list)
    """Every item dropped, by this model and by the models it extends, in the order of their `drop:` lists."""

    def dropped_ids(self) -> dict[str, Dropped]:
        """The dropped items that are not written again, by id."""
        return {d.id: d for d in self.dropped if not d.replaced}
