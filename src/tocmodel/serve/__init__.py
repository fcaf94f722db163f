"""The live workshop preview: `tocmodel serve` shows the diagram in a browser and redraws it on every save.

The pieces, in the order data flows through them:

- `session` loads and validates the model files and keeps the last good model and the current findings;
- `drawing` draws one view of a model as SVG, remembering layouts so unchanged views cost nothing;
- `live` watches the files (`watch`), reloads and redraws off the request path, and pushes each page only what
  changed through `hub`;
- `app` is the web application (its routes and security headers, `guard` its checks), `server` binds the
  socket and runs it, and `connection` speaks HTTP/1.1 with each client;
- `details` turns the model into the plain data the page's side panel shows.

This module imports none of the server's dependencies, so the command line can say what to install.
"""

from __future__ import annotations

import importlib.util
import os

from ..errors import ServeError

REQUIRED = ("starlette", "uvicorn", "watchfiles")
"""The packages of the `serve` extra."""

INSTALL_HINT = "pip install 'tocmodel[serve]'"


def missing_dependencies() -> list[str]:
    """The packages of the `serve` extra that are not installed."""
    return [name for name in REQUIRED if importlib.util.find_spec(name) is None]


def serve(
    model: str | os.PathLike[str],
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    open_browser: bool = False,
    engine: str = "auto",
    read_timeout: float = 10.0,
) -> None:
    """Serve the live preview of a model until interrupted (see `tocmodel.serve.server.serve`).

    Raises:
        ServeError: the preview cannot start.
    """
    from .server import serve as run

    run(model, host=host, port=port, open_browser=open_browser, engine=engine, read_timeout=read_timeout)


__all__ = ["INSTALL_HINT", "REQUIRED", "ServeError", "missing_dependencies", "serve"]
