"""The app server's own guard (an ASGI middleware, wrapped around Streamlit by serve.py), so that a
deployment without a reverse proxy is as safe as one with it:

- security headers on every HTTP response: a Content-Security-Policy without outside origins (the
  one exception: the optional online street map's tiles, as images only), frames only from this
  site (the map is an iframe of this site), the Editor not frameable at all, nosniff, no Referer;
- `/_stcore/metrics` is not public (403);
- Streamlit's upload endpoint (`/_stcore/upload_file/…`) accepts files only from a browser holding
  a signed-in editor's session cookie (geo/editing/login.py); anyone else gets 403 before a byte of
  the body is read, so anonymous uploads use no memory;
- `/_geo/session?ticket=…` turns a one-time ticket (made by the Editor page after a sign-in) into
  the HttpOnly, SameSite=Strict session cookie, then returns to the Editor; `/_geo/signout`
  ends the session and clears the cookie.

Plain ASGI (no Starlette or Streamlit import), so the rules are tested without a server too.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs

from .login import COOKIE, SESSION_S, LoginStore

TILES = "https://tile.openstreetmap.org"  # the optional online layer (folium's "OpenStreetMap")
CSP = (
    "default-src 'self'; "
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'; "  # the map component evaluates folium's script
    "style-src 'self' 'unsafe-inline'; "
    f"img-src 'self' data: blob: {TILES}; "
    "font-src 'self' data:; "
    "connect-src 'self'; "
    "media-src 'self' blob:; "
    "worker-src 'self' blob:; "
    "frame-src 'self' blob: data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; "
)
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
SESSION_PATH = "/_geo/session"
SIGNOUT_PATH = "/_geo/signout"
EDITOR_PATH = "/editor"


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    """The headers for a response to `path`: the Editor may not be framed at all, the rest only by this site."""
    editor = path.rstrip("/").endswith(EDITOR_PATH)
    ancestors = "'none'" if editor else "'self'"
    return HEADERS + [
        (b"content-security-policy", (CSP + f"frame-ancestors {ancestors}").encode("ascii")),
        (b"x-frame-options", b"DENY" if editor else b"SAMEORIGIN"),
    ]


def cookie_value(scope) -> str | None:
    for name, value in scope.get("headers") or []:
        if name == b"cookie":
            jar = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:
                return None
            if COOKIE in jar:
                return jar[COOKIE].value
    return None


def client_address(scope) -> str | None:
    client = scope.get("client")
    return client[0] if client else None


class Guard:
    """ASGI middleware: `Guard(app, store_factory)` where store_factory() gives the LoginStore."""

    def __init__(self, app, store_factory: Callable[[], LoginStore]) -> None:
        self.app = app
        self.store_factory = store_factory

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        extra = security_headers(path)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {h[0].lower() for h in extra}
                message = {
                    **message,
                    "headers": [h for h in message.get("headers", []) if h[0].lower() not in names] + extra,
                }
            await send(message)

        if path.endswith("/_stcore/metrics"):
            await _plain(send_with_headers, 403, "Not public.")
            return
        if "/_stcore/upload_file/" in path and self.store_factory().session_user(cookie_value(scope)) is None:
            await _plain(send_with_headers, 403, "Uploads are for signed-in editors only.")
            return  # the body is never read
        if path.endswith(SESSION_PATH):
            await self._session(scope, send_with_headers)
            return
        if path.endswith(SIGNOUT_PATH):
            self.store_factory().sign_out(cookie_value(scope), client_address(scope))
            await _redirect(send_with_headers, _editor_url(path, SIGNOUT_PATH), _cookie(scope, "", 0))
            return
        await self.app(scope, receive, send_with_headers)

    async def _session(self, scope, send) -> None:
        query = parse_qs((scope.get("query_string") or b"").decode("latin-1"))
        token = self.store_factory().redeem((query.get("ticket") or [None])[0])
        if token is None:
            await _plain(send, 403, "This sign-in link is not valid (used, expired or unknown); sign in again.")
            return
        await _redirect(send, _editor_url(scope.get("path", ""), SESSION_PATH), _cookie(scope, token, SESSION_S))


def _editor_url(path: str, suffix: str) -> str:
    return path[: -len(suffix)] + EDITOR_PATH


def _cookie(scope, value: str, max_age: int) -> bytes:
    secure = "; Secure" if scope.get("scheme") == "https" else ""
    return f"{COOKIE}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}".encode("latin-1")


async def _plain(send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _redirect(send, location: str, cookie: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [
                (b"location", location.encode("latin-1")),
                (b"set-cookie", cookie),
                (b"cache-control", b"no-store"),
                (b"content-length", b"0"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})


def default_store() -> LoginStore:
    from ..paths import data_dir

    return LoginStore(Path(data_dir()))
