"""What a validation rule is, and the context every rule reads from."""

from __future__ import annotations

import abc
import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from ..collector import paused
from ..diagnostics import Diagnostic, Severity
from ..graph import (
    LinkRef,
    ResultChain,
    build_graph,
    iter_links,
    model_causal_graph,
    result_links,
    search,
    shared_chain,
)
from ..locations import Location, Path
from ..schema import Indicator, Model
from ..schema.references import ReferenceField, iter_reference_fields, referenced_ids
from ..suggest import Suggester

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True, slots=True)
class IndicatorRef:
    """An indicator, its id (given or derived) and where it is written."""

    id: str
    indicator: Indicator
    path: Path


def iter_indicator_refs(model: Model) -> Iterator[IndicatorRef]:
    """Every indicator of the model, in file order."""
    for section, owner_id, index, indicator in model.iter_indicators():
        yield IndicatorRef(
            model.indicator_id(owner_id, index, indicator), indicator, (section, owner_id, "indicators", index)
        )


@dataclass
class Context:
    """The model under validation and what is derived from it once for all rules."""

    model: Model

    @cached_property
    def _suggesters(self) -> dict[frozenset[str], Suggester]:
        return {}

    def suggester(self, kinds: frozenset[str]) -> Suggester:
        """Suggestions among the ids of `kinds`, made once per validation (a file may misspell thousands)."""
        if kinds not in self._suggesters:
            self._suggesters[kinds] = Suggester(i for i, k in self.model.kinds.items() if k in kinds)
        return self._suggesters[kinds]

    @cached_property
    def graph(self) -> nx.DiGraph[str]:
        """The model's graph (see `tocmodel.graph`)."""
        return build_graph(self.model)

    @cached_property
    def causal(self) -> nx.DiGraph[str]:
        """Results and their causal links as a networkx graph, feedback links left out (`model_causal_graph`).

        The built-in rules read `chain`, the same nodes and links as plain dicts, which is cheaper to build.
        """
        return model_causal_graph(self.model)

    @cached_property
    def links(self) -> list[LinkRef]:
        """Every `leads_to` link of the model, in file order (see `tocmodel.graph.iter_links`)."""
        with paused():  # a large list that lives as long as the context (see `tocmodel.collector`)
            return list(iter_links(self.model))

    @cached_property
    def chain(self) -> ResultChain:
        """Results and their causal links, feedback links left out, as plain dicts (see `ResultChain`)."""
        with paused():
            return shared_chain(self.model, self.links)

    @cached_property
    def references(self) -> list[ReferenceField]:
        """Every field that refers from one part of the model to another (see `tocmodel.schema.references`)."""
        with paused():
            return list(iter_reference_fields(self.model))

    @cached_property
    def referenced(self) -> dict[frozenset[str], set[str]]:
        """Every id the model refers to, by the kinds it may name (see `tocmodel.schema.references.referenced_ids`)."""
        return referenced_ids(self.model)

    @cached_property
    def result_links(self) -> list[tuple[LinkRef, str, str]]:
        """Every link to an existing result, with the kinds at its ends (see `tocmodel.graph.result_links`)."""
        with paused():
            return list(result_links(self.model, self.links))

    @cached_property
    def indicators(self) -> list[IndicatorRef]:
        """Every indicator of the model, in file order."""
        return list(iter_indicator_refs(self.model))

    @cached_property
    def indicator_ids(self) -> dict[str, IndicatorRef]:
        """Every indicator by its id (given or derived); the first wins where two share one."""
        found: dict[str, IndicatorRef] = {}
        for ref in self.indicators:
            found.setdefault(ref.id, ref)
        return found

    @cached_property
    def reaches_impact(self) -> set[str]:
        """Interventions and results with a causal path to an impact (impacts included): one search."""
        chain = self.chain
        return search(chain.pred, [node for node, kind in chain.kind.items() if kind == "impact"])

    @cached_property
    def fed(self) -> set[str]:
        """Results with a causal path from an intervention (interventions included), found in one search."""
        chain = self.chain
        return search(chain.succ, [node for node, kind in chain.kind.items() if kind == "intervention"])

    def locate(self, path: Path, *, key: bool = False) -> Location | None:
        """Where `path` was written, if the model came from a file."""
        source_map = self.model.source_map
        return source_map.locate(path, key=key) if source_map else None


class Rule(abc.ABC):
    """A validation rule. Subclasses set the class attributes and implement `check`.

    The class docstring is the rule's documentation: its first line says what the rule finds, the rest
    why it matters. The rule's bad example is its fixture in `tests/fixtures/rules/`.
    """

    code: ClassVar[str]
    """Stable code, e.g. `TOC101`; never reused for another meaning."""
    name: ClassVar[str]
    """Stable kebab-case name, e.g. `dangling-reference`."""
    severity: ClassVar[Severity]
    """Default severity."""
    hint: ClassVar[str] = ""
    """How to fix a finding, when it is the same for every finding."""

    @classmethod
    def summary(cls) -> str:
        """What the rule finds, in one sentence: the first line of its docstring.

        Each rule's summary is a message of the documents' catalogues (`tocmodel.i18n`), so a document in
        another language says what a finding is about in that language.
        """
        return inspect.cleandoc(cls.__doc__ or cls.name).splitlines()[0]

    @abc.abstractmethod
    def check(self, context: Context) -> Iterator[Diagnostic]:
        """Yield a diagnostic for every finding."""

    def found(
        self, context: Context, message: str, path: Path, *, hint: str | None = None, key: bool = False
    ) -> Diagnostic:
        """A diagnostic of this rule at `path`."""
        return Diagnostic(
            self.code, self.severity, message, context.locate(path, key=key), hint or self.hint or None, self.name, path
        )
