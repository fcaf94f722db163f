"""Monitoring: actuals in the model and in monitoring files, progress against the plan, and the command."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
import yaml

import tocmodel
from conftest import MODELS, run_cli
from tocmodel.analysis.progress import progress
from tocmodel.errors import ModelLoadError
from tocmodel.interop.actuals.listing import listed_in
from tocmodel.schema import Model
from tocmodel.schema.monitoring import Thresholds, is_yes_no, number

PILOT = MODELS / "ewaste-pilot.yaml"
MINIMAL = MODELS / "minimal.yaml"


def minimal(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data.update(changes)
    return data


def indicator(data: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """The minimal model's outcome indicator, changed."""
    found: dict[str, Any] = data["outcomes"]["oc-collected"]["indicators"][0]
    found.update(fields)
    return found


def at(model: Model, indicator_id: str, year: int | None = None) -> Any:
    found = progress(model, year=year)
    return next(i for i in found.indicators if i.indicator == indicator_id)


# -- files ----------------------------------------------------------------------------------------


def write_model(folder: Path, **changes: Any) -> Path:
    path = folder / "model.yaml"
    path.write_text(yaml.safe_dump(minimal(**changes), sort_keys=False), encoding="utf-8")
    return path


def test_monitoring_files_join_the_model_and_keep_their_positions(tmp_path: Path) -> None:
    (tmp_path / "monitoring").mkdir()
    (tmp_path / "monitoring" / "2027.yaml").write_text("actuals:\n  oc-collected.1:\n    2027: 6\n", encoding="utf-8")
    (tmp_path / "monitoring" / "2028.yaml").write_text(
        "actuals:\n  oc-collected.1:\n    2028: {value: 11, status: validated}\n", encoding="utf-8"
    )
    path = write_model(tmp_path, monitoring=["monitoring/2027.yaml", "monitoring/2028.yaml"])
    model = tocmodel.load(path)
    assert {year: a.value for year, a in model.actuals["oc-collected.1"].items()} == {2027: 6, 2028: 11}
    where = model.source_map.locate(("actuals", "oc-collected.1", 2028, "value"))
    assert (Path(where.file).name, where.line) == ("2028.yaml", 3)


