"""MkDocs hooks (`hooks:` in mkdocs.yml): everything the site shows that is made from the code is made in the build.

Generated into the site, never written into docs/:

- `format.md`, `rules.md`, `reliability.md`, `cli.md`, `analysis.schema.json` and `assets/ewaste-pilot-toc.svg`,
  made by `scripts/gen_docs.py` from the code; they replace the committed copies (kept for readers on GitHub);
- `generated/<model>/toc.svg`, `problem-tree.svg` and `plan.svg` for each model of models/: `ewaste-pilot`,
  `ewaste-generic` and `minimal`;
- `generated/ewaste-pilot/pathway.svg` (the pathway to its impact), `stage.svg` (its first stage) and
  `actor.svg` (its first actor);
- `generated/ewaste-pilot/logframe-eu.html`, `logframe-undp.html`, `logframe.docx`, `logframe.xlsx` and
  `logframe.md` (the EU layout, as are the Word and Excel files);
- `generated/ewaste-pilot/logframe-eu.png` and `logframe-undp.png`, the HTML logframes' matrix in Chromium, and
  `serve.png`, the live preview (`tocmodel serve`) showing the pilot.

Pages in docs/ link to them as `generated/ewaste-pilot/toc.svg`, pages in docs/guides/ as
`../generated/ewaste-pilot/toc.svg`.

Both are made in a new Python process (`python scripts/gen_docs.py --into DIR`, `python scripts/mkdocs_hooks.py
DIR`), so that `mkdocs serve` shows the code as it is now, not as it was when the server started. The pictures
are kept in `<site_dir>/.cache/generated/<key>`, the key a hash of models/, src/, templates/, this file and the
layout engine, so a build makes them again only when one of those changed. The screenshots need
Debian's Chromium (`TOCMODEL_CHROMIUM` names another executable); without it the build fails and says what
to install, rather than leave out a picture a page shows.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from playwright.sync_api import Browser

    from tocmodel import Model

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
MODELS = ROOT / "models"
SOURCES = [MODELS, ROOT / "src" / "tocmodel", ROOT / "templates", Path(__file__).resolve()]
"""What the pictures are made from: the cache key hashes them."""
GENERATED = "generated"
PILOT = "ewaste-pilot"
MODEL_VIEWS = ("toc", "problem-tree", "plan")
"""Views drawn for every model; the pilot also gets a pathway, a stage and an actor."""
LOGFRAMES = {"logframe-eu.html": ("html", "eu"), "logframe-undp.html": ("html", "undp")} | {
    f"logframe.{output_format}": (output_format, "eu") for output_format in ("docx", "xlsx", "md")
}
"""Logframe files of the pilot: name → (format, style)."""
SCREENSHOTS = {"logframe-eu.png": "logframe-eu.html", "logframe-undp.png": "logframe-undp.html"}
"""Screenshots of the HTML logframes, at their matrix (where the layouts differ)."""
sys.path.insert(0, str(SCRIPTS))  # the one place the headless browser is set up
from chromium import EXECUTABLE as CHROMIUM  # noqa: E402
from chromium import FLAGS as CHROMIUM_FLAGS  # noqa: E402

VIEWPORT = {"width": 1400, "height": 900}
SERVE_TIMEOUT = 60.0
log = logging.getLogger("mkdocs.hooks.tocmodel")


class DownloadFile(File):
    """A file copied into the site as it is, even a Markdown one (the Markdown logframe is a download)."""

    def is_documentation_page(self) -> bool:
        return False


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Put the generated pages and pictures in place of (or beside) the files of docs/."""
    cache = Path(config.site_dir) / ".cache"
    pages = made_pages(cache / "pages")
    for path in _files_in(pages):
        _replace(files, File.generated(config, path.relative_to(pages).as_posix(), abs_src_path=str(path)))
    pictures = pictures_folder(cache / GENERATED)
    for path in _files_in(pictures):
        uri = f"{GENERATED}/{path.relative_to(pictures).as_posix()}"
        _replace(files, DownloadFile.generated(config, uri, abs_src_path=str(path)))
    return files


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[[], None]) -> LiveReloadServer:
    """`mkdocs serve` rebuilds when the code, a model or a template changes too."""
    for folder in (MODELS, ROOT / "src", ROOT / "templates"):
        server.watch(str(folder))
    return server


