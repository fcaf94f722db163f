"""The preview's web application: its own routes and nothing else, with security headers on every answer.

Routes: the page (`/`), its scripts and style sheet, the event stream (`/events`), the model's details
(`/api/model`), the state (`/api/status`), and the current view as a download (`/export.svg`, `/export.png`).
Static files come from a fixed list of names, never from a path in the request. When listening on a loopback address,
requests must name this machine in their `Host` header, so a web page cannot reach the preview by pointing
a domain of its own at 127.0.0.1 (DNS rebinding).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from contextlib import asynccontextmanager
from importlib.resources import files

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import UsageError
from ..render.diagram.engine import DiagramError
from .keys import ViewKey, ViewKeyError
from .live import Live

ASSETS = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/static/dom.js": ("dom.js", "text/javascript; charset=utf-8"),
    "/static/picture.js": ("picture.js", "text/javascript; charset=utf-8"),
    "/static/panel.js": ("panel.js", "text/javascript; charset=utf-8"),
    "/static/app.css": ("app.css", "text/css; charset=utf-8"),
}
"""Every static file served, by route: nothing else under the package is reachable."""

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = [
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
NO_STORE = {"Cache-Control": "no-store"}


class SecurityHeaders:
    """Adds the content security policy and its companions to every response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)


class HostCheck:
    """Refuses requests whose `Host` header names another machine (all hosts pass when `allowed` is None)."""

    def __init__(self, app: ASGIApp, *, allowed: Collection[str] | None) -> None:
        self.app = app
        self.allowed = None if allowed is None else {host.lower() for host in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.allowed is not None:
            headers = dict(scope["headers"])
            host = host_name(headers.get(b"host", b"").decode("latin-1"))
            if host is not None and host not in self.allowed:
                await PlainTextResponse("Invalid Host header", status_code=400)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def host_name(header: str) -> str | None:
    """The host of a `Host` header without its port or IPv6 brackets, lower case; None when there is none."""
    header = header.strip().lower()
    if not header:
        return None
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Routes:
    """The request handlers, around the live state."""

    def __init__(self, live: Live) -> None:
        self.live = live
        self.assets = {
            route: (files(__package__) / "static" / name).read_bytes() for route, (name, _) in ASSETS.items()
        }

    async def asset(self, request: Request) -> Response:
        _, media_type = ASSETS[request.url.path]
        return Response(self.assets[request.url.path], media_type=media_type, headers={"Cache-Control": "no-cache"})

    async def events(self, request: Request) -> Response:
        key = ViewKey.from_query(request.query_params)
        headers = {**NO_STORE, "X-Accel-Buffering": "no"}
        return StreamingResponse(self.live.stream(key), media_type="text/event-stream", headers=headers)

    async def model(self, request: Request) -> Response:
        key = ViewKey.from_query({"lang": request.query_params.get("lang", "")})
        details = self.live.details(key.lang)
        if details is None:
            return PlainTextResponse("The model has not been read without errors yet.", 409, headers=NO_STORE)
        return Response(details, media_type="application/json", headers=NO_STORE)

    async def status(self, request: Request) -> Response:
        status = {**self.live.session.findings(), "pages": len(self.live.hub)}
        return Response(json.dumps(status, ensure_ascii=False), media_type="application/json", headers=NO_STORE)

    async def export_svg(self, request: Request) -> Response:
        return await self._export(request, "svg")

    async def export_png(self, request: Request) -> Response:
        return await self._export(request, "png")

    async def _export(self, request: Request, suffix: str) -> Response:
        key = ViewKey.from_query(request.query_params)
        snapshot = self.live.session.snapshot
        if snapshot is None:
            return PlainTextResponse("The model has not been read without errors yet.", 409, headers=NO_STORE)
        try:
            if suffix == "png":
                content = await asyncio.to_thread(self.live.drawer.png, snapshot.model, key)
            else:
                drawing = await self.live.drawing(key, snapshot)
                if drawing.picture is None:
                    raise DiagramError(drawing.error or "the view could not be drawn")
                content = drawing.picture.svg.encode()
        except (UsageError, DiagramError) as error:
            return PlainTextResponse(str(error), 422, headers=NO_STORE)
        name = f"{key.file_stem(snapshot.model.model.id)}.{suffix}"
        headers = {**NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'}
        return Response(content, media_type="image/svg+xml" if suffix == "svg" else "image/png", headers=headers)


async def bad_view(request: Request, error: Exception) -> Response:
    """A request naming an unknown view, or a focus or language that cannot be one."""
    return PlainTextResponse(str(error), 400, headers=NO_STORE)


async def no_content(request: Request) -> Response:
    """For the browser's automatic favicon request."""
    return Response(status_code=204)


def create_app(
    live: Live, *, allowed_hosts: Collection[str] | None, on_ready: Callable[[], Awaitable[None]] | None = None
) -> Starlette:
    """The web application around a live state.

    Args:
        live: The model's live state; started and stopped with the application.
        allowed_hosts: Host names requests may address (None: any, for a preview shared on a network).
        on_ready: Called once the model was first read and the default view drawn.
    """
    routes = Routes(live)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await live.start()
        if on_ready is not None:
            await on_ready()
        try:
            yield
        finally:
            await live.stop()

    return Starlette(
        routes=[
            *(Route(path, routes.asset) for path in ASSETS),
            Route("/favicon.ico", no_content),
            Route("/events", routes.events),
            Route("/api/model", routes.model),
            Route("/api/status", routes.status),
            Route("/export.svg", routes.export_svg),
            Route("/export.png", routes.export_png),
        ],
        middleware=[Middleware(SecurityHeaders), Middleware(HostCheck, allowed=allowed_hosts)],
        exception_handlers={ViewKeyError: bad_view},
        lifespan=lifespan,
    )
