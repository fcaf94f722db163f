"""The live preview server over plain HTTP: its routes and nothing else, security headers, the event stream
through edits, broken edits, editors' ways of saving and disconnecting clients, exports, and the command line.

Every test runs the real `tocmodel serve` in a subprocess on a copy of the pilot model, and stops it as Ctrl-C
does: it must exit 0 without a traceback.
"""

from __future__ import annotations

import json
import os
import re
import socket
import struct
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import MODELS, PILOT_WHOLE, ROOT, run_cli
from serve_support import Server, events, next_event, raw_request, restored, wait_until
from tocmodel import load
from tocmodel.load.loader import load_report
from tocmodel.render.diagram import diagram
from tocmodel.serve.drawing import page_svg

PILOT = MODELS / "ewaste-pilot.yaml"
TITLE = "Country engagement agreement signed and national steering committee operating"
SVG = "{http://www.w3.org/2000/svg}"


def drawn_ids(model_path: Path) -> set[str]:
    """Every box the theory of change draws, from the model itself."""
    model = load(model_path)
    return {*model.root_causes, *model.interventions, *model.outputs, *model.outcomes, *model.impact}


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("serve-http")
    model = folder / "pilot.yaml"
    model.write_text(PILOT_WHOLE.read_text(encoding="utf-8"), encoding="utf-8")  # the pilot in one file, to edit
    running = Server(model).start()
    yield running
    printed = running.stop()
    assert "Stopped." in printed


@pytest.fixture
def model(server: Server) -> Iterator[Path]:
    """The served model file, put back as it was after the test."""
    with restored(server) as path:
        yield path


# -- routes and headers ----------------------------------------------------------------------------------


def test_page_and_assets_carry_security_headers(server: Server) -> None:
    for path, media_type in [
        ("/", "text/html"),
        ("/static/app.js", "text/javascript"),
        ("/static/dom.js", "text/javascript"),
        ("/static/picture.js", "text/javascript"),
        ("/static/panel.js", "text/javascript"),
        ("/static/app.css", "text/css"),
    ]:
        status, headers, body = server.get(path)
        assert status == 200 and headers["content-type"].startswith(media_type)
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        # no CDN, no remote font: every asset is served by the preview itself
        assert b"://" not in body


def test_page_has_no_inline_script_or_style(server: Server) -> None:
    _, _, page = server.get("/")
    html = page.decode()
    assert '<script type="module" src="/static/app.js"></script>' in html
    assert html.count("<script") == 1 and "<style" not in html and "style=" not in html and " on" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static/../../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2f..%2fpyproject.toml",
        "/static/%2e%2e%5c%2e%2e%5cpyproject.toml",
        "/static/app.js/../../../../pyproject.toml",
        "//etc/passwd",
        "/etc/passwd",
        "/static/",
        "/static/index.html",
        "/static/../app.py",
        "/static/app.py",
        "/serve/app.py",
        "/pilot.yaml",
        "/.git/config",
    ],
)
def test_nothing_outside_its_own_routes(server: Server, path: str) -> None:
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nConnection: close\r\n\r\n".encode()
    answer = raw_request(server.port, request)
    status = int(answer.split(b" ", 2)[1])
    assert status in (400, 404), answer[:200]
    for leaked in (b"root:", b"[project]", b"import ", b"tocmodel: 1", b"[core]"):
        assert leaked not in answer


