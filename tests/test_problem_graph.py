"""The problem side as a graph: a cause may feed several causes, and a link between causes may carry its
evidence and confidence, in the format, the checks, the analysis, the problem-tree view and the documents."""

from __future__ import annotations

from pathlib import Path

import tocmodel
from conftest import MODELS
from tocmodel.graph import build_graph
from tocmodel.render.diagram.views import problem_tree_view
from tocmodel.render.logframe import logframe
from tocmodel.schema.text import Translator

SHARED = """\
tocmodel: 1
model: {id: shared, title: Shared causes, start: 2027, years: 5}
problem:
  core: E-waste harms health
  root_causes:
    rc-no-data:
      title: No national e-waste statistics
      causes:
        rc-no-pom:
          title: Tonnages put on market are not extracted
          feeds:
            - to: rc-no-financing
              evidence: Producer fees are set per tonne put on market
              confidence: high
    rc-no-financing:
      title: No financing for collection
interventions:
  i-extract:
    title: Extract tonnages from customs records
    addresses: [rc-no-pom]
    leads_to: [o-stats]
outputs:
  o-stats: {title: Tonnages published}
"""


def write(tmp_path: Path, text: str = SHARED) -> Path:
    path = tmp_path / "shared.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_cause_feeds_the_cause_it_is_written_under_and_the_causes_it_names(tmp_path: Path) -> None:
    model = tocmodel.load(write(tmp_path))
    links = [(edge.source, edge.target, edge.link and edge.link.confidence) for edge in model.cause_links]
    assert links == [("rc-no-pom", "rc-no-data", None), ("rc-no-pom", "rc-no-financing", "high")]
    assert {("rc-no-pom", "rc-no-data"), ("rc-no-pom", "rc-no-financing")} <= set(build_graph(model).edges)


def test_addressing_a_shared_cause_addresses_every_cause_it_feeds(tmp_path: Path) -> None:
    model = tocmodel.load(write(tmp_path))
    report = tocmodel.validate(model)
    assert not [d for d in report if d.code == "TOC104"], [d.format() for d in report]
    statuses = {row.root_cause: row.status for row in tocmodel.analyse(model).coverage.causes}
    assert statuses["rc-no-data"] == statuses["rc-no-financing"] == statuses["rc-no-pom"]
    alone = tocmodel.load(write(tmp_path, SHARED.replace("    addresses: [rc-no-pom]\n", "")))
    assert {d.message for d in tocmodel.validate(alone) if d.code == "TOC104"} == {
        "no intervention addresses root cause `rc-no-data` nor any of its deeper causes",
        "no intervention addresses root cause `rc-no-pom`",
        "no intervention addresses root cause `rc-no-financing` nor any of its deeper causes",
    }


def test_a_cause_that_feeds_an_unknown_cause_is_a_located_error(tmp_path: Path) -> None:
    path = write(tmp_path, SHARED.replace("- to: rc-no-financing", "- to: rc-no-financin"))
    report = tocmodel.check(path)
    [finding] = [d for d in report if d.code == "TOC101"]
    assert finding.location is not None and finding.location.line == 12
    assert "rc-no-financin" in finding.message and finding.hint == "did you mean `rc-no-financing`?"


def test_the_problem_tree_draws_an_arrow_to_each_cause_a_cause_feeds(tmp_path: Path) -> None:
    scene = problem_tree_view(tocmodel.load(write(tmp_path)), Translator("en", "en"))
    edges = {(edge.source, edge.target) for edge in scene.edges}
    assert {("rc-no-pom", "rc-no-data"), ("rc-no-pom", "rc-no-financing"), ("rc-no-data", "problem")} <= edges
    assert ("rc-no-pom", "problem") not in edges


def test_documents_say_which_causes_a_cause_feeds_and_why(tmp_path: Path) -> None:
    model = tocmodel.load(write(tmp_path))
    text = logframe(model, output_format="md", engine="graphviz-pure").content.decode()
    assert "C1, C2" in text  # the deeper cause C1.1 feeds both
    assert "→ C2: Producer fees are set per tonne put on market (high confidence)" in text
    french = logframe(model, output_format="md", lang="fr", engine="graphviz-pure").content.decode()
    assert "(confiance élevée)" in french  # in the document's language, its words agreeing


def test_the_shipped_generic_model_has_a_cause_that_feeds_two() -> None:
    model = tocmodel.load(MODELS / "ewaste-generic.yaml")
    targets = [edge.target for edge in model.cause_links if edge.source == "rc-no-pom-data"]
    assert targets == ["rc-no-data", "rc-no-financing"]


def test_a_graph_of_causes_reads_back_from_the_documents_written_of_it(tmp_path: Path) -> None:
    from tocmodel.interop.docx import import_docx
    from tocmodel.interop.xlsx import import_xlsx

    text = SHARED.replace(
        "    rc-no-financing:\n      title: No financing for collection\n",
        "    rc-no-financing:\n      title: No financing for collection\n      feeds: [rc-no-data]\n"
        "      causes:\n        rc-no-levy:\n          title: No levy\n          feeds: [rc-no-financing-2]\n"
        "    rc-no-financing-2:\n      title: Budgets cut\n      feeds: [rc-no-levy]\n",
    )
    model = tocmodel.load(write(tmp_path, text))
    expected = {(e.source, e.target, e.link.evidence if e.link else None) for e in model.cause_links}
    for output_format, read in (("xlsx", import_xlsx), ("docx", import_docx)):
        document = tmp_path / f"graph.{output_format}"
        document.write_bytes(logframe(model, output_format=output_format, engine="graphviz-pure").content)
        back = read(document).model
        found = {(e.source, e.target, e.link.evidence if e.link else None) for e in back.cause_links}
        assert found == expected, output_format
        assert set(back.root_causes) == set(model.root_causes)
