"""Hypothesis strategies for whole models, written as users write them: YAML text in a file.

`valid_models()` draws the plain data of a model that loads and validates without errors (warnings are
allowed), of varied shape: a few nodes or many, with or without stages, actors, indicators, risks,
assumptions and a second language, optional sections left out or written empty, and texts in any script
(emoji, right-to-left, CJK, combining marks), long texts, and text that looks like markup or formulas.
`expected_texts()` says which texts of such a model a reader must find, and `main_text()` how a text reads
in the model's main language. `mutated()` breaks a model's YAML text in the ways files get broken.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

LANGUAGE_SETS = (["en"], ["en", "fr"], ["fr", "ar"], ["zh"], ["pt-BR", "en"])
ACTOR_TYPES = ("ministry", "government-agency", "statistics-office", "pro", "ngo", "private-sector", "donor")
RISK_CATEGORIES = ("political", "institutional", "financial", "technical", "social", "legal", "other")
MEASURES = ("unit", "percentage", "nominal", "ordinal", "qualitative")
FREQUENCIES = ("once", "quarterly", "annual", "end-of-plan")
SAMPLES = (
    "مرحبا بالعالم",
    "הפסולת האלקטרונית",
    "电子废物回收",
    "ごみの分別",
    "폐기물",
    "♻️🌍",
    "👩🏽‍🔧",
    "e\u0301te\u0301",
    "\u200fRTL mark",
    "\u202eoverride\u202c",
    "Ñandú",
    "<b>bold</b>",
    "&amp;",
    "{{ 7*7 }}",
    "{% raw %}",
    "\\N \\G \\",
    '"quoted"',
    "'single'",
    "=SUM(A1)",
    "+1",
    "-minus",
    "@at",
    "# hash",
    "| pipe |",
    "`code`",
    "[link](x)",
    "*star* _under_",
    "1.",
    "%% not a comment",
    "null",
    "yes",
    "123",
    "1e3",
    "a: b",
    "- item",
    "]]>",
    "<![CDATA[x]]>",
)
"""Fragments that scripts, escaping, YAML typing and spreadsheet formulas get wrong."""

_WORDS = st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=12)
_UNICODE = st.text(
    alphabet=st.characters(categories=("L", "M", "N", "P", "S"), exclude_characters="\ufffe\uffff"),
    min_size=1,
    max_size=10,
)
_TOKENS = st.one_of(_WORDS, _WORDS, _UNICODE, st.sampled_from(SAMPLES))
_SEPARATORS = st.sampled_from([" ", " ", " ", "  ", "\u00a0", "\u3000", "\n"])


@st.composite
def phrases(draw: st.DrawFn, *, long: bool = False) -> str:
    """A text that is not blank: a few tokens of any script, or (long=True, or sometimes) a paragraph."""
    most = 80 if long or draw(st.integers(0, 9)) == 0 else 6
    tokens = draw(st.lists(_TOKENS, min_size=1, max_size=most))
    text = tokens[0]
    for token in tokens[1:]:
        text += draw(_SEPARATORS) + token
    return text


@dataclass
class Drawing:
    """How to draw the texts of one model: its languages and whether texts come per language."""

    languages: list[str]
    per_language: bool

    def text(self, draw: st.DrawFn, *, long: bool = False) -> Any:
        """A text: a plain string, or (for several languages) a map with the main language and maybe others."""
        main = draw(phrases(long=long))
        if not self.per_language or draw(st.booleans()):
            return main
        texts = {self.languages[0]: main}
        for other in self.languages[1:]:
            if draw(st.integers(0, 3)):  # now and then a translation is missing: a warning, not an error
                texts[other] = draw(phrases())
        return texts


def main_text(text: Any, languages: list[str]) -> str:
    """How a text reads in the model's main language."""
    if isinstance(text, dict):
        return str(text.get(languages[0]) or next(iter(text.values())))
    return str(text)


def _ids(draw: st.DrawFn, prefix: str, count: int) -> list[str]:
    """`count` ids starting with `prefix` (unique: the number comes before a separator)."""
    suffix = st.text(alphabet=string.ascii_letters + string.digits + "_.-", max_size=6)
    return [f"{prefix}{n}" + (f"-{draw(suffix)}" if draw(st.integers(0, 3)) == 0 else "") for n in range(count)]


@dataclass
class Shape:
    """How many of each thing a model has."""

    causes: int
    interventions: int
    outputs: int
    outcomes: int
    impacts: int
    actors: int
    stages: int
    assumptions: int
    risks: int