def test_only_get_and_head(server: Server) -> None:
    answer = raw_request(
        server.port, b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    assert answer.startswith(b"HTTP/1.1 405")
    answer = raw_request(server.port, b"HEAD /static/app.css HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200")


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1.evil.example", "[::2]:8000"])
def test_other_host_names_are_refused(server: Server, host: str) -> None:
    status, headers, body = server.get("/api/status", host=host)
    assert status == 400 and b"Host" in body and host.encode() not in body
    assert "content-security-policy" in headers


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"])
def test_loopback_host_names_are_served(server: Server, host: str) -> None:
    assert server.get("/api/status", host=f"{host}:{server.port}")[0] == 200


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
@pytest.mark.parametrize("path", ["/events?view=toc", "/export.png?view=toc", "/api/model", "/static/app.js"])
def test_requests_another_site_makes_are_refused(server: Server, site: str, path: str) -> None:
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nSec-Fetch-Site: {site}\r\n"
        "Sec-Fetch-Mode: no-cors\r\nConnection: close\r\n\r\n"
    )
    assert raw_request(server.port, request.encode()).startswith(b"HTTP/1.1 403")


def test_opening_the_page_from_a_link_elsewhere_works(server: Server) -> None:
    request = (
        f"GET / HTTP/1.1\r\nHost: localhost:{server.port}\r\nSec-Fetch-Site: cross-site\r\n"
        "Sec-Fetch-Mode: navigate\r\nConnection: close\r\n\r\n"
    )
    assert raw_request(server.port, request.encode()).startswith(b"HTTP/1.1 200")


@pytest.mark.parametrize(
    "query",
    [
        "view=nope",
        "view=stage",
        "view=pathway&focus=%3Cscript%3E",
        "view=toc&lang=x%0Ay",
        "view=actor&focus=" + "a" * 200,
    ],
)
def test_bad_view_requests_are_refused_plainly(server: Server, query: str) -> None:
    for route in ("/events", "/export.svg", "/export.png"):
        status, headers, body = server.get(f"{route}?{query}")
        assert status == 400 and headers["content-type"].startswith("text/plain")
        assert b"<" not in body


# -- state, details and exports ------------------------------------------------------------------------


def test_status_and_details(server: Server) -> None:
    status = server.status()
    assert status["ok"] and status["drawable"] and status["errors"] == 0
    code, _, body = server.get("/api/model")
    details = json.loads(body)
    assert code == 200 and details["id"] == "ewaste-gh-pilot"
    assert drawn_ids(PILOT) <= set(details["nodes"])
    node = details["nodes"]["o-country-engagement"]
    assert node["title"] == TITLE and node["kind"] == "output"
    indicator = node["indicators"][1]
    assert indicator["baseline"] == {"value": 0, "year": 2026}
    assert [2028, 4] in indicator["targets"]
    assert {"id": "unep", "roles": ["lead", "measures"]}.items() <= node["actors"][0].items()
    assert [a["id"] for a in node["assumptions"]] == ["a-gov-commitment"]
    french = json.loads(server.get("/api/model?lang=fr")[2])
    assert french["lang"] == "fr" and french["title"].startswith("Modèle")


def test_export_svg_of_each_view(server: Server) -> None:
    status, headers, body = server.get("/export.svg")
    assert status == 200 and headers["content-type"] == "image/svg+xml"
    assert headers["content-disposition"] == 'attachment; filename="ewaste-gh-pilot-toc.svg"'
    root = ET.fromstring(body)
    ids = {g.get("id") for g in root.iter(f"{SVG}g") if g.get("class") == "node"}
    assert drawn_ids(PILOT) <= ids
    status, headers, body = server.get("/export.svg?view=stage&focus=s2-value-chain&lang=fr")
    assert status == 200 and 'filename="ewaste-gh-pilot-stage-s2-value-chain-fr.svg"' in headers["content-disposition"]
    assert "i-value-chain-study" in {g.get("id") for g in ET.fromstring(body).iter(f"{SVG}g")}


def test_exports_are_what_the_command_line_draws(server: Server) -> None:
    model = load(server.model)
    for view, focus in [("toc", None), ("actor", "ilo")]:
        query = f"view={view}" + (f"&focus={focus}" if focus else "")
        for suffix in ("svg", "png"):
            drawn = diagram(model, view=view, focus=focus, output_format=suffix).content
            assert server.get(f"/export.{suffix}?{query}")[2] == drawn


