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
from typing import Any

from ..errors import ServeError

REQUIRED = ("starlette", "uvicorn", "watchfiles")
"""The packages of the `serve` extra."""

INSTALL_HINT = "pip install 'tocmodel[serve]'"


def missing_dependencies() -> list[str]:
    """The packages of the `serve` extra that are not installed."""
    return [name for name in REQUIRED if importlib.util.find_spec(name) is None]


def __getattr__(name: str) -> Any:
    """`serve` (`tocmodel.serve.server.serve`), imported when first asked for: it needs the `serve` extra."""
    if name == "serve":
        from .server import serve

        return serve
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["INSTALL_HINT", "REQUIRED", "ServeError", "missing_dependencies", "serve"]
