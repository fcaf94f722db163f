"""Model files → `Model`: safe YAML, includes confined to the model's folder, extends, located schema errors."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError

from ..collector import paused
from ..diagnostics import Diagnostic, Report
from ..errors import ModelLoadError, UsageError
from ..locations import Location, SourceMap
from ..schema import SECTIONS, Model
from ..source.reader import Limits, ParsedFile, YamlProblem, parse_yaml, problem, read_text
from .extends import ModelRead, drop_without_extends, extend
from .merging import duplicate, duplicate_actual, merge, merge_actuals
from .schema_errors import translate
from .standards import BankReader, BankSource, inherit, mark, referenced, with_bank_files

FRAGMENT_KEYS = frozenset({*SECTIONS, "problem", "include", "actuals"})
"""Top-level keys an included file may hold."""

MONITORING_KEYS = frozenset({"actuals"})
"""Top-level keys a monitoring file may hold."""


def include_display(parent_display: str, entry: str) -> str:
    """How an included file is named in messages: relative to the including file's name as shown."""
    return os.path.normpath(os.path.join(os.path.dirname(parent_display), entry))


@dataclass(slots=True)
class LoadResult:
    """A model (or None when it could not be built) and every problem met building it, as `load_report`
    returns them."""

    model: Model | None
    """The model; None when the files could not be read into one."""
    report: Report
    """Every problem met reading the files: with errors the model is None; notes alone leave it."""
    files: list[FilePath] = field(default_factory=list)
    """Every file read: the model file first, then its includes and the models it extends."""


def load(
    path: str | os.PathLike[str],
    *,
    limits: Limits | None = None,
    text: str | None = None,
    banks: Sequence[str | os.PathLike[str]] | None = None,
) -> Model:
    """Load a model file and the files it includes and extends.

    Only the format is checked here: `validate` (or `check`, which does both) applies the rules.

    Args:
        path: The model file.
        limits: Bounds on what each file may cost to read (default: `Limits()`).
        text: The model file's text, read in place of the file at `path` (see `load_report`).
        banks: Indicator bank files read over the shipped bank (see `load_report`).

    Returns:
        The model.

    Raises:
        UsageError: the file does not exist or is not a file (and no `text` is given).
        ModelLoadError: the files could not be read into a model; its `report` has located diagnostics.

    Examples:
        >>> import tocmodel
        >>> model = tocmodel.load(tocmodel.shipped_model_path("ewaste-generic"))
        >>> model.model.id, model.model.start, model.model.languages
        ('ewaste-generic', 2027, ['en', 'fr'])
        >>> len(model.interventions), sorted(model.impact)
        (20, ['im-reduced-harm'])

        A file that cannot be read as a model stops the run, with every problem located:

        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder, "demo.yaml")
        ...     size = path.write_text('''tocmodel: 1
        ... model: {id: demo, titel: Demo, start: 2027}
        ... ''')
        ...     tocmodel.load(path)
        Traceback (most recent call last):
        ...
        tocmodel.errors.ModelLoadError: cannot load model: ...:2:19: TOC003 error: unknown field `titel` in `model`
    """
    result = load_report(path, limits=limits, text=text, banks=banks)
    if result.model is None or not result.report.ok:
        raise ModelLoadError(result.report)
    return result.model


def load_report(
    path: str | os.PathLike[str],
    *,
    limits: Limits | None = None,
    text: str | None = None,
    banks: Sequence[str | os.PathLike[str]] | None = None,
) -> LoadResult:
    """Load a model, returning the problems as data instead of raising (except for a missing file).

    Args:
        path: The model file.
        limits: Bounds on what each file may cost to read (default: `Limits()`).
        text: The model file's text, read in place of the file at `path`, which then need not exist: the
            model is loaded as if `path` held this text, so its includes and `extends` are the files beside
            `path` (how a diff tool reads an old version of a model from a temporary file). The size limit
            applies to the files read, not to this text.
        banks: Indicator bank files read over the shipped bank, for the model's `standard:` references; by
            default those named in the `[indicators]` table of a `tocmodel.toml` beside the model.

    Returns:
        The model (None when it could not be built), every problem met, and the files read.

    Raises:
        UsageError: the file does not exist or is not a file (and no `text` is given).

    Examples:
        >>> import pathlib, tempfile, tocmodel
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder, "demo.yaml")
        ...     size = path.write_text('''tocmodel: 1
        ... model: {id: demo, titel: Demo, start: soon}
        ... ''')
        ...     loaded = tocmodel.load_report(path)
        >>> loaded.model is None
        True
        >>> for problem in loaded.report.sorted():
        ...     print(f"{problem.location.line}:{problem.location.column}", problem.code, problem.message)
        ...     print("   ", problem.hint)
        2:19 TOC003 unknown field `titel` in `model`
            did you mean `title`?
        2:39 TOC004 `model.start`: expected a whole number, got `soon`
            First calendar year of the plan, e.g. `2027`.
    """
    file = FilePath(path)
    if text is None and not file.is_file():
        raise UsageError(f"{path}: no such file" if not file.exists() else f"{path}: not a file")
    root, limits, display = file.resolve().parent, limits or Limits(), str(path)
    # A first reading skips recording where each value was written: a model with no problem is never asked.
    named = None if banks is None else [(FilePath(bank).resolve(), str(bank)) for bank in banks]
    bank = BankSource(file, display, limits, named)
    quick = FileReader(root, limits, positions=False, texts=None if text is None else {file: text})
    # See `tocmodel.collector`: most of the loading time of a large model otherwise. The raw data is freed
    # before the collector resumes.
    with paused():
        model = _build(quick, file, display, bank)
    if model is not None and not quick.diagnostics:
        model.read_from(SourceMap.deferred(_Positions(root, limits, quick.texts, file, display)), model.lineage)
        return LoadResult(model, Report([]), with_bank_files(quick.files, model))
    reader = FileReader(root, limits, texts=quick.texts)  # the same texts again, recording positions
    with paused():
        model = _build(reader, file, display, bank)
    report = Report(reader.diagnostics)
    return LoadResult(model if report.ok else None, report, with_bank_files(reader.files, model))


