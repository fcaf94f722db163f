"""The preview's web application: its own routes and nothing else, with security headers on every answer.

Routes: the page (`/`), its scripts and style sheet, the event stream (`/events`), the model's details
(`/api/model`), the state (`/api/status`), and the current view as a download (`/export.svg`, `/export.png`).
Static files come from a fixed list of names, never from a path in the request; `guard` checks every request.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from contextlib import asynccontextmanager
from importlib.resources import files

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from ..errors import UsageError
from ..render.diagram.engine import DiagramError
from .guard import HostCheck, RequestLimits, SameOrigin, SecurityHeaders
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

NO_STORE = {"Cache-Control": "no-store"}


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
                content = await self.live.png(key, snapshot)
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
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(RequestLimits),
            Middleware(HostCheck, allowed=allowed_hosts),
            Middleware(SameOrigin),
        ],
        exception_handlers={ViewKeyError: bad_view},
        lifespan=lifespan,
    )
