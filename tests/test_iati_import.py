"""IATI import of three real published activities (one not schema-valid): what each gives, what each
report names, and that messy or hostile files give a located error, never a traceback."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

import tocmodel
from conftest import FIXTURES, run_cli
from tocmodel.errors import InputError, UsageError
from tocmodel.interop import Imported
from tocmodel.interop.iati import import_iati
from tocmodel.interop.iati.files import parse_bytes

SAMPLES = FIXTURES / "iati"
ADB = SAMPLES / "adb-ebeye-solid-waste-46004-53082-001-GRNT0780.xml"
TDH = SAMPLES / "tdh-iraq-CH-FDJP-CHE-106823242-20119723b.xml"
OXFAM = SAMPLES / "oxfam-novib-NL-KVK-27108436-A-05001-08_PK.xml"


@functools.cache
def imported(path: Path) -> Imported:
    return import_iati(path)


def messages(path: Path) -> list[str]:
    return [note.format() for note in imported(path).notes]


@pytest.mark.parametrize("sample", [ADB, TDH, OXFAM], ids=["adb", "tdh", "oxfam"])
def test_each_sample_gives_a_model_that_loads_and_checks_without_errors(sample: Path, tmp_path: Path) -> None:
    output = tmp_path / "model.yaml"
    result = run_cli("import", "iati", str(sample), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert "note: " in result.stderr and "Traceback" not in result.stderr
    model = tocmodel.load(output)
    assert model.model_dump() == imported(sample).model.model_dump()
    assert tocmodel.validate(model).ok
    assert output.read_text(encoding="utf-8").startswith(f"# Imported from {sample.name} by `tocmodel import iati`.")


def test_adb_report_names_the_schema_error_with_its_line_and_the_na_baseline() -> None:
    found = messages(ADB)
    schema = [m for m in found if "not valid against the IATI 2.03 schema" in m]
    assert schema == [
        "line 45, /iati-activities/iati-activity/country-budget-items/budget-item: not valid against the IATI 2.03 "
        "schema: Element 'budget-item', attribute 'vocabulary': The attribute 'vocabulary' is not allowed."
    ]
    assert (
        "line 384, /iati-activities/iati-activity/result/indicator[4]/baseline: baseline value `N/A` is not a value: "
        "left empty" in found
    )
    stated = [m for m in found if "the title seems to state the target" in m]
    assert len(stated) == 4 and "`At least 2,200 tons/year" in stated[0]


def test_adb_results_indicators_and_baselines() -> None:
    model = imported(ADB).model
    assert (model.model.id, model.model.country, model.model.start, model.model.years) == (
        "46004-53082-001-GRNT0780",
        "MH",
        2020,
        9,
    )
    [output] = model.outputs.values()
    assert output.title == "Design and Monitoring Framework"
    assert [(i.baseline.value, i.baseline.year) for i in output.indicators if i.baseline] == [
        (0, 2020),
        (3677, 2020),
        (6114, 2020),
        (None, 2020),
    ]
    assert [i.measure for i in output.indicators] == ["unit", "unit", "unit", "percentage"]
    assert all(not i.targets for i in output.indicators)


def test_tdh_results_with_targets_and_actual_values() -> None:
    model = imported(TDH).model
    assert (model.model.start, model.model.years, model.model.languages) == (2020, 1, ["en"])
    assert len(model.outputs) == 5 and not model.outcomes
    indicators = [i for output in model.outputs.values() for i in output.indicators]
    assert len(indicators) == 13
    first = indicators[0]
    assert first.title.startswith("Indicator 2.1.3 - Number of children")
    assert (first.baseline.value, first.baseline.year) == (0, 2020)
    assert first.targets == {2020: 1200}
    first_id = next(model.indicator_id(owner, n, i) for _, owner, n, i in model.iter_indicators() if i is first)
    assert model.actuals[first_id]["2020-06-01/2020-12-31"].value == 1212
    assert any(i.measure == "percentage" and i.targets == {2020: 60} for i in indicators)
    assert not [m for m in messages(TDH) if "schema" in m]


def test_oxfam_code_titles_give_way_to_descriptions_and_periods_spanning_years_keep_their_dates() -> None:
    model = imported(OXFAM).model
    assert (model.model.id, model.model.start, model.model.years) == ("NL-KVK-27108436-A-05001-08-PK", 2021, 2)
    assert len(model.outputs) == 5 and len(model.outcomes) == 5
    output = model.outputs["o-2400"]
    assert output.title.startswith("Improved policies Governments and global actors")
    assert [i.id for i in output.indicators] == ["2400-A", "2400-B"]
    assert [i.targets for i in output.indicators] == [{2022: 2}, {2022: 0}]
    assert model.outcomes["oc-2400"].indicators[0].id is None  # `DD2` is used by several indicators
    found = messages(OXFAM)
    code_title = "result title `2400` is a code: the description is taken as the title"
    assert f"line 105, /iati-activities/iati-activity/result[1]: {code_title}" in found
    periods = output.indicators[0].periods
    assert {year: (p.start.isoformat(), p.end.isoformat()) for year, p in periods.items()} == {
        2022: ("2021-01-01", "2022-12-31")  # the period as published, counted for the year it ends in
    }
    assert any("indicator code `DD2` is used more than once" in m for m in found)


def test_what_the_importer_does_not_read_is_listed() -> None:
    last = messages(TDH)[-1]
    assert "not imported from the activity: participating-org (3)" in last and "transaction (4)" in last


# -- messy and hostile files --------------------------------------------------------------------------------


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_truncated_file_is_a_located_error(tmp_path: Path) -> None:
    path = write(tmp_path, "cut.xml", TDH.read_bytes()[:3000])
    previous = write(tmp_path, "out.yaml", b"# the previous model\n")
    result = run_cli("import", "iati", str(path), "-o", str(previous))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: {path}:") and "not well-formed XML" in result.stderr
    assert "Traceback" not in result.stderr
    assert previous.read_bytes() == b"# the previous model\n"  # a failed import leaves the file alone


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not well-formed XML"),
        (b"", "not well-formed XML"),
        (b"<html><body>not IATI</body></html>", "a <html> document, not an IATI activity file"),
        (b"<iati-organisations version='2.03'/>", "an IATI organisation file"),
        (b"<iati-activities version='2.03'></iati-activities>", "has no <iati-activity>"),
    ],
)
def test_garbage_is_refused_with_a_message(tmp_path: Path, content: bytes, expected: str) -> None:
    path = write(tmp_path, "garbage.xml", content)
    with pytest.raises(InputError, match=expected):
        import_iati(path)
    result = run_cli("import", "iati", str(path))
    assert result.returncode == 1 and expected in result.stderr and "Traceback" not in result.stderr


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = write(tmp_path, "secret.txt", b"SECRET-CONTENT")
    document = f"""<?xml version="1.0"?>
