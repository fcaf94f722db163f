"""Debian's Chromium, headless: how the browser tests, the latency benchmark and the docs' screenshots start it.

`TOCMODEL_CHROMIUM` names another executable. Playwright drives it without downloading a browser of its own.
"""

from __future__ import annotations

import os

EXECUTABLE = os.environ.get("TOCMODEL_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
"""Quiet and self-contained: no sandbox (containers run as root), no GPU, nothing fetched in the background."""
