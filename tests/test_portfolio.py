"""`tocmodel portfolio` on the Ghana pilot and the Kenya and Senegal examples: coverage of the generic model, the
rules that put indicators together, the documents read back, and the errors for models that do not belong."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from lxml import html

from conftest import MODELS, run_cli
from tocmodel.analysis.portfolio import Portfolio, PortfolioError, build_portfolio, members, model_files
from tocmodel.load.loader import load

COUNTRIES = [MODELS / "ewaste-pilot.yaml", MODELS / "ewaste-ke.yaml", MODELS / "ewaste-sn.yaml"]
IDS = ["ewaste-gh-pilot", "ewaste-ke", "ewaste-sn"]


@pytest.fixture(scope="module")
def found() -> Portfolio:
    return build_portfolio(members([str(path) for path in COUNTRIES]))


def aggregate(found: Portfolio, key: str) -> Any:
    return next(a for a in found.aggregates if a.key == key)


def test_the_example_countries_check_clean() -> None:
    result = run_cli("check", *map(str, COUNTRIES))
    assert result.returncode == 0 and "0 errors, 0 warnings" in result.stdout


def test_coverage_says_what_each_country_kept_changed_dropped_or_added(found: Portfolio) -> None:
    assert found.generic_id == "ewaste-generic" and found.countries == IDS
    rows = {(row.kind, row.id): row for row in found.items}
    generic = load(MODELS / "ewaste-generic.yaml")
    sections = (generic.interventions, generic.outputs, generic.outcomes, generic.impact, generic.assumptions)
    assert len(rows) == len(generic.root_causes) + sum(map(len, sections)) + len(generic.risks)
    assert rows["intervention", "i-health-surveillance"].countries["ewaste-ke"].state == "dropped"
    law = rows["root cause", "rc-no-legal-basis"]
    assert {c: h.state for c, h in law.countries.items()} == dict(zip(IDS, ["dropped", "kept", "kept"], strict=True))
    assert law.held_by == ["ewaste-ke", "ewaste-sn"]
    assert rows["risk", "r-election-shift"].countries["ewaste-ke"].state == "dropped"
    outreach = rows["output", "o-public-outreach"].countries["ewaste-sn"]
    assert (outreach.state, outreach.changed) == ("changed", ("title",))
    assert rows["outcome", "oc-imports-controlled"].countries["ewaste-ke"].changed == ("title",)
    assert rows["assumption", "a-budget"].countries["ewaste-gh-pilot"].changed == ("statement", "evidence", "status")
    assert {(a.country, a.kind, a.id) for a in found.additions} == {
        ("ewaste-ke", "root cause", "rc-county-gaps"),
        ("ewaste-ke", "intervention", "i-county-collection"),
        ("ewaste-ke", "output", "o-county-points"),
    }
    causes = {row.id: row for row in found.root_causes}
    assert causes["rc-county-gaps"].held_by == ("ewaste-ke",) and not causes["rc-county-gaps"].generic
    assert causes["rc-no-legal-basis"].addressed_by == ("ewaste-ke", "ewaste-sn")
    assert causes["rc-no-osh"].held_by == tuple(IDS)


def test_counts_in_one_unit_are_summed_with_a_status_when_every_country_reported(found: Portfolio) -> None:
    sites = aggregate(found, "o-collection-network.1")
    assert (sites.by, sites.rule) == ("generic id", "summed")
    figures = {f.country: f for f in sites.countries}
    by_year = {t.year: t for t in sites.totals}
    reported = [figures[c].actuals[2027] for c in IDS]
    assert by_year[2027].actual == sum(reported) and by_year[2027].reported == 3
    assert by_year[2027].milestone == sum(figures[c].milestones[2027] for c in IDS)  # type: ignore[misc]
    assert by_year[2027].status == "on-track"
    assert by_year[2028].reported == 1 and by_year[2028].status is None  # only Ghana reported 2028: no status


def test_different_units_are_refused_and_rates_are_never_summed(found: Portfolio) -> None:
    money = aggregate(found, "o-investment.1")
    assert money.rule == "refused" and not money.totals
    assert "USD million" in money.reason and "EUR million" in money.reason and "ewaste-sn" in money.reason
    rate = aggregate(found, "EN_EWT_RCYR")
    assert (rate.by, rate.rule) == ("standard", "side by side") and "never summed" in rate.reason
    assert all(total.actual is None for total in rate.totals)
    assert {f.country: f.actuals[2027] for f in rate.countries} == {
        "ewaste-gh-pilot": 3.1,
        "ewaste-ke": 5.2,
        "ewaste-sn": 0.9,
    }
    statuses = [f.statuses[2027] for f in rate.countries]
    assert next(t.status for t in rate.totals if t.year == 2027) == (
        "off-track" if "off-track" in statuses else "watch" if "watch" in statuses else "on-track"
    )


def with_tonnes(folder: Path) -> list[str]:
    """Kenya and Senegal copied into `folder`, each also reporting e-waste recycled and generated in tonnes."""
    shutil.copy(MODELS / "ewaste-generic.yaml", folder)
    (folder / "monitoring").mkdir()
    values = {"ewaste-ke": (1200, 24000), "ewaste-sn": (100, 11000)}
    written = []
    for name in ("ewaste-ke", "ewaste-sn"):
        data = yaml.safe_load((MODELS / f"{name}.yaml").read_text(encoding="utf-8"))
        indicators = data["impact"]["im-reduced-harm"]["indicators"]
        for code, unit in (("EN_EWT_RCYV", "tonnes"), ("EN_EWT_GENV", "tonnes")):
            indicators.append(
                {
                    "id": f"{code.lower()}-{name}",
                    "standard": code,
                    "direction": "maintain",
                    "unit": unit,
                    "source": "NSO",
                }
            )
        monitoring = yaml.safe_load((MODELS / "monitoring" / f"{name}-2027.yaml").read_text(encoding="utf-8"))
        recycled, generated = values[name]
        monitoring["actuals"][f"en_ewt_rcyv-{name}"] = {2027: recycled}
        monitoring["actuals"][f"en_ewt_genv-{name}"] = {2027: generated}
        (folder / "monitoring" / f"{name}-2027.yaml").write_text(yaml.safe_dump(monitoring), encoding="utf-8")
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        written.append(str(folder / f"{name}.yaml"))
    return written


def test_a_rate_is_combined_from_every_countrys_numerator_and_denominator(tmp_path: Path) -> None:
    found = build_portfolio(members(with_tonnes(tmp_path)))
    rate = aggregate(found, "EN_EWT_RCYR")
    assert rate.rule == "combined" and "EN_EWT_RCYV over its EN_EWT_GENV" in rate.reason
    total = next(t for t in rate.totals if t.year == 2027)
    assert total.actual == pytest.approx(100 * (1200 + 100) / (24000 + 11000), abs=1e-4)
    assert aggregate(found, "EN_EWT_RCYV").rule == "summed"


# -- errors ------------------------------------------------------------------------------------------------


def test_models_that_extend_another_generic_model_or_none_are_located_errors(tmp_path: Path) -> None:
    for name in ("ewaste-generic.yaml", "minimal.yaml"):
        shutil.copy(MODELS / name, tmp_path)
    other = (
        (MODELS / "ewaste-generic.yaml")
        .read_text(encoding="utf-8")
        .replace("id: ewaste-generic", "id: other-generic", 1)
    )
    (tmp_path / "other-generic.yaml").write_text(other, encoding="utf-8")
    country = (
        (MODELS / "ewaste-ke.yaml")
        .read_text(encoding="utf-8")
        .replace("monitoring: [monitoring/ewaste-ke-2027.yaml]\n", "")
    )
    (tmp_path / "ke.yaml").write_text(country, encoding="utf-8")
    (tmp_path / "xx.yaml").write_text(
        country.replace("extends: ewaste-generic.yaml", "extends: other-generic.yaml").replace(
            "id: ewaste-ke", "id: ewaste-xx"
        ),
        encoding="utf-8",
    )
    with pytest.raises(PortfolioError) as raised:
        members([str(tmp_path / "ke.yaml"), str(tmp_path / "xx.yaml"), str(tmp_path / "minimal.yaml")])
    said = {(str(where.file), where.line): message for where, message in raised.value.problems}
    extends_line = country.splitlines().index("extends: ewaste-generic.yaml") + 1
    assert (
        said[str(tmp_path / "xx.yaml"), extends_line]
        == "`ewaste-xx` extends `other-generic`, not `ewaste-generic` as the first model does"
    )
    assert (
        said[str(tmp_path / "minimal.yaml"), 1]
        == "`minimal` extends no generic model: it cannot be compared with the others"
    )
    result = run_cli(
        "portfolio", str(tmp_path / "ke.yaml"), str(tmp_path / "xx.yaml"), "-o", str(tmp_path / "out.html")
    )
    assert result.returncode == 1 and f"xx.yaml:{extends_line}:1: `ewaste-xx` extends `other-generic`" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out.html").exists()


def test_a_folder_gives_its_models_and_one_with_none_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "countries"
    folder.mkdir()
    for path in [MODELS / "ewaste-generic.yaml", *COUNTRIES]:
        shutil.copy(path, folder)
    shutil.copytree(MODELS / "monitoring", folder / "monitoring")
    (folder / "notes.yaml").write_text("just: notes\n", encoding="utf-8")
    files = model_files([folder])
    assert [Path(f).name for f in files] == [
        "ewaste-generic.yaml",
        "ewaste-ke.yaml",
        "ewaste-pilot.yaml",
        "ewaste-sn.yaml",
    ]
    assert [c.id for c in members(files).countries] == [
        "ewaste-ke",
        "ewaste-gh-pilot",
        "ewaste-sn",
    ]  # the generic is no country
    (tmp_path / "empty").mkdir()
    result = run_cli("portfolio", str(tmp_path / "empty"))
    assert result.returncode == 1 and "no model in this folder" in result.stderr
    assert run_cli("portfolio", str(folder), "-f", "xlsx").returncode == 2  # a workbook needs -o


# -- documents ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory, found: Portfolio) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("portfolio")
    rules = ("summed", "combined", "side by side", "refused")
    counts = ", ".join(f"{sum(1 for a in found.aggregates if a.rule == rule)} {rule}" for rule in rules)
    written = {}
    for kind in ("html", "md", "xlsx", "json"):
        result = run_cli("portfolio", *map(str, COUNTRIES), "-o", str(folder / f"p.{kind}"))  # the format from -o
        assert result.returncode == 0, result.stderr
        assert f"3 countries; {len(found.aggregates)} indicators put together ({counts})" in result.stderr
        written[kind] = (folder / f"p.{kind}").read_bytes()
    return written


def test_the_workbook_reads_back_with_every_item_and_figure(documents: dict[str, bytes], found: Portfolio) -> None:
    book = openpyxl.load_workbook(io.BytesIO(documents["xlsx"]))
    assert book.sheetnames == ["Countries", "Coverage", "Additions", "Root causes", "Indicators"]
    coverage = list(book["Coverage"].iter_rows(min_row=4, values_only=True))
    assert len(coverage) == len(found.items)
    assert coverage[[r[1] for r in coverage].index("rc-no-legal-basis")][:2] == ("root cause", "rc-no-legal-basis")
    headers = next(book["Indicators"].iter_rows(min_row=3, max_row=3, values_only=True))
    rows = [dict(zip(headers, row, strict=True)) for row in book["Indicators"].iter_rows(min_row=4, values_only=True)]
    total = next(
        r for r in rows if r["who"] == "portfolio" and str(r["indicator"]).startswith("o-collection-network.1")
    )
    sites = aggregate(found, "o-collection-network.1")
    assert total["2027 actual"] == next(t.actual for t in sites.totals if t.year == 2027)
    assert total["2027 status"] == "on track" and total["2028 actual"].endswith("(1 of 3 reported)")
    refused = [r for r in rows if str(r["indicator"]).startswith("o-investment.1")]
    assert len(refused) == 3 and all(str(r["rule"]).startswith("refused: ") for r in refused)  # no portfolio row
    figures = sum(len(a.countries) + (1 if a.totals else 0) for a in found.aggregates)
    assert len(rows) == figures


def test_the_page_and_markdown_have_every_table_and_the_marked_diagram(
    documents: dict[str, bytes], found: Portfolio
) -> None:
    page = html.fromstring(documents["html"])
    assert [h.text_content() for h in page.iter("h2")] == [
        "Diagram",
        "Countries",
        "Coverage",
        "Additions",
        "Root causes",
        "Indicators",
    ]
    svg_text = " ".join(page.xpath("//svg//text()"))
    assert "3 of 3 countries" in svg_text and "2 of 3 countries" in svg_text
    assert set(page.xpath("//svg//*[local-name()='title']/text()")) >= set(
        load(MODELS / "ewaste-generic.yaml").outcomes
    )
    coverage_rows = page.xpath("//h2[@id='coverage']/following-sibling::table[1]//tbody/tr")
    assert len(coverage_rows) == len(found.items)
    text = documents["md"].decode()
    assert "```mermaid" in text and "3 of 3 countries" in text and text.count("\n| ") > len(found.items)
    data = json.loads(documents["json"])
    assert data["countries"] == IDS and len(data["aggregates"]) == len(found.aggregates) and data["items"][0]["held_by"]


def test_the_combined_rate_has_a_milestone_and_a_status_of_its_own(tmp_path: Path) -> None:
    files = with_tonnes(tmp_path)
    for file in files:  # targets for the tonnes, so that the combined rate has a milestone
        data = yaml.safe_load(Path(file).read_text(encoding="utf-8"))
        for indicator in data["impact"]["im-reduced-harm"]["indicators"][1:]:
            indicator["baseline"] = {"value": 10 if "rcyv" in indicator["id"] else 1000, "year": 2026}
            indicator["targets"] = {2027: 20 if "rcyv" in indicator["id"] else 1000}
        Path(file).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    total = next(t for t in aggregate(build_portfolio(members(files)), "EN_EWT_RCYR").totals if t.year == 2027)
    assert total.milestone == pytest.approx(100 * (20 + 20) / (1000 + 1000))
    assert total.baseline == pytest.approx(100 * (10 + 10) / 2000) and total.status == "on-track"  # 3.7% > 2%


def write(folder: Path, name: str, text: str) -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return str(folder / name)


def test_an_indicator_is_the_generic_ones_by_title_not_by_its_place(tmp_path: Path) -> None:
    """A country that put a new indicator first keeps the generic model's one under its title."""
    shutil.copy(MODELS / "ewaste-generic.yaml", tmp_path)
    ke = (
        (MODELS / "ewaste-ke.yaml")
        .read_text(encoding="utf-8")
        .replace("monitoring: [monitoring/ewaste-ke-2027.yaml]\n", "")
    )
    women = """  o-workers-formalised:
    indicators:
      - title: Women workers registered in cooperatives
        unit: persons
        baseline: {value: 0, year: 2026}
        targets: {2031: 1000}
        source: Cooperative registers
"""
    rw = ke.replace("id: ewaste-ke", "id: ewaste-rw").replace("  o-workers-formalised:\n    indicators:\n", women, 1)
    files = [write(tmp_path, "ke.yaml", ke), write(tmp_path, "rw.yaml", rw)]
    trained = aggregate(build_portfolio(members(files)), "o-workers-formalised.1")
    assert {f.country: f.indicator for f in trained.countries} == {
        "ewaste-ke": "o-workers-formalised.1",
        "ewaste-rw": "o-workers-formalised.2",
    }
    assert {str(f.title) for f in trained.countries} != {"Women workers registered in cooperatives"}