<!DOCTYPE iati-activities [<!ENTITY leak SYSTEM "file://{secret}">]>
<iati-activities version="2.03"><iati-activity xml:lang="en">
<iati-identifier>XX-1</iati-identifier>
<title><narrative>Leak &leak; here</narrative></title>
</iati-activity></iati-activities>"""
    with pytest.raises(InputError, match=r"declares entities \(`leak`\).*refused") as refused:
        import_iati(write(tmp_path, "xxe.xml", document.encode()))
    assert "SECRET" not in str(refused.value)


def test_entity_expansion_bomb_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {c} "{f"&{p};" * 10}">' for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    document = f"""<?xml version="1.0"?>
<!DOCTYPE iati-activities [{entities}]>
<iati-activities version="2.03"><iati-activity xml:lang="en">
<iati-identifier>XX-1</iati-identifier><title><narrative>&i;</narrative></title>
</iati-activity></iati-activities>"""
    path = write(tmp_path, "bomb.xml", document.encode())
    with pytest.raises(
        InputError, match=r"bomb.xml: declares entities \(`a`, `b`, `c`, \.\.\.\).*refused, nothing read"
    ):
        import_iati(path)
    with pytest.raises(InputError, match=r"bomb.xml: declares entities \(`a`, `b`, `c`, \.\.\.\)"):
        parse_bytes(path.read_bytes(), name="bomb.xml")


def test_choosing_an_activity(tmp_path: Path) -> None:
    text = TDH.read_text(encoding="utf-8")
    start, end = text.index("<iati-activity "), text.index("</iati-activity>") + len("</iati-activity>")
    second = text[start:end].replace(
        "CH-FDJP-CHE-106823242-20119723b</iati-identifier>", "CH-FDJP-CHE-106823242-2</iati-identifier>"
    )
    both = write(tmp_path, "two.xml", (text[:end] + second + text[end:]).encode())
    first = import_iati(both)
    assert first.model.model.id == "CH-FDJP-CHE-106823242-20119723b"
    assert any("the file has 2 activities: took `CH-FDJP-CHE-106823242-20119723b`" in n.message for n in first.notes)
    assert import_iati(both, activity="CH-FDJP-CHE-106823242-2").model.model.id == "CH-FDJP-CHE-106823242-2"
    with pytest.raises(UsageError, match="no activity `nope`"):
        import_iati(both, activity="nope")
    result = run_cli("import", "iati", str(both), "--activity", "nope")
    assert result.returncode == 2 and "CH-FDJP-CHE-106823242-2" in result.stderr and "Traceback" not in result.stderr


def test_messy_values_and_dates_are_noted_not_fatal(tmp_path: Path) -> None:
    text = TDH.read_text(encoding="utf-8")
    text = text.replace('<target value="1200"></target>', '<target value="about 1200"></target>', 1)
    results = text.index("<result ")
    second = text.index("<period>", text.index("<period>", results) + 1)
    text = text[:second] + text[second:].replace('iso-date="2020-12-31"', 'iso-date="2020-13-45"', 1)
    text = text.replace('<baseline value="0" year="2020">', '<baseline value="0" year="twenty">', 1)
    text = text.replace('<result type="1">', '<result type="7">', 1)
    result = import_iati(write(tmp_path, "messy.xml", text.encode()))
    found = " | ".join(n.message for n in result.notes)
    assert "target value `about 1200` is not a number" in found
    assert "@iso-date `2020-13-45` is not a date" in found
    assert "@year `twenty` is not a year" in found
    assert "result type `7` is not output (1), outcome (2) or impact (3): taken as an outcome" in found
    assert "its periods give no target that could be taken" in found
    assert tocmodel.validate(result.model).ok


def test_without_output_the_model_goes_to_standard_output() -> None:
    result = run_cli("import", "iati", str(TDH))
    assert result.returncode == 0
    assert result.stdout.startswith("# Imported from") and "outputs:" in result.stdout


BROKEN_DOWN = """\
<iati-activities version="2.03"><iati-activity>
 <iati-identifier>XM-EX-1</iati-identifier>
 <title><narrative>E-waste collection</narrative></title>
 <result type="2"><title><narrative>Households return e-waste</narrative></title>
  <indicator measure="1"><title><narrative>People trained</narrative></title>
   <period><period-start iso-date="2027-07-01"/><period-end iso-date="2028-06-30"/>
    <target value="1200"><comment><narrative>Counts trainers too</narrative></comment></target>
    <target value="500"><dimension name="sex" value="male"/></target>
    <target value="700"><dimension name="sex" value="female"/></target>
    <actual value="900"><comment><narrative>Provisional, from two regions</narrative></comment></actual>
   </period>
   <period><period-start iso-date="2028-07-01"/><period-end iso-date="2029-06-30"/>
    <target value="800"><dimension name="sex" value="male"/></target>
   </period>
  </indicator>
 </result>
