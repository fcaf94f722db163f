"""The whole model file and the derived look-ups every later stage uses."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Self, TypeVar

from pydantic import ConfigDict, Field, PrivateAttr

from .bank import Bank
from .base import Strict
from .lineage import Lineage
from .monitoring import Actuals
from .plan import Actor, Meta, Stage
from .results import (
    Assumption,
    CauseLink,
    Impact,
    Indicator,
    Intervention,
    Outcome,
    Output,
    Problem,
    Risk,
    RootCause,
)
from .types import Id, IdList, YearSpan
from .vocabulary import RESULT_SECTIONS, SECTIONS, Kind

if TYPE_CHECKING:
    from ..locations import SourceMap

FORMAT_VERSION = 1

T = TypeVar("T")


class ValidationSettings(Strict):
    """Which validation rules run, and at what severity (rule codes or names)."""

    select: IdList = Field(default_factory=list)
    """Run only these rules (codes like `TOC205`, names, or code prefixes like `TOC2`)."""
    ignore: IdList = Field(default_factory=list)
    """Skip these rules."""
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    """Change a rule's severity: `{TOC205: error}`."""


class CauseEdge(NamedTuple):
    """A cause feeding another: `source` feeds `target`; `link` is its `feeds` entry (None for a deeper
    cause written under the cause, with nothing said of the link); `path` where it is written."""

    source: str
    target: str
    link: CauseLink | None
    path: tuple[str | int, ...]


