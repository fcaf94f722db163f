"""Running the preview: bind the address, start the web server, say where it is, stop cleanly on Ctrl-C."""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import os
import socket
import sys
import webbrowser
from collections.abc import Awaitable, Callable
from typing import Any

import uvicorn

from ..check import config_beside
from ..errors import ServeError, UsageError
from ..render.diagram.engine import DiagramError, find_engine
from ..schema.monitoring import Thresholds
from .app import create_app
from .connection import Connection
from .drawing import Drawer
from .guard import MAX_HEAD_BYTES
from .live import Live
from .reading import READ_SECONDS, ReadingWorker
from .session import Session

LAYOUT_TIMEOUT = 30.0
"""Seconds one view's layout may take; the page keeps its picture and says so when it is stopped."""
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


class _Server(uvicorn.Server):
    """Ends the pages' event streams first when stopping, so open pages never hold the shutdown up."""

    def __init__(self, config: uvicorn.Config, live: Live) -> None:
        super().__init__(config)
        self.live = live

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self.live.hub.close()
        await super().shutdown(sockets)


def serve(
    model: str | os.PathLike[str],
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    open_browser: bool = False,
    engine: str = "auto",
    read_timeout: float = READ_SECONDS,
) -> None:
    """Serve the live preview of a model until interrupted.

    Args:
        model: The model file (it may have errors: the page shows them).
        host: Address to listen on; anything but a loopback address prints a warning.
        port: Port to listen on; 0 picks a free one.
        open_browser: Open the page in the default browser once ready.
        engine: Layout engine: `auto`, `dot` or `graphviz-pure`.
        read_timeout: Seconds one reading of the model may take before it is stopped (the page keeps its
            last good picture and says so).

    Raises:
        ServeError: the address cannot be used (the port is taken) or no layout engine is installed.
    """
    try:
        drawer = Drawer(find_engine(engine), timeout=LAYOUT_TIMEOUT, thresholds=_thresholds(model))
    except DiagramError as error:
        raise ServeError(str(error)) from None
    listener = bind(host, port)
    loopback = ipaddress.ip_address(listener.getsockname()[0]).is_loopback
    if not loopback:
        _say(
            f"warning: listening on {host}: other computers on the network can open the preview and see the "
            "model. Leave out --host to keep it to this computer.",
            err=True,
        )
    session = Session(model)
    live = Live(session, drawer, reader=ReadingWorker(session, timeout=read_timeout))
    ready = _announcer(live, str(model), host, listener.getsockname()[1], open_browser=open_browser)
    app = create_app(live, allowed_hosts={*LOOPBACK_NAMES, host} if loopback else None, on_ready=ready)
    try:
        _Server(_uvicorn_config(app), live).run(sockets=[listener])
    except KeyboardInterrupt:
        pass
    finally:
        listener.close()
    _say("Stopped.")


def _announcer(live: Live, model: str, host: str, port: int, *, open_browser: bool) -> Callable[[], Awaitable[None]]:
    """What to do once the model is read and drawn: say where the page is, and open it if asked."""
    url = page_url(host, port)

    async def ready() -> None:
        findings = live.session.findings()
        state = "" if findings["ok"] else f" (the model has {findings['errors']} error(s): the page lists them)"
        _say(f"Serving {model} at {url}{state}. Press Ctrl-C to stop.")
        if host in WILDCARDS:
            others = _network_address()
            where = page_url(others, port) if others else f"this machine's network address, port {port}"
            _say(f"Others on the network open {where}")
        if open_browser:
            await asyncio.get_running_loop().run_in_executor(None, webbrowser.open, url)

    return ready


def _uvicorn_config(app: Any) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        http=Connection,
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,  # the head `guard` allows, however it arrives in pieces
        ws="none",
        lifespan="on",
        timeout_graceful_shutdown=2,
    )


def _say(text: str, *, err: bool = False) -> None:
    """Print at once: whoever started the preview may be waiting for its address on a pipe."""
    print(text, file=sys.stderr if err else sys.stdout, flush=True)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on the address (IPv4 first when a name has both).

    Raises:
        ServeError: the name does not resolve, the port is taken or not allowed.
    """
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise ServeError(f"cannot listen on `{host}`: {error.strerror}") from None
    family, kind, protocol, _, address = sorted(found, key=lambda info: info[0] != socket.AF_INET)[0]
    listener = socket.socket(family, kind, protocol)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(address)
        listener.listen(128)
    except OSError as error:
        listener.close()
        if error.errno == errno.EADDRINUSE:
            raise ServeError(
                f"port {port} on {host} is already in use; choose another with --port (--port 0 picks a free one)"
            ) from None
        raise ServeError(f"cannot listen on {host} port {port}: {error.strerror or error}") from None
    return listener


WILDCARDS = ("0.0.0.0", "::", "")
"""Addresses that listen on every network interface."""


def page_url(host: str, port: int) -> str:
    """The page's address: a wildcard address is reached through the loopback one."""
    if host in WILDCARDS:
        host = "127.0.0.1"
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def _network_address() -> str | None:
    """This machine's address on the network its default route leads to, or None if it has none.

    Connecting a UDP socket only chooses the interface: no packet is sent.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # a documentation address (RFC 5737), never reached
            address: str = probe.getsockname()[0]
        except OSError:
            return None
    return None if ipaddress.ip_address(address).is_loopback or address == "0.0.0.0" else address


__all__ = ["ServeError", "bind", "page_url", "serve"]


def _thresholds(model: str | os.PathLike[str]) -> Thresholds | None:
    """The progress thresholds of a `tocmodel.toml` beside the model; the defaults when it cannot be read
    (the check says why)."""
    try:
        found = config_beside(model)
    except UsageError:
        return None
    return found.thresholds if found else None