</iati-activity></iati-activities>
"""


def test_fiscal_periods_totals_and_comments_are_kept_and_go_back_out(tmp_path: Path) -> None:
    from lxml import etree

    from tocmodel.interop.iati import export_iati

    path = tmp_path / "broken-down.xml"
    path.write_text(BROKEN_DOWN, encoding="utf-8")
    result = import_iati(path)
    [indicator] = result.model.outcomes[next(iter(result.model.outcomes))].indicators
    assert indicator.targets == {2028: 1200}  # the total, never the men's 500 nor, for 2029, the men's 800
    assert indicator.target_notes == {2028: "Counts trainers too"}
    [(period, actual)] = result.model.actuals[f"{next(iter(result.model.outcomes))}.1"].items()
    assert (period, actual.value, actual.comment) == ("2027-07-01/2028-06-30", 900, "Provisional, from two regions")
    assert {y: (p.start.isoformat(), p.end.isoformat()) for y, p in indicator.periods.items()} == {
        2028: ("2027-07-01", "2028-06-30"),
        2029: ("2028-07-01", "2029-06-30"),
    }
    notes = [note.message for note in result.notes]
    assert "target values broken down (sex: male = 500; sex: female = 700): not kept as values" in notes
    assert any("(sex: male = 800): not kept as values; no total is given, so none is taken" in n for n in notes)
    exported = etree.fromstring(export_iati(result.model).content)
    [period] = exported.iterfind(".//period")
    assert (period.find("period-start").get("iso-date"), period.find("period-end").get("iso-date")) == (
        "2027-07-01",
        "2028-06-30",
    )
    assert period.findtext("target/comment/narrative") == "Counts trainers too"
    assert period.findtext("actual/comment/narrative").startswith("Provisional, from two regions")


@pytest.mark.parametrize("sample", [ADB, TDH, OXFAM], ids=lambda path: path.name[:12])
def test_every_actual_of_a_real_file_comes_back_with_its_value(sample: Path) -> None:
    from lxml import etree

    root = etree.parse(str(sample)).getroot()
    written = []
    for indicator in root.iterfind(".//result/indicator"):
        for period in indicator.iterfind("period"):
            for actual in period.iterfind("actual"):
                if actual.find("dimension") is None and actual.find("location") is None:
                    written.append((period.find("period-end").get("iso-date"), float(actual.get("value"))))
    model = imported(sample).model
    taken = [
        (period if isinstance(period, str) else f"{period}-12-31", actual.value)
        for periods in model.actuals.values()
        for period, actual in periods.items()
    ]
    assert len(taken) == len(written) == {TDH: 13}.get(sample, 0)
    assert sorted((end[-10:], float(value)) for end, value in taken) == sorted(written)


def test_remarks_for_a_year_without_a_period_are_named_on_export(tmp_path: Path) -> None:
    from tocmodel.interop.iati import export_iati

    path = tmp_path / "broken-down.xml"
    path.write_text(BROKEN_DOWN, encoding="utf-8")
    model = import_iati(path).model
    data = model.model_dump(mode="json", exclude_none=True)
    outcome = next(iter(data["outcomes"].values()))
    outcome["indicators"][0]["target_notes"]["2031"] = "No target yet"
    notes = [note.message for note in export_iati(type(model).model_validate(data)).notes]
    assert any("a remark on the target for 2031, a year with no target or value" in n for n in notes), notes
