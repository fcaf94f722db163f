"""`extends:`: a model that starts from another one (a country model from the coalition's generic model).

The extended model is named by a path relative to the model file, confined to the model's folder like
includes, or by the name of a generic model shipped with tocmodel (`extends: ewaste-generic`). It may
extend another in turn; a model that extends itself, directly or through others, is an error. The data
are laid over each other by `tocmodel.load.overlay`; here the files are found and read, problems reported
where they were written, and positions kept: a value inherited from the extended model is located in
that model's file, a value written in the extending model in its own.

What the extending models dropped is kept on the loaded model as its `Lineage`. The positions of the
`drop:` entries and of the dropped items, which are not part of the model's data, are kept in the
model's source map under paths starting with `LINEAGE`, so that they are read, like every other
position, only when asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path as FilePath
from typing import Any, Protocol

from ..diagnostics import Diagnostic
from ..locations import Location, Path, SourceMap
from ..schema.lineage import Lineage
from ..source.reader import problem
from ..suggest import did_you_mean
from .overlay import OWN_KEYS, Overlay, drop_ids, item_paths, overlay

SHIPPED_GENERICS = ("ewaste-generic",)
"""Generic models shipped with tocmodel, named without a path in `extends:` (files `models/<name>.yaml`)."""
LINEAGE = "@extends"
"""First part of the source-map paths of `drop:` entries and dropped items of the models extended."""
CODE, NAME = "TOC013", "bad-extends"
MAX_DEPTH = 32
"""Most models one model may extend through others (a chain longer than this is surely a mistake)."""

ModelRead = tuple[dict[str, Any], SourceMap, Lineage | None]
"""A model file's data, with its includes and what it extends merged in, its positions and lineage."""


class Reader(Protocol):
    """What `extend` needs of the loader's reader."""

    root: FilePath
    diagnostics: list[Diagnostic]

    def read_model(self, file: FilePath, display: str, *, extending: tuple[FilePath, ...]) -> ModelRead | None:
        """A model file read with its includes and what it extends."""

    def beside(self, root: FilePath) -> Reader:
        """A reader of the same texts confined to another folder (that of a shipped model)."""


def shipped_folder() -> FilePath:
    """The folder of the shipped generic models: inside the installed package, or `models/` of a checkout."""
    from importlib import resources

    packaged = FilePath(str(resources.files("tocmodel"))) / "models"
    return packaged if packaged.is_dir() else FilePath(__file__).resolve().parents[3] / "models"


def shipped_model(name: str) -> FilePath | None:
    """The file of the shipped generic model `name`, if there is one."""
    return shipped_folder() / f"{name}.yaml" if name in SHIPPED_GENERICS else None


def is_shipped_name(entry: str) -> bool:
    """Whether an `extends:` value names a shipped model rather than a file (no folder, no `.yaml`)."""
    return not any(mark in entry for mark in ("/", "\\")) and not entry.endswith((".yaml", ".yml"))


def extend(
    reader: Reader,
    data: dict[str, Any],
    source_map: SourceMap,
    *,
    file: FilePath,
    display: str,
    extending: tuple[FilePath, ...],
) -> ModelRead | None:
    """The model `data` read from `file` laid over the model it extends; None when that cannot be read.

    Args:
        reader: Reads the extended model (and what it extends in turn).
        data: The model file's data, includes merged.
        source_map: Its positions (empty in a reading that skips them); the extended model's are added.
        file: The model file.
        display: How the model file is named in messages.
        extending: The files of the models that extend this one, through `extends:`.
    """
    report = _Reporter(reader.diagnostics, source_map, display)
    drops = drop_ids(data.get("drop") or [])  # an empty `drop:` drops nothing
    if drops is None:
        report.fail(("drop",), "`drop` must be an id or a list of ids", "write `drop: [r-some-risk, i-some-step]`")
    found = _resolve(reader, data["extends"], file=file, extending=extending, report=report)
    if found is None or drops is None:
        return None
    base_reader, base_file, base_display = found
    base = base_reader.read_model(base_file, base_display, extending=(*extending, file.resolve()))
    if base is None:
        return None
    base_data, base_map, base_lineage = base
    if not isinstance(base_data.get("model"), dict):
        report.fail(
            ("extends",),
            f"`{data['extends']}` is not a model: it has no `model:` section",
            "extend a whole model file (with `tocmodel: 1` and `model:`), not a file it includes",
        )
        return None
    merged = overlay(base_data, data, drops)
    if "drop" in data:
        merged.data["drop"] = drops
    for index, item_id in merged.unknown:
        hint = did_you_mean(item_id, item_paths(base_data)) or "`drop:` names items of the extended model by id"
        report.fail(("drop", index), f"`{item_id}` is not in the extended model `{base_display}`", hint)
    _keep_positions(source_map, base_map, merged)
    lineage = _lineage(merged, base_display, base_lineage)
    return merged.data, source_map, lineage


def drop_without_extends(diagnostics: list[Diagnostic], source_map: SourceMap, display: str) -> None:
    """Report a `drop:` in a model that extends none."""
    _Reporter(diagnostics, source_map, display).fail(
        ("drop",),
        "`drop` leaves out items of an extended model, but this model has no `extends`",
        "add `extends:` naming the model to start from, or remove `drop`",
    )


