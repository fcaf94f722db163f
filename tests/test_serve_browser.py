"""The live preview in a real browser: Debian's Chromium driven by Playwright against `tocmodel serve`.

The page shows every box of the pilot; an edit appears in place, keeping the zoom; a broken edit keeps the
picture and lists the error with its line; the fix clears it; clicking a box shows its details; the view
switcher, the pathway focus, presentation mode and exports work; twenty pages all follow an edit; model text
that looks like markup stays text. Every page must run without a console error (a violation of the content
security policy would be one).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from conftest import FIXTURES, MODELS, PILOT_WHOLE
from serve_support import CHROMIUM_FLAGS, Server, chromium, restored, wait_until
from tocmodel import load
from tocmodel.render.diagram import diagram

PILOT = MODELS / "ewaste-pilot.yaml"
LOAD = FIXTURES / "load"
TITLE = "Country engagement agreement signed and national steering committee operating"
VIEWPORT = {"width": 1400, "height": 900}
SVG = "{http://www.w3.org/2000/svg}"
PILOT_BOXES = {"o-country-engagement", "oc-policy-framework", "i-country-agreement"}


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
    yield launched
    launched.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    model = tmp_path_factory.mktemp("serve-browser") / "pilot.yaml"
    model.write_text(PILOT_WHOLE.read_text(encoding="utf-8"), encoding="utf-8")  # the pilot in one file, to edit
    running = Server(model).start()
    yield running
    running.stop()


@pytest.fixture
def model(server: Server) -> Iterator[Path]:
    """The served model file, put back as it was after the test."""
    with restored(server) as path:
        yield path


class Watched:
    """A browser context whose pages' console errors and uncaught exceptions are collected."""

    def __init__(self, browser: Browser) -> None:
        self.context: BrowserContext = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
        self.problems: list[str] = []

    def open(self, url: str, *, wait: bool = True) -> Page:
        page = self.context.new_page()
        page.on("console", lambda message: message.type == "error" and self.problems.append(message.text))
        page.on("pageerror", lambda error: self.problems.append(str(error)))
        page.goto(url, wait_until="load" if wait else "commit")
        if wait:
            wait_for_paints(page, 1)
        return page

    def close(self) -> None:
        self.context.close()
        assert self.problems == []


@pytest.fixture
def page(browser: Browser, server: Server) -> Iterator[Page]:
    watched = Watched(browser)
    yield watched.open(server.url)
    watched.close()


def paints(page: Page) -> int:
    return int(page.evaluate("window.__tocmodelPaints.length"))


def wait_for_paints(page: Page, count: int) -> None:
    """Playwright's own waiting for a condition evaluates a string, which the page's policy refuses."""
    wait_until(lambda: paints(page) >= count, what=f"{count} pictures painted")


def node_ids(page: Page) -> set[str]:
    return set(page.evaluate("[...document.querySelectorAll('.canvas g.node')].map((g) => g.id)"))


def drawn_text(page: Page) -> str:
    return " ".join(page.evaluate("[...document.querySelectorAll('.canvas svg text')].map((t) => t.textContent)"))


def shown(page: Page, name: str) -> bool:
    return page.locator(f'[data-ui="{name}"]').is_visible()


def scale(page: Page) -> float:
    transform = page.evaluate("document.querySelector('.canvas').style.transform")
    return float(re.search(r"scale\(([\d.e-]+)\)", transform).group(1))  # type: ignore[union-attr]


def details_of(server: Server) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(server.get("/api/model")[2])
    return found


def test_the_page_shows_every_box_of_the_pilot(page: Page) -> None:
    pilot = load(PILOT)
    boxes = {*pilot.root_causes, *pilot.interventions, *pilot.outputs, *pilot.outcomes, *pilot.impact}
    assert boxes <= node_ids(page)
    assert page.locator('[data-ui="title"]').text_content() == "Ghana national e-waste intervention model (pilot)"
    assert not shown(page, "banner") and not shown(page, "findings")


def test_an_edit_appears_in_place_keeping_the_zoom(page: Page, model: Path) -> None:
    page.evaluate("window.__samePage = true")
    page.click('[data-ui="zoom-in"]')
    page.click('[data-ui="zoom-in"]')
    zoomed = scale(page)
    model.write_text(model.read_text(encoding="utf-8").replace(TITLE, "Agreement signed in the room"), encoding="utf-8")
    wait_until(lambda: "Agreement signed in the room" in drawn_text(page), what="the edit")
    assert page.evaluate("window.__samePage") is True  # swapped in place, not reloaded
    assert scale(page) == pytest.approx(zoomed)


def box_fill(page: Page, node_id: str) -> str:
    """The fill of a box's outline in the picture shown."""
    return str(
        page.evaluate(f"document.getElementById({node_id!r}).querySelector('path, polygon').getAttribute('fill')")
    )


