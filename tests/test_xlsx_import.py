"""Excel logframe import: the logframe tocmodel writes imports back to an equivalent model, a hand-made
spreadsheet in the usual layout (title rows, merged cells, section rows) is read, other layouts are read
with a column mapping, and bad input gives a clear error."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest

import tocmodel
from conftest import MODELS, run_cli
from tocmodel import Model
from tocmodel.errors import InputError, UsageError
from tocmodel.interop.docx import import_docx
from tocmodel.interop.xlsx import import_xlsx
from tocmodel.render.logframe import logframe
from tocmodel.schema.text import Translator, dotted, iter_texts

PILOT = MODELS / "ewaste-pilot.yaml"
RESULT_SECTIONS = ("interventions", "outputs", "outcomes", "impact")


@functools.cache
def pilot() -> Model:
    return tocmodel.load(PILOT)


def assumption_statements(model: Model, section: str, result_id: str) -> list[str]:
    """The statements a logframe row shows: the result's own assumptions, then those of its links."""
    item = getattr(model, section)[result_id]
    ids = [*item.assumptions, *(a for link in getattr(item, "leads_to", []) for a in link.assumptions)]
    tr = Translator("en", "en")
    return [tr(model.assumptions[a].statement) for a in dict.fromkeys(ids)]


def assert_equivalent(imported: Model, *, with_assumptions: bool = True, language: str = "en") -> None:
    """Same results at the same levels with the same statements, indicators (id, title, unit, measure,
    baseline, targets, source), assumptions and links, field by field, the texts in `language`."""
    model, tr = pilot(), Translator(language, "en")
    for section in RESULT_SECTIONS:
        assert list(getattr(imported, section)) == list(getattr(model, section)), section
        for result_id, item in getattr(model, section).items():
            again = getattr(imported, section)[result_id]
            assert again.title == tr(item.title), result_id
            assert getattr(again, "kind", None) == getattr(item, "kind", None), result_id
            assert len(again.indicators) == len(item.indicators), result_id
            for before, after in zip(item.indicators, again.indicators, strict=True):
                assert after.id == before.id
                assert after.title == tr(before.title)
                assert (after.unit, after.measure) == (tr(before.unit) or None, before.measure)
                assert before.baseline is not None and after.baseline is not None
                assert (after.baseline.value, after.baseline.year) == (before.baseline.value, before.baseline.year)
                assert after.targets == before.targets
                assert after.source == tr(before.source)
            if with_assumptions:
                statements = [str(imported.assumptions[a].statement) for a in again.assumptions]
                assert statements == [tr(model.assumptions[a].statement) for a in item.assumptions], result_id
                written = getattr(item, "leads_to", [])
                links = [(x.to, x.assumptions, x.confidence, tr(x.evidence) or None) for x in written]
                assert [
                    (x.to, x.assumptions, x.confidence, x.evidence) for x in getattr(again, "leads_to", [])
                ] == links, result_id  # every link, from the workbook's `Causal links` table
    if with_assumptions:
        used = {a for section in RESULT_SECTIONS for item in getattr(model, section).values() for a in item.assumptions}
        used |= {
            a
            for s in RESULT_SECTIONS[:3]
            for item in getattr(model, s).values()
            for link in item.leads_to
            for a in link.assumptions
        }
        assert set(imported.assumptions) == used  # the register's ids are kept


