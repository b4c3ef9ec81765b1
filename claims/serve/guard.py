"""What keeps the workbench safe with untrusted text and a database it writes to: a cap on request bodies, a
CSRF token on every write, and headers that forbid scripts and framing.

The token is a double-submit one: a random value in a SameSite=Strict, HttpOnly cookie, repeated in a hidden
field of each form. A page of another site can neither read the cookie nor send it along with a forged form.
"""
from __future__ import annotations

import hmac
import secrets

CSRF_COOKIE = "claims_csrf"
CSRF_FIELD = "csrf"
MAX_BODY = 6 * 1024 * 1024  # an article may be 5 MB (claims.ingest); a form adds a little
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
           (b"cache-control", b"no-store")]


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_matches(cookie: str | None, field: str | None) -> bool:
    return bool(cookie) and bool(field) and hmac.compare_digest(cookie.encode(), field.encode())


class BodyTooLarge(Exception):
    pass


class Guard:
    """ASGI middleware: refuses bodies over `max_body` bytes (by their Content-Length, or while they stream in)
    with 413, and adds the security headers to every response."""

    def __init__(self, app, max_body: int = MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return await _too_large(send, self.max_body)
        received = 0
        started = False

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge
            return message

        async def with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            await send(message)

        try:
            await self.app(scope, limited_receive, with_headers)
        except BodyTooLarge:
            if not started:
                await _too_large(send, self.max_body)


async def _too_large(send, limit: int) -> None:
    body = f"Request too large: at most {limit // (1024 * 1024)} MB.".encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})