def test_export_png(server: Server) -> None:
    status, headers, body = server.get("/export.png?view=problem-tree")
    assert status == 200 and headers["content-type"] == "image/png"
    assert body.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", body[16:24])
    assert width > 200 and height > 200


def test_export_of_a_missing_focus_says_so(server: Server) -> None:
    status, _, body = server.get("/export.svg?view=pathway&focus=oc-policy-framewrk")
    assert status == 422 and b"oc-policy-framework" in body  # the suggestion


# -- the event stream ------------------------------------------------------------------------------------


def test_stream_starts_with_the_current_state(server: Server) -> None:
    stream = events(server.port)
    assert next_event(stream, "findings")["errors"] == 0
    drawing = next_event(stream, "diagram")
    assert drawing["view"] == "toc" and drawing["error"] is None and "<svg" in drawing["svg"]
    assert "<title>" not in drawing["svg"] and "<?xml" not in drawing["svg"]
    stream.close()


def test_edit_break_and_fix_through_the_stream(server: Server, model: Path) -> None:
    stream = events(server.port)
    first = next_event(stream, "diagram")
    text = model.read_text(encoding="utf-8")
    model.write_text(text.replace(TITLE, "Country engagement signed, edited live"), encoding="utf-8")
    edited = next_event(stream, "diagram")
    assert edited["version"] > first["version"] and "edited live" in edited["svg"]
    # an unclosed quote: the findings name the line, and no picture is sent
    broken = text.replace(f"title: {TITLE}", f'title: "{TITLE}')
    model.write_text(broken, encoding="utf-8")
    findings = next_event(stream, "findings")
    assert findings["errors"] >= 1 and findings["drawable"] and findings["version"] == edited["version"]
    errors = [item for item in findings["items"] if item["severity"] == "error"]
    assert (errors[0]["line"], errors[0]["column"]) == (line_of(broken, f'title: "{TITLE}'), 16)
    assert "quote" in errors[0]["message"] and errors[0]["hint"]
    assert all(item["file"] == "pilot.yaml" for item in findings["items"])
    model.write_text(text, encoding="utf-8")
    assert next_event(stream, "findings")["errors"] == 0
    fixed = next_event(stream, "diagram")
    assert TITLE.split()[0] in fixed["svg"] and "edited live" not in fixed["svg"]
    stream.close()


def test_a_reworded_box_is_sent_alone_and_completes_the_picture_graphviz_draws(server: Server, model: Path) -> None:
    stream = events(server.port)
    next_event(stream, "diagram")
    model.write_text(model.read_text(encoding="utf-8").replace(TITLE, TITLE.replace("signed", "agreed")), "utf-8")
    drawing = next_event(stream, "diagram")  # the stream reader puts the boxes into its picture, as the page does
    assert drawing["redrawn"] == ["o-country-engagement"]
    whole = diagram(load(model), output_format="svg").content
    assert drawing["svg"] == page_svg(whole.decode("utf-8"))
    assert server.get("/export.svg")[2] == whole  # the download too is the whole picture, as laid out
    longer = "agreed, with a steering committee that meets every month and reports to the minister,"
    model.write_text(model.read_text(encoding="utf-8").replace("agreed", longer), encoding="utf-8")
    grown = next_event(stream, "diagram")  # lines more: a box of another size, a new layout
    assert "redrawn" not in grown and "minister," in grown["svg"]
    stream.close()


def test_edits_that_change_nothing_drawn_send_no_picture(server: Server, model: Path) -> None:
    stream = events(server.port)
    next_event(stream, "diagram")
    text = model.read_text(encoding="utf-8")
    model.write_text(text.replace("targets: {2027: 2, 2028: 4,", "targets: {2027: 3, 2028: 4,"), encoding="utf-8")
    version = next_event(stream, "model")["version"]
    model.write_text(text.replace(TITLE, "Drawn again"), encoding="utf-8")
    drawing = next_event(stream, "diagram")
    assert drawing["version"] == version + 1  # nothing was sent for `version`: its picture did not change
    stream.close()