@dataclass(slots=True)
class _Reporter:
    diagnostics: list[Diagnostic]
    source_map: SourceMap
    display: str

    def fail(self, path: Path, message: str, hint: str) -> None:
        where = self.source_map.locate(path) or Location(self.display)
        self.diagnostics.append(problem(CODE, NAME, message, where, hint))


def _resolve(
    reader: Reader, entry: Any, *, file: FilePath, extending: tuple[FilePath, ...], report: _Reporter
) -> tuple[Reader, FilePath, str] | None:
    """The reader, file and display name of the extended model; None (reported) when it cannot be used."""

    def fail(message: str, hint: str) -> None:
        report.fail(("extends",), message, hint)

    if not isinstance(entry, str) or not entry.strip():
        fail("`extends` must name a model", f"write a file beside this one or a shipped model: {_shipped_list()}")
        return None
    if is_shipped_name(entry):
        target = shipped_model(entry)
        if target is None:
            hint = did_you_mean(entry, SHIPPED_GENERICS) or (
                f"shipped generic models: {_shipped_list()}; to extend a file, write its name with `.yaml`"
            )
            fail(f"no generic model named `{entry}` is shipped with tocmodel", hint)
            return None
        return _checked(reader.beside(target.parent), target, str(target), entry, file, extending, fail)
    if os.path.isabs(entry):
        fail(f"`extends: {entry}` is an absolute path", "name the model by a path relative to this file")
        return None
    target = (file.parent / entry).resolve()
    if not target.is_relative_to(reader.root):
        fail(f"`extends: {entry}` points outside the model's folder", "keep the extended model in this folder or below")
        return None
    display = os.path.normpath(os.path.join(os.path.dirname(report.display), entry))
    return _checked(reader, target, display, entry, file, extending, fail)


def _checked(
    reader: Reader,
    target: FilePath,
    display: str,
    entry: str,
    file: FilePath,
    extending: tuple[FilePath, ...],
    fail: Callable[[str, str], None],
) -> tuple[Reader, FilePath, str] | None:
    """The extended model, unless it is this model, closes a cycle or is not a file."""
    if target == file.resolve():
        fail("the model extends itself", "name the generic model this one starts from")
        return None
    if len(extending) >= MAX_DEPTH:
        fail(f"`{entry}` is more than {MAX_DEPTH} models deep in a chain of `extends`", "extend a model nearer")
        return None
    if target in extending:
        names = " → ".join(p.name for p in (*extending[extending.index(target) :], file.resolve(), target))
        fail(f"`{entry}` extends this model in turn: a cycle ({names})", "remove the `extends` that closes the loop")
        return None
    if target.is_dir():
        fail(f"`{entry}` is a folder, not a model file", "name the model's YAML file")
        return None
    if not target.is_file():
        fail(f"extended model `{entry}` does not exist", _missing_hint(entry, target, file))
        return None
    return reader, target, display


def _missing_hint(entry: str, target: FilePath, file: FilePath) -> str:
    """What to write instead of an `extends` naming no file: the shipped model of that name, or a file nearby."""
    stem = FilePath(entry).stem
    if stem in SHIPPED_GENERICS:
        return f"to start from the generic model shipped with tocmodel, write `extends: {stem}` (no `.yaml`)"
    here = file.resolve()
    siblings = [p.name for p in target.parent.glob("*.y*ml") if p.resolve() != here] if target.parent.is_dir() else []
    return did_you_mean(target.name, siblings) or "check the file name"


def _shipped_list() -> str:
    return ", ".join(f"`{name}`" for name in SHIPPED_GENERICS)


def _keep_positions(source_map: SourceMap, base_map: SourceMap, merged: Overlay) -> None:
    """Add the extended model's positions to `source_map`, except those of values written over."""
    skip = [*merged.replaced, *(d.data_path for d in merged.removed), (LINEAGE,), *((key,) for key in OWN_KEYS)]
    moved = SourceMap(files=list(base_map.files))
    for mine, theirs in ((moved.packed_values, base_map.packed_values), (moved.packed_keys, base_map.packed_keys)):
        for path, packed in theirs.items():
            if (deeper := _deeper(path)) is not None:
                mine[deeper] = packed
        for dropped in merged.removed:
            if (found := theirs.get(dropped.data_path)) is not None:
                mine[_defined(1, dropped.id)] = found
    source_map.absorb(base_map, skip=skip)
    source_map.absorb(moved)


def _deeper(path: Path) -> Path | None:
    """Where a lineage position of an extended model goes in the map of the model extending it."""
    if path[:1] == ("drop",):
        return (LINEAGE, 1, *path)
    if path[:1] == (LINEAGE,) and len(path) > 1 and isinstance(path[1], int):
        return (LINEAGE, path[1] + 1, *path[2:])
    return None


def _defined(depth: int, item_id: str) -> Path:
    return (LINEAGE, depth, "defined", item_id)


def _lineage(merged: Overlay, base_display: str, base_lineage: Lineage | None) -> Lineage:
    inherited = base_lineage or Lineage()
    own = [replace(d, base=base_display, defined_path=_defined(1, d.id)) for d in merged.removed]
    deeper = [
        replace(d, drop_path=_deeper(d.drop_path) or (), defined_path=_deeper(d.defined_path) or ())
        for d in inherited.dropped
    ]
    return Lineage([base_display, *inherited.bases], [*own, *deeper])
