"""The server's own guard, as plain ASGI: headers on every response, private metrics, uploads only
with a signed-in editor's session cookie (refused before the body is read), the ticket → cookie step."""

from __future__ import annotations

import pytest

from geo.editing import auth
from geo.editing.login import COOKIE, LoginStore
from geo.editing.webgate import Guard
from tests.common import run_async


def call(guard, path, cookie=None, method="GET", query=b""):
    headers = [(b"cookie", f"{COOKIE}={cookie}".encode())] if cookie else []
    scope = {
        "type": "http",
        "path": path,
        "method": method,
        "headers": headers,
        "query_string": query,
        "client": ("127.0.0.1", 5000),
        "scheme": "http",
    }
    sent, reads = [], []

    async def receive():
        reads.append(1)
        return {"type": "http.request", "body": b"x" * 1000, "more_body": False}

    async def send(message):
        sent.append(message)

    run_async(guard(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], dict(start["headers"]), reads


async def app(scope, receive, send):
    await receive()
    await send({"type": "http.response.start", "status": 200, "headers": [(b"x-frame-options", b"ALLOWALL")]})
    await send({"type": "http.response.body", "body": b"ok"})


@pytest.fixture
def store(tmp_path):
    return LoginStore(tmp_path)


def test_headers_on_every_response(store):
    guard = Guard(app, lambda: store)
    status, headers, _ = call(guard, "/")
    assert status == 200
    csp = headers[b"content-security-policy"].decode()
    assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
    assert headers[b"x-frame-options"] == b"SAMEORIGIN"  # replaced, not doubled
    assert headers[b"x-content-type-options"] == b"nosniff" and headers[b"referrer-policy"] == b"no-referrer"
    _, headers, _ = call(guard, "/editor")
    assert headers[b"x-frame-options"] == b"DENY" and b"frame-ancestors 'none'" in headers[b"content-security-policy"]


def test_metrics_are_not_public(store):
    status, _, reads = call(Guard(app, lambda: store), "/_stcore/metrics")
    assert status == 403 and not reads


@pytest.mark.parametrize("cookie", [None, "", "garbage", "abc.def"])
def test_anonymous_uploads_are_refused_before_the_body_is_read(store, cookie):
    status, headers, reads = call(Guard(app, lambda: store), "/_stcore/upload_file/s1/f1", cookie, "PUT")
    assert status == 403 and reads == [] and b"content-security-policy" in headers


def test_signed_in_editor_uploads_pass(store):
    token = store.sign_in(
        {"alice": auth.hash_password("correct horse battery", rounds=4)}, "alice", "correct horse battery", None
    ).token
    status, _, reads = call(Guard(app, lambda: store), "/_stcore/upload_file/s1/f1", token, "PUT")
    assert status == 200 and reads
    store.sign_out(token)
    assert call(Guard(app, lambda: store), "/_stcore/upload_file/s1/f1", token, "PUT")[0] == 403


def test_ticket_becomes_an_httponly_cookie_once(store):
    token = store.sign_in(
        {"alice": auth.hash_password("correct horse battery", rounds=4)}, "alice", "correct horse battery", None
    ).token
    ticket = store.ticket(token)
    guard = Guard(app, lambda: store)
    status, headers, _ = call(guard, "/_geo/session", query=f"ticket={ticket}".encode())
    assert status == 303 and headers[b"location"] == b"/editor"
    cookie = headers[b"set-cookie"].decode()
    assert cookie.startswith(f"{COOKIE}={token};") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert call(guard, "/_geo/session", query=f"ticket={ticket}".encode())[0] == 403
    status, headers, _ = call(guard, "/_geo/signout", token)
    assert status == 303 and "Max-Age=0" in headers[b"set-cookie"].decode() and store.session_user(token) is None