@dataclass(frozen=True, slots=True)
class _Positions:
    """Reads the texts a quick reading read again, recording where each value and key of the model was written.

    A class rather than a closure, so a model whose positions are not read yet can be pickled (the live
    preview reads models in a worker process).
    """

    root: FilePath
    limits: Limits
    texts: dict[FilePath, str]
    file: FilePath
    display: str

    def __call__(self) -> SourceMap:
        reader = FileReader(self.root, self.limits, texts=self.texts)
        with paused():
            read = reader.read_model(self.file, self.display, extending=())
        return SourceMap() if read is None else read[1]


def _build(reader: FileReader, file: FilePath, display: str, bank_source: BankReader) -> Model | None:
    """Read the model file, its includes and what it extends into a `Model`; problems go to `reader.diagnostics`.

    Indicators that reference a standard take what they do not write from the indicator bank.
    """
    read = reader.read_model(file, display, extending=())
    if read is None:
        return None
    data, source_map, lineage = read
    bank, taken = None, []
    if referenced(data):
        bank, problems = bank_source()
        reader.diagnostics.extend(problems)
        taken = inherit(data, bank)
    try:
        model = Model.model_validate(data)
    except ValidationError as error:
        reader.diagnostics.extend(translate(error, source_map, Model))
        return None
    model.read_from(source_map, lineage)
    if bank is not None:
        model.standards_from(bank)
        mark(model, taken)
    return model