def test_the_progress_overlay_colours_results_and_follows_a_new_actual(page: Page, model: Path) -> None:
    count = paints(page)
    page.check('[data-ui="overlay"]')
    wait_for_paints(page, count + 1)
    assert "overlay=progress" in page.url
    assert box_fill(page, "o-value-chain-report") == "#ea9999"  # off track: `no` where `yes` was due in 2028
    assert box_fill(page, "o-country-engagement") == "#b6d7a8"  # on track
    assert box_fill(page, "i-country-agreement") == "#fff2cc"  # an intervention keeps its colour
    assert "Progress at 2028" in drawn_text(page) and "off track" in drawn_text(page)
    text = model.read_text(encoding="utf-8")
    model.write_text(
        text.replace(
            "  o-value-chain-report.1:\n    2028:\n      value: 'no'",
            "  o-value-chain-report.1:\n    2028:\n      value: 'yes'",
        ),
        encoding="utf-8",
    )
    wait_until(lambda: box_fill(page, "o-value-chain-report") == "#b6d7a8", what="the new actual's colour")
    page.uncheck('[data-ui="overlay"]')
    wait_until(
        lambda: "overlay" not in page.url and box_fill(page, "o-value-chain-report") == "#d9ead3", what="no overlay"
    )


def test_a_broken_edit_keeps_the_picture_and_the_fix_clears_the_errors(page: Page, model: Path) -> None:
    text = model.read_text(encoding="utf-8")
    version = page.evaluate("document.body.dataset.version")
    broken = text.replace(f"title: {TITLE}", f'title: "{TITLE}')
    line = broken[: broken.index(f'title: "{TITLE}')].count("\n") + 1
    model.write_text(broken, encoding="utf-8")
    wait_until(lambda: shown(page, "findings"), what="the list of problems")
    listed = page.locator('[data-ui="findings-list"]').inner_text()
    assert f"pilot.yaml:{line}:16" in listed and "TOC001 error" in listed and "hint: add the closing quote" in listed
    assert shown(page, "banner") and "1 error" in page.locator('[data-ui="banner"]').inner_text()
    # the last good picture stays
    assert page.evaluate("document.body.dataset.version") == version and "Country engagement" in drawn_text(page)
    assert node_ids(page) >= PILOT_BOXES
    model.write_text(text.replace(TITLE, "Fixed during the break"), encoding="utf-8")
    wait_until(lambda: "Fixed during the break" in drawn_text(page), what="the fixed picture")
    wait_until(lambda: not shown(page, "findings") and not shown(page, "banner"), what="the errors to clear")


def test_a_merge_key_bomb_saved_into_the_model_keeps_the_picture_and_shows_the_error(page: Page, model: Path) -> None:
    """Twelve lines whose merge keys name a billion sources: found at once, the picture stays, the fix clears."""
    text = model.read_text(encoding="utf-8")
    version = page.evaluate("document.body.dataset.version")
    model.write_bytes((LOAD / "merge-bomb.yaml").read_bytes())
    wait_until(lambda: shown(page, "findings"), what="the list of problems")
    listed = page.locator('[data-ui="findings-list"]').inner_text()
    assert "pilot.yaml:7:10" in listed and "TOC010 error" in listed and "merge keys (`<<`) expand" in listed
    assert shown(page, "banner") and "1 error" in page.locator('[data-ui="banner"]').inner_text()
    assert page.evaluate("document.body.dataset.version") == version and node_ids(page) >= PILOT_BOXES
    model.write_text(text.replace(TITLE, "Back after the bomb"), encoding="utf-8")
    wait_until(lambda: "Back after the bomb" in drawn_text(page), what="the fixed picture")
    wait_until(lambda: not shown(page, "findings") and not shown(page, "banner"), what="the errors to clear")


def test_clicking_a_box_shows_its_details(page: Page, server: Server) -> None:
    nodes = details_of(server)["nodes"]
    chosen = next(
        n
        for n in nodes.values()
        if all(n.get(part) for part in ("indicators", "assumptions", "risks", "stages"))
        and n["indicators"][0]["actuals"]
    )
    page.locator(f'.canvas g.node[id="{chosen["id"]}"]').click()
    panel = page.locator('[data-ui="details"]')
    panel.wait_for(state="visible")
    text = panel.inner_text()
    assert chosen["title"] in text and chosen["id"] in text
    indicator = chosen["indicators"][0]
    assert indicator["title"] in text
    assert f"Baseline: {indicator['baseline']['value']} ({indicator['baseline']['year']})" in text
    year, target = indicator["targets"][0]
    assert f"Targets: {year}: {target}" in text
    measured = [i for n in nodes.values() for i in n.get("indicators", []) if i["actuals"]]
    assert len(measured) > 20  # the pilot's illustrative actuals
    assert all(len(a) == 3 for i in measured for a in i["actuals"])
    period, actual, status = indicator["actuals"][0]
    assert f"Actuals: {period}: {actual}{' (provisional)' if status == 'provisional' else ''}" in text
    assert chosen["assumptions"][0]["statement"] in text and chosen["risks"][0]["statement"] in text
    assert chosen["stages"][0]["title"] in text and chosen["actors"][0]["title"] in text
    assert page.locator(f'.canvas g.node.selected[id="{chosen["id"]}"]').count() == 1
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden")
    referencing = next(n for n in nodes.values() if any(i["standard"] for i in n.get("indicators", [])))
    page.locator(f'.canvas g.node[id="{referencing["id"]}"]').click()
    panel.wait_for(state="visible")
    standard = next(i["standard"] for i in referencing["indicators"] if i["standard"])
    link = panel.locator(".line.standard a").first
    assert link.inner_text() == standard["code"] and link.get_attribute("href") == standard["url"]
    assert f"Standard indicator: {standard['code']}" in panel.inner_text()
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden")


