"""The walk over a model's texts: every text a reader reads (and a translator translates), each where it is."""

from __future__ import annotations

import textwrap
from pathlib import Path

import tocmodel
from conftest import MODELS
from tocmodel.schema.text import iter_texts

PILOT = MODELS / "ewaste-pilot.yaml"


def test_every_text_of_the_pilot_is_found_where_it_is_written() -> None:
    model = tocmodel.load(PILOT)  # the pilot and the generic model it extends
    assert model.source_map is not None
    texts = list(iter_texts(model))
    assert len(texts) > 200
    files = set()
    for text in texts:
        assert text.path in model.source_map.values, f"{text.path} was not written where the walk says"
        file, line, _ = model.source_map.values[text.path]
        files.add(Path(file).name)
        near = " ".join(Path(file).read_text(encoding="utf-8").splitlines()[line - 1 : line + 2])
        words = [t.split()[0] for t in ([text.text] if isinstance(text.text, str) else text.text.values())]
        assert any(word in near for word in words), (text.path, near)
    assert files == {"ewaste-pilot.yaml", "ewaste-generic.yaml", "ewaste-pilot-2027.yaml", "ewaste-pilot-2028.yaml"}


def test_the_walk_finds_texts_at_every_depth_and_nothing_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            tocmodel: 1
            model: {id: m, title: {en: T, fr: Tf}, start: 2027, years: 5, languages: [en, fr]}
            problem:
              core: Core
              root_causes:
                rc-a:
                  title: Cause
                  causes:
                    rc-b: {title: Deeper, evidence: Study}
            impact:
              im: {title: Impact}
            outcomes:
              oc:
                title: Outcome
                leads_to: [{to: im, evidence: Why it works}]
                indicators:
                  - {title: Share, unit: "%", baseline: {value: 1, year: 2026, note: Estimated}}
            stages:
              s1: {title: Stage, years: 1, deliverables: [Report, Plan], entry_criteria: Agreement}
            """
        ),
        encoding="utf-8",
    )
    found = {t.path: t.text for t in iter_texts(tocmodel.load(path))}
    assert found == {
        ("model", "title"): {"en": "T", "fr": "Tf"},
        ("problem", "core"): "Core",
        ("problem", "root_causes", "rc-a", "title"): "Cause",
        ("problem", "root_causes", "rc-a", "causes", "rc-b", "title"): "Deeper",
        ("problem", "root_causes", "rc-a", "causes", "rc-b", "evidence"): "Study",
        ("outcomes", "oc", "title"): "Outcome",
        ("outcomes", "oc", "leads_to", 0, "evidence"): "Why it works",
        ("outcomes", "oc", "indicators", 0, "title"): "Share",
        ("outcomes", "oc", "indicators", 0, "unit"): "%",
        ("outcomes", "oc", "indicators", 0, "baseline", "note"): "Estimated",
        ("impact", "im", "title"): "Impact",
        ("stages", "s1", "title"): "Stage",
        ("stages", "s1", "deliverables", 0): "Report",
        ("stages", "s1", "deliverables", 1): "Plan",
        ("stages", "s1", "entry_criteria", 0): "Agreement",
    }