class Model(Strict):
    """A theory-of-change intervention model."""

    model_config = ConfigDict(title="tocmodel intervention model")

    tocmodel: Literal[1]
    """Version of the file format; `1`."""
    model: Meta
    """What the model is about: id, title, country, plan start and length, languages."""
    include: list[str] = Field(default_factory=list)
    """Other YAML files, relative to this one, whose sections are merged into the model."""
    extends: str | None = None
    """The model this one starts from: a file relative to this one in its folder (`generic.yaml`), or a
    generic model shipped with tocmodel, named without `.yaml` (`ewaste-generic`). Everything in it is part
    of this model. An item written here with an id it has takes the fields written here and keeps the
    others (a list written here replaces the extended list whole); a new id adds an item, placed after the
    item written just before it; `model:`, `problem:` and `validation:` merge field by field. See
    docs/country-models.md."""
    drop: IdList = Field(default_factory=list)
    """Ids of the extended model's items to leave out: actors, stages, root causes (with the causes under
    them), interventions, outputs, outcomes, impact, assumptions or risks. `tocmodel check` lists them."""
    actors: dict[Id, Actor] = Field(default_factory=dict)
    """Stakeholders keyed by id."""
    stages: dict[Id, Stage] = Field(default_factory=dict)
    """Stages of the plan keyed by id, in order."""
    problem: Problem | None = None
    """The core problem and its root causes."""
    interventions: dict[Id, Intervention] = Field(default_factory=dict)
    """Activities keyed by id."""
    outputs: dict[Id, Output] = Field(default_factory=dict)
    """Outputs keyed by id."""
    outcomes: dict[Id, Outcome] = Field(default_factory=dict)
    """Outcomes keyed by id."""
    impact: dict[Id, Impact] = Field(default_factory=dict)
    """The impact (usually one) keyed by id."""
    assumptions: dict[Id, Assumption] = Field(default_factory=dict)
    """Assumptions keyed by id; links and results refer to them."""
    risks: dict[Id, Risk] = Field(default_factory=dict)
    """Risks keyed by id."""
    monitoring: list[str] = Field(default_factory=list)
    """Monitoring files, relative to this one and in its folder, that hold `actuals:` (say one file per
    reporting year, as data grows); their actuals join those written here. See docs/monitoring.md."""
    actuals: Actuals = Field(default_factory=dict)
    """Values measured, keyed by indicator id (given, or derived as `<result-id>.<n>`) and then by reporting
    period, a year or dated period: `{oc-collection.1: {2027: 0.07, 2028: {value: 0.09, status: validated}}}`."""
    validation: ValidationSettings | None = None
    """Rule selection and severity overrides for this model."""

    _source_map: SourceMap | None = PrivateAttr(default=None)
    _lineage: Lineage | None = PrivateAttr(default=None)
    _derived: dict[str, Any] = PrivateAttr(default_factory=dict)
    _bank: Bank | None = PrivateAttr(default=None)

    def read_from(self, source_map: SourceMap | None, lineage: Lineage | None = None) -> None:
        """Record where the model was read from: what the loader knows once it has built the model.

        Args:
            source_map: Where each part of the model was written.
            lineage: The models it extends and what it dropped from them.
        """
        self._source_map, self._lineage = source_map, lineage

    def standards_from(self, bank: Bank) -> None:
        """Record the indicator bank the model's `standard:` references were resolved against."""
        self._bank = bank

    def derived(self, key: str, make: Callable[[], T]) -> T:
        """A value a later floor derives from the model (the graph's results chain, say), made once per model.

        A model is treated as immutable once loaded, as its `kinds` and `root_causes` are: a model changed
        afterwards keeps what was derived before. What is derived is not pickled with the model.
        """
        if key not in self._derived:
            self._derived[key] = make()
        found: T = self._derived[key]
        return found

    def __copy__(self) -> Self:
        copied = super().__copy__()
        copied._derived = {}  # a copy may be changed (`model_copy(update=...)`): it derives its own
        return copied

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        copied = super().__deepcopy__(memo)
        copied._derived = {}
        return copied

    def __getstate__(self) -> dict[Any, Any]:
        state: dict[Any, Any] = super().__getstate__()
        private = state.get("__pydantic_private__")
        if private and private.get("_derived"):
            state["__pydantic_private__"] = {**private, "_derived": {}}
        return state

    @property
    def source_map(self) -> SourceMap | None:
        """Where each part of the model was written, when it was loaded from files."""
        return self._source_map

    @property
    def bank(self) -> Bank | None:
        """The indicator bank the loader resolved the model's `standard:` references against, if any."""
        return self._bank

    @property
    def lineage(self) -> Lineage | None:
        """The models this one extends and the items it dropped from them, when loaded from files that extend."""
        return self._lineage

    # -- derived look-ups ---------------------------------------------------------------------------

    @cached_property
    def root_causes(self) -> dict[str, RootCause]:
        """Every root cause, nested ones included, keyed by id."""
        found: dict[str, RootCause] = {}
        for cause_id, cause, _ in self.iter_root_causes():
            found.setdefault(cause_id, cause)
        return found

    def iter_root_causes(self) -> Iterator[tuple[str, RootCause, tuple[str | int, ...]]]:
        """Yield `(id, cause, path)` for every root cause, depth first, parents before children."""
        return iter(self.root_cause_entries)

    @cached_property
    def root_cause_entries(self) -> list[tuple[str, RootCause, tuple[str | int, ...]]]:
        """What `iter_root_causes` yields, found once: the model is treated as immutable once loaded."""
        return list(self._walk_root_causes())

    def _walk_root_causes(self) -> Iterator[tuple[str, RootCause, tuple[str | int, ...]]]:
        if self.problem is None:
            return
        stack: list[tuple[str, RootCause, tuple[str | int, ...]]] = [
            (cid, c, ("problem", "root_causes", cid)) for cid, c in self.problem.root_causes.items()
        ]
        stack.reverse()
        while stack:
            cause_id, cause, path = stack.pop()
            yield cause_id, cause, path
            children: list[tuple[str, RootCause, tuple[str | int, ...]]] = [
                (cid, c, (*path, "causes", cid)) for cid, c in cause.causes.items()
            ]
            stack.extend(reversed(children))

    @cached_property
    def cause_links(self) -> list[CauseEdge]:
        """Every link from a cause to the cause it feeds, in file order: a deeper cause to the one it is
        written under (with the evidence a `feeds` entry to it gives), then each other cause it `feeds`.
        Links to an id that is no root cause are left out (the reference rules report them)."""
        found: dict[tuple[str, str], CauseEdge] = {}
        for cause_id, cause, path in self.iter_root_causes():
            parent = str(path[-3]) if len(path) > 3 else None
            stated = {link.to: (index, link) for index, link in enumerate(cause.feeds)}
            if parent is not None:
                index, link = stated.get(parent, (None, None))
                where = (*path, "feeds", index) if index is not None else path
                found.setdefault((cause_id, parent), CauseEdge(cause_id, parent, link, where))
            for to, (index, link) in stated.items():
                if to != parent and to in self.root_causes:
                    found.setdefault((cause_id, to), CauseEdge(cause_id, to, link, (*path, "feeds", index)))
        return list(found.values())

    @cached_property
    def kinds(self) -> dict[str, Kind]:
        """The kind of every id in the model (the first definition wins for duplicates)."""
        kinds: dict[str, Kind] = dict.fromkeys(self.root_causes, "root_cause")
        for section, kind in SECTIONS.items():
            for item_id in getattr(self, section):
                kinds.setdefault(item_id, kind)
        for area in self.model.programme_areas:
            kinds.setdefault(area, "programme_area")
        return kinds

    def iter_indicators(self) -> Iterator[tuple[str, str, int, Indicator]]:
        """Yield `(section, owner_id, index, indicator)` for every indicator."""
        for section in RESULT_SECTIONS:
            owners: dict[str, Intervention | Output | Outcome | Impact] = getattr(self, section)
            for owner_id, owner in owners.items():
                for index, indicator in enumerate(owner.indicators):
                    yield section, owner_id, index, indicator

    @staticmethod
    def indicator_id(owner_id: str, index: int, indicator: Indicator) -> str:
        """The indicator's own id, or `<owner>.<n>` when it has none."""
        return indicator.id or f"{owner_id}.{index + 1}"

    @property
    def plan_years(self) -> range:
        """Calendar years of the plan."""
        return range(self.model.start, self.model.start + self.model.years)

    def calendar(self, span: YearSpan) -> tuple[int, int]:
        """Convert a span in plan or calendar years to calendar years."""
        if span.is_calendar:
            return span.first, span.last
        return self.model.start + span.first - 1, self.model.start + span.last - 1

    def intervention_years(self, intervention_id: str) -> tuple[int, int] | None:
        """Calendar years an intervention runs: its own years, else its stage's, else unknown."""
        intervention = self.interventions[intervention_id]
        if intervention.years is not None:
            return self.calendar(intervention.years)
        stage = self.stages.get(intervention.stage or "")
        return self.calendar(stage.years) if stage else None
