"""What every request passes through: security headers on each answer, limits on what a request may carry, and
two checks that keep web pages elsewhere away from the preview.

- A request with more than `MAX_HEADERS` headers, or more than `MAX_HEAD_BYTES` of them, is refused (431), and
  so is a request with a body (413): the preview answers GET and HEAD only. The connection is closed after.
- When listening on a loopback address, a request must name this machine in its `Host` header, so a web page
  cannot reach the preview by pointing a domain of its own at 127.0.0.1 (DNS rebinding).
- A request a browser says another site made (`Sec-Fetch-Site: cross-site` or `same-site`) is refused, except
  opening the page itself: another page open in the same browser cannot make the preview draw or send anything.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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
MAX_HEADERS = 100
"""Headers a request may have (a browser sends about twenty)."""
MAX_HEAD_BYTES = 64 * 1024
"""Bytes a request's headers may take (cookies for `localhost` that other local tools set count too)."""
SECURITY_HEADERS = [
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


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


class RequestLimits:
    """Refuses requests with too many or too large headers, or with a body; the connection is closed after."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            refusal = limits_exceeded(scope["headers"])
            if refusal is not None:
                status, message = refusal
                response = PlainTextResponse(message, status_code=status, headers={"Connection": "close"})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def limits_exceeded(headers: Sequence[tuple[bytes, bytes]]) -> tuple[int, str] | None:
    """The status and message refusing a request with these headers, or None when they are within the limits."""
    if len(headers) > MAX_HEADERS or sum(len(name) + len(value) + 4 for name, value in headers) > MAX_HEAD_BYTES:
        return 431, "Request header fields too large"
    for name, value in headers:
        if name == b"transfer-encoding" or (name == b"content-length" and value.strip().lstrip(b"0")):
            return 413, "The preview takes no request body"
    return None


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


class SameOrigin:
    """Refuses requests that browsers mark as made by another site, but for opening the page."""

    ALLOWED_SITES = (b"", b"same-origin", b"none")
    """`Sec-Fetch-Site` values that pass; no header at all is a program rather than a page (curl, tests)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            site = headers.get(b"sec-fetch-site", b"").lower()
            opening = scope["path"] == "/" and headers.get(b"sec-fetch-mode", b"").lower() == b"navigate"
            if site not in self.ALLOWED_SITES and not opening:
                await PlainTextResponse("Cross-site request refused", status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)
