"""Keeping every open page up to date, off the request path.

One task follows the files: on each change it reads and validates the model again (in a worker process, stopped
when it runs too long, see `reading`), tells
every page the findings, and redraws only the views that pages show, each once however many pages show it.
A page is sent a picture only when its picture changed. Saves that come while a drawing runs are taken
together: the next reading sees the latest file.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator

from ..collector import paused
from ..errors import UsageError
from ..render.diagram.engine import DiagramError
from .details import model_details
from .drawing import Drawer
from .hub import Drawing, Hub, Subscriber, frame, retry_frame
from .keys import ViewKey
from .reading import ReadingWorker
from .session import Reading, Session, Snapshot
from .watch import Watcher

GRACE_SECONDS = 0.3
"""A reading that fails waits this long for another save before pages show its errors: editors that write
a file in two steps (empty it, then fill it) do not flash an error on the wall."""
KEEP_ALIVE_SECONDS = 15.0
DRAWING_THREADS = 2
"""Views drawn at once (each layout is a process of its own)."""

logger = logging.getLogger(__name__)


class Live:
    """The preview's state and its background work: the files, the drawings and the pages."""

    def __init__(
        self, session: Session, drawer: Drawer, *, grace: float = GRACE_SECONDS, reader: ReadingWorker | None = None
    ) -> None:
        self.session = session
        self.drawer = drawer
        self.reader = reader or ReadingWorker(session)
        self.grace = grace
        self.hub = Hub()
        self.watcher = Watcher(session, self.changed)
        self._changed = asyncio.Event()
        self._drawings: dict[ViewKey, Drawing] = {}
        self._pending: dict[tuple[ViewKey, int], asyncio.Future[Drawing]] = {}
        self._details: dict[tuple[int, str | None], bytes] = {}
        self._threads = asyncio.Semaphore(DRAWING_THREADS)
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        """Read the model and start following the files; the default view is drawn meanwhile."""
        await self._take(await self._read())
        self._tasks = [asyncio.create_task(self.watcher.run()), asyncio.create_task(self._follow())]
        if self.session.snapshot is not None:
            self._tasks.append(asyncio.create_task(self._prepare(ViewKey(), self.session.snapshot)))

    async def _prepare(self, key: ViewKey, snapshot: Snapshot) -> None:
        await self.drawing(key, snapshot)

    async def stop(self) -> None:
        """End every page's stream and the background work."""
        self.hub.close()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await asyncio.to_thread(self.reader.close)

    def changed(self) -> None:
        """A file changed: read the model again soon."""
        self._changed.set()

    async def _follow(self) -> None:
        while True:
            await self._changed.wait()
            self._changed.clear()
            reading = await self._read()
            if reading.model is None and await self._another_change(within=self.grace):
                continue
            try:
                # A collection of the replaced model would stall drawing for tens of milliseconds: it runs once
                # the pages have their picture, while the browsers draw it.
                with paused():
                    await self._take(reading)
            except Exception:  # keep following the files: the next save may well draw
                logger.exception("updating the pages failed")

    async def _read(self) -> Reading:
        try:
            return await asyncio.to_thread(self.reader.read)
        except Exception as error:  # a failure of the reader itself must not stop the preview in front of a room
            logger.exception("reading the model failed")
            return self.session.failed(f"the model could not be read: {error!r}")

    async def _another_change(self, *, within: float) -> bool:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), within)
            return True
        return False

    async def _take(self, reading: Reading) -> None:
        change = self.session.take(reading)
        if change.files_changed:
            self.watcher.refresh()
        if change.findings_changed:
            self.hub.broadcast(frame("findings", self.session.findings()))
        if change.snapshot is None:
            return
        self.hub.broadcast(frame("model", self.model_event(change.snapshot)))
        # taken together with the reading (no await in between): a page subscribing later reads this snapshot
        keys = self.hub.views()
        self._drawings = {key: d for key, d in self._drawings.items() if key in keys or key == ViewKey()}
        self._details.clear()
        await asyncio.gather(*(self._redraw(key, change.snapshot) for key in keys))

    async def _redraw(self, key: ViewKey, snapshot: Snapshot) -> None:
        drawing = await self.drawing(key, snapshot)
        for subscriber in self.hub:
            if subscriber.key == key and (data := subscriber.frame_for(drawing)) is not None:
                subscriber.push(data)

    async def drawing(self, key: ViewKey, snapshot: Snapshot) -> Drawing:
        """The view for this version, drawn once however many pages ask for it at once."""
        cached = self._drawings.get(key)
        if cached is not None and cached.version == snapshot.version:
            return cached
        pending = self._pending.get((key, snapshot.version))
        if pending is None:
            pending = asyncio.ensure_future(self._draw(key, snapshot))
            self._pending[(key, snapshot.version)] = pending
            pending.add_done_callback(lambda _: self._pending.pop((key, snapshot.version), None))
        # shielded: a page closing while it waits must not cancel the drawing other pages wait for
        return await asyncio.shield(pending)

    async def _draw(self, key: ViewKey, snapshot: Snapshot) -> Drawing:
        async with self._threads:
            drawing = await asyncio.to_thread(self._draw_now, key, snapshot)
        current = self._drawings.get(key)
        shown = key == ViewKey() or key in self.hub.views()  # an export of another view is not kept
        if shown and (current is None or current.version <= drawing.version):
            self._drawings[key] = drawing
        return drawing

    async def png(self, key: ViewKey, snapshot: Snapshot) -> bytes:
        """The view as PNG, for a download (raises as `Drawer.png` does); it shares the drawing threads."""
        async with self._threads:
            return await asyncio.to_thread(self.drawer.png, snapshot.model, key)

    def _draw_now(self, key: ViewKey, snapshot: Snapshot) -> Drawing:
        try:
            return Drawing.make(snapshot, key, self.drawer.picture(snapshot.model, key), None)
        except (UsageError, DiagramError) as error:
            return Drawing.make(snapshot, key, None, str(error))
        except Exception as error:  # as for reading: the page keeps its picture and says what went wrong
            logger.exception("drawing %s failed", key)
            return Drawing.make(snapshot, key, None, f"the view could not be drawn: {error!r}")

    async def stream(self, key: ViewKey) -> AsyncIterator[bytes]:
        """One page's events: the current state at once, then every change, until the page goes."""
        subscriber = self.hub.subscribe(key)
        try:
            yield retry_frame()
            yield frame("findings", self.session.findings())
            async for first in self._first_picture(subscriber):
                yield first
            while (data := await subscriber.next(timeout=KEEP_ALIVE_SECONDS)) is not None:
                yield data
        finally:
            self.hub.unsubscribe(subscriber)

    async def _first_picture(self, subscriber: Subscriber) -> AsyncIterator[bytes]:
        snapshot = self.session.snapshot
        if snapshot is None:
            yield frame("diagram", {"version": 0, **subscriber.key.to_dict(), "svg": None, "error": None})
            return
        yield frame("model", self.model_event(snapshot))
        drawing = await self.drawing(subscriber.key, snapshot)
        if (data := subscriber.frame_for(drawing)) is not None:
            yield data

    @staticmethod
    def model_event(snapshot: Snapshot) -> dict[str, float | int]:
        """What pages learn of a new version: they fetch its details when they need them."""
        return {"version": snapshot.version, "loadedAt": snapshot.loaded_at}

    def details(self, lang: str | None) -> bytes | None:
        """The current model's details as JSON, or None before the model was first read without errors."""
        snapshot = self.session.snapshot
        if snapshot is None:
            return None
        cache_key = (snapshot.version, lang)
        if cache_key not in self._details:
            details = model_details(snapshot.model, lang=lang, version=snapshot.version)
            self._details[cache_key] = json.dumps(details, ensure_ascii=False).encode()
        return self._details[cache_key]