def test_a_regional_model_is_part_of_the_chain_and_ids_and_generic_copies_must_agree(tmp_path: Path) -> None:
    shutil.copy(MODELS / "ewaste-generic.yaml", tmp_path)
    ke = (
        (MODELS / "ewaste-ke.yaml")
        .read_text(encoding="utf-8")
        .replace("monitoring: [monitoring/ewaste-ke-2027.yaml]\n", "")
    )
    region = "tocmodel: 1\nextends: ewaste-generic.yaml\n"
    region += "model: {id: ewaste-eac, title: East Africa, start: 2027, languages: [en, fr]}\n"
    write(tmp_path, "eac.yaml", region)
    write(tmp_path, "ke.yaml", ke.replace("extends: ewaste-generic.yaml", "extends: eac.yaml"))
    write(tmp_path, "sn.yaml", ke.replace("id: ewaste-ke", "id: ewaste-ug"))
    assert [c.id for c in members(model_files([tmp_path])).countries] == ["ewaste-ke", "ewaste-ug"]
    write(tmp_path, "ke-v2.yaml", ke)
    with pytest.raises(PortfolioError) as raised:
        members(model_files([tmp_path]))
    assert "`ewaste-ke` is also the id of" in str(raised.value)
    (tmp_path / "ke-v2.yaml").unlink()
    copy = (
        (MODELS / "ewaste-generic.yaml")
        .read_text(encoding="utf-8")
        .replace("Investment in environmentally", "Money for environmentally")
    )
    write(tmp_path, "copy-generic.yaml", copy)
    write(
        tmp_path,
        "ug.yaml",
        ke.replace("id: ewaste-ke", "id: ewaste-tz").replace(
            "extends: ewaste-generic.yaml", "extends: copy-generic.yaml"
        ),
    )
    with pytest.raises(PortfolioError) as raised:
        members([str(tmp_path / "sn.yaml"), str(tmp_path / "ug.yaml")])
    assert "a copy of `ewaste-generic` that differs from" in str(raised.value)