def test_editors_saving_by_rename_or_by_delete_and_rewrite(server: Server, model: Path) -> None:
    stream = events(server.port)
    next_event(stream, "diagram")
    text = model.read_text(encoding="utf-8")
    temporary = model.with_name(".pilot.yaml.swp")
    temporary.write_text(text.replace(TITLE, "Saved by rename"), encoding="utf-8")
    os.replace(temporary, model)
    assert "Saved by rename" in next_event(stream, "diagram")["svg"]
    model.unlink()
    time.sleep(0.1)
    model.write_text(text.replace(TITLE, "Written again"), encoding="utf-8")
    assert "Written again" in next_event(stream, "diagram")["svg"]
    stream.close()


def test_a_deleted_model_keeps_the_picture_and_says_so(server: Server, model: Path) -> None:
    stream = events(server.port)
    next_event(stream, "diagram")
    text = model.read_text(encoding="utf-8")
    model.unlink()
    findings = next_event(stream, "findings")
    assert findings["errors"] == 1 and findings["drawable"] and "no such file" in findings["items"][0]["message"]
    model.write_text(text, encoding="utf-8")
    assert next_event(stream, "findings")["errors"] == 0
    stream.close()


def test_a_client_dropping_mid_stream_leaves_the_server_serving(server: Server, model: Path) -> None:
    for _ in range(3):
        connection = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        connection.sendall(f"GET /events?view=toc HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
        assert connection.recv(300).startswith(b"HTTP/1.1 200")  # part of the headers and the first event
        # reset, not a polite close: the way a crashed browser or a dropped network goes
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.close()
    stream = events(server.port)
    next_event(stream, "diagram")
    text = model.read_text(encoding="utf-8")
    model.write_text(text.replace(TITLE, "Still serving"), encoding="utf-8")
    assert "Still serving" in next_event(stream, "diagram")["svg"]
    assert wait_until(lambda: server.status()["pages"] == 1, what="the dropped streams to be forgotten")
    stream.close()


def test_twenty_streams_all_receive_an_update(server: Server, model: Path) -> None:
    streams = [events(server.port, "view=toc" if i % 2 else "view=toc&lang=fr") for i in range(20)]
    for stream in streams:
        next_event(stream, "diagram")
    text = model.read_text(encoding="utf-8")
    model.write_text(text.replace(TITLE, "Twenty pages"), encoding="utf-8")
    for stream in streams:
        assert "Twenty pages" in next_event(stream, "diagram")["svg"]
        stream.close()


def test_a_focused_view_whose_focus_disappears(server: Server, model: Path) -> None:
    stream = events(server.port, "view=pathway&focus=o-country-engagement")
    assert next_event(stream, "diagram")["svg"]
    text = model.read_text(encoding="utf-8")
    renamed = text.replace("o-country-engagement", "o-country-agreement")
    model.write_text(renamed, encoding="utf-8")
    gone = next_event(stream, "diagram")
    assert gone["svg"] is None and "o-country-engagement" in gone["error"]
    stream.close()


# -- a model with includes, and a bad model at start ---------------------------------------------------


def test_included_files_are_watched(tmp_path: Path) -> None:
    (tmp_path / "main.yaml").write_text(
        (MODELS / "minimal.yaml").read_text(encoding="utf-8") + "include: [more.yaml]\n", encoding="utf-8"
    )
    (tmp_path / "more.yaml").write_text("risks: {}\n", encoding="utf-8")
    running = Server(tmp_path / "main.yaml").start()
    try:
        assert running.status()["ok"]
        stream = events(running.port)
        next_event(stream, "diagram")
        (tmp_path / "more.yaml").write_text("risks: {r-1: {statement: Half written}}\n", encoding="utf-8")
        findings = next_event(stream, "findings")
        assert findings["errors"] and findings["items"][0]["file"] == "more.yaml"
        (tmp_path / "more.yaml").write_text("risks: {}\n", encoding="utf-8")
        assert next_event(stream, "findings")["errors"] == 0
        stream.close()
    finally:
        running.stop()


def test_the_model_a_model_extends_is_watched(tmp_path: Path) -> None:
    """The pilot as shipped writes only what differs from the generic model it extends."""
    for file in load_report(PILOT).files:
        (tmp_path / file.relative_to(MODELS)).parent.mkdir(exist_ok=True)  # the monitoring files' folder
        (tmp_path / file.relative_to(MODELS)).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    extended = next(f for f in tmp_path.iterdir() if f.name != PILOT.name and TITLE in f.read_text(encoding="utf-8"))
    running = Server(tmp_path / PILOT.name).start()
    try:
        stream = events(running.port)
        assert TITLE.split()[0] in next_event(stream, "diagram")["svg"]
        changed = extended.read_text(encoding="utf-8").replace(TITLE, "Changed in the generic model")
        extended.write_text(changed, encoding="utf-8")
        assert "Changed in the generic model" in next_event(stream, "diagram")["svg"]
        stream.close()
    finally:
        running.stop()


def test_a_model_broken_at_start_is_served_with_its_errors(tmp_path: Path) -> None:
    text = PILOT_WHOLE.read_text(encoding="utf-8")
    model = tmp_path / "pilot.yaml"
    model.write_text(text.replace("stage: s1-identify", "stage: [s1-identify", 1), encoding="utf-8")
    running = Server(model).start()
    try:
        assert "error" in "".join(running.output)
        status = running.status()
        assert not status["ok"] and not status["drawable"] and status["version"] == 0
        stream = events(running.port)
        assert next_event(stream, "findings")["errors"] >= 1
        assert next_event(stream, "diagram") == {
            "version": 0,
            "view": "toc",
            "focus": None,
            "lang": None,
            "overlay": None,
            "svg": None,
            "error": None,
        }
        assert running.get("/api/model")[0] == 409 and running.get("/export.svg")[0] == 409
        model.write_text(text, encoding="utf-8")
        assert next_event(stream, "diagram")["version"] == 1
        stream.close()
    finally:
        running.stop()


# -- the command line ------------------------------------------------------------------------------------


def test_a_taken_port_is_a_plain_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", str(PILOT), "--port", str(port))
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr and "--port 0" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_listening_beyond_loopback_is_warned_of(tmp_path: Path) -> None:
    model = tmp_path / "minimal.yaml"
    model.write_text((MODELS / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    running = Server(model, ("--host", "0.0.0.0")).start()
    try:
        assert "warning: listening on 0.0.0.0" in "".join(running.output)
        assert running.url.startswith("http://127.0.0.1:")
        # shared on a network on purpose: the machine's other names must work
        assert running.get("/api/status", host="workshop-laptop.local")[0] == 200
    finally:
        printed = running.stop()
    # the loopback address is for this machine; the others in the room are told the network one
    assert re.search(r"Others on the network open (http://\d+\.\d+\.\d+\.\d+:\d+/|this machine's network)", printed)


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--port", "70000"], "70000"), (["--host"], "--host"), ([], "`no-such-model.yaml` does not exist")],
)
def test_misuse_exits_two(args: list[str], message: str) -> None:
    model = str(PILOT) if args else "no-such-model.yaml"
    result = run_cli("serve", model, *args)
    assert result.returncode == 2 and message in result.stderr


def test_without_the_serve_extra_the_command_says_what_to_install() -> None:
    probe = (
        "import sys\n"
        "sys.modules['uvicorn'] = None\n"  # as if not installed: importlib finds no such module
        "from tocmodel.cli import main\n"
        f"main(['serve', {str(PILOT)!r}])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "uvicorn" in result.stderr and "pip install 'tocmodel[serve]'" in result.stderr
    assert "Traceback" not in result.stderr