@st.composite
def shapes(draw: st.DrawFn) -> Shape:
    """Mostly small models, sometimes large ones (up to about 60 nodes)."""
    scale = 10 if draw(st.integers(0, 4)) == 0 else 3
    count = st.integers(0, scale)
    return Shape(
        causes=draw(count),
        interventions=draw(st.integers(1, scale)),
        outputs=draw(count),
        outcomes=draw(count),
        impacts=draw(st.integers(1, 2)),
        actors=draw(count),
        stages=draw(st.integers(0, 3)),
        assumptions=draw(count),
        risks=draw(count),
    )


@dataclass
class _Builder:
    """Draws the sections of one model in an order where every reference points at something drawn."""

    draw: st.DrawFn
    texts: Drawing
    start: int
    years: int
    data: dict[str, Any] = field(default_factory=dict)

    def text(self, *, long: bool = False) -> Any:
        return self.texts.text(self.draw, long=long)

    def maybe(self, item: dict[str, Any], key: str, value: Any) -> None:
        """Set an optional field half of the time."""
        if self.draw(st.booleans()):
            item[key] = value

    def some(self, options: list[str], most: int = 2) -> list[str]:
        return self.draw(st.lists(st.sampled_from(options), unique=True, max_size=most)) if options else []

    def span(self, first: int, last: int) -> tuple[int, int]:
        """A span of plan years inside `first`..`last`."""
        low = self.draw(st.integers(first, last))
        return low, self.draw(st.integers(low, last))

    def years_text(self, first: int, last: int) -> Any:
        """A span written as plan years (`2`, `1-3`) or calendar years (`2027-2029`)."""
        if self.draw(st.booleans()):
            return first if first == last and self.draw(st.booleans()) else f"{first}-{last}"
        return f"{self.start + first - 1}-{self.start + last - 1}"


def _meta(b: _Builder) -> dict[str, Any]:
    meta: dict[str, Any] = {"id": b.draw(st.sampled_from(["m", "model-1", "ewaste.KE_v2"])), "title": b.text()}
    meta["start"] = b.start
    if b.years != 5 or b.draw(st.booleans()):
        meta["years"] = b.years
    if b.texts.languages != ["en"] or b.draw(st.booleans()):
        meta["languages"] = b.texts.languages
    b.maybe(meta, "country", b.draw(st.sampled_from(["GH", "KE", "BR", "JP"])))
    b.maybe(meta, "description", b.text(long=True))
    b.maybe(meta, "version", b.draw(st.sampled_from(["1.0", "2", "0.3-draft"])))
    b.maybe(meta, "date", f"{b.start - 1}-11-01")
    return meta


def _problem(b: _Builder, shape: Shape) -> tuple[dict[str, Any] | None, list[str]]:
    """The problem with its root causes (some with deeper causes), and every cause's id."""
    if not shape.causes and b.draw(st.booleans()):
        return None, []
    all_ids: list[str] = []
    top: dict[str, Any] = {}
    for cause_id in _ids(b.draw, "rc", shape.causes):
        cause: dict[str, Any] = {"title": b.text()}
        all_ids.append(cause_id)
        deeper = b.draw(st.integers(0, 2)) if b.draw(st.integers(0, 2)) == 0 else 0
        if deeper:
            cause["causes"] = {}
            for n in range(deeper):
                all_ids.append(f"{cause_id}.{n}")
                cause["causes"][f"{cause_id}.{n}"] = {"title": b.text()}
        b.maybe(cause, "evidence", b.text())
        top[cause_id] = cause
    problem: dict[str, Any] = {"core": b.text()}
    b.maybe(problem, "description", b.text(long=True))
    if bool(top) or b.draw(st.booleans()):
        problem["root_causes"] = top
    return problem, all_ids


def _stages(b: _Builder, count: int) -> dict[str, Any]:
    """Stages that start in order, each maybe after the one before."""
    stages: dict[str, Any] = {}
    first = 1
    for n, stage_id in enumerate(_ids(b.draw, "st", count)):
        first, last = b.span(first, b.years)
        stage: dict[str, Any] = {"title": b.text(), "years": b.years_text(first, last)}
        if n and b.draw(st.booleans()):
            stage["after"] = list(stages)[-1]
        b.maybe(stage, "deliverables", [b.text() for _ in range(b.draw(st.integers(1, 2)))])
        stage["_span"] = (first, last)
        stages[stage_id] = stage
    return stages


