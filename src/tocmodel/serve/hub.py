"""Open pages and what is pushed to them: server-sent events, each page with the view it shows.

A frame is encoded once and queued for every page that needs it. A page that stops reading (a frozen tab)
is dropped once its queue is full; its browser reconnects and gets the current state afresh.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .drawing import Picture
from .keys import ViewKey
from .session import Snapshot

QUEUE_SIZE = 16
"""Frames waiting for one page before it is dropped."""
RETRY_MS = 1000
"""How soon a browser reconnects after losing the stream."""
KEEP_ALIVE = b": keep-alive\n\n"


def frame(event: str, data: Any) -> bytes:
    """One server-sent event with JSON data (on one line: JSON escapes every line break)."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}\n\n".encode()


def retry_frame() -> bytes:
    """Tells the browser how soon to reconnect."""
    return f"retry: {RETRY_MS}\n\n".encode()


@dataclass(frozen=True, slots=True)
class Drawing:
    """One view of one version, ready to send: the picture, or why it could not be drawn."""

    version: int
    key: ViewKey
    picture: Picture | None
    error: str | None
    frame: bytes
    """The `diagram` event: the whole picture."""
    patch: bytes | None = None
    """The `boxes` event, for a page that shows the picture this one redraws boxes of: just those boxes."""

    @classmethod
    def make(cls, snapshot: Snapshot, key: ViewKey, picture: Picture | None, error: str | None) -> Drawing:
        """The drawing and its events (a large JSON text: made in a worker thread, once for every page)."""
        data = {"version": snapshot.version, "loadedAt": snapshot.loaded_at, **key.to_dict()}
        if picture is None:
            return cls(snapshot.version, key, None, error, frame("diagram", {**data, "svg": None, "error": error}))
        whole = frame("diagram", {**data, "picture": picture.serial, "svg": picture.page, "error": error})
        patch = None
        if picture.base is not None:
            patch = frame("boxes", {**data, "picture": picture.serial, "base": picture.base, "boxes": picture.boxes})
        return cls(snapshot.version, key, picture, error, whole, patch)

    def same_picture(self, other: Drawing) -> bool:
        """Whether both show the same thing (whatever their versions)."""
        mine, theirs = self.picture, other.picture
        same = mine is theirs or (mine is not None and theirs is not None and mine.page == theirs.page)
        return same and self.error == other.error


class Subscriber:
    """One open page's stream."""

    def __init__(self, key: ViewKey) -> None:
        self.key = key
        self._queue: asyncio.Queue[bytes | None] = asyncio.Queue(QUEUE_SIZE)
        self.closed = False
        self.shown: Drawing | None = None
        """The last picture sent."""

    def frame_for(self, drawing: Drawing) -> bytes | None:
        """What to send of a drawing: nothing unless it is newer than the one shown and different; only the
        redrawn boxes when the page shows the picture they are redrawn in. Remembers it as shown if sent."""
        shown = self.shown
        if shown is not None and (drawing.version < shown.version or drawing.same_picture(shown)):
            return None
        self.shown = drawing
        base = shown.picture.serial if shown is not None and shown.picture is not None else None
        if drawing.patch is not None and drawing.picture is not None and drawing.picture.base == base:
            return drawing.patch
        return drawing.frame

    def push(self, data: bytes) -> None:
        """Queue a frame; a page too slow to take it is closed."""
        if self.closed:
            return
        try:
            self._queue.put_nowait(data)
        except asyncio.QueueFull:
            self.close()

    def close(self) -> None:
        """End the stream (the browser reconnects unless the page is gone)."""
        if self.closed:
            return
        self.closed = True
        while not self._queue.empty():
            self._queue.get_nowait()
        self._queue.put_nowait(None)

    async def next(self, *, timeout: float) -> bytes | None:
        """The next frame, a keep-alive comment after `timeout` seconds of quiet, or None once closed."""
        try:
            return await asyncio.wait_for(self._queue.get(), timeout)
        except TimeoutError:
            return None if self.closed else KEEP_ALIVE


class Hub:
    """Every open page, by the view it shows."""

    def __init__(self) -> None:
        self._subscribers: set[Subscriber] = set()

    def __len__(self) -> int:
        return len(self._subscribers)

    def __iter__(self) -> Iterator[Subscriber]:
        return iter(list(self._subscribers))

    def subscribe(self, key: ViewKey) -> Subscriber:
        """Register a page."""
        subscriber = Subscriber(key)
        self._subscribers.add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        """Forget a page (its stream ended or it disconnected)."""
        self._subscribers.discard(subscriber)
        subscriber.close()

    def views(self) -> list[ViewKey]:
        """The distinct views open pages show."""
        return list(dict.fromkeys(s.key for s in self._subscribers))

    def broadcast(self, data: bytes) -> None:
        """Send a frame to every page."""
        for subscriber in self:
            subscriber.push(data)

    def send(self, key: ViewKey, data: bytes) -> None:
        """Send a frame to the pages showing one view."""
        for subscriber in self:
            if subscriber.key == key:
                subscriber.push(data)

    def close(self) -> None:
        """End every stream (the server is stopping)."""
        for subscriber in self:
            subscriber.close()