class FileReader:
    """Reads a model file and its includes, merging their sections; `extend` reads the models it extends with it.

    It is what `tocmodel.load.extends.Reader` describes: `extends` names only what it needs, so that the two
    modules do not import each other.
    """

    def __init__(
        self, root: FilePath, limits: Limits, *, positions: bool = True, texts: dict[FilePath, str] | None = None
    ) -> None:
        self.root = root
        self.limits = limits
        self.positions = positions
        """Record where each value and key was written (see `tocmodel.source.reader.parse_yaml`)."""
        self.texts: dict[FilePath, str] = {} if texts is None else texts
        """The text of each file read: a second reading sees what the first one saw."""
        self.diagnostics: list[Diagnostic] = []
        self.files: list[FilePath] = []
        self.included: dict[FilePath, Location] = {}
        """The files the model being read includes, with where each is included: a file is included once."""

    def parse(self, file: FilePath, display: str) -> ParsedFile | None:
        self.files.append(file)
        try:
            text = self.texts.get(file)
            if text is None:
                text = self.texts[file] = read_text(file, display=display, limits=self.limits)
            parsed = parse_yaml(text, display=display, limits=self.limits, positions=self.positions)
        except YamlProblem as failure:
            self.diagnostics.append(failure.diagnostic)
            return None
        self.diagnostics.extend(parsed.diagnostics)
        if parsed.data is None:
            self.diagnostics.append(
                problem(
                    "TOC006",
                    "empty-file",
                    "the file is empty",
                    Location(display, 1, 1),
                    "a model starts with `tocmodel: 1` and a `model:` section; see models/minimal.yaml",
                )
            )
            return None
        if not isinstance(parsed.data, dict):
            kind = "a list" if isinstance(parsed.data, list) else f"a single value ({type(parsed.data).__name__})"
            self.diagnostics.append(
                problem(
                    "TOC007",
                    "root-not-mapping",
                    f"the file holds {kind}, not a mapping of sections",
                    parsed.source_map.locate(()) or Location(display, 1, 1),
                    "the top level is `key: value` lines such as `tocmodel: 1` and `model:`",
                )
            )
            return None
        return parsed

    def beside(self, root: FilePath) -> FileReader:
        """A reader confined to another folder that shares this one's texts, problems and files."""
        other = FileReader(root, self.limits, positions=self.positions, texts=self.texts)
        other.diagnostics, other.files = self.diagnostics, self.files
        return other

    def read_model(self, file: FilePath, display: str, *, extending: tuple[FilePath, ...]) -> ModelRead | None:
        """A model file with its includes, laid over the model it extends (`extending`: the models extending it)."""
        self.included = {}
        read = self.read_tree(file, display, including=())
        if read is None:
            return None
        data, source_map = read
        if "extends" in data:
            return extend(self, data, source_map, file=file, display=display, extending=extending)
        if data.get("drop"):
            drop_without_extends(self.diagnostics, source_map, display)
        return data, source_map, None

    def read_tree(
        self, file: FilePath, display: str, *, including: tuple[FilePath, ...]
    ) -> tuple[dict[str, Any], SourceMap] | None:
        parsed = self.parse(file, display)
        if parsed is None:
            return None
        data: dict[str, Any] = parsed.data
        for key, allowed in (("include", FRAGMENT_KEYS), ("monitoring", MONITORING_KEYS)):
            listed = data.get(key, []) if key == "include" or not including else []
            entries = [listed] if isinstance(listed, str) else listed if isinstance(listed, list) else []
            for index, entry in enumerate(entries):
                where = parsed.source_map.locate((key, index)) or Location(display)
                parent = (file, display)
                self.include(data, parsed.source_map, parent, entry, where, (*including, file.resolve()), allowed)
        return data, parsed.source_map

    def include(
        self,
        data: dict[str, Any],
        source_map: SourceMap,
        parent: tuple[FilePath, str],
        entry: Any,
        where: Location,
        including: tuple[FilePath, ...],
        allowed: frozenset[str] = FRAGMENT_KEYS,
    ) -> None:
        monitoring = allowed is MONITORING_KEYS
        target = self.resolve_include(parent[0], entry, where, including, monitoring=monitoring)
        if (
            target is None
            or (read := self.read_tree(target, include_display(parent[1], entry), including=including)) is None
        ):
            return
        fragment, fragment_map = read
        what = "a monitoring file" if allowed is MONITORING_KEYS else "an included file"
        for key in fragment:
            if key not in allowed:
                self.diagnostics.append(
                    problem(
                        "TOC009",
                        "bad-include",
                        f"{what} cannot hold `{key}`",
                        fragment_map.locate((key,), key=True) or where,
                        f"{what} holds only these sections: {', '.join(sorted(allowed))}",
                    )
                )
            elif key != "include" and not isinstance(fragment[key], dict | None):
                kind = "a list" if isinstance(fragment[key], list) else "a single value"
                self.diagnostics.append(
                    problem(
                        "TOC004",
                        "invalid-value",
                        f"`{key}` is {kind}, not a mapping" + ("" if key == "problem" else " of ids to items"),
                        fragment_map.locate((key,)) or where,
                        "write its fields below it, as in the model file"
                        if key == "problem"
                        else f"write each item under its id, e.g. `{key}:` then `  some-id: {{...}}`",
                    )
                )
        duplicates = merge(data, fragment)
        for section, item_id in duplicates:
            self.diagnostics.append(duplicate(section, item_id, first=source_map, again=fragment_map))
        twice = merge_actuals(data, fragment)
        for path in twice:
            self.diagnostics.append(duplicate_actual(path, first=source_map, again=fragment_map))
        source_map.absorb(fragment_map, skip=[*duplicates, *twice])

    def resolve_include(
        self,
        parent: FilePath,
        entry: Any,
        where: Location,
        including: tuple[FilePath, ...],
        *,
        monitoring: bool = False,
    ) -> FilePath | None:
        def fail(message: str, hint: str) -> None:
            if monitoring:  # the same checks, in the words of a monitoring file
                message = message.replace("an include must", "a monitoring file must").replace(
                    "include `", "monitoring file `"
                )
                message = message.replace("included file `", "monitoring file `")
                hint = hint.replace("include: [actors.yaml]", "monitoring: [monitoring/2027.yaml]")
            self.diagnostics.append(problem("TOC009", "bad-include", message, where, hint))

        if not isinstance(entry, str) or not entry.strip():
            fail("an include must be a file path", "write `include: [actors.yaml]`")
            return None
        if os.path.isabs(entry):
            fail(f"include `{entry}` is an absolute path", "include files by a path relative to this file")
            return None
        target = (parent.parent / entry).resolve()
        if not target.is_relative_to(self.root):
            fail(
                f"include `{entry}` points outside the model's folder",
                "keep included files in the model's folder or below it",
            )
            return None
        if target in including:
            fail(
                f"include `{entry}` includes itself (through {' → '.join(p.name for p in including)})",
                "remove the include that closes the loop",
            )
            return None
        if not target.is_file():
            fail(f"included file `{entry}` does not exist", "check the file name and its folder")
            return None
        if (first := self.included.setdefault(target, where)) is not where:
            fail(f"`{entry}` is included a second time (first at {first})", "include each file once")
            return None
        return target
