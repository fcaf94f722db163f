"""The live preview's parts on their own: view keys, Host headers, the page's SVG, the session's readings, the
pages' queues and the details the side panel shows."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import MODELS, PILOT_WHOLE, synthetic_module
from tocmodel import load
from tocmodel.render.diagram import diagram
from tocmodel.serve.details import model_details
from tocmodel.serve.drawing import Picture, page_svg
from tocmodel.serve.guard import host_name
from tocmodel.serve.hub import QUEUE_SIZE, Drawing, Hub, frame
from tocmodel.serve.keys import ViewKey, ViewKeyError
from tocmodel.serve.reading import ReadingWorker
from tocmodel.serve.session import Session, Snapshot

PILOT = MODELS / "ewaste-pilot.yaml"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("header", "host"),
    [
        ("localhost:8000", "localhost"),
        ("LocalHost", "localhost"),
        ("127.0.0.1", "127.0.0.1"),
        ("[::1]:8000", "::1"),
        ("[::1]", "::1"),
        ("evil.example:80", "evil.example"),
        ("", None),
    ],
)
def test_host_name(header: str, host: str | None) -> None:
    assert host_name(header) == host


def test_view_keys() -> None:
    assert ViewKey.from_query({}) == ViewKey("toc", None, None)
    assert ViewKey.from_query({"view": "plan", "focus": "ignored"}) == ViewKey("plan", None, None)
    assert ViewKey.from_query({"view": "stage", "focus": "s1", "lang": "pt-BR"}) == ViewKey("stage", "s1", "pt-BR")
    overlaid = ViewKey.from_query({"overlay": "progress"})
    assert overlaid == ViewKey("toc", None, None, "progress") and overlaid.to_dict()["overlay"] == "progress"
    bad_keys = (
        {"view": "all"},
        {"view": "actor"},
        {"view": "actor", "focus": "a b"},
        {"lang": "en\n"},
        {"overlay": "x"},
    )
    for bad in bad_keys:
        with pytest.raises(ViewKeyError):
            ViewKey.from_query(bad)
    assert ViewKey("pathway", "oc.1_x", "fr").file_stem("m-1") == "m-1-pathway-oc.1_x-fr"
    assert overlaid.file_stem("m-1") == "m-1-toc-progress"


def test_the_page_svg_keeps_every_box_and_drops_what_is_not_shown() -> None:
    drawn = diagram(load(PILOT), output_format="svg").content.decode()
    page = page_svg(drawn)
    assert page.startswith("<svg") and "<!--" not in page and "<title>" not in page
    boxes = {g.get("id") for g in ET.fromstring(page).iter(f"{SVG}g") if g.get("class") == "node"}
    assert boxes == {g.get("id") for g in ET.fromstring(drawn).iter(f"{SVG}g") if g.get("class") == "node"}


def test_a_failed_reading_keeps_the_last_good_model(tmp_path: Path) -> None:
    model = tmp_path / "model.yaml"
    text = PILOT_WHOLE.read_text(encoding="utf-8")
    model.write_text(text, encoding="utf-8")
    session = Session(model)
    change = session.take(session.read())
    assert change.snapshot is not None and change.snapshot.version == 1
    assert session.files == {model.resolve(), tmp_path / "tocmodel.toml"}
    model.write_text(text.replace("tocmodel: 1\n", "tocmodel: 1\n\tmodel: x\n"), encoding="utf-8")  # a tab
    change = session.take(session.read())
    assert change.snapshot is None and change.findings_changed and not change.files_changed
    assert session.snapshot is not None and session.snapshot.version == 1
    findings = session.findings()
    assert not findings["ok"] and findings["drawable"] and findings["errors"] == 1
    assert findings["items"][0]["line"] == text.splitlines().index("tocmodel: 1") + 2
    model.write_text(text, encoding="utf-8")
    assert session.take(session.read()).snapshot.version == 2  # type: ignore[union-attr]


def test_warnings_do_not_stop_the_drawing(tmp_path: Path) -> None:
    model = tmp_path / "model.yaml"
    text = (MODELS / "minimal.yaml").read_text(encoding="utf-8")
    model.write_text(text.replace("        assumptions: [a-use]\n", "", 1), encoding="utf-8")
    session = Session(model)
    assert session.take(session.read()).snapshot is not None
    findings = session.findings()
    assert findings["ok"] and findings["warnings"] >= 1 and findings["items"][0]["code"] == "TOC205"


@pytest.mark.parametrize(
    ("config", "code", "words"),
    [("[validation]\nsevere = 1\n", "", "unknown"), ("[limits]\nmax_depth = 2\n", "TOC010", "2 levels of nesting")],
    ids=["validation", "limits"],
)
def test_the_configuration_beside_the_model_applies(tmp_path: Path, config: str, code: str, words: str) -> None:
    model = tmp_path / "model.yaml"
    model.write_text((MODELS / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "tocmodel.toml").write_text(config, encoding="utf-8")
    session = Session(model)
    assert session.take(session.read()).snapshot is None
    (found,) = session.findings()["items"]
    assert words in found["message"] and found["code"].startswith(code)


def drawing(version: int, page: str | None, error: str | None = None) -> Drawing:
    snapshot = Snapshot(version, load(MODELS / "minimal.yaml"), 0.0)
    return Drawing.make(snapshot, ViewKey(), Picture(page, page) if page else None, error)


def test_a_page_is_sent_a_picture_only_when_it_changed() -> None:
    subscriber = Hub().subscribe(ViewKey())
    assert subscriber.frame_for(drawing(1, "<svg>a</svg>")) is not None
    assert subscriber.frame_for(drawing(2, "<svg>a</svg>")) is None  # same picture, newer version
    assert subscriber.frame_for(drawing(3, "<svg>b</svg>")) is not None
    assert subscriber.frame_for(drawing(2, "<svg>c</svg>")) is None  # older than the one shown
    assert subscriber.frame_for(drawing(4, None, "`x` is not a result")) is not None


def test_a_page_is_sent_only_the_redrawn_boxes_of_the_picture_it_shows() -> None:
    snapshot = Snapshot(1, load(MODELS / "minimal.yaml"), 0.0)
    first = Picture('<svg><g id="a" class="node">a</g></svg>', '<svg><g id="a" class="node">a</g></svg>')
    boxes = {"a": '<g id="a" class="node">b</g>'}
    second = Picture('<svg><g id="a" class="node">b</g></svg>', "<svg>…b…</svg>", base=first.serial, boxes=boxes)
    elsewhere = Picture("<svg>c</svg>", "<svg>c</svg>", base=first.serial + 1000, boxes=boxes)
    hub = Hub()
    showing, new = hub.subscribe(ViewKey()), hub.subscribe(ViewKey())
    showing.frame_for(Drawing.make(snapshot, ViewKey(), first, None))
    redrawn = Drawing.make(Snapshot(2, snapshot.model, 0.0), ViewKey(), second, None)
    sent = showing.frame_for(redrawn)
    assert sent is not None and sent.startswith(b"event: boxes\n") and b'"boxes":{"a":' in sent
    assert json.loads(sent.split(b"data: ", 1)[1])["base"] == first.serial
    whole = new.frame_for(redrawn)  # a page that shows nothing yet gets the whole picture
    assert whole is not None and whole.startswith(b"event: diagram\n") and b"\xe2\x80\xa6b\xe2\x80\xa6" in whole
    other = Drawing.make(Snapshot(3, snapshot.model, 0.0), ViewKey(), elsewhere, None)
    sent = showing.frame_for(other)  # boxes of a picture the page does not show: the whole picture
    assert sent is not None and sent.startswith(b"event: diagram\n")


def test_a_page_that_stops_reading_is_dropped() -> None:
    async def scenario() -> None:
        hub = Hub()
        slow, quick = hub.subscribe(ViewKey()), hub.subscribe(ViewKey("plan"))
        for number in range(QUEUE_SIZE + 1):
            hub.broadcast(frame("model", {"version": number}))
            if await quick.next(timeout=1) is None:
                raise AssertionError("the page that reads was dropped")
        assert slow.closed and not quick.closed
        assert await slow.next(timeout=1) is None  # its stream ends; the browser reconnects
        assert set(hub.views()) == {ViewKey(), ViewKey("plan")}
        hub.unsubscribe(slow)
        assert hub.views() == [ViewKey("plan")]

    asyncio.run(scenario())


def test_details_carry_every_indicator_value_assumption_and_risk() -> None:
    model = load(PILOT)
    nodes = model_details(model, lang=None, version=1)["nodes"]
    for _, owner, _, indicator in model.iter_indicators():
        title = indicator.title if isinstance(indicator.title, str) else indicator.title["en"]
        shown = next(i for i in nodes[owner]["indicators"] if i["title"] == title)
        assert shown["targets"] == [[year, value] for year, value in sorted(indicator.targets.items())]
        if indicator.baseline:
            assert shown["baseline"] == {"value": indicator.baseline.value, "year": indicator.baseline.year}
    for risk_id, risk in model.risks.items():
        for affected in risk.affects:
            owners = [i for i, item in model.interventions.items() if item.stage == affected] or [affected]
            for owner in owners:
                assert risk_id in [r["id"] for r in nodes[owner]["risks"]]
    for section in (model.interventions, model.outputs, model.outcomes):
        for owner, item in section.items():
            on_links = {a for link in item.leads_to for a in link.assumptions}
            assert {*item.assumptions, *on_links} == {a["id"] for a in nodes[owner]["assumptions"]}
    french = model_details(model, lang="fr", version=1)
    assert french["stages"][0]["title"] == "Identification d'un pays pilote"


def test_a_reading_that_runs_too_long_is_stopped_and_the_next_save_is_read(tmp_path: Path) -> None:
    """The worker process is killed past its time bound; a new one reads the next save."""
    model = tmp_path / "m.yaml"
    model.write_text(PILOT_WHOLE.read_text(encoding="utf-8"), encoding="utf-8")
    session = Session(model)
    worker = ReadingWorker(session, timeout=60)  # the good readings are not timed: a busy machine is slow
    try:
        first = worker.read()
        assert first.model is not None and first.report.ok and session.take(first).snapshot is not None
        process = worker._process
        model.write_text(synthetic_module().synthetic_model_text(30_000), encoding="utf-8")  # seconds to read
        worker.timeout = 0.5
        stopped = worker.read()
        worker.timeout = 60
        assert stopped.model is None and [d.severity.value for d in stopped.report] == ["error"]
        message = next(iter(stopped.report)).message
        assert "took longer than 0.5 s and was stopped" in message and "last good one" in message
        assert process is not None and process.poll() is not None and worker._process is None
        assert session.take(stopped).snapshot is None and session.snapshot.version == 1  # type: ignore[union-attr]
        model.write_text(PILOT_WHOLE.read_text(encoding="utf-8").replace("Ghana", "Ghana again"), encoding="utf-8")
        again = worker.read()
        assert again.model is not None and "Ghana again" in str(again.model.model.title)
        assert worker._process is not None and worker._process.pid != process.pid
    finally:
        worker.close()
    assert worker._process is None


ORPHAN = """
import sys
from tocmodel.serve.reading import ReadingWorker
from tocmodel.serve.session import Session
worker = ReadingWorker(Session(sys.argv[1]), timeout=600)
worker._start()
print(worker._process.pid, flush=True)
worker.read()
"""


def test_the_reading_worker_ends_with_a_server_killed_mid_reading(tmp_path: Path) -> None:
    """The worker runs in a session of its own; when its server is killed while it reads, it ends by itself."""
    model = tmp_path / "m.yaml"
    model.write_text(synthetic_module().synthetic_model_text(60_000), encoding="utf-8")  # seconds to read
    server = subprocess.Popen([sys.executable, "-c", ORPHAN, str(model)], stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    worker = int(server.stdout.readline())
    time.sleep(0.5)  # the worker is reading now
    assert _alive(worker)
    server.kill()
    server.wait()
    server.stdout.close()
    deadline = time.monotonic() + 10  # it looks for its server twice a second; the reading takes far longer
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"