def test_the_selected_box_stays_selected_across_an_edit(page: Page, model: Path) -> None:
    page.locator('.canvas g.node[id="oc-policy-framework"]').click()
    page.locator('[data-ui="details"]').wait_for(state="visible")
    count = paints(page)
    model.write_text(model.read_text(encoding="utf-8").replace(TITLE, "Another wording"), encoding="utf-8")
    wait_for_paints(page, count + 1)
    assert page.locator('.canvas g.node.selected[id="oc-policy-framework"]').count() == 1
    assert shown(page, "details")


def test_a_reworded_box_is_redrawn_alone_in_the_picture_shown(page: Page, model: Path) -> None:
    box = '.canvas g.node[id="o-country-engagement"]'
    page.locator(box).click()
    page.locator('[data-ui="details"]').wait_for(state="visible")
    page.evaluate("window.__kept = [document.querySelector('.canvas svg'), document.getElementById('im-reduced-harm')]")
    model.write_text(model.read_text(encoding="utf-8").replace(TITLE, TITLE.replace("signed", "agreed")), "utf-8")
    wait_until(lambda: "agreed" in drawn_text(page), what="the reworded box")
    # the same picture and the other boxes stay on the page: only the reworded box was replaced
    kept = "window.__kept[0] === document.querySelector('.canvas svg') && window.__kept[1].isConnected"
    assert page.evaluate(kept) is True
    assert page.locator(f"{box}.selected").count() == 1
    # and it is drawn where, and as, Graphviz lays it out in the edited model
    whole = ET.fromstring(diagram(load(model), output_format="svg", engine="dot").content)
    expected = next(g for g in whole.iter(f"{SVG}g") if g.get("id") == "o-country-engagement")
    shape = page.evaluate(f"document.querySelector('{box} > path').getAttribute('d')")
    texts = page.evaluate(f"[...document.querySelectorAll('{box} text')].map((t) => t.textContent)")
    assert shape == expected.find(f"{SVG}path").get("d")  # type: ignore[union-attr]
    assert texts == [t.text for t in expected.iter(f"{SVG}text")]


def test_focus_on_a_pathway_from_the_panel(page: Page) -> None:
    page.locator('.canvas g.node[id="oc-policy-framework"]').click()
    count = paints(page)
    page.click(".focus-pathway")
    wait_for_paints(page, count + 1)
    assert "view=pathway&focus=oc-policy-framework" in page.url
    assert page.locator('[data-ui="view"]').input_value() == "pathway"
    ids = node_ids(page)
    assert "oc-policy-framework" in ids and "i-country-agreement" in ids and len(ids) < 60


@pytest.mark.parametrize(
    ("view", "focus", "expected"),
    [
        ("problem-tree", None, {"problem", "rc-no-epr"}),
        ("stage", "s2-value-chain", {"i-value-chain-study"}),
        ("actor", "ilo", {"ilo"}),
        ("plan", None, {"plan"}),
        ("toc", None, PILOT_BOXES),
    ],
)
def test_the_view_switcher(page: Page, view: str, focus: str | None, expected: set[str]) -> None:
    count = paints(page)
    if view == "toc":
        page.select_option('[data-ui="view"]', "plan")
        count += 1
        wait_for_paints(page, count)
    page.select_option('[data-ui="view"]', view)
    wait_for_paints(page, count + 1)
    if focus:
        assert shown(page, "focus-field")
        page.select_option('[data-ui="focus"]', focus)
        wait_for_paints(page, count + 2)
        assert f"focus={focus}" in page.url
    assert expected <= node_ids(page)
    assert page.locator('[data-ui="export-svg"]').get_attribute("href") == "/export.svg?" + page.url.split("#", 1)[1]


