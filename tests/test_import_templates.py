"""Logframes in the field's published layouts import with every text and value kept, levels and links right.

The files in `tests/fixtures/logframes/` are made by `logframe_fixtures.py` from one programme written in
each template's layout (see its docstring); each import is compared with that programme, and the figures
are counted: texts, values, levels and links kept out of those the file holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, run_cli
from logframe_fixtures import PLAN, PROGRAMME, Indicator, Result
from tocmodel.interop.docx import import_docx
from tocmodel.interop.notes import Imported
from tocmodel.interop.xlsx import import_xlsx
from tocmodel.schema import Model

FOLDER = ROOT / "tests" / "fixtures" / "logframes"
LEVEL_SECTIONS = {"impact": "impact", "outcome": "outcomes", "output": "outputs", "intervention": "interventions"}


@dataclass(frozen=True)
class Fixture:
    name: str
    language: str
    results: tuple[str, ...]
    """The numbers of the programme's results the file holds."""
    unread: tuple[str, ...] = ()
    """Cells with text the file holds besides the logframe, which the import must name."""
    parents: dict[str, str | None] = field(default_factory=dict)
    """Links the layout states otherwise than the programme (None: none; UNDP's outcome leads nowhere)."""
    bare: tuple[str, ...] = ()
    """Results the file names without their indicators and assumptions (UNDP's outcome, in its title block)."""
    assumptions: bool = True
    """Whether the layout has assumptions (an indicator tracking table has none)."""
    target_years: tuple[int, ...] = ()
    """The years the layout gives targets for, when not every year."""
    life_of_project: bool = False
    """Whether the layout adds a life-of-project target, for the plan's last year."""


RISKS = "{sheet}!A1 {sheet}!B1 {sheet}!C1 {sheet}!D1 {sheet}!A2 {sheet}!B2 {sheet}!C2 {sheet}!D2"
"""The risks sheet after the EU matrix: not a part of the logframe the import reads."""
DFID_UNREAD = (
    *(f"Logframe!{c}26" for c in "ABCDEF"),
    *(f"Logframe!{c}27" for c in "BCDEF"),
    *(f"Logframe!H{r}" for r in (33, 34, 41, 42, 49, 50, 57, 58)),
)
"""The DFID logframe's input rows (funds) and the outputs' risk ratings: no part of a model."""
ALL = tuple(r.number for r in PROGRAMME)
WITHOUT_ACTIVITIES = tuple(r.number for r in PROGRAMME if r.level != "intervention")
FIXTURES = (
    Fixture("eu-2016.xlsx", "en", ALL, ("Instructions!A1", *RISKS.format(sheet="Risks").split())),
    Fixture("ue-2016-fr.xlsx", "fr", ALL, ("Mode d'emploi!A1", *RISKS.format(sheet="Risques").split())),
    Fixture("undp-rrf.xlsx", "en", ("2", "2.1", "2.2"), ("RRF!L7", "RRF!L8"), {"2": None}, bare=("2",)),
    Fixture("marco-logico-es.xlsx", "es", ALL),
    Fixture(
        "indicator-tracking.xlsx",
        "en",
        WITHOUT_ACTIVITIES,
        ("ITT!A1", "ITT!J7"),
        assumptions=False,
        target_years=(2027, 2028),
        life_of_project=True,
    ),
    Fixture(
        "dfid-2011.xlsx",
        "en",
        WITHOUT_ACTIVITIES,
        (
            "Logframe!A26 Logframe!B26 Logframe!C26 Logframe!D26 Logframe!E26 Logframe!F26 Logframe!B27 Logframe!C27 "
            "Logframe!D27 Logframe!E27 Logframe!F27 "
            + " ".join(f"Logframe!H{r}" for r in (33, 34, 41, 42, 49, 50, 57, 58))
        ).split(),
        target_years=(2028, 2029, 2030, 2031),
    ),
    Fixture("eu-action-document.docx", "en", WITHOUT_ACTIVITIES),
)


def imported(fixture: Fixture) -> Imported:
    path = FOLDER / fixture.name
    return import_docx(path) if path.suffix == ".docx" else import_xlsx(path)


@dataclass
class Tally:
    """What a file holds and what its import kept, by kind."""

    kept: dict[str, int] = field(default_factory=lambda: {"texts": 0, "values": 0, "levels": 0, "links": 0})
    held: dict[str, int] = field(default_factory=lambda: {"texts": 0, "values": 0, "levels": 0, "links": 0})
    lost: list[str] = field(default_factory=list)

    def check(self, kind: str, ok: bool, what: str) -> None:
        self.held[kind] += 1
        if ok:
            self.kept[kind] += 1
        else:
            self.lost.append(f"{kind}: {what}")