def _indicator(b: _Builder, owner: str, n: int, actors: list[str]) -> dict[str, Any]:
    value = st.one_of(st.integers(-1000, 10**6), st.sampled_from(["TBD", "high", "0.5 t", "yes"]))
    indicator: dict[str, Any] = {"title": b.text()}
    if b.draw(st.integers(0, 5)) == 0:
        indicator["id"] = f"{owner}.k{n}"
    b.maybe(indicator, "unit", b.draw(st.sampled_from(["%", "kg/inh", "laws", "t"])))
    b.maybe(indicator, "measure", b.draw(st.sampled_from(MEASURES)))
    b.maybe(indicator, "direction", b.draw(st.sampled_from(["increase", "decrease", "maintain"])))
    target_years = b.draw(st.lists(st.integers(b.start, b.start + b.years - 1), unique=True, max_size=3))
    if target_years:
        indicator["targets"] = {year: b.draw(value) for year in sorted(target_years)}
    if b.draw(st.booleans()):
        latest = min(target_years, default=b.start + b.years - 1)
        baseline: dict[str, Any] = {
            "value": b.draw(st.one_of(value, st.none())),
            "year": latest - b.draw(st.integers(0, 3)),
        }
        b.maybe(baseline, "note", b.text())
        indicator["baseline"] = baseline
    b.maybe(indicator, "source", b.text())
    b.maybe(indicator, "frequency", b.draw(st.sampled_from(FREQUENCIES)))
    if actors:
        b.maybe(indicator, "responsible", b.draw(st.sampled_from(actors)))
    b.maybe(
        indicator, "disaggregation", b.draw(st.lists(st.sampled_from(["sex", "region", "EEE category"]), unique=True))
    )
    return indicator


def _indicators(b: _Builder, owner: str, actors: list[str], *, often: bool) -> list[dict[str, Any]]:
    if not b.draw(st.integers(0, 3 if often else 9)):
        return []
    return [_indicator(b, owner, n, actors) for n in range(b.draw(st.integers(1, 3)))]


def _links(b: _Builder, targets: list[str], assumptions: list[str], *, at_least: int = 0) -> list[Any]:
    """Links to some of `targets`: bare ids or written in full with assumptions."""
    chosen = b.draw(st.lists(st.sampled_from(targets), unique=True, min_size=at_least, max_size=3)) if targets else []
    links: list[Any] = []
    for target in chosen:
        if b.draw(st.booleans()):
            links.append(target)
            continue
        link: dict[str, Any] = {"to": target}
        if assumptions:
            link["assumptions"] = b.some(assumptions)
        b.maybe(link, "evidence", b.text())
        b.maybe(link, "confidence", b.draw(st.sampled_from(["low", "medium", "high"])))
        links.append(link)
    return links


def _results(b: _Builder, ids: dict[str, list[str]], actors: list[str], assumptions: list[str]) -> None:
    """Outputs, outcomes and impacts, each linking only forward (feedback links aside)."""
    outcomes = ids["outcomes"]
    for output_id in ids["outputs"]:
        output: dict[str, Any] = {"title": b.text(), "leads_to": _links(b, outcomes or ids["impact"], assumptions)}
        b.maybe(output, "description", b.text(long=True))
        b.maybe(output, "indicators", _indicators(b, output_id, actors, often=True))
        if assumptions:
            b.maybe(output, "assumptions", b.some(assumptions))
        b.data["outputs"][output_id] = output
    for n, outcome_id in enumerate(outcomes):
        links = _links(b, outcomes[n + 1 :] + ids["impact"], assumptions, at_least=1)
        if n and b.draw(st.integers(0, 4)) == 0:
            links.append({"to": b.draw(st.sampled_from(outcomes[:n])), "feedback": True})
        outcome: dict[str, Any] = {"title": b.text(), "leads_to": links}
        b.maybe(outcome, "kind", "end" if n == len(outcomes) - 1 else "intermediate")
        b.maybe(outcome, "indicators", _indicators(b, outcome_id, actors, often=True))
        b.data["outcomes"][outcome_id] = outcome
    for impact_id in ids["impact"]:
        impact: dict[str, Any] = {"title": b.text(), "indicators": _indicators(b, impact_id, actors, often=True)}
        b.maybe(impact, "description", b.text(long=True))
        b.data["impact"][impact_id] = impact