def test_presentation_mode(page: Page, browser: Browser, server: Server) -> None:
    normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.click('[data-ui="present"]')
    assert page.evaluate("document.body.classList.contains('presenting')")
    assert page.locator('[data-ui="present"]').get_attribute("aria-pressed") == "true"
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= normal * 1.4
    edge_width = "getComputedStyle(document.querySelector('.canvas g.edge > path')).strokeWidth"
    assert float(page.evaluate(edge_width).removesuffix("px")) >= 2.5
    assert "present=1" in page.url
    page.keyboard.press("p")
    assert not page.evaluate("document.body.classList.contains('presenting')")


def test_exports_of_the_current_view(page: Page, server: Server) -> None:
    count = paints(page)
    page.select_option('[data-ui="view"]', "problem-tree")
    wait_for_paints(page, count + 1)
    for name, kind in (("export-svg", "image/svg+xml"), ("export-png", "image/png")):
        with page.expect_download() as download:
            page.click(f'[data-ui="{name}"]')
        assert download.value.suggested_filename == f"ewaste-gh-pilot-problem-tree.{name[-3:]}"
        href = page.locator(f'[data-ui="{name}"]').get_attribute("href") or ""
        response = page.request.get(server.url.rstrip("/") + href)
        assert response.ok and response.headers["content-type"] == kind


def test_twenty_pages_all_receive_an_update(browser: Browser, server: Server, model: Path) -> None:
    # one context each, as twenty people's browsers: one browser holds at most six streams to one server
    watched = [Watched(browser) for _ in range(20)]
    pages = [w.open(server.url, wait=False) for w in watched]
    for each in pages:
        wait_for_paints(each, 1)
    model.write_text(model.read_text(encoding="utf-8").replace(TITLE, "Seen by all twenty"), encoding="utf-8")
    for each in pages:
        wait_until(lambda each=each: "Seen by all twenty" in drawn_text(each), what="the edit on every page")
    for each in watched:
        each.close()


HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    '"><svg onload="window.__pwned = 3">',
    "&amp; &lt;b&gt; {{ 7 * 7 }} \\N",
]


def test_model_text_that_looks_like_markup_stays_text(browser: Browser, tmp_path: Path) -> None:
    text = (MODELS / "minimal.yaml").read_text(encoding="utf-8")
    for old, new in [
        ("Smallest complete model", HOSTILE[0]),
        ("Open collection points", HOSTILE[1]),
        ("Collection points open", HOSTILE[2]),
        ("No collection points", HOSTILE[3]),
    ]:
        text = text.replace(f"title: {old}", "title: " + json.dumps(new)).replace(
            f"title: {old}}}", f"title: {json.dumps(new)}}}"
        )
    model = tmp_path / "hostile.yaml"
    model.write_text(text, encoding="utf-8")
    running = Server(model).start()
    watched = Watched(browser)
    try:
        assert running.status()["ok"], running.status()
        page = watched.open(running.url)
        drawn = drawn_text(page)
        for hostile in HOSTILE[1:]:
            assert " ".join(hostile.split()) in " ".join(drawn.split())
        page.locator('.canvas g.node[id="i-collect"]').click()
        page.locator('[data-ui="details"]').wait_for(state="visible")
        assert HOSTILE[1] in page.locator('[data-ui="details"]').inner_text()
        wait_until(lambda: page.locator('[data-ui="title"]').text_content() == HOSTILE[0], what="the title")
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.querySelectorAll('script').length") == 1
        assert (
            page.evaluate("document.querySelectorAll('.canvas img, .canvas [onload], .canvas [onerror]').length") == 0
        )
    finally:
        watched.close()
        running.stop()


def test_a_page_follows_a_restarted_preview(browser: Browser, tmp_path: Path) -> None:
    model = tmp_path / "pilot.yaml"
    text = PILOT_WHOLE.read_text(encoding="utf-8")
    model.write_text(text, encoding="utf-8")
    first = Server(model).start()
    port = str(first.port)
    watched = Watched(browser)
    try:
        page = watched.open(first.url)
        for number in range(3):  # the page has seen version 4 of this preview
            model.write_text(text.replace(TITLE, f"Wording {number}"), encoding="utf-8")
            wait_until(lambda number=number: f"Wording {number}" in drawn_text(page), what="an edit")
        first.stop()
        wait_until(lambda: "live" not in page.locator('[data-ui="status"]').inner_text(), what="the page to notice")
        model.write_text(text.replace(TITLE, "After the break"), encoding="utf-8")
        second = Server(model, ("--port", port)).start()  # versions count from 1 again
        try:
            wait_until(lambda: "After the break" in drawn_text(page), what="the restarted preview's picture")
            page.close()  # before this preview stops too: a page left open would try to reconnect again
        finally:
            second.stop()
        watched.problems = [p for p in watched.problems if "ERR_CONNECTION_REFUSED" not in p]
    finally:
        watched.close()
