"""The layout engines: Graphviz's `dot` when it is installed, else the `graphviz-pure` port that ships with
tocmodel. Both run as a subprocess with a time limit, so no model can make a layout hang.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import sysconfig
import threading
from dataclasses import dataclass
from pathlib import Path

from ...errors import TocmodelError

ENGINES = ("auto", "dot", "graphviz-pure")
DEFAULT_TIMEOUT = 60.0
"""Seconds a layout may take before it is stopped."""
FORMATS_NEEDING_LAYOUT = ("svg", "png", "pdf")


class DiagramError(TocmodelError):
    """A diagram could not be drawn: no engine, an unsupported format, a failed or overlong layout."""


@dataclass(frozen=True)
class Engine:
    """A layout engine found on this machine."""

    name: str
    """`dot` or `graphviz-pure`."""
    path: str

    @property
    def version(self) -> str:
        """What the engine says of its version (first line of `-V`)."""
        result = subprocess.run([self.path, "-V"], capture_output=True, text=True, timeout=10, check=False)
        return (result.stderr or result.stdout).strip().splitlines()[0] if (result.stderr or result.stdout) else ""


def _graphviz_pure() -> str | None:
    """The graphviz-pure installed beside this Python (with tocmodel), else the one on PATH.

    Beside Python first: what PATH finds may be a wrapper (a pyenv shim costs ~0.1 s on each run).
    """
    name = "graphviz-pure.exe" if os.name == "nt" else "graphviz-pure"
    for folder in (Path(sysconfig.get_path("scripts")), Path(sys.executable).parent):
        if (folder / name).is_file():
            return str(folder / name)
    return shutil.which("graphviz-pure")


def find_engine(choice: str = "auto") -> Engine:
    """The engine to use: `dot` when on PATH (or asked for), else `graphviz-pure`.

    Raises:
        DiagramError: the engine asked for is not installed.
    """
    if choice not in ENGINES:
        raise DiagramError(f"unknown engine `{choice}`; choose one of {', '.join(ENGINES)}")
    dot = shutil.which("dot") if choice in ("auto", "dot") else None
    if dot:
        return Engine("dot", dot)
    pure = _graphviz_pure() if choice in ("auto", "graphviz-pure") else None
    if pure:
        return Engine("graphviz-pure", pure)
    if choice == "dot":
        raise DiagramError(
            "Graphviz's `dot` is not installed; install it (Debian: `apt-get install graphviz`) "
            "or use --engine graphviz-pure"
        )
    raise DiagramError(
        "no layout engine found; `pip install graphviz-pure` (it comes with tocmodel) or install "
        "Graphviz (Debian: `apt-get install graphviz`); `-f dot` and `-f mermaid` need no engine"
    )


def layout(dot_text: str, *, output_format: str, engine: Engine, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Run the engine on DOT text and return the drawing.

    Raises:
        DiagramError: the format is not supported by the engine, the layout failed or took too long.
    """
    if output_format not in FORMATS_NEEDING_LAYOUT:
        raise DiagramError(f"format `{output_format}` needs no layout engine")
    if output_format == "pdf" and engine.name == "graphviz-pure":
        raise DiagramError(
            "graphviz-pure cannot write PDF; install Graphviz (`apt-get install graphviz`) and use "
            "--engine dot, or write SVG or PNG"
        )
    return run(dot_text, [f"-T{output_format}"], engine=engine, timeout=timeout)


def run(dot_text: str, arguments: list[str], *, engine: Engine, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Run the engine on DOT text with these arguments (output formats) and return what it writes.

    Raises:
        DiagramError: the engine failed, wrote nothing or took too long.
    """
    return Running(dot_text, arguments, engine=engine, timeout=timeout).result()


class Running:
    """The engine at work on DOT text, started at once: wait for what it writes, or stop it."""

    def __init__(self, dot_text: str, arguments: list[str], *, engine: Engine, timeout: float) -> None:
        self.engine = engine
        self.timeout = timeout
        self._process = subprocess.Popen(
            [engine.path, *arguments, "-q"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self._output: tuple[bytes, bytes] = (b"", b"")
        # the DOT text goes in and the drawing comes out meanwhile: either can fill a pipe
        self._feeding = threading.Thread(target=self._communicate, args=(dot_text.encode("utf-8"),), daemon=True)
        self._feeding.start()

    def _communicate(self, data: bytes) -> None:
        with contextlib.suppress(OSError, ValueError):  # stopped meanwhile
            self._output = self._process.communicate(data)

    def result(self) -> bytes:
        """What the engine writes, once it is done.

        Raises:
            DiagramError: the engine failed, wrote nothing or took longer than the time limit (it is stopped).
        """
        self._feeding.join(self.timeout)
        if self._feeding.is_alive():
            self.stop()
            raise DiagramError(
                f"the layout took longer than {self.timeout:g} s and was stopped; draw a focused view instead "
                "(--view pathway/stage/actor --focus ID) or raise --timeout"
            )
        stdout, stderr = self._output
        if self._process.returncode != 0 or not stdout:
            message = stderr.decode("utf-8", errors="replace").strip() or f"exit code {self._process.returncode}"
            raise DiagramError(f"{self.engine.name} could not draw the diagram: {message}")
        return stdout

    def stop(self) -> None:
        """Stop the engine (its drawing is not wanted) and wait until it is gone."""
        with contextlib.suppress(ProcessLookupError):
            self._process.kill()
        self._feeding.join()
        self._process.wait()