def _interventions(
    b: _Builder, ids: dict[str, list[str]], causes: list[str], actors: list[str], stages: dict[str, Any]
) -> None:
    for intervention_id in ids["interventions"]:
        item: dict[str, Any] = {"title": b.text()}
        first, last = 1, b.years
        if bool(stages) and b.draw(st.integers(0, 3)):
            item["stage"] = b.draw(st.sampled_from(list(stages)))
            first, last = stages[item["stage"]]["_span"]
        if b.draw(st.booleans()):
            item["years"] = b.years_text(*b.span(first, last))
        if causes:
            b.maybe(item, "addresses", b.some(causes))
        if actors:
            b.maybe(item, "lead", b.draw(st.sampled_from(actors)))
            b.maybe(item, "support", b.some(actors))
        item["leads_to"] = _links(b, ids["outputs"] or ids["outcomes"] or ids["impact"], [], at_least=1)
        b.maybe(item, "indicators", _indicators(b, intervention_id, actors, often=False))
        b.data["interventions"][intervention_id] = item


def _risks(b: _Builder, count: int, targets: list[str], actors: list[str]) -> dict[str, Any]:
    risks: dict[str, Any] = {}
    for risk_id in _ids(b.draw, "r", count):
        scale = st.integers(1, 5)
        risk: dict[str, Any] = {
            "statement": b.text(),
            "category": b.draw(st.sampled_from(RISK_CATEGORIES)),
            "likelihood": b.draw(scale),
            "impact": b.draw(scale),
        }
        b.maybe(risk, "mitigation", b.text())
        if actors:
            b.maybe(risk, "owner", b.draw(st.sampled_from(actors)))
        b.maybe(risk, "affects", b.some(targets, 3))
        risks[risk_id] = risk
    return risks


@st.composite
def valid_models(draw: st.DrawFn) -> dict[str, Any]:
    """The plain data of a model with no errors (it may have warnings)."""
    languages = draw(st.sampled_from(LANGUAGE_SETS))
    texts = Drawing(list(languages), per_language=len(languages) > 1 and draw(st.booleans()))
    b = _Builder(draw, texts, start=draw(st.integers(1995, 2090)), years=draw(st.integers(1, 8)))
    shape = draw(shapes())
    b.data = {"tocmodel": 1, "model": _meta(b)}
    actors = {
        actor_id: {"name": b.text(), "type": draw(st.sampled_from(ACTOR_TYPES))}
        for actor_id in _ids(draw, "act", shape.actors)
    }
    for actor in actors.values():
        b.maybe(actor, "short", draw(st.sampled_from(["MoE", "EPA", "NSO", "Ω"])))
    stages = _stages(b, shape.stages)
    problem, causes = _problem(b, shape)
    assumptions = {a: {"statement": b.text()} for a in _ids(draw, "a", shape.assumptions)}
    for assumption in assumptions.values():
        b.maybe(assumption, "status", draw(st.sampled_from(["untested", "holding", "at-risk", "failed"])))
    ids = {
        "interventions": _ids(draw, "i", shape.interventions),
        "outputs": _ids(draw, "out", shape.outputs),
        "outcomes": _ids(draw, "oc", shape.outcomes),
        "impact": _ids(draw, "im", shape.impacts),
    }
    if bool(actors) or draw(st.booleans()):
        b.data["actors"] = actors
    if bool(stages) or draw(st.booleans()):
        b.data["stages"] = stages
    if problem is not None:
        b.data["problem"] = problem
    for section in ids:
        b.data[section] = {}
    _interventions(b, ids, causes, list(actors), stages)
    _results(b, ids, list(actors), list(assumptions))
    for stage in stages.values():
        del stage["_span"]
    if bool(assumptions) or draw(st.booleans()):
        b.data["assumptions"] = assumptions
    every = [i for section in ids.values() for i in section] + list(stages)
    risks = _risks(b, shape.risks, every, list(actors))
    if bool(risks) or draw(st.booleans()):
        b.data["risks"] = risks
    return b.data


def model_yaml(data: dict[str, Any], *, flow: bool = False) -> str:
    """The model as YAML text, in block style or (flow=True) with inner mappings written inline."""
    return yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None if flow else False
    )


def write_model(data: dict[str, Any], folder: Path, *, name: str = "model.yaml", flow: bool = False) -> Path:
    """Write the model where a user would keep it and return the file's path."""
    path = folder / name
    path.write_text(model_yaml(data, flow=flow), encoding="utf-8")
    return path