def tally(model: Model, fixture: Fixture) -> Tally:
    """Each result, indicator, value and link of the programme the file holds, looked for in the model."""
    found = _by_title(model, fixture.language)
    count = Tally()
    expected = [r for r in PROGRAMME if r.number in fixture.results]
    numbers = {r.number: r for r in PROGRAMME}
    for result in expected:
        title = result.titles[fixture.language]
        hit = found.get(title)
        count.check("texts", hit is not None, title)
        if hit is None:
            continue
        section, _item_id, item = hit
        count.check("levels", section == LEVEL_SECTIONS[result.level], f"{title} is in {section}")
        parent = fixture.parents.get(result.number, result.parent)
        if parent is not None:
            wanted = numbers[parent].titles[fixture.language]
            target = found.get(wanted, ("", "", None))[1]
            links = [link.to for link in getattr(item, "leads_to", [])]
            count.check("links", bool(target) and target in links, f"{title} → {wanted}")
        if result.number in fixture.bare:
            continue
        for assumption in result.assumptions if fixture.assumptions else ():
            statements = [str(model.assumptions[a].statement) for a in _assumptions_of(item)]
            count.check("texts", assumption[fixture.language] in statements, assumption[fixture.language])
        _tally_indicators(count, result, list(item.indicators), fixture)
    return count


def _tally_indicators(count: Tally, result: Result, indicators: list[Any], fixture: Fixture) -> None:
    by_title = {str(i.title): i for i in indicators}
    for indicator in result.indicators:
        title = indicator.titles[fixture.language]
        got = by_title.get(title)
        count.check("texts", got is not None, title)
        if got is None:
            continue
        source = indicator.sources[fixture.language]
        count.check("texts", got.source == source, f"source of {title}: {got.source}")
        _tally_values(count, indicator, got, fixture)


def _tally_values(count: Tally, indicator: Indicator, got: Any, fixture: Fixture) -> None:
    value, year = indicator.baseline
    baseline = (got.baseline.value, got.baseline.year) if got.baseline else None
    count.check("values", baseline == (value, year), f"baseline of {got.title}: {baseline}")
    targets = dict(indicator.targets)
    if fixture.target_years:  # the years it has columns for
        targets = {y: v for y, v in targets.items() if y in fixture.target_years}
    if fixture.life_of_project:  # and a life-of-project target, for the plan's last year
        targets[PLAN[1]] = indicator.targets[max(indicator.targets)]
    for target_year, target in targets.items():
        count.check("values", got.targets.get(target_year) == target, f"{got.title} {target_year}: {got.targets}")
    if indicator.percent:
        count.check("values", got.unit == "%", f"unit of {got.title}: {got.unit}")


def _by_title(model: Model, language: str) -> dict[str, tuple[str, str, Any]]:
    return {
        str(item.title): (section, item_id, item)
        for section in LEVEL_SECTIONS.values()
        for item_id, item in getattr(model, section).items()
    }


def _assumptions_of(item: Any) -> list[str]:
    return [*item.assumptions, *(a for link in getattr(item, "leads_to", []) for a in link.assumptions)]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_a_published_layout_imports_whole(fixture: Fixture) -> None:
    result = imported(fixture)
    count = tally(result.model, fixture)
    assert count.lost == [], count.lost
    assert all(count.held[kind] for kind in ("texts", "values", "levels")), count.held
    assert count.held["links"] == len(fixture.results) - (1 if "I" in fixture.results else 0) - len(fixture.bare)
    expected_results = len(fixture.results)
    assert sum(len(getattr(result.model, s)) for s in LEVEL_SECTIONS.values()) == expected_results


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_every_cell_not_read_is_named(fixture: Fixture) -> None:
    result = imported(fixture)
    named = {ref for note in result.notes if "not read" in note.message for ref in _refs(note.where)}
    assert named == set(fixture.unread), [n.format() for n in result.notes if "not read" in n.message]
    assert f"{len(fixture.unread)} cells with text not read" in result.summary


def _refs(where: str) -> list[str]:
    sheet, _, cells = where.partition("!")
    return [f"{sheet}!{cell.strip()}" for cell in cells.split(",")]


def test_an_indicator_tracking_tables_achieved_values_are_read() -> None:
    model = imported(next(f for f in FIXTURES if f.name == "indicator-tracking.xlsx")).model
    indicator = model.outcomes["oc-2"].indicators[0]
    assert indicator.current is not None and (indicator.current.value, indicator.current.year) == (1200, 2027)


