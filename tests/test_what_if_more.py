"""What-if on the pilot: actors, links written with an arrow, and suggestions for unknown ids."""

from __future__ import annotations

import pytest

from conftest import MODELS
from tocmodel import load
from tocmodel.analysis import causal_dag, what_if

PILOT = load(MODELS / "ewaste-pilot.yaml")


def test_an_actor_takes_away_the_interventions_it_leads() -> None:
    dag = causal_dag(PILOT)
    led = sorted(i for i, item in PILOT.interventions.items() if item.lead == "gss")
    assert led  # the statistics office leads interventions in the pilot
    by_actor = what_if(PILOT, dag, ["gss"])
    by_interventions = what_if(PILOT, dag, led)
    assert (by_actor.unsupported, by_actor.paths_after) == (by_interventions.unsupported, by_interventions.paths_after)


def test_links_may_be_written_with_an_arrow() -> None:
    dag = causal_dag(PILOT)
    arrow = what_if(PILOT, dag, ["o-ewaste-baseline→oc-policy-framework"])
    ascii_arrow = what_if(PILOT, dag, ["o-ewaste-baseline -> oc-policy-framework"])
    assert (arrow.paths_after, arrow.unsupported) == (ascii_arrow.paths_after, ascii_arrow.unsupported)
    assert arrow.paths_after < arrow.paths_before


def test_unknown_id_suggests_the_closest() -> None:
    with pytest.raises(KeyError, match="did you mean `a-data-shared`"):
        what_if(PILOT, causal_dag(PILOT), ["a-data-shard"])