def iter_causes(causes: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every root cause of a tree, deeper causes included, as (id, cause)."""
    found: list[tuple[str, dict[str, Any]]] = []
    for cause_id, cause in causes.items():
        found.append((cause_id, cause))
        found.extend(iter_causes(cause.get("causes", {})))
    return found


def expected_texts(data: dict[str, Any], *, sections: tuple[str, ...]) -> dict[str, str]:
    """The main-language texts of the given kinds of thing, by where they come from.

    Kinds: `title` (the model's), `core`, `root_causes`, `interventions`, `outputs`, `outcomes`, `impact`,
    `indicators`, `assumptions`, `risks` (statement and mitigation), `actors`, `stages`.
    """
    languages = data["model"].get("languages", ["en"])
    wanted: dict[str, str] = {}

    def add(where: str, text: Any) -> None:
        if text is not None:
            wanted[where] = main_text(text, languages)

    problem = data.get("problem") or {}
    if "title" in sections:
        add("model title", data["model"]["title"])
    if "core" in sections and problem:
        add("problem core", problem["core"])
    if "root_causes" in sections:
        for cause_id, cause in iter_causes(problem.get("root_causes", {})):
            add(f"root cause {cause_id}", cause["title"])
    for section in ("interventions", "outputs", "outcomes", "impact"):
        for item_id, item in data.get(section, {}).items():
            if section in sections:
                add(f"{section} {item_id}", item["title"])
            if "indicators" in sections:
                for n, indicator in enumerate(item.get("indicators", [])):
                    add(f"indicator {item_id}[{n}]", indicator["title"])
    if "assumptions" in sections:
        for assumption_id, assumption in data.get("assumptions", {}).items():
            add(f"assumption {assumption_id}", assumption["statement"])
    if "risks" in sections:
        for risk_id, risk in data.get("risks", {}).items():
            add(f"risk {risk_id}", risk["statement"])
            add(f"risk {risk_id} mitigation", risk.get("mitigation"))
    if "actors" in sections:
        for actor_id, actor in data.get("actors", {}).items():
            add(f"actor {actor_id}", actor["name"])
    if "stages" in sections:
        for stage_id, stage in data.get("stages", {}).items():
            add(f"stage {stage_id}", stage["title"])
    return wanted


# -- breaking a model's text ------------------------------------------------------------------------------

WRONG_VALUES = (
    "[1, 2]",
    "{a: b}",
    "yes",
    "-3",
    "''",
    "null",
    "~",
    "&anchor x",
    "*nowhere",
    "!!python/object/apply:os.system ['true']",
    "'unterminated",
    '"bad \\x escape"',
    "1e999",
    "2027-13-45",
    "|",
    "? complex",
    "- a list item",
    "99999999999999999999999",
)
"""Values of the wrong type, or not YAML at all, to put where a value was."""


def _lines(text: bytes) -> list[bytes]:
    return text.split(b"\n")


@st.composite
def _mutation(draw: st.DrawFn, text: bytes) -> bytes:
    """`text` broken in one way."""
    lines = _lines(text)
    index = draw(st.integers(0, max(len(lines) - 1, 0)))
    kind = draw(
        st.sampled_from(
            ["delete", "swap", "indent", "dedent", "truncate", "wrong-value", "duplicate", "bytes", "tab", "tab-indent"]
        )
    )
    if kind == "delete":
        del lines[index]
    elif kind == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], lines[index]
    elif kind == "indent":
        lines[index] = b" " * draw(st.integers(1, 5)) + lines[index]
    elif kind == "dedent":
        lines[index] = lines[index].lstrip(b" ")[: len(lines[index])] if draw(st.booleans()) else lines[index][1:]
    elif kind == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    elif kind == "wrong-value":
        key, colon, _ = lines[index].partition(b":")
        wrong = draw(st.sampled_from(WRONG_VALUES)).encode("utf-8")
        lines[index] = key + b": " + wrong if colon else wrong
    elif kind == "duplicate":
        lines.insert(index, lines[index])
    elif kind == "bytes":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.binary(min_size=1, max_size=8)) + text[at:]
    elif kind == "tab":
        lines[index] = b"\t"
    else:
        lines[index] = b"\t" + lines[index].lstrip(b" ")
    return b"\n".join(lines)


@st.composite
def mutated(draw: st.DrawFn, text: bytes) -> bytes:
    """`text` broken in one to three ways."""
    for _ in range(draw(st.integers(1, 3))):
        text = draw(_mutation(text))
    return text