def test_the_command_reads_a_word_logframe_and_explains_its_reading(tmp_path: Path) -> None:
    document = FOLDER / "eu-action-document.docx"
    explained = run_cli("import", "docx", str(document), "--explain")
    assert explained.returncode == 0, explained.stderr
    assert "  A  level          Results" in explained.stdout
    assert "output       1       o-1: EPR regulations drafted" in explained.stdout and "→ oc-1" in explained.stdout
    written = run_cli("import", "docx", str(document), "-o", str(tmp_path / "model.yaml"))
    assert written.returncode == 0, written.stderr
    assert "read 7 results, 8 indicators, 2 assumptions and 6 links (4 stated, 2 ordered)" in written.stderr
    checked = run_cli("check", str(tmp_path / "model.yaml"))
    assert checked.returncode == 0 and "0 errors" in checked.stdout, checked.stdout


def figures() -> list[tuple[str, Tally]]:
    """Each fixture's tally (printed by `benchmarks/import_templates.py`)."""
    return [(fixture.name, tally(imported(fixture).model, fixture)) for fixture in FIXTURES]


def test_a_table_that_is_no_logframe_says_what_was_looked_for(tmp_path: Path) -> None:
    import openpyxl  # type: ignore[import-untyped]

    book = openpyxl.Workbook()
    book.active.append(["Name", "Phone"])
    book.active.append(["Ama", "123"])
    book.save(tmp_path / "contacts.xlsx")
    result = run_cli("import", "xlsx", str(tmp_path / "contacts.xlsx"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "no table has a header row naming an indicators column" in result.stderr
    (tmp_path / "notes.docx").write_bytes(b"not a word document")
    word = run_cli("import", "docx", str(tmp_path / "notes.docx"))
    assert word.returncode == 1 and "not a Word document (.docx)" in word.stderr and "Traceback" not in word.stderr


def test_a_word_table_is_read_within_bounds(tmp_path: Path) -> None:
    from docx import Document

    from tocmodel.interop.docx.document import MAX_ROWS

    document = Document()
    table = document.add_table(rows=MAX_ROWS + 50, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Results chain", "Indicators"
    table.cell(1, 0).text, table.cell(1, 1).text = "Outcome 1: Households sort e-waste", "Share sorting"
    table.cell(MAX_ROWS + 20, 0).text = "Far below the bound"
    document.save(str(tmp_path / "long.docx"))
    result = import_docx(tmp_path / "long.docx")
    assert list(result.model.outcomes) == ["oc-1"]
    assert not any("Far below" in note.message for note in result.notes)  # past the bound, not read, but said:
    assert [n.format() for n in result.notes if "beyond" in n.message] == [
        f"Table 1: not read: rows {MAX_ROWS + 1:,} to {MAX_ROWS + 50:,}, beyond what a logframe table is read to"
    ]


def _book(tmp_path: Path, rows: list[list[Any]], *, merges: tuple[str, ...] = (), extra: bool = False) -> Path:
    import openpyxl  # type: ignore[import-untyped]

    book = openpyxl.Workbook()
    if extra:  # a budget sheet first, with a header over numbers
        budget = book.active
        budget.title = "Budget"
        for row in (["Description", "Amount (USD)"], ["Drilling", 400000], ["Training", 50000]):
            budget.append(row)
        sheet = book.create_sheet("Logframe")
    else:
        sheet = book.active
    for row in rows:
        sheet.append(row)
    for merged in merges:
        sheet.merge_cells(merged)
    path = tmp_path / "hand.xlsx"
    book.save(path)
    return path


def test_a_plain_matrix_headed_in_the_singular_with_years_under_merged_targets(tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        [
            ["Result", "Indicator", "Baseline", "Targets", None, None, "Source"],
            [None, None, None, 2026, 2027, 2028, None],
            [
                "Outcome 1: Households sort e-waste",
                "Share sorting",
                "10% (2024)",
                None,
                "by end of 2026: 40%",
                60,
                "Survey",
            ],
            ["Output 1.1: Bins delivered", "Bins delivered", 0, 100, 200, None, "Delivery notes"],
            ["Activity 1.1.1: Buy bins", "Means: trucks and staff", "Costs: EUR 2m", None, None, None, None],
            [],
            [],
            [],
            ["Footnote: all targets are cumulative"],
        ],
        merges=("D1:F1",),
        extra=True,
    )
    result = import_xlsx(path)
    model = result.model
    assert "laid out as: DFID" not in " ".join(n.message for n in result.notes)
    [share] = model.outcomes["oc-1"].indicators
    assert share.targets == {2026: 40, 2028: 60} and share.unit == "%"  # the year the text gives, none invented
    assert model.outputs["o-1.1"].indicators[0].targets == {2026: 100, 2027: 200}
    assert list(model.interventions) == ["i-1.1.1"] and not model.interventions["i-1.1.1"].indicators
    assert model.model.description is None  # the budget's header is no title-block line
    unread = {ref for note in result.notes if "not read" in note.message for ref in _refs(note.where)}
    assert {"Logframe!B5", "Logframe!C5", "Logframe!A9", "Budget!A1", "Budget!B1"} <= unread


def test_french_expected_results_and_a_merged_section_row(tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        [
            [
                "Logique d'intervention",
                "Indicateurs objectivement vérifiables",
                "Sources de vérification",
                "Hypothèses",
            ],
            ["IMPACT", None, None, None],
            ["L'accès à l'eau potable s'améliore", "Part des ménages desservis", "Enquête", None],
            ["Résultats attendus", None, None, None],
            ["R1 : 150 forages réalisés", "Forages réalisés", "Rapports", "Les pompes sont entretenues"],
        ],
        merges=("A2:D2", "A4:D4"),
    )
    result = import_xlsx(path)
    model = result.model
    assert model.model.languages == ["fr"]
    assert [str(i.title) for i in model.impact.values()] == ["L'accès à l'eau potable s'améliore"]
    [output] = model.outputs.values()
    assert str(output.title) == "150 forages réalisés" and output.label == "R1"
    assert not [n for n in result.notes if "before any result" in n.message]


def test_a_percentage_formatted_cell_reads_as_excel_shows_it(tmp_path: Path) -> None:
    import openpyxl

    path = _book(tmp_path, [["Results chain", "Indicators", "Baseline", "Target"], ["Outcome 1: X", "Share", 0.1, 0.4]])
    book = openpyxl.load_workbook(path)
    for cell in ("C2", "D2"):
        book.active[cell].number_format = "0%"
    book.save(path)
    [indicator] = import_xlsx(path, start=2027, years=3).model.outcomes["oc-1"].indicators
    assert indicator.baseline is not None and indicator.baseline.value == 10 and indicator.unit == "%"
    assert indicator.targets == {2029: 40}


def test_a_unit_written_after_the_indicator_is_read_as_its_unit(tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        [
            ["Results chain", "Indicators", "Baseline", "Target"],
            ["Outcome 1: X", "E-waste collected (t)", "1,200 (2025)", "5,000 (2029)"],
            ["Outcome 2: Y", "People trained (sex)", "0 (2025)", "100 (2029)"],
            ["Outcome 3: Z", "Share recycled (UNU/ITU method)", "3 (2025)", "10 (2029)"],
        ],
    )
    model = import_xlsx(path).model
    units = [(str(o.indicators[0].title), o.indicators[0].unit) for o in model.outcomes.values()]
    assert units == [
        ("E-waste collected", "t"),
        ("People trained (sex)", None),
        ("Share recycled (UNU/ITU method)", None),
    ]


def test_a_word_documents_period_written_above_its_table_gives_the_plan(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("Implementation period 2025–2029")
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ["Results chain", "Indicators", "Baseline", "Target"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["Outcome 1: Households sort", "Share", "1 (2024)", "5"], strict=True):
        cell.text = text
    document.save(str(tmp_path / "period.docx"))
    model = import_docx(tmp_path / "period.docx").model
    assert (model.model.start, model.model.years) == (2025, 5)
    assert model.outcomes["oc-1"].indicators[0].targets == {2029: 5}  # the final target, for the plan's last year


def test_a_single_source_beside_several_indicators_is_each_ones(tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        [
            ["Results chain", "Indicators", "Baseline", "Target", "Source"],
            [
                "Outcome 1: X",
                "- Share sorting\n- Share returning",
                "- 10 (2024)\n- 5 (2024)",
                "- 40 (2028)\n- 20 (2028)",
                "Survey",
            ],
        ],
    )
    result = import_xlsx(path)
    indicators = result.model.outcomes["oc-1"].indicators
    assert [(str(i.title), i.source, i.targets) for i in indicators] == [
        ("Share sorting", "Survey", {2028: 40}),
        ("Share returning", "Survey", {2028: 20}),
    ]
    assert not [n for n in result.notes if "not as many lines" in n.message]
