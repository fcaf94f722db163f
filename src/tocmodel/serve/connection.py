"""One HTTP/1.1 connection: uvicorn's, with two repairs for clients that do not follow the protocol.

- A connection must send a whole request head within `HEAD_SECONDS` of opening, or of its last answer, or it
  is closed. Otherwise a client that sends half a request, or an HTTP/0.9 request line (h11 waits for the
  rest of a head that never comes), holds its socket as long as it likes.
- A request body that turns out malformed (a bad chunk) while its request is being answered ends the exchange
  once. uvicorn would send its 400 answer on top of the application's own, which h11 refuses with a traceback
  in the log (or, mid-stream, an error thrown out of the event loop's reading callback).
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEAD_SECONDS = 5.0
"""How long a connection may take to send a request head (uvicorn keeps an idle connection as long)."""


class Connection(H11Protocol):
    """uvicorn's h11 connection, closing idle half-requests and answering a malformed body only once."""

    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_head()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._await_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            # the request being answered is void: its answer goes nowhere, and the application hears the client left
            cycle.disconnected = True
            cycle.message_event.set()
        if self.conn.our_state in (h11.IDLE, h11.SEND_RESPONSE):
            super().send_400_response(msg)
        else:
            self.transport.close()  # an answer is under way or sent: too late for a 400

    def _await_head(self) -> None:
        self._cancel_head_timer()
        if not self.transport.is_closing():
            self._head_timer = self.loop.call_later(HEAD_SECONDS, self._close_without_head)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _close_without_head(self) -> None:
        self._head_timer = None
        # IDLE: no request head came since the timer started (a request in hand, or a stream, is left alone)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()