def test_sums_need_numeric_targets_and_words_of_shares_are_rates(tmp_path: Path) -> None:
    found = build_portfolio(members([str(path) for path in COUNTRIES]))
    recyclers = aggregate(found, "o-certified-recyclers.1")  # Kenya and Senegal keep the generic's targets in words
    assert recyclers.rule == "summed" and all(t.milestone is None and t.status is None for t in recyclers.totals)
    from tocmodel.analysis.portfolio.aggregate import _is_rate, _one_unit

    assert _is_rate("share of households") and _is_rate("%") and _is_rate("kg/inh") and _is_rate("injuries per 100,000")
    assert not _is_rate("tonnes/year") and not _is_rate({"en": "shipments per year", "fr": "expéditions par an"})
    assert _one_unit(["USD million", "USD millions"]) and not _one_unit(["USD million", "EUR million"])


def test_folders_are_searched_below(tmp_path: Path) -> None:
    for name, code in (("kenya", "KE"), ("uganda", "UG")):
        result = run_cli("new", str(tmp_path / "countries" / name), "--country", code)
        assert result.returncode == 0, result.stderr
    files = model_files([tmp_path / "countries"])
    assert [Path(f).name for f in files] == ["ewaste-ke.yaml", "ewaste-ug.yaml"]
    assert [c.id for c in members(files).countries] == ["ewaste-ke", "ewaste-ug"]
