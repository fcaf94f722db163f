"""Watching the model's files: a change to the model, an include or the configuration beside it calls back.

The folders are watched rather than the files, so editors that save by writing a new file and renaming it over
the old one, or that delete the file and write it again, are seen like any other save. Changes are reported
within a few hundredths of a second: watchfiles' default grouping (1.6 s) would be felt in the room.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from watchfiles import Change, awatch

from .session import Session

STEP_MS = 5
"""A change is reported once this long passes without another one."""
DEBOUNCE_MS = 200
"""Changes that keep coming are reported at least this often."""
RETRY_SECONDS = 0.5
"""Wait before watching again when a folder cannot be watched (it was removed)."""
MODEL_SUFFIXES = (".yaml", ".yml")

logger = logging.getLogger(__name__)


class Watcher:
    """Calls `on_change` for every change to a file the session reads."""

    def __init__(self, session: Session, on_change: Callable[[], None]) -> None:
        self.session = session
        self.on_change = on_change
        self._refresh = asyncio.Event()
        self._watching: list[str] = []

    def refresh(self) -> None:
        """Watch the session's folders again if they changed (an include in another folder was added or removed).

        Not otherwise: a save made while the watcher restarts would be seen by no watcher.
        """
        if self.folders() != self._watching:
            self._refresh.set()

    def folders(self) -> list[str]:
        """The folders to watch: those of the session's files that exist."""
        return [str(folder) for folder in self.session.folders() if folder.is_dir()]

    def relevant(self, change: Change, path: str) -> bool:
        """Whether a change concerns the model.

        While the model cannot be read, any YAML file in the watched folders counts: the include that is
        missing may be the one just written.
        """
        file = Path(path)
        if file in self.session.files:
            return True
        failing = self.session.snapshot is None or not self.session.report.ok
        return failing and file.suffix in MODEL_SUFFIXES

    async def run(self) -> None:
        """Watch until cancelled, following the session's folders as they change."""
        restarted = False
        while True:
            self._refresh = asyncio.Event()
            self._watching = folders = self.folders()
            if not folders:
                await asyncio.sleep(RETRY_SECONDS)
                restarted = True
                continue
            if restarted:
                # A save made while no watcher ran is seen by none: read the files again. The reading waits for
                # this task to pause, which it first does once `awatch` has set its watches up.
                self.on_change()
            restarted = True
            try:
                async for _ in awatch(
                    *folders,
                    watch_filter=self.relevant,
                    debounce=DEBOUNCE_MS,
                    step=STEP_MS,
                    stop_event=self._refresh,
                    recursive=False,
                ):
                    self.on_change()
            except OSError as error:  # a folder vanished between listing and watching
                logger.debug("cannot watch %s: %s", folders, error)
            except Exception:  # the watcher itself failed: watch again rather than stop following the files
                logger.exception("watching %s failed", folders)
            if not self._refresh.is_set():
                await asyncio.sleep(RETRY_SECONDS)
