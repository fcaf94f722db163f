"""The model as plain data for the page: every box's details (statement, indicators with baseline and targets,
assumptions, risks, actors, stage) and the choices of the view switcher.

The page writes these texts with `textContent` only, so they reach the screen exactly as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..analysis.risk import risk_targets
from ..graph import iter_links
from ..load.bank import shipped_bank
from ..render.diagram.scene import LEVEL_STYLE, risk_band
from ..render.diagram.views import VIEWS
from ..schema import RESULT_KIND, Model
from ..schema.results import Indicator, Intervention, Link, Result
from ..schema.text import Translator

Data = dict[str, Any]


def model_details(model: Model, *, lang: str | None, version: int) -> Data:
    """What the page needs besides the picture, in one language (None: the model's first)."""
    languages = model.model.languages
    tr = Translator(lang or languages[0], languages[0])
    nodes = _Details(model, tr).all()
    return {
        "version": version,
        "id": model.model.id,
        "title": tr(model.model.title),
        "languages": list(languages),
        "lang": tr.language,
        "views": list(VIEWS),
        "stages": [{"id": s, "title": tr(stage.title)} for s, stage in model.stages.items()],
        "actors": [{"id": a, "title": tr(actor.name)} for a, actor in model.actors.items()],
        "results": [
            {"id": node_id, "title": node["title"], "kind": node["kind"]}
            for node_id, node in nodes.items()
            if node["pathway"]
        ],
        "nodes": nodes,
    }


class _Details:
    """Builds the details of every box the views draw."""

    def __init__(self, model: Model, tr: Translator) -> None:
        self.model = model
        self.tr = tr
        self.risks = risk_targets(model)
        self.incoming: dict[str, list[str]] = {}
        for ref in iter_links(model):
            self.incoming.setdefault(ref.link.to, []).append(ref.source)

    def all(self) -> dict[str, Data]:
        nodes: dict[str, Data] = {}
        if self.model.problem:
            nodes["problem"] = self.base("problem", "problem", self.model.problem.core, self.model.problem.description)
        for cause_id, _cause, _path in self.model.iter_root_causes():
            nodes.setdefault(cause_id, self.root_cause(cause_id))
        for section, kind in RESULT_KIND.items():
            for item_id, item in getattr(self.model, section).items():
                nodes.setdefault(item_id, self.result(item_id, kind, item))
        for actor_id in self.model.actors:
            nodes.setdefault(actor_id, self.actor(actor_id))
        return nodes

    def base(self, node_id: str, kind: str, title: Any, description: Any = None) -> Data:
        return {
            "id": node_id,
            "kind": kind,
            "level": LEVEL_STYLE[kind][0],
            "title": self.tr(title),
            "description": self.tr(description),
            "pathway": kind in RESULT_KIND.values(),
        }

    def root_cause(self, cause_id: str) -> Data:
        cause = self.model.root_causes[cause_id]
        found = self.base(cause_id, "root_cause", cause.title, cause.description)
        found["evidence"] = self.tr(cause.evidence)
        found["causes"] = self.refs(edge.source for edge in self.model.cause_links if edge.target == cause_id)
        found["feeds"] = [
            {
                **self.ref(edge.target),
                "evidence": (self.tr(edge.link.evidence) or None) if edge.link else None,
                "confidence": edge.link.confidence if edge.link else None,
            }
            for edge in self.model.cause_links
            if edge.source == cause_id
        ]
        found["addressedBy"] = self.refs(i for i, c in self.model.interventions.items() if cause_id in c.addresses)
        return found

    def result(self, item_id: str, kind: str, item: Intervention | Result) -> Data:
        found = self.base(item_id, kind, item.title, item.description)
        links: list[Link] = list(getattr(item, "leads_to", []))
        found["leadsTo"] = [{**self.ref(link.to), "assumptions": list(link.assumptions)} for link in links]
        found["from"] = self.refs(self.incoming.get(item_id, []))
        found["indicators"] = [
            self.indicator(indicator, self.model.indicator_id(item_id, index, indicator))
            for index, indicator in enumerate(item.indicators)
        ]
        own = [(a, None) for a in item.assumptions]
        on_links = [(a, link.to) for link in links for a in link.assumptions]
        found["assumptions"] = [self.assumption(a, to) for a, to in [*own, *on_links] if a in self.model.assumptions]
        found["risks"] = [self.risk(r) for r in dict.fromkeys(self.risks.get(item_id, [])) if r in self.model.risks]
        if isinstance(item, Intervention):
            found.update(self.intervention(item_id, item))
        else:
            found.update(self.contributors(item_id, item))
        return found

    def intervention(self, item_id: str, item: Intervention) -> Data:
        years = self.model.intervention_years(item_id)
        return {
            "stages": self.stage_refs([item.stage]),
            "years": None if years is None else f"{years[0]}–{years[1]}" if years[0] != years[1] else str(years[0]),
            "actors": self.actor_refs([(item.lead, "lead"), *((a, "support") for a in item.support)]),
            "addresses": self.refs(item.addresses),
        }

    def contributors(self, item_id: str, item: Result) -> Data:
        """A result's stages and actors: those of the interventions leading to it, and who measures it."""
        feeding = [self.model.interventions[i] for i in self.incoming.get(item_id, []) if i in self.model.interventions]
        responsible = [indicator.responsible for indicator in item.indicators]
        return {
            "stages": self.stage_refs(i.stage for i in feeding),
            "actors": self.actor_refs([*((i.lead, "lead") for i in feeding), *((a, "measures") for a in responsible)]),
        }

    def actor(self, actor_id: str) -> Data:
        actor = self.model.actors[actor_id]
        found = self.base(actor_id, "actor", actor.name, actor.description)
        found["type"] = actor.type
        found["leads"] = self.refs(i for i, item in self.model.interventions.items() if item.lead == actor_id)
        found["supports"] = self.refs(i for i, item in self.model.interventions.items() if actor_id in item.support)
        return found

    def indicator(self, indicator: Indicator, indicator_id: str) -> Data:
        baseline = indicator.baseline
        actuals = sorted(self.model.actuals.get(indicator_id, {}).items(), key=lambda found: str(found[0]))
        return {
            "id": indicator.id,
            "title": self.tr(indicator.title),
            "unit": self.tr(indicator.unit) or None,
            "measure": indicator.measure,
            "direction": indicator.direction,
            "baseline": None if baseline is None else {"value": baseline.value, "year": baseline.year},
            "targets": [[year, value] for year, value in sorted(indicator.targets.items())],
            "actuals": [[period, actual.value, actual.status] for period, actual in actuals],
            "source": self.tr(indicator.source),
            "frequency": indicator.frequency,
            "responsible": self.actor_name(indicator.responsible),
            "standard": self.standard(indicator),
        }

    def standard(self, indicator: Indicator) -> Data | None:
        """The standard the indicator references: its code, and where its definition is published."""
        if indicator.standard is None:
            return None
        found = (self.model.bank or shipped_bank()).get(indicator.standard)
        return {"code": indicator.standard, "url": found.url if found else None}

    def assumption(self, assumption_id: str, link_to: str | None) -> Data:
        assumption = self.model.assumptions[assumption_id]
        return {
            "id": assumption_id,
            "statement": self.tr(assumption.statement),
            "status": assumption.status,
            "confidence": assumption.confidence,
            "link": link_to,
        }

    def risk(self, risk_id: str) -> Data:
        risk = self.model.risks[risk_id]
        band, _ = risk_band(risk.score)
        return {
            "id": risk_id,
            "statement": self.tr(risk.statement),
            "category": risk.category,
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "score": risk.score,
            "band": band,
            "mitigation": self.tr(risk.mitigation),
            "owner": self.actor_name(risk.owner),
        }

    def ref(self, node_id: str) -> Data:
        """An id with the title of what it names ("" when it names nothing)."""
        for section in ("interventions", "outputs", "outcomes", "impact"):
            item = getattr(self.model, section).get(node_id)
            if item is not None:
                return {"id": node_id, "title": self.tr(item.title)}
        cause = self.model.root_causes.get(node_id)
        return {"id": node_id, "title": self.tr(cause.title) if cause else ""}

    def refs(self, node_ids: Iterable[str]) -> list[Data]:
        return [self.ref(node_id) for node_id in dict.fromkeys(node_ids)]

    def stage_refs(self, stage_ids: Iterable[str | None]) -> list[Data]:
        stages = self.model.stages
        return [{"id": s, "title": self.tr(stages[s].title)} for s in dict.fromkeys(stage_ids) if s and s in stages]

    def actor_refs(self, roles: Iterable[tuple[str | None, str]]) -> list[Data]:
        """Actors with every role they have here (`lead`, `support`, `measures`), in order of first mention."""
        found: dict[str, list[str]] = {}
        for actor_id, role in roles:
            if actor_id and actor_id in self.model.actors and role not in found.setdefault(actor_id, []):
                found[actor_id].append(role)
        return [{"id": a, "title": self.tr(self.model.actors[a].name), "roles": r} for a, r in found.items()]

    def actor_name(self, actor_id: str | None) -> str | None:
        actor = self.model.actors.get(actor_id or "")
        return self.tr(actor.name) if actor else actor_id