def test_the_logframe_workbook_imports_back_to_an_equivalent_model(tmp_path: Path) -> None:
    workbook, output = tmp_path / "logframe.xlsx", tmp_path / "imported.yaml"
    rendered = run_cli("logframe", str(PILOT), "-f", "xlsx", "-o", str(workbook), "--engine", "graphviz-pure")
    assert rendered.returncode == 0, rendered.stderr
    result = run_cli("import", "xlsx", str(workbook), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert "note: Matrix: columns read: Matrix: result=A, indicator=B, baseline=C, current=D, target=E" in result.stderr
    assert "(row 1 taken as the header)" in result.stderr
    imported = tocmodel.load(output)
    assert_equivalent(imported)
    meta, original = imported.model, pilot().model
    assert (meta.title, meta.country, meta.start, meta.years, meta.version, meta.date) == (
        original.title["en"],  # type: ignore[index]
        original.country,
        original.start,
        original.years,
        original.version,
        original.date,
    )
    assert tocmodel.validate(imported).ok


ROUND_TRIPS = [
    ("xlsx", "eu", "en"),
    ("xlsx", "eu", "fr"),
    ("xlsx", "eu", "es"),
    ("docx", "eu", "en"),
    ("docx", "eu", "fr"),
    ("xlsx", "undp", "fr"),
    ("xlsx", "dfid", "fr"),
    ("docx", "dfid", "en"),
]
"""Each format, layout and language at least once; all fifteen pairs of format and layout by language passed
when this was built, and these keep the suite short."""


@pytest.mark.parametrize(("output_format", "style", "language"), ROUND_TRIPS)
def test_every_logframe_tocmodel_writes_imports_back(
    output_format: str, style: str, language: str, tmp_path: Path
) -> None:
    document = tmp_path / f"logframe.{output_format}"
    content = logframe(pilot(), output_format=output_format, style=style, lang=language, engine="graphviz-pure").content
    document.write_bytes(content)
    result = (import_docx if output_format == "docx" else import_xlsx)(document)
    assert_equivalent(result.model, language=language)
    assert "45 links (45 registered)" in result.summary
    tr = Translator(language, "en")
    texts = {str(tr(text.text)).strip() for text in iter_texts(result.model)}
    lost = [dotted(t.path) for t in iter_texts(pilot()) if str(tr(t.text)).strip() not in texts]
    assert lost == []  # every text: the problem tree, actors, risks, assumptions, stages, indicators' definitions
    assert tocmodel.validate(result.model).ok


def test_the_undp_layout_imports_back_too_and_risk_lines_are_noted(tmp_path: Path) -> None:
    workbook = tmp_path / "undp.xlsx"
    workbook.write_bytes(logframe(pilot(), output_format="xlsx", style="undp", engine="graphviz-pure").content)
    result = import_xlsx(workbook)
    assert_equivalent(result.model)
    risk_notes = [note for note in result.notes if "risk line" in note.message]
    assert risk_notes and all(note.where.startswith("Matrix!L") for note in risk_notes)  # the last column


# -- a hand-made logframe ---------------------------------------------------------------------------------------


def hand_made(path: Path) -> Path:
    """A logframe as people make them: title rows, a header on row 5, section rows, merged cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Logframe"
    rows: list[list[Any]] = [
        ["Project title:", "Clean water for Kisumu"],
        ["Country", "KE"],
        ["Period", "2025-2028"],
        [],
        [
            "Intervention logic",
            "Objectively verifiable indicators",
            "Baseline (year)",
            "Targets",
            "Sources of verification",
            "Assumptions",
        ],
        ["IMPACT"],
        [
            "Goal: Fewer waterborne diseases in Kisumu",
            "Diarrhoea cases per 1,000 children",
            "45 (2024)",
            "30 by 2028",
            "County health records",
            "No major drought",
        ],
        ["OUTCOMES"],
        [
            "Outcome 1: Households use safe water",
            "Households using safe water",
            "40%",
            "2026: 55; 2028: 70",
            "Household survey",
            "- Committees stay active\n- Spare parts are available",
        ],
        [None, "Water points functional", "N/A", "90", "Water committee reports"],
        [
            "Intervention logic",
            "Objectively verifiable indicators",
            "Baseline (year)",
            "Targets",
            "Sources of verification",
            "Assumptions",
        ],
        ["OUTPUTS"],
        [
            "Output 1.1 Water points built and committees trained",
            "1. Water points built\n2. Committees trained",
            "1. 0 (2024)\n2. 0 (2024)",
            "1. 25 (2026)\n2. 25 (2027)",
            "Project records\nTraining records",
            "Communities contribute labour",
        ],
        [None, "Hygiene sessions held", 0, 120, "Attendance lists"],
        [],
        ["Activities"],
        ["Activity 1.1.1: Drill boreholes"],
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A6:F6")
    sheet.merge_cells("A8:F8")
    sheet.merge_cells("A9:A10")
    sheet.merge_cells("F9:F10")
    sheet.merge_cells("A12:F12")
    sheet.merge_cells("A13:A14")
    sheet.merge_cells("F13:F14")
    book.save(path)
    return path


def test_a_hand_made_logframe_in_the_usual_layout(tmp_path: Path) -> None:
    result = import_xlsx(hand_made(tmp_path / "kisumu.xlsx"))
    model = result.model
    assert (model.model.title, model.model.country, model.model.start, model.model.years) == (
        "Clean water for Kisumu",
        "KE",
        2025,
        4,
    )
    [impact] = model.impact.values()
    assert impact.title == "Fewer waterborne diseases in Kisumu"
    [goal] = impact.indicators
    assert (goal.baseline.value, goal.baseline.year, goal.targets, goal.source) == (  # type: ignore[union-attr]
        45,
        2024,
        {2028: 30},
        "County health records",
    )
    outcome = model.outcomes["oc-1"]
    assert outcome.title == "Households use safe water"
    share, points = outcome.indicators
    assert (share.unit, share.measure, share.baseline.value, share.targets) == (  # type: ignore[union-attr]
        "%",
        "percentage",
        40,
        {2026: 55, 2028: 70},
    )
    assert points.baseline is None and points.targets == {2028: 90}
    assert [model.assumptions[a].statement for a in outcome.assumptions] == [
        "Committees stay active",
        "Spare parts are available",
    ]
    output = model.outputs["o-1.1"]
    assert output.title == "Water points built and committees trained"
    assert [(i.title, i.targets, i.source) for i in output.indicators] == [
        ("Water points built", {2026: 25}, "Project records"),
        ("Committees trained", {2027: 25}, "Training records"),
        ("Hygiene sessions held", {2028: 120}, "Attendance lists"),
    ]
    assert model.interventions["i-1.1.1"].title == "Drill boreholes"
    notes = [note.format() for note in result.notes]
    assert "Logframe!B10: target `90` has no year: taken as the target for 2028, the plan's last year" in notes
    assert tocmodel.validate(model).ok


def other_layout(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Results"
    sheet.append(["Ref", "Tier", "Statement", "Measure of success", "Starting point", "2026", "2027", "Evidence"])
    sheet.append(
        [
            "OC1",
            "Outcome",
            "Farmers adopt drip irrigation",
            "Farmers using drip irrigation",
            "120 (2025)",
            300,
            500,
            "Extension records",
        ]
    )
    sheet.append(["OP1", "Output", "Farmers trained", "Farmers trained", "0 (2025)", 400, 800, "Training lists"])
    book.save(path)
    return path


def test_another_layout_needs_a_mapping_and_is_read_with_one(tmp_path: Path) -> None:
    path = other_layout(tmp_path / "other.xlsx")
    with pytest.raises(InputError, match="give the columns with --columns"):
        import_xlsx(path)
    by_letter = import_xlsx(path, columns="id=A, level=B, result=C, indicator=D, baseline=E, 2026=F, 2027=G, source=H")
    by_label = import_xlsx(
        path,
        columns="id=Ref, level=Tier, result=Statement, indicator=Measure of success, baseline=Starting point, "
        "2026=2026, 2027=2027, source=Evidence",
    )
    for result in (by_letter, by_label):
        model = result.model
        assert list(model.outcomes) == ["OC1"] and list(model.outputs) == ["OP1"]
        [indicator] = model.outcomes["OC1"].indicators
        assert (indicator.baseline.value, indicator.targets, indicator.source) == (  # type: ignore[union-attr]
            120,
            {2026: 300, 2027: 500},
            "Extension records",
        )
        assert (model.model.start, model.model.years) == (2026, 2)


# -- bad input --------------------------------------------------------------------------------------------


def test_a_file_that_is_no_workbook_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("just text", encoding="utf-8")
    result = run_cli("import", "xlsx", str(path), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode == 1
    assert f"Error: {path}: not an Excel workbook (.xlsx)" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--sheet", "Nope"], "no sheet or table `Nope`; there are `Results`"),
        (["--columns", "results=A"], "`results` is no column role"),
        (["--columns", "indicator=B"], "must say which column holds the results"),
        (["--columns", "result=Nothing like it"], "no row of sheet `Results` has the headers Nothing like it"),
    ],
)
def test_misuse_is_exit_two_with_a_message(tmp_path: Path, options: list[str], message: str) -> None:
    path = other_layout(tmp_path / "other.xlsx")
    result = run_cli("import", "xlsx", str(path), *options)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    with pytest.raises(UsageError):
        import_xlsx(path, sheet="Nope")


def test_a_stray_cell_far_away_and_text_like_a_formula_are_harmless(tmp_path: Path) -> None:
    path = other_layout(tmp_path / "far.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet.cell(row=20_000, column=16_000, value="stray")
    sheet["C3"] = '=HYPERLINK("http://example.org")'
    sheet["C3"].data_type = "s"  # text that looks like a formula, as tocmodel's logframe stores it
    book.save(path)
    result = import_xlsx(path, columns="id=A, level=B, result=C, indicator=D, baseline=E, 2026=F, 2027=G, source=H")
    assert result.model.outputs["OP1"].title == '=HYPERLINK("http://example.org")'
    assert "stray" not in result.to_yaml(command="test")
    assert any("1 cell past row 20,000 or column 200" in note.message for note in result.notes)  # said, not read


def test_text_like_an_excel_escape_comes_back_as_written(tmp_path: Path) -> None:
    source = tmp_path / "m.yaml"
    minimal = (MODELS / "minimal.yaml").read_text(encoding="utf-8")
    source.write_text(minimal.replace("title: Collection points open", "title: Points _x0041_ open"), encoding="utf-8")
    workbook = tmp_path / "logframe.xlsx"
    workbook.write_bytes(logframe(tocmodel.load(source), output_format="xlsx").content)
    imported = import_xlsx(workbook).model
    assert [str(output.title) for output in imported.outputs.values()] == ["Points _x0041_ open"]


@pytest.mark.parametrize("output_format", ["xlsx", "docx"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_remarks_on_targets_periods_and_the_current_value_read_back(
    output_format: str, language: str, tmp_path: Path
) -> None:
    from conftest import pilot_with_remarks

    path, first = pilot_with_remarks(tmp_path, "Counts trainers too", "Provisional, two regions")
    document = tmp_path / f"remarks.{output_format}"
    document.write_bytes(
        logframe(tocmodel.load(path), output_format=output_format, lang=language, engine="graphviz-pure").content
    )
    back = (import_docx if output_format == "docx" else import_xlsx)(document).model
    [again] = back.outcomes["oc-decent-work"].indicators[:1]
    assert again.target_notes == {first: "Counts trainers too"}
    assert {y: (p.start.isoformat(), p.end.isoformat()) for y, p in again.periods.items()} == {
        first: (f"{first - 1}-07-01", f"{first}-06-30")
    }
    assert again.current is not None and again.current.note == "Provisional, two regions"
    assert back.model.date == tocmodel.load(path).model.date  # a document writes it out: `November 1, 2026`