def test_the_same_period_in_two_files_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("actuals:\n  oc-collected.1:\n    2027: 6\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("actuals:\n  oc-collected.1:\n    2027: 7\n", encoding="utf-8")
    path = write_model(tmp_path, monitoring=["a.yaml", "b.yaml"])
    with pytest.raises(ModelLoadError) as failure:
        tocmodel.load(path)
    [problem] = failure.value.report.errors
    assert problem.location.file.endswith("b.yaml") and problem.location.line == 3
    assert "`oc-collected.1` has an actual for `2027` twice (first at" in problem.message


def test_a_monitoring_file_holds_only_actuals(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text("outputs:\n  o-x: {title: X}\n", encoding="utf-8")
    result = run_cli("check", str(write_model(tmp_path, monitoring=["m.yaml"])))
    assert result.returncode == 1
    assert "m.yaml:1:1: TOC009 error: a monitoring file cannot hold `outputs`" in result.stdout


def test_a_monitoring_file_outside_the_models_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (tmp_path / "outside.yaml").write_text("actuals: {}\n", encoding="utf-8")
    result = run_cli("check", str(write_model(folder, monitoring=["../outside.yaml"])))
    assert result.returncode == 1 and "points outside the model's folder" in result.stdout


# -- progress -------------------------------------------------------------------------------------


def test_share_of_the_way_follows_a_straight_line_to_the_next_target() -> None:
    model = Model.model_validate(minimal(actuals={"oc-collected.1": {2027: 6, 2028: 11}}))
    years = {y.year: y for y in at(model, "oc-collected.1").years}
    assert (years[2027].milestone, years[2027].share, years[2027].status) == (8.0, 0.75, "watch")
    assert (years[2028].milestone, years[2028].share, years[2028].status) == (16.0, 0.6875, "watch")
    assert years[2029].status == "unrated" and years[2031].target == 40


def test_an_indicator_meant_to_fall_is_on_track_when_it_falls() -> None:
    model = Model.model_validate(minimal(actuals={"im-less-dumping.1": {2027: 1.82, 2028: 2.1}}))
    found = at(model, "im-less-dumping.1", 2027)
    assert found.years[0].share == pytest.approx(1.125) and found.status == "on-track"
    assert at(model, "im-less-dumping.1").status == "off-track"  # 2028: it rose


def test_maintain_yes_no_and_no_baseline() -> None:
    data = minimal(actuals={"oc-collected.1": {2027: "yes"}, "im-less-dumping.1": {2027: 2.2}})
    indicator(data, measure="nominal", unit="yes/no", baseline={"value": "no", "year": 2026}, targets={2027: "yes"})
    data["impact"]["im-less-dumping"]["indicators"][0].update(direction="maintain", targets={2027: 2.0})
    model = Model.model_validate(data)
    assert at(model, "oc-collected.1").status == "on-track"
    assert at(model, "im-less-dumping.1").years[0].share == pytest.approx(0.9)
    indicator(data, baseline=None, measure="unit", targets={2027: 10})
    data["actuals"]["oc-collected.1"] = {2027: 5}
    assert at(Model.model_validate(data), "oc-collected.1").years[0].share == 0.5  # the actual against the target


def test_a_value_due_and_not_given_is_missing_and_results_roll_up_the_worst() -> None:
    data = minimal(actuals={"oc-collected.1": {2027: 2}})
    data["impact"]["im-less-dumping"]["indicators"][0]["frequency"] = "annual"
    found = progress(Model.model_validate(data))
    statuses = {r.result: r.status for r in found.results}
    assert statuses == {"oc-collected": "off-track", "im-less-dumping": "missing"}
    assert found.as_of == 2027 and found.reported == [2027]
    [off] = [r for r in found.results if r.status == "off-track"]
    assert off.assumptions == ["a-use"]  # the link from the output carries it


def test_thresholds_change_the_status(tmp_path: Path) -> None:
    model = Model.model_validate(minimal(actuals={"oc-collected.1": {2027: 6}}))
    assert at(model, "oc-collected.1").status == "watch"
    assert progress(model, thresholds=Thresholds(on_track=0.7, watch=0.5)).indicators[0].status == "on-track"
    path = write_model(tmp_path, actuals={"oc-collected.1": {2027: 6}})
    (tmp_path / "tocmodel.toml").write_text("[progress]\non_track = 0.7\n", encoding="utf-8")
    data = json.loads(run_cli("progress", str(path), "--format", "json").stdout)
    assert data["thresholds"] == {"on_track": 0.7, "watch": 0.6}
    assert data["indicators"][0]["status"] == "on-track"
    (tmp_path / "tocmodel.toml").write_text("[progress]\nwatch = 0.95\n", encoding="utf-8")
    result = run_cli("progress", str(path))
    assert result.returncode == 2 and "`progress.watch` (0.95) is above `progress.on_track` (0.9)" in result.stderr


def test_the_pilot_reports_two_illustrative_years() -> None:
    model = tocmodel.load(PILOT)
    found = progress(model)
    assert found.reported == [2027, 2028] and found.as_of == 2028
    actuals = [a for periods in model.actuals.values() for a in periods.values()]
    assert len(actuals) == 59 and all("Illustrative" in a.comment["en"] for a in actuals)
    counts = found.counts()
    assert counts["off-track"] >= 1 and counts["on-track"] > counts["off-track"]
    assert progress(model, year=2027).as_of == 2027


def test_progress_command_prints_a_table_and_json() -> None:
    text = run_cli("progress", str(PILOT))
    assert text.returncode == 0
    assert "Progress at 2028" in text.stdout and "oc-producers-finance is off track" in text.stdout
    data = json.loads(run_cli("progress", str(PILOT), "--year", "2027", "--format", "json").stdout)
    assert data["as_of"] == 2027 and sum(data["counts"].values()) == len(data["results"])


# -- import actuals -------------------------------------------------------------------------------


@pytest.fixture
def pilot_copy(tmp_path: Path) -> Path:
    """The shipped pilot, its generic model and its monitoring files, in a folder of their own."""
    for name in ("ewaste-pilot.yaml", "ewaste-generic.yaml"):
        shutil.copy(MODELS / name, tmp_path / name)
    shutil.copytree(MODELS / "monitoring", tmp_path / "monitoring")
    return tmp_path / "ewaste-pilot.yaml"


STATISTICS_2029 = """\
Indicator,Year,Value,Date,Source,Comment,Status,Dimension,Category,Nature
ind-ewaste-collected-kg,2029,0.085,2030-04-15,Ghana Statistical Service,First official estimate,validated,,,C
o-workers-formalised.1,2029,610,,,,,,,E
o-workers-formalised.1,2029,220,,,,,sex,female,E
o-workers-formalised.1,2029,390,,,,,sex,male,E
"""


def test_a_table_of_values_goes_into_a_monitoring_file_the_model_then_names(pilot_copy: Path) -> None:
    table = pilot_copy.parent / "gss-2029.csv"
    table.write_text(STATISTICS_2029, encoding="utf-8")
    before = pilot_copy.read_text(encoding="utf-8")
    result = run_cli("import", "actuals", str(pilot_copy), str(table))
    assert result.returncode == 0, result.stderr
    assert "gss-2029.csv:1:10: column `Nature` not read" in result.stderr
    assert "4 rows: 2 actuals added, 0 changed, 0 unchanged" in result.stderr
    after = pilot_copy.read_text(encoding="utf-8")
    listed = "monitoring: [monitoring/ewaste-pilot-2027.yaml, monitoring/ewaste-pilot-2028.yaml"
    assert after == before.replace(f"{listed}]", f"{listed}, monitoring/ewaste-pilot-2029.yaml]")
    model = tocmodel.load(pilot_copy)
    collected = model.actuals["ind-ewaste-collected-kg"][2029]
    assert (collected.value, collected.status, collected.source, str(collected.date)) == (
        0.085,
        "validated",
        "Ghana Statistical Service",
        "2030-04-15",
    )
    assert model.actuals["o-workers-formalised.1"][2029].breakdown == {"sex": {"female": 220, "male": 390}}
    again = run_cli("import", "actuals", str(pilot_copy), str(table))
    assert "0 actuals added, 0 changed, 2 unchanged" in again.stderr and pilot_copy.read_text(encoding="utf-8") == after


def test_rows_wrong_for_the_model_refuse_the_table_with_their_cells(pilot_copy: Path) -> None:
    table = pilot_copy.parent / "valeurs.csv"
    table.write_text(
        "indicateur;année;valeur;statut\n"
        "ind-ewaste-collectd-kg;2029;0,09;validé\n"
        "ind-ewaste-collected-pct;2035;3,9;provisoire\n"
        "ind-ewaste-collected-pct;2030;140;provisoire\n"
        "ind-ewaste-collected-kg;2027;0,07;validé\n",
        encoding="utf-8",
    )
    files = {path: path.read_bytes() for path in pilot_copy.parent.rglob("*.yaml")}
    result = run_cli("import", "actuals", str(pilot_copy), str(table))
    assert result.returncode == 1
    assert "valeurs.csv:2:1: unknown indicator `ind-ewaste-collectd-kg`; did you mean `ind-ewaste-collected-kg`?" in (
        result.stderr
    )
    assert "valeurs.csv:3:2: 2035 is outside the plan (2027-2031)" in result.stderr
    assert "valeurs.csv:4:3: `ind-ewaste-collected-pct` for 2030: 140 is not a percentage between 0 and 100" in (
        result.stderr
    )
    assert "`ind-ewaste-collected-kg` already has an actual for 2027 at" not in result.stderr  # rows refused first
    assert "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert {path: path.read_bytes() for path in pilot_copy.parent.rglob("*.yaml")} == files


def test_a_workbook_in_french_and_a_value_another_file_has(pilot_copy: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Valeurs"
    sheet.append(["Indicateur", "Période", "Valeur", "Commentaire"])
    sheet.append(["oc-decent-work.2", 2029, 31.5, "Enquête d'observation"])
    path = pilot_copy.parent / "valeurs.xlsx"
    workbook.save(path)
    result = run_cli("import", "actuals", str(pilot_copy), str(path), "--into", str(pilot_copy.parent / "m.yaml"))
    assert result.returncode == 0, result.stderr
    assert tocmodel.load(pilot_copy).actuals["oc-decent-work.2"][2029].comment == "Enquête d'observation"
    sheet.append(["oc-decent-work.2", 2028, 29, ""])
    workbook.save(path)
    refused = run_cli("import", "actuals", str(pilot_copy), str(path), "--into", str(pilot_copy.parent / "m.yaml"))
    assert refused.returncode == 1
    assert "Valeurs!C3: `oc-decent-work.2` already has an actual for 2028 at" in refused.stderr
    assert "ewaste-pilot-2028.yaml" in refused.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tocmodel: 1\nmonitoring: []\nmodel: {}\n", "tocmodel: 1\nmonitoring: [m/b.yaml]\nmodel: {}\n"),
        (
            "monitoring:\n  - m/a.yaml  # first\nmodel: {}\n",
            "monitoring:\n  - m/a.yaml  # first\n  - m/b.yaml\nmodel: {}\n",
        ),
        ("monitoring: m/a.yaml\n", "monitoring: [m/a.yaml, m/b.yaml]\n"),
    ],
)
def test_the_model_names_a_new_monitoring_file_in_the_list_it_has(text: str, expected: str) -> None:
    assert listed_in(text, [], "m/b.yaml") == expected
    assert listed_in(text, ["m/b.yaml"], "m/b.yaml") == text
    assert listed_in("model: {}", [], "m/b.yaml").endswith("\nmonitoring: [m/b.yaml]\n")


# -- every output shows the actuals ---------------------------------------------------------------


def charted(model: Model) -> dict[str, list[float]]:
    """The numeric actuals of each indicator a chart is drawn for (numeric and not yes/no), by indicator."""
    found = {}
    for _, owner, index, item in model.iter_indicators():
        indicator_id = model.indicator_id(owner, index, item)
        values = [float(a.value) for a in model.actuals.get(indicator_id, {}).values() if number(a.value) is not None]
        if values and not is_yes_no(item):
            found[indicator_id] = values
    return found


@pytest.fixture(scope="module")
def pilot_documents(pilot_logframe: Callable[..., bytes]) -> dict[str, bytes]:
    return {fmt: pilot_logframe(fmt) for fmt in ("html", "md", "docx", "xlsx")}


def test_every_document_has_the_actual_columns_and_a_chart_per_indicator(pilot_documents: dict[str, bytes]) -> None:
    from lxml import html

    model = tocmodel.load(PILOT)
    charts = charted(model)
    assert len(charts) > 20
    page = html.fromstring(pilot_documents["html"])
    assert {"Actual 2027", "Actual 2028"} <= {th.text_content() for th in page.iter("th")}
    figures = page.xpath("//figure[@class='chart']")
    assert len(figures) == len(charts) and all(f.xpath(".//svg") for f in figures)
    assert "Actual" in figures[0].xpath("string(.//svg)")  # the legend, as text
    assert pilot_documents["md"].decode().count("](data:image/svg+xml;base64,") == len(charts)
    word = docx.Document(io.BytesIO(pilot_documents["docx"]))
    assert "Progress against the plan" in [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert len(word.inline_shapes) == 1 + len(charts)  # the diagram, then the charts
    assert len([p for p in word.paragraphs if p.style.name == "Caption"]) == len(charts)
    assert any(table.rows[0].cells[-1].text == "Status" for table in word.tables)


def test_the_workbook_draws_each_chart_from_the_actual_values(pilot_documents: dict[str, bytes]) -> None:
    model = tocmodel.load(PILOT)
    workbook = openpyxl.load_workbook(io.BytesIO(pilot_documents["xlsx"]))
    sheet = workbook["Progress"]
    charts = charted(model)
    assert len(sheet._charts) == len(charts)
    plotted = sorted(
        float(value)
        for row in sheet.iter_rows(values_only=True)
        if row[0] == "Actual"
        for value in row[1:]
        if isinstance(value, int | float)
    )
    assert plotted == sorted(v for values in charts.values() for v in values)
    headers = [cell.value for cell in workbook["Indicators"][1]]
    actual_2028 = headers.index("Actual 2028")
    row = next(
        r
        for r in workbook["Indicators"].iter_rows(values_only=True)
        if str(r[1]).startswith("E-waste formally collected and recycled, kg")
    )
    assert row[actual_2028] == "0.068"


def test_the_iati_export_carries_every_actual_it_can(tmp_path: Path) -> None:
    from tocmodel.interop.iati import export_iati, import_iati

    model = tocmodel.load(PILOT)
    exported = export_iati(model)  # checked against the official schema before it is returned
    (tmp_path / "pilot.xml").write_bytes(exported.content)
    back = import_iati(tmp_path / "pilot.xml").model
    given = {(i, p): a for i, periods in model.actuals.items() for p, a in periods.items()}
    same = [key for key, actual in given.items() if back.actuals.get(key[0], {}).get(key[1]) == actual]
    [(left_out, _)] = [(key, a) for key, a in given.items() if key not in same]
    assert len(same) == len(given) - 1 == 58
    assert left_out == ("oc-decent-work.2", 2028)  # not measured: IATI needs a value, and the note says so
    assert any(n.where == "oc-decent-work.2" and "actual for 2028 left out" in n.message for n in exported.notes)


def test_the_diagram_colours_each_result_by_its_status() -> None:
    from lxml import etree

    from tocmodel.render.diagram import diagram
    from tocmodel.render.diagram.scene import STATUS_STYLE

    model = tocmodel.load(PILOT)
    statuses = {r.result: r.status for r in progress(model).results if r.status in STATUS_STYLE}
    assert {"on-track", "watch", "off-track"} <= set(statuses.values())
    svg = etree.fromstring(diagram(model, overlay="progress").content)
    boxes = {g.get("id"): g for g in svg.iter("{*}g") if g.get("class") == "node"}
    for result, status in statuses.items():
        fills = [shape.get("fill") for shape in boxes[result].iter("{*}path", "{*}polygon")]
        assert STATUS_STYLE[status][0] in fills, (result, status, fills)
    assert "Progress at 2028" in "".join(svg.itertext())
    plain = etree.fromstring(diagram(model).content)
    assert "Progress at" not in "".join(plain.itertext())
    mermaid = diagram(model, overlay="progress", output_format="mermaid").content.decode()
    assert "classDef off-track fill:#ea9999" in mermaid and ":::off-track" in mermaid
    with pytest.raises(tocmodel.errors.UsageError, match="unknown overlay `risk`"):
        diagram(model, overlay="risk")


def test_a_corrected_table_keeps_what_it_has_no_column_for_and_goes_where_its_values_are(pilot_copy: Path) -> None:
    table = pilot_copy.parent / "revised.csv"
    table.write_text("Indicator,Year,Value\no-collection-network.1,2028,27\noc-decent-work.1,2028,\n", encoding="utf-8")
    result = run_cli("import", "actuals", str(pilot_copy), str(table))
    assert result.returncode == 0, result.stderr
    assert "revised.csv:3:3: no value for `oc-decent-work.1` 2028: row not imported" in result.stderr
    assert "0 actuals added, 1 changed" in result.stderr and "ewaste-pilot-2028.yaml" in result.stderr
    corrected = tocmodel.load(pilot_copy).actuals["o-collection-network.1"][2028]
    assert (corrected.value, str(corrected.date), corrected.comment["en"]) == (27, "2029-03-31", "Illustrative")
    assert tocmodel.load(pilot_copy).actuals["oc-decent-work.1"][2028].value == 666  # an empty cell erases nothing


def test_a_percentage_cell_and_true_read_as_the_sheet_shows_them(pilot_copy: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Indicator", "Year", "Value", "Date"])
    sheet.append(["oc-households-return.2", 2029, 0.062])
    sheet["C2"].number_format = "0.0%"
    sheet.append(["o-national-strategy.1", 2029, True, "15/03/2030"])
    path = pilot_copy.parent / "values.xlsx"
    workbook.save(path)
    refused = run_cli("import", "actuals", str(pilot_copy), str(path))
    assert "Sheet!C3: date `15/03/2030` is not a date" in refused.stderr  # day first only in French or Spanish
    sheet["D3"] = "2030-03-15"
    workbook.save(path)
    assert run_cli("import", "actuals", str(pilot_copy), str(path)).returncode == 0
    model = tocmodel.load(pilot_copy)
    assert model.actuals["oc-households-return.2"][2029].value == pytest.approx(6.2)
    assert model.actuals["o-national-strategy.1"][2029].value == "yes"


def test_rows_that_do_not_make_an_actual_are_refused_at_their_cells(pilot_copy: Path) -> None:
    table = pilot_copy.parent / "parts.csv"
    table.write_text(
        "Indicator,Year,Value,Status,Dimension,Category\n"
        "o-workers-formalised.1,2029,120,,sex,female\n"
        "ind-ewaste-collected-kg,2029,0.09,final,,\n"
        "ind-ewaste-collected-pct,2029,4.1,,,\n"
        "ind-ewaste-collected-pct,2029-01-01/2029-12-31,4.2,,,\n",
        encoding="utf-8",
    )
    result = run_cli("import", "actuals", str(pilot_copy), str(table))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "parts.csv:3:3: status `final` is neither provisional nor validated" in result.stderr
    assert "parts.csv:5:3: `ind-ewaste-collected-pct` has a value for 2029 and again for 2029-01-01/2029-12-31" in (
        result.stderr
    )
    assert "parts.csv: `o-workers-formalised.1` for 2029: breakdown rows without a row for the total" in result.stderr
    assert "3 problems in" in result.stderr


def test_a_value_in_the_model_is_a_number_only_as_yaml_writes_one() -> None:
    data = minimal(actuals={"oc-collected.1": {2027: "12,5"}, "im-less-dumping.1": {"2027-Q1": 2}})
    with pytest.raises(ValueError, match="`2027-Q1` is not a reporting period"):
        Model.model_validate(data)
    del data["actuals"]["im-less-dumping.1"]
    report = tocmodel.validate(Model.model_validate(data))
    assert [d.code for d in report.errors] == ["TOC413"] and "`12,5` is not a number" in report.errors[0].message
