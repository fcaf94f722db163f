"""The analysis, checked against numbers worked out by hand on small models, and `tocmodel analyse`.

Random models checked against brute force live in `test_analysis_properties.py`.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

import tocmodel
from conftest import MODELS, run_cli
from tocmodel.analysis import (
    Analysis,
    CauseCoverage,
    Exposure,
    LateCause,
    SinglePoint,
    StagePlan,
    Workload,
    YearPlan,
    analyse,
    causal_dag,
    what_if,
)
from tocmodel.analysis.export import analysis_json_schema, analysis_to_dict
from tocmodel.schema import Model

HEADER = "tocmodel: 1\nmodel: {id: hand, title: Worked by hand, start: 2027}\n"


def parse(text: str) -> Model:
    """A model from YAML written without the `tocmodel` and `model` header."""
    return Model.model_validate(yaml.safe_load(HEADER + textwrap.dedent(text)))


# The main worked example. Causal links (feedback link oc-end -> oc-p left out of the DAG):
#
#   i-a ──► o-x ──[a-one]──► oc-p ──[a-one]──► oc-end ──[a-top]──► im
#     └───► o-y ──[a-two]──►  ▲                  ▲
#   i-b ──►  └──────────────► oc-q [a-res] ──────┘
#   i-c ──► o-z (dead end)
#   i-d (no links)                                  o-w (produced by nobody)
#
# Paths to the impact:  P1 i-a o-x oc-p oc-end im    P2 i-a o-y oc-p oc-end im    P3 i-a o-y oc-q oc-end im
#                       P4 i-b o-y oc-p oc-end im    P5 i-b o-y oc-q oc-end im    -> 5 paths.
MAIN = """
actors:
  moe: {name: Ministry, type: ministry}
  nso: {name: Statistics, type: statistics-office}
  ngo: {name: NGO, type: ngo}
  idle: {name: Unused, type: other}
stages:
  s1: {title: First, years: 1-2}
  s2: {title: Second, years: 2-4, after: [s1]}
  s3: {title: Third, years: 3-4, after: [s1]}
  s4: {title: Fourth, years: 5, after: [s2]}
problem:
  core: The problem
  root_causes:
    rc-top:
      title: Top cause
      causes:
        rc-mid:
          title: Middle cause
          causes:
            rc-deep: {title: Deep cause}
        rc-side: {title: Side cause}
    rc-open: {title: Open cause}
    rc-direct: {title: Direct cause}
interventions:
  i-a:
    title: A
    stage: s1
    lead: moe
    support: [nso, ngo]
    addresses: [rc-deep]
    leads_to: [o-x, o-y]
    indicators:
      - {title: Activity, targets: {2028: 1}, source: Reports}
  i-b:
    title: B
    stage: s2
    years: 2-3
    lead: nso
    support: ngo
    addresses: [rc-direct, rc-direct]
    needs: [o-y]
    leads_to: [o-y]
  i-c:
    title: C
    stage: s3
    lead: moe
    addresses: rc-side
    needs: [o-x]
    leads_to: [o-z]
  i-d:
    title: D
    stage: s2
    years: 2
    support: [moe, moe]
    needs: [o-z, o-w]
outputs:
  o-x:
    title: X
    leads_to: [{to: oc-p, assumptions: [a-one]}]
  o-y:
    title: Y
    leads_to: [{to: oc-p, assumptions: [a-two]}, oc-q]
  o-z: {title: Z}
  o-w: {title: W}
outcomes:
  oc-p:
    title: P
    leads_to: [{to: oc-end, assumptions: [a-one]}]
    indicators:
      - {title: No source, baseline: {value: 1, year: 2026}, targets: {2031: 2}}
  oc-q:
    title: Q
    assumptions: [a-res]
    leads_to: [oc-end]
  oc-end:
    title: End
    kind: end
    leads_to:
      - {to: im, assumptions: [a-top]}
      - {to: oc-p, feedback: true}
    indicators:
      - {title: Full, baseline: {value: 0, year: 2026}, targets: {2031: 10}, source: Survey}
