"""Who may talk to ``papershelf serve``: loopback names only, and only with the secret token.

- **Host**: a request whose ``Host`` is not a name of this server (127.0.0.1,
  localhost, [::1], or the ``--host`` given) is refused, so a web page whose
  own name was rebound to 127.0.0.1 (DNS rebinding) cannot reach the API.
- **Token**: every ``/api/`` request carries ``Authorization: Bearer TOKEN``, or
  the HttpOnly, SameSite=Strict cookie the page got when it was opened with
  ``?token=TOKEN``; a request that changes something by the cookie also sends
  the page's CSRF value in ``X-Papershelf-CSRF``, which no other site can
  read.  Pages need the token (or the cookie) too; the assets, which hold no
  data, do not.
- **Headers**: no CORS header is ever sent; every response forbids framing,
  sniffing and referrers, and the pages run only their own scripts (CSP).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")
PAGES = ("/", "/edit", "/add")
CSRF_HEADER = "x-papershelf-csrf"
SAFE_METHODS = ("GET", "HEAD")
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data: https:; script-src 'self'; style-src 'self'; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
]


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Secret:
    """The token of one server, and what is made from it: the cookie's name and the CSRF value."""

    def __init__(self, token: str):
        self.token = token
        self.csrf = hmac.new(token.encode(), b"papershelf-csrf", hashlib.sha256).hexdigest()
        # One name per server: two servers on one host (cookies ignore the port) keep their own.
        self.cookie = "papershelf_" + hashlib.sha256(token.encode()).hexdigest()[:12]

    def matches(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())


def host_name(host: str) -> str:
    """The name of a Host header without its port ("[::1]:8000" -> "[::1]")."""
    host = host.strip().lower()
    if host.startswith("["):
        return host.partition("]")[0] + "]"
    return host.rpartition(":")[0] if host.count(":") == 1 else host


class Guard:
    """ASGI middleware applying the rules above to every request."""

    def __init__(self, app, secret: Secret, hosts: tuple[str, ...] = LOOPBACK_NAMES):
        self.app = app
        self.secret = secret
        self.hosts = {h.lower() for h in hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
                if scope["path"].startswith("/api/"):
                    message["headers"].append((b"cache-control", b"no-store"))
            await send(message)

        path = scope["path"]
        if host_name(headers.get("host", "")) not in self.hosts:
            return await _plain(send_with_headers, 400, "refused: the Host header does not name this server")
        if path.startswith("/assets/"):
            return await self.app(scope, receive, send_with_headers)
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if path in PAGES and self.secret.matches(query.get("token")):
            return await self._log_in(scope, query, send_with_headers)
        if self._allowed(scope["method"], headers, api=path.startswith("/api/")):
            return await self.app(scope, receive, send_with_headers)
        if path.startswith("/api/"):
            body = {"error": "missing or wrong token: send Authorization: Bearer TOKEN (printed by papershelf serve)"}
            return await _respond(send_with_headers, 401, "application/json", json.dumps(body))
        return await _plain(
            send_with_headers, 401, "Open the address papershelf serve printed (it holds the token), not this one."
        )

    def _allowed(self, method: str, headers: dict, api: bool) -> bool:
        kind, _, given = headers.get("authorization", "").partition(" ")
        if kind.lower() == "bearer" and self.secret.matches(given.strip()):
            return True
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed Cookie header: as if there were none
            return False
        held = cookie.get(self.secret.cookie)
        if held is None or not self.secret.matches(held.value):
            return False
        if not api or method in SAFE_METHODS:
            return True
        return hmac.compare_digest(headers.get(CSRF_HEADER, "").encode(), self.secret.csrf.encode())

    async def _log_in(self, scope, query: dict, send) -> None:
        """Set the cookie and send the browser to the same page without the token in its address."""
        rest = urlencode({k: v for k, v in query.items() if k != "token"})
        location = scope["path"] + (f"?{rest}" if rest else "")
        cookie = f"{self.secret.cookie}={self.secret.token}; HttpOnly; SameSite=Strict; Path=/"
        headers = [(b"location", location.encode("latin-1")), (b"set-cookie", cookie.encode("latin-1"))]
        await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})


async def _plain(send, status: int, text: str) -> None:
    await _respond(send, status, "text/plain; charset=utf-8", text + "\n")


async def _respond(send, status: int, content_type: str, text: str) -> None:
    body = text.encode("utf-8")
    headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