def _files_in(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _replace(files: Files, file: File) -> None:
    """Add `file`, taking out a file of docs/ at the same place."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def _run(*args: str, what: str) -> None:
    """Run a script of this folder in a new Python, so that it runs the code as it is now (`mkdocs serve` keeps
    running the code it had imported when it started)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1"}  # no .pyc written under src/ to watch
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PluginError(f"making {what} failed:\n{(result.stderr or result.stdout).strip()}")


def made_pages(folder: Path) -> Path:
    """`scripts/gen_docs.py`'s pages and pictures, written into `folder` as they lie in docs/."""
    shutil.rmtree(folder, ignore_errors=True)
    _run(str(SCRIPTS / "gen_docs.py"), "--into", str(folder), what="the reference pages")
    return folder


def engine_version() -> str:
    """The layout engine that draws the diagrams, as `tocmodel diagram` picks it."""
    dot = shutil.which("dot")
    if dot is None:
        return f"graphviz-pure {importlib.metadata.version('graphviz-pure')}"
    return subprocess.run([dot, "-V"], capture_output=True, text=True, check=False).stderr.strip()


def source_key() -> str:
    """A hash of everything the pictures are made from, and of what draws them."""
    digest = hashlib.sha256(f"{engine_version()} {CHROMIUM}\0".encode())
    for source in SOURCES:
        for path in _files_in(source) if source.is_dir() else [source]:
            if "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(ROOT).as_posix()}\0".encode() + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def pictures_folder(cache: Path) -> Path:
    """The folder of pictures for the current sources, made if the cache does not hold it yet."""
    key = source_key()
    folder = cache / key
    if folder.is_dir():
        return folder
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.iterdir():
        shutil.rmtree(stale, ignore_errors=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=cache))
    started = time.monotonic()
    try:
        _run(__file__, str(scratch), what="the pictures")
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    scratch.chmod(0o755)
    scratch.rename(folder)  # whole or not at all: a failed build leaves no half-made folder to be taken as done
    log.info("Pictures made from models/ in %.1f s", time.monotonic() - started)
    return folder


def make_pictures(folder: Path) -> None:
    """Every diagram, logframe and screenshot the pages show."""
    from tocmodel import load

    with preview(MODELS / f"{PILOT}.yaml") as server:  # it starts while the rest is drawn
        for path in sorted(MODELS.glob("*.yaml")):
            model = load(path)
            draw_views(model, folder / path.stem, {f"{view}.svg": (view, None) for view in MODEL_VIEWS})
            if path.stem == PILOT:
                draw_views(model, folder / PILOT, pilot_focus_views(model))
                write_logframes(model, folder / PILOT)
        take_screenshots(folder / PILOT, server=server)


def pilot_focus_views(model: Model) -> dict[str, tuple[str, str | None]]:
    """The pilot's focused views: the pathway to its impact, its first stage and its first actor."""
    return {
        "pathway.svg": ("pathway", next(iter(model.impact))),
        "stage.svg": ("stage", next(iter(model.stages))),
        "actor.svg": ("actor", next(iter(model.actors))),
    }


def draw_views(model: Model, folder: Path, views: dict[str, tuple[str, str | None]]) -> None:
    """Draw each view (file name → view and focus) as SVG into `folder`."""
    from tocmodel.render.diagram import diagram

    folder.mkdir(parents=True, exist_ok=True)
    for name, (view, focus) in views.items():
        (folder / name).write_bytes(diagram(model, view=view, focus=focus).content)


def write_logframes(model: Model, folder: Path) -> None:
    """The pilot's logframe in each format of `LOGFRAMES`."""
    from tocmodel.render.logframe import logframe

    for name, (output_format, style) in LOGFRAMES.items():
        document = logframe(model, output_format=output_format, style=style)
        if document.notes:
            raise PluginError(f"the logframe {name} is incomplete: {'; '.join(document.notes)}")
        (folder / name).write_bytes(document.content)


def take_screenshots(folder: Path, *, server: subprocess.Popen[str]) -> None:
    """The HTML logframes as Chromium shows them, and the live preview `server` showing the pilot."""
    with chromium() as browser:
        page = browser.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
        for name, html in SCREENSHOTS.items():
            page.goto(f"{(folder / html).as_uri()}#matrix", wait_until="load")
            page.screenshot(path=str(folder / name))
        page.goto(_address(server), wait_until="load")
        _wait_for(lambda: page.evaluate("(window.__tocmodelPaints || []).length") > 0, what="the preview")
        page.screenshot(path=str(folder / "serve.png"))
        page.close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (no browser download), or a failure that says what to install."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PluginError("the docs' screenshots need Playwright: pip install -e '.[docs]'") from None
    if not Path(CHROMIUM).is_file():
        raise PluginError(
            f"the docs' screenshots need Chromium, which is not at {CHROMIUM}: install Debian's `chromium` "
            "(apt-get install chromium; bash scripts/docs.sh does as root), or set TOCMODEL_CHROMIUM to its path"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def preview(model: Path) -> Iterator[subprocess.Popen[str]]:
    """`tocmodel serve MODEL` on a free port while the block runs, then stopped as Ctrl-C does."""
    command = [sys.executable, "-m", "tocmodel", "serve", model.name, "--port", "0"]
    env = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen(
        command, cwd=model.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def _address(process: subprocess.Popen[str]) -> str:
    """The page's address, as the server prints it when it listens."""
    assert process.stdout is not None
    printed = []
    for line in process.stdout:
        printed.append(line)
        found = re.search(r"http://\S+/", line)
        if found:
            return found.group(0)
    raise PluginError(f"tocmodel serve did not start for the docs' screenshot:\n{''.join(printed)}")


def _wait_for(check: Callable[[], bool], *, what: str) -> None:
    deadline = time.monotonic() + SERVE_TIMEOUT
    while not check():
        if time.monotonic() > deadline:
            raise PluginError(f"timed out after {SERVE_TIMEOUT:g} s waiting for {what} to paint")
        time.sleep(0.05)


def main(argv: list[str]) -> int:
    """`python scripts/mkdocs_hooks.py FOLDER`: make the pictures into FOLDER (the build runs this)."""
    if len(argv) != 2:
        print(main.__doc__, file=sys.stderr)
        return 2
    try:
        make_pictures(Path(argv[1]))
    except PluginError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