impact:
  im:
    title: Impact
    indicators:
      - {id: im-ind, title: Not yet known, baseline: {year: 2026}, targets: {2031: 1}, source: Statistics}
assumptions:
  a-one: {statement: One}
  a-two: {statement: Two}
  a-res: {statement: Result rests on it}
  a-top: {statement: Top}
  a-unused: {statement: Carried by nothing}
risks:
  r-stage: {statement: Stage risk, category: political, likelihood: 4, impact: 4,
            mitigation: M, owner: moe, affects: [s2]}
  r-out: {statement: Output risk, category: technical, likelihood: 3, impact: 3, mitigation: M, affects: [o-x]}
  r-end: {statement: Two targets, category: financial, likelihood: 2, impact: 5,
          mitigation: M, owner: nso, affects: [oc-q, i-b, oc-q]}
  r-alpha: {statement: Ties with r-stage, category: social, likelihood: 4, impact: 4, affects: [oc-q]}
"""


@pytest.fixture(scope="module")
def main() -> Model:
    return parse(MAIN)


@pytest.fixture(scope="module")
def result(main: Model) -> Analysis:
    return analyse(main)


# -- path counts ------------------------------------------------------------------------------------


def test_path_counts_per_node(main: Model) -> None:
    dag = causal_dag(main)
    assert dag.total == 5
    assert dag.into == {
        # every intervention starts one path of its own
        **{"i-a": 1, "i-b": 1, "i-c": 1, "i-d": 1},
        **{"o-x": 1, "o-y": 2, "o-z": 1, "o-w": 0},
        # oc-p: o-x (1) + o-y (2); the feedback link from oc-end adds nothing
        **{"oc-p": 3, "oc-q": 2, "oc-end": 5, "im": 5},
    }
    assert dag.onward == {
        **{"i-a": 3, "i-b": 2, "i-c": 0, "i-d": 0},
        **{"o-x": 1, "o-y": 2, "o-z": 0, "o-w": 0},
        **{"oc-p": 1, "oc-q": 1, "oc-end": 1, "im": 1},
    }
    # paths through a node: into × onward; through a link: into[source] × onward[target]
    assert [dag.through_node(n) for n in ("i-a", "o-y", "oc-p", "oc-q", "oc-end")] == [3, 4, 3, 2, 5]
    assert dag.through_edge(("o-y", "oc-p")) == 2
    assert dag.through_edge(("oc-end", "im")) == 5
    assert ("oc-end", "oc-p") not in dag.edge_assumptions  # feedback links are not in the DAG


def test_pathways(result: Analysis, main: Model) -> None:
    pathways = result.pathways
    assert pathways.total_paths == 5
    dag = causal_dag(main)
    assert [r.result for r in pathways.results] == [n for n in dag.order if not n.startswith("i-")]
    rows = {
        r.result: (r.kind, r.paths_from_interventions, r.paths_to_impact, r.interventions) for r in pathways.results
    }
    assert rows == {
        "o-x": ("output", 1, 1, ["i-a"]),
        "o-y": ("output", 2, 2, ["i-a", "i-b"]),  # two interventions share it
        "o-z": ("output", 1, 0, ["i-c"]),
        "o-w": ("output", 0, 0, []),
        "oc-p": ("outcome", 3, 1, ["i-a", "i-b"]),
        "oc-q": ("outcome", 2, 1, ["i-a", "i-b"]),
        "oc-end": ("outcome", 5, 1, ["i-a", "i-b"]),
        "im": ("impact", 5, 1, ["i-a", "i-b"]),
    }
    reach = {i.intervention: (i.paths_to_impact, set(i.reaches)) for i in pathways.interventions}
    assert reach == {
        "i-a": (3, {"o-x", "o-y", "oc-p", "oc-q", "oc-end", "im"}),
        "i-b": (2, {"o-y", "oc-p", "oc-q", "oc-end", "im"}),
        "i-c": (0, {"o-z"}),  # reaches no impact
        "i-d": (0, set()),
    }
    for item in pathways.interventions:  # reaches are listed in causal order
        assert item.reaches == sorted(item.reaches, key=dag.position.__getitem__)


def test_diamond() -> None:
    # i -> o1, o2 -> oc -> im: two paths. a-twice sits on i->o1 and o1->oc, both on the path through o1:
    # that path is counted once, so 1 of 2 paths (50 %). a-i rests on the intervention itself: every path.
    model = parse("""
        interventions:
          i: {title: I, assumptions: [a-i], leads_to: [{to: o1, assumptions: [a-twice]}, o2]}
        outputs:
          o1: {title: O1, leads_to: [{to: oc, assumptions: [a-twice, a-twice]}]}
          o2: {title: O2, leads_to: [oc]}
        outcomes:
          oc: {title: OC, leads_to: [im]}
        impact:
          im: {title: IM}
        assumptions:
          a-twice: {statement: Twice on one path}
          a-i: {statement: On the intervention}
        """)
    dag = causal_dag(model)
    assert dag.total == 2
    assert (dag.into["oc"], dag.into["im"], dag.onward["i"]) == (2, 2, 2)
    found = analyse(model)
    crit = {c.assumption: c for c in found.criticality}
    assert [c.assumption for c in found.criticality] == ["a-i", "a-twice"]
    assert (crit["a-twice"].paths, crit["a-twice"].share) == (1, 0.5)
    assert crit["a-twice"].links == [("i", "o1"), ("o1", "oc")]
    assert crit["a-twice"].dependent_results == ["o1"]  # o1 loses its only link from an intervention
    assert (crit["a-i"].paths, crit["a-i"].share, crit["a-i"].results) == (2, 1.0, ["i"])
    # an intervention is not a result: what loses support are the four results downstream
    assert crit["a-i"].dependent_results == [n for n in dag.order if n != "i"]
    # the only intervention, the outcome both branches meet at, and its link to the impact are on every path
    assert found.single_points == [
        SinglePoint("intervention", "i"),
        SinglePoint("outcome", "oc"),
        SinglePoint("link", "oc->im"),
    ]


def test_no_paths_at_all() -> None:
    model = parse("""
        interventions:
          i: {title: I, leads_to: [o]}
        outputs:
          o: {title: O}
        impact:
          im: {title: IM}
        assumptions:
          a: {statement: A}
        """)
    found = analyse(model, without=["i"])
    assert found.pathways.total_paths == 0
    assert found.single_points == []
    (crit,) = found.criticality
    assert (crit.paths, crit.share, crit.dependent_results) == (0, 0.0, [])
    assert found.what_if is not None
    assert (found.what_if.paths_before, found.what_if.paths_after, found.what_if.share_after) == (0, 0, 0.0)
    assert found.what_if.unsupported == ["o"]


# -- assumption criticality -------------------------------------------------------------------------


def test_assumption_criticality(result: Analysis) -> None:
    rows = [(c.assumption, c.paths, c.share, c.links, c.results, c.dependent_results) for c in result.criticality]
    assert rows == [
        # on the link every path takes: all 5; the impact loses its only cause
        ("a-top", 5, 1.0, [("oc-end", "im")], [], ["im"]),
        # on two links of P1 (counted once) and on P2, P4: 3 of 5; oc-p and oc-end keep other causes
        ("a-one", 3, 0.6, [("o-x", "oc-p"), ("oc-p", "oc-end")], [], []),
        # P2 and P4; a tie at 40 % keeps model order
        ("a-two", 2, 0.4, [("o-y", "oc-p")], [], []),
        # carried by the outcome oc-q: P3 and P5; oc-q itself rests on it
        ("a-res", 2, 0.4, [], ["oc-q"], ["oc-q"]),
        ("a-unused", 0, 0.0, [], [], []),
    ]


def test_assumption_on_unsupported_result_is_not_a_lost_result() -> None:
    # o-orphan rests on a-x but no intervention feeds it: it has no support to lose
    model = parse("""
        interventions:
          i: {title: I, leads_to: [o]}
        outputs:
          o: {title: O, leads_to: [im]}
          o-orphan: {title: Orphan, assumptions: [a-x], leads_to: [im]}
        impact:
          im: {title: IM}
        assumptions:
          a-x: {statement: X}
        """)
    (crit,) = analyse(model).criticality
    assert (crit.paths, crit.results, crit.dependent_results) == (0, ["o-orphan"], [])


# -- what-if ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("without", "after", "unsupported"),
    [
        (["a-one"], 2, []),  # P3, P5 remain
        (["a-two"], 3, []),  # P1, P3, P5
        (["a-res"], 3, ["oc-q"]),  # the outcome resting on it fails; P1, P2, P4 remain
        (["a-top"], 0, ["im"]),
        (["i-a"], 2, ["o-x"]),  # P4, P5; o-y keeps i-b
        (["i-c"], 5, ["o-z"]),  # it reached no impact: no path lost
        (["i-a", "i-b"], 0, ["o-x", "o-y", "oc-p", "oc-q", "oc-end", "im"]),
        (["o-y"], 1, ["oc-q"]),  # only P1; the result taken away is not listed
        (["oc-end"], 0, ["im"]),
        (["im"], 0, []),
        (["o-y->oc-q"], 3, ["oc-q"]),
        ([" o-y -> oc-p "], 3, []),  # spaces around the ids are ignored
        (["a-two", "oc-q"], 1, []),  # only P1
        (["a-one", "a-res"], 0, ["oc-q", "oc-end", "im"]),
        (["a-res", "oc-q"], 3, []),  # oc-q is taken away by name: not listed as lost
        (["o-x->oc-p", "o-y->oc-p"], 2, ["oc-p"]),
    ],
)
def test_what_if(main: Model, without: list[str], after: int, unsupported: list[str]) -> None:
    found = analyse(main, without=without).what_if
    assert found is not None
    assert found.without == without
    assert (found.paths_before, found.paths_after, found.share_after) == (5, after, after / 5)
    assert found.unsupported == unsupported


def test_what_if_agrees_with_criticality(main: Model, result: Analysis) -> None:
    dag = causal_dag(main)
    for crit in result.criticality:
        found = what_if(main, dag, [crit.assumption])
        assert (found.paths_after, found.unsupported) == (dag.total - crit.paths, crit.dependent_results)


@pytest.mark.parametrize(
    ("without", "message"),
    [
        (["nothing"], "`nothing` is not an assumption, intervention, result, actor or link (`from->to`)"),
        (["o-x->oc-q"], "no causal link `o-x` -> `oc-q`"),
        (["oc-end->oc-p"], "no causal link `oc-end` -> `oc-p`"),  # a feedback link is not on any path
        (["rc-top"], "`rc-top` is not an assumption"),
        (["a-one", "stage-x"], "`stage-x` is not an assumption"),
    ],
)
def test_what_if_unknown(main: Model, without: list[str], message: str) -> None:
    with pytest.raises(KeyError, match=message.replace("(", r"\(").replace(")", r"\)")):
        analyse(main, without=without)


def test_no_what_if_unless_asked(result: Analysis) -> None:
    assert result.what_if is None


# -- single points of failure -----------------------------------------------------------------------


def test_single_points(result: Analysis) -> None:
    # every path meets at oc-end and takes oc-end -> im; two interventions, so none of them is one
    assert result.single_points == [SinglePoint("outcome", "oc-end"), SinglePoint("link", "oc-end->im")]


def test_single_bottleneck_output() -> None:
    # two interventions, one output between them and two outcomes: the output and nothing after it
    model = parse("""
        interventions:
          i1: {title: I1, leads_to: [o]}
          i2: {title: I2, leads_to: [o]}
        outputs:
          o: {title: O, leads_to: [oc1, oc2]}
        outcomes:
          oc1: {title: OC1, leads_to: [im]}
          oc2: {title: OC2, leads_to: [im]}
        impact:
          im: {title: IM}
        """)
    assert analyse(model).single_points == [SinglePoint("output", "o")]
    assert causal_dag(model).total == 4


# -- coverage and completeness ----------------------------------------------------------------------


def test_coverage_counts_deeper_causes(result: Analysis) -> None:
    assert result.coverage.causes == [
        # addressed through rc-mid, through rc-deep
        CauseCoverage("rc-top", None, [], [], "addressed"),
        CauseCoverage("rc-mid", "rc-top", [], [], "addressed"),
        CauseCoverage("rc-deep", "rc-mid", ["i-a"], ["i-a"], "addressed"),
        CauseCoverage("rc-side", "rc-top", ["i-c"], [], "no-impact"),  # i-c reaches no impact
        CauseCoverage("rc-open", None, [], [], "unaddressed"),
        CauseCoverage("rc-direct", None, ["i-b"], ["i-b"], "addressed"),  # listed twice, counted once
    ]
    assert result.coverage.unaddressed == ["rc-open"]
    assert result.coverage.without_impact == ["rc-side"]


def test_coverage_parent_of_no_impact_cause() -> None:
    model = parse("""
        problem:
          core: P
          root_causes:
            rc-parent: {title: Parent, causes: {rc-child: {title: Child}}}
        interventions:
          i: {title: I, addresses: rc-child, leads_to: [o]}
        outputs:
          o: {title: O}
        impact:
          im: {title: IM}
        """)
    cover = analyse(model).coverage
    assert [c.status for c in cover.causes] == ["no-impact", "no-impact"]
    assert (cover.unaddressed, cover.without_impact) == ([], ["rc-parent", "rc-child"])


def test_completeness(result: Analysis) -> None:
    criteria = {c.name: (c.done, c.total, c.missing) for c in result.completeness.criteria}
    assert criteria == {
        # i-a.1 lacks a baseline, oc-p.1 a source; im-ind's baseline has a year but no value yet
        "indicators": (2, 4, ["i-a.1", "oc-p.1"]),
        "measured_results": (3, 4, ["oc-q"]),
        # links from outputs and outcomes to outcomes or the impact, the feedback link included
        "links": (4, 7, ["o-y->oc-q", "oc-q->oc-end", "oc-end->oc-p"]),
        "risks": (2, 4, ["r-out", "r-alpha"]),
        "root_causes": (5, 6, ["rc-open"]),  # rc-top and rc-mid through rc-deep, rc-side although no impact
        "leads": (3, 4, ["i-d"]),
    }
    assert [c.ratio for c in result.completeness.criteria] == [0.5, 0.75, 4 / 7, 0.5, 5 / 6, 0.75]
    # (0.5 + 0.75 + 0.5714 + 0.5 + 0.8333 + 0.75) / 6 = 0.6508
    assert result.completeness.score == 65


def test_completeness_leaves_out_empty_criteria() -> None:
    # only the leads criterion has anything to count: 1 of 2
    model = parse("""
        actors:
          moe: {name: M, type: ministry}
        interventions:
          i1: {title: I1, lead: moe}
          i2: {title: I2}
        """)
    completeness = analyse(model).completeness
    assert completeness.score == 50
    empty = [c for c in completeness.criteria if c.total == 0]
    assert len(empty) == 5 and all(c.ratio == 1.0 and c.missing == [] for c in empty)


def test_completeness_of_empty_model() -> None:
    assert analyse(parse("")).completeness.score == 0


# -- risk exposure ----------------------------------------------------------------------------------


def test_risk_exposure(result: Analysis) -> None:
    def row(node: str, own: list[str], upstream: list[str], score: int) -> tuple[str, list[str], list[str], int]:
        return node, own, upstream, score

    found = {e.result: e for e in result.risk}
    rows = [row(e.result, e.own, e.upstream, e.highest_score) for e in result.risk]
    assert sorted(rows) == sorted(
        [
            row("i-a", [], [], 0),
            row("i-b", ["r-stage", "r-end"], ["r-stage", "r-end"], 16),  # r-stage through its stage s2
            row("i-c", [], [], 0),
            row("i-d", ["r-stage"], ["r-stage"], 16),
            row("o-x", ["r-out"], ["r-out"], 9),
            row("o-y", [], ["r-stage", "r-end"], 16),
            row("o-z", [], [], 0),
            row("o-w", [], [], 0),
            # oc-end's risks do not come back through the feedback link
            row("oc-p", [], ["r-stage", "r-end", "r-out"], 16),
            # r-end named twice counts once; ties on 16 go by id
            row("oc-q", ["r-end", "r-alpha"], ["r-alpha", "r-stage", "r-end"], 16),
            row("oc-end", [], ["r-alpha", "r-stage", "r-end", "r-out"], 16),
            row("im", [], ["r-alpha", "r-stage", "r-end", "r-out"], 16),
        ]
    )
    assert (found["oc-q"].highest_risk, found["oc-p"].highest_risk, found["i-a"].highest_risk) == (
        "r-alpha",
        "r-stage",
        None,
    )
    assert found["oc-end"] == Exposure("oc-end", "outcome", [], ["r-alpha", "r-stage", "r-end", "r-out"], 16, "r-alpha")


# -- plan -------------------------------------------------------------------------------------------


def test_plan_stages_and_years(result: Analysis) -> None:
    plan = result.plan
    assert plan.years == [2027, 2028, 2029, 2030, 2031]
    assert plan.stages == [
        StagePlan("s1", 2027, 2028, [], ["i-a"]),
        StagePlan("s2", 2028, 2030, ["s1"], ["i-b", "i-d"]),
        StagePlan("s3", 2029, 2030, ["s1"], ["i-c"]),
        StagePlan("s4", 2031, 2031, ["s2"], []),
    ]
    assert plan.by_year == [
        YearPlan(2027, ["s1"], ["i-a"]),
        YearPlan(2028, ["s1", "s2"], ["i-a", "i-b", "i-d"]),  # i-b runs its own years 2-3, i-d year 2
        YearPlan(2029, ["s2", "s3"], ["i-b", "i-c"]),
        YearPlan(2030, ["s2", "s3"], ["i-c"]),
        YearPlan(2031, ["s4"], []),
    ]


def test_workload(result: Analysis) -> None:
    # i-a 2027-28 lead moe, support nso ngo; i-b 2028-29 lead nso, support ngo; i-c 2029-30 lead moe;
    # i-d 2028 support moe (listed twice, counted once); the idle actor has no load and no rows
    assert result.plan.workload == [
        Workload("moe", 2027, 1, 0),
        Workload("moe", 2028, 1, 1),
        Workload("moe", 2029, 1, 0),
        Workload("moe", 2030, 1, 0),
        Workload("nso", 2027, 0, 1),
        Workload("nso", 2028, 1, 1),
        Workload("nso", 2029, 1, 0),
        Workload("ngo", 2027, 0, 1),
        Workload("ngo", 2028, 0, 2),
        Workload("ngo", 2029, 0, 1),
    ]


def test_critical_path(result: Analysis) -> None:
    # s1 -> s2 -> s4 runs 2027-2031 (5 years); s1 -> s3 only to 2030
    assert (result.plan.critical_path, result.plan.critical_path_years) == (["s1", "s2", "s4"], 5)


def test_critical_path_prefers_longer_chain_on_a_tie() -> None:
    model = parse("""
        stages:
          a: {title: A, years: 1-5}
          b: {title: B, years: 2-5, after: [a]}
          c: {title: C, years: 1-3}
        """)
    assert (analyse(model).plan.critical_path, analyse(model).plan.critical_path_years) == (["a", "b"], 5)


def test_critical_path_of_stage_cycle_is_empty() -> None:
    model = parse("""
        stages:
          a: {title: A, years: 1-2, after: [b]}
          b: {title: B, years: 1-2, after: [a]}
        """)
    assert (analyse(model).plan.critical_path, analyse(model).plan.critical_path_years) == ([], 0)


def test_late_causes(result: Analysis) -> None:
    # i-d starts 2028: o-z comes from i-c, which starts 2029; nothing produces o-w.
    # i-c (2029) needs o-x from i-a (2027) and i-b (2028) needs o-y, which it makes itself from 2028: on time.
    assert result.plan.late_causes == [LateCause("i-d", "o-z", 2028, 2029), LateCause("i-d", "o-w", 2028, None)]


def test_late_cause_ignores_unscheduled_producer() -> None:
    # i-makes has neither stage nor years: it may start any time, so o is not known to come late
    model = parse("""
        stages:
          s: {title: S, years: 1-5}
        interventions:
          i-needs: {title: N, stage: s, years: 1, needs: [o, o-late]}
          i-makes: {title: M, leads_to: [o]}
          i-late: {title: L, stage: s, years: 2-3, leads_to: [o-late]}
        outputs:
          o: {title: O}
          o-late: {title: Late}
        """)
    assert analyse(model).plan.late_causes == [LateCause("i-needs", "o-late", 2027, 2028)]


def test_repeated_link_keeps_its_assumptions() -> None:
    model = parse("""
        interventions:
          i: {title: I, leads_to: [o]}
        outputs:
          o: {title: O, leads_to: [{to: oc, assumptions: [a]}, oc]}
        outcomes:
          oc: {title: OC, leads_to: [im]}
        impact:
          im: {title: IM}
        assumptions:
          a: {statement: A}
        """)
    (crit,) = analyse(model).criticality
    assert (crit.links, crit.paths) == ([("o", "oc")], 1)


# -- the whole analysis -----------------------------------------------------------------------------


def test_loaded_from_file_matches(tmp_path: Path, main: Model) -> None:
    path = tmp_path / "hand.yaml"
    path.write_text(HEADER + textwrap.dedent(MAIN), encoding="utf-8")
    assert analyse(tocmodel.load(path)) == analyse(main)


def test_analysis_json_validates_against_schema(main: Model) -> None:
    data = json.loads(json.dumps(analysis_to_dict(analyse(main, without=["a-two", "o-y->oc-q"]))))  # only P1 is left
    jsonschema.validate(data, analysis_json_schema())
    assert data["what_if"]["paths_after"] == 1
    assert data["criticality"][0]["links"] == [["oc-end", "im"]]


# -- the command line -------------------------------------------------------------------------------

PILOT = str(MODELS / "ewaste-pilot.yaml")

TITLES = {
    "pathways": "intervention → impact paths",
    "coverage": "Root-cause coverage",
    "criticality": "Assumption criticality",
    "what-if": "What-if",
    "single-points": "Single points of failure",
    "risk": "Risk exposure",
    "plan": "Critical path",
    "completeness": "Completeness —",
}


def test_cli_prints_every_section() -> None:
    found = run_cli("analyse", PILOT)
    assert found.returncode == 0, found.stdout + found.stderr
    for section, title in TITLES.items():  # the what-if section only when something is taken away
        assert (title in found.stdout) == (section != "what-if"), section
    assert "Pathways — 32 intervention → impact paths" in found.stdout
    assert found.stderr == ""
    found = run_cli("analyse", PILOT, "--without", "i-enforcement")
    assert found.returncode == 0, found.stdout + found.stderr
    for title in TITLES.values():
        assert title in found.stdout
    assert "What-if without i-enforcement: 31 of 32 paths to impact remain (97%)." in found.stdout


def test_cli_json_validates() -> None:
    found = run_cli("analyse", PILOT, "--format", "json", "--without", "a-inter-agency")
    assert found.returncode == 0, found.stderr
    data = json.loads(found.stdout)
    jsonschema.validate(data, analysis_json_schema())
    assert set(data) == {"model", "pathways", "coverage", "criticality", "what_if"} | {
        "single_points",
        "risk",
        "plan",
        "completeness",
    }
    model = tocmodel.load(PILOT)
    assert data == json.loads(json.dumps(analysis_to_dict(analyse(model, without=["a-inter-agency"]))))
    assert data["what_if"]["unsupported"] == ["oc-imports-controlled"]


def test_cli_json_leaves_out_what_if_unless_asked() -> None:
    found = run_cli("analyse", PILOT, "--format", "json")
    assert found.returncode == 0, found.stderr
    assert "what_if" not in json.loads(found.stdout)


@pytest.mark.parametrize("section", list(TITLES))
def test_cli_section_limits_output(section: str) -> None:
    found = run_cli("analyse", PILOT, "--section", section)
    assert found.returncode == 0, found.stderr
    for other, title in TITLES.items():
        assert (title in found.stdout) == (other == section), other


def test_cli_two_sections_as_json() -> None:
    found = run_cli("analyse", PILOT, "--format", "json", "--section", "risk", "--section", "single-points")
    assert found.returncode == 0, found.stderr
    assert set(json.loads(found.stdout)) == {"model", "risk", "single_points"}


def test_cli_what_if_text() -> None:
    found = run_cli("analyse", PILOT, "--section", "what-if", "--without", "a-inter-agency", "--without", "im-x")
    assert found.returncode == 2
    assert "im-x" in found.stderr and "Traceback" not in found.stderr
    found = run_cli("analyze", PILOT, "--section", "what-if", "--without", "a-inter-agency")
    assert found.returncode == 0, found.stderr
    assert "What-if without a-inter-agency" in found.stdout
    assert "Results losing all support: oc-imports-controlled" in found.stdout


@pytest.mark.parametrize("without", ["no-such-thing", "o-osh-system->im-reduced-harm"])
def test_cli_unknown_without_exits_two(without: str) -> None:
    found = run_cli("analyse", PILOT, "--without", without)
    assert found.returncode == 2
    assert "--without" in found.stderr
    assert "Traceback" not in found.stderr
    assert found.stdout == ""


def test_cli_american_spelling() -> None:
    found = run_cli("analyze", PILOT, "--section", "completeness")
    assert found.returncode == 0, found.stderr
    assert "Completeness —" in found.stdout


def test_cli_model_with_errors_exits_one(tmp_path: Path) -> None:
    text = (MODELS / "minimal.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("leads_to: [o-points]", "leads_to: [o-pionts]"), encoding="utf-8")
    found = run_cli("analyse", str(broken))
    assert found.returncode == 1
    assert "TOC101 error" in found.stdout and "o-pionts" in found.stdout
    assert "Pathways" not in found.stdout
    assert "Traceback" not in found.stderr


def test_a_copied_model_derives_its_own_results_chain() -> None:
    """What is derived from a model is kept on it, and not shared with a copy (which may be changed)."""
    import copy

    from tocmodel.graph import shared_chain

    model = tocmodel.load(MODELS / "ewaste-pilot.yaml")
    chain = shared_chain(model)
    assert shared_chain(model) is chain
    assert shared_chain(model.model_copy()) is not chain and shared_chain(copy.deepcopy(model)) is not chain
