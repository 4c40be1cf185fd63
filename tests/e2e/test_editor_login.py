"""The Editor's login and the upload gate on a real server: a sign-in survives a reload (signed
session cookie), failed attempts lock the user name across reloads and say until when, anonymous
uploads over Streamlit's own protocol get 403 and cost no memory, a signed-in editor's upload is
accepted; the server itself sends the security headers and keeps /_stcore/metrics private."""

from __future__ import annotations

import asyncio
import shutil
import urllib.error
import urllib.request

import pytest

from geo.editing.login import COOKIE, USER_LIMIT, LoginStore
from tests.common import copy_data, run_async
from tests.e2e.conftest import REPO, StreamlitServer, screenshot, wait_until_idle, watched_page
from tests.e2e.test_load import rss_kb

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def login_server(tmp_path_factory):
    import bcrypt

    root = tmp_path_factory.mktemp("login-app")
    for name in ("app.py", "serve.py", "geo", "pages", "static", "data"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(
            src, root / name, **({"ignore": shutil.ignore_patterns(".history", ".auth")} if src.is_dir() else {})
        )
    (root / ".streamlit").mkdir()
    shutil.copy(REPO / ".streamlit" / "config.toml", root / ".streamlit" / "config.toml")
    digest = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    (root / ".streamlit" / "secrets.toml").write_text(f'[editors]\nalice = "{digest}"\nbob = "{digest}"\n')
    srv = StreamlitServer(copy_data(root / "work"), app_dir=root)
    srv.data = root / "work" / "data"
    yield srv
    srv.stop()


def sign_in(page, user, password):
    page.get_by_role("textbox", name="User name").fill(user)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_survives_a_reload_and_sign_out_ends_it(browser, login_server):
    page = watched_page(browser, login_server.url)
    try:
        page.goto(login_server.url + "/editor", wait_until="domcontentloaded")
        page.get_by_role("button", name="Sign in").wait_for(timeout=60_000)
        sign_in(page, "alice", PASSWORD)
        page.get_by_text("Signed in as").first.wait_for(timeout=30_000)
        cookie = next(c for c in page.context.cookies() if c["name"] == COOKIE)
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        page.reload(wait_until="domcontentloaded")
        page.get_by_text("Signed in as").first.wait_for(timeout=30_000)
        page.get_by_text("Upload a file").first.wait_for(timeout=30_000)
        assert page.get_by_role("button", name="Sign in").count() == 0
        screenshot(page, "editor-after-reload")
        page.get_by_role("button", name="Sign out").click()
        page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
        page.reload(wait_until="domcontentloaded")
        page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
        assert LoginStore(login_server.data).session_user(cookie["value"]) is None
        assert page.watch.external == []
    finally:
        page.context.close()


def test_failed_sign_ins_lock_the_user_across_reloads(browser, login_server):
    page = watched_page(browser, login_server.url)
    try:
        for n in range(USER_LIMIT):
            page.goto(login_server.url + "/editor", wait_until="domcontentloaded")  # a new session each time
            page.get_by_role("button", name="Sign in").wait_for(timeout=60_000)
            sign_in(page, "bob", f"wrong password {n}")
            page.get_by_text("Wrong user name or password").first.wait_for(timeout=30_000)
        page.reload(wait_until="domcontentloaded")
        page.get_by_role("button", name="Sign in").wait_for(timeout=60_000)
        sign_in(page, "bob", PASSWORD)  # the right password, while locked
        page.get_by_text("locked until").first.wait_for(timeout=30_000)
        wait_until_idle(page)
        screenshot(page, "editor-locked")
        assert page.get_by_text("Signed in as").count() == 0
        assert "UTC" in page.get_by_text("locked until").first.inner_text()
    finally:
        page.context.close()


def http(url, method="GET", data=None, headers=None):
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "----geo-test-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


async def _upload_attempts(url, cookie_value, count, size):
    """Open a session over Streamlit's websocket (a public page), then PUT files to its upload endpoint."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

    xsrf = generate_xsrf_token_string()
    statuses = []
    async with websockets.connect(
        url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"], origin=url, max_size=None
    ) as ws:
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.page_name = "about"
        await ws.send(back.SerializeToString())
        session = None
        while session is None:
            msg = ForwardMsg.FromString(await asyncio.wait_for(ws.recv(), 60))
            if msg.WhichOneof("type") == "new_session":
                session = msg.new_session.initialize.session_id
        body, ctype = multipart("big.csv", b"x" * size)
        cookies = f"_streamlit_xsrf={xsrf}" + (f"; {COOKIE}={cookie_value}" if cookie_value else "")
        headers = {"Cookie": cookies, "X-Xsrftoken": xsrf, "Content-Type": ctype, "Origin": url}
        for n in range(count):
            status = await asyncio.to_thread(raw_put, url, f"/_stcore/upload_file/{session}/file-{n}", headers, body)
            statuses.append(status)
    return statuses


def raw_put(url, path, headers, body) -> int:
    """PUT over a plain socket, reading the answer while the body is still being sent: a server that
    refuses before reading answers at once (and may close the connection on the unread rest)."""
    import socket

    host, port = url.removeprefix("http://").split(":")
    head = [f"PUT {path} HTTP/1.1", f"Host: {host}:{port}", f"Content-Length: {len(body)}", "Connection: close"]
    head += [f"{k}: {v}" for k, v in headers.items()]
    with socket.create_connection((host, int(port)), timeout=60) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        sent = 0
        sock.setblocking(False)
        answer = b""
        while b"\r\n" not in answer:
            try:
                answer += sock.recv(4096)
                if not answer:
                    break
                continue
            except BlockingIOError:
                pass
            if sent < len(body):
                try:
                    sent += sock.send(body[sent : sent + 65536])
                except (BlockingIOError, InterruptedError):
                    __import__("time").sleep(0.01)
                except (BrokenPipeError, ConnectionResetError):
                    break
            else:
                __import__("time").sleep(0.01)
        sock.setblocking(True)
        while b"\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


def test_anonymous_uploads_get_403_and_use_no_memory(login_server, capsys):
    before = rss_kb(login_server.proc.pid, "VmRSS")
    statuses = run_async(_upload_attempts(login_server.url, None, 10, 19 * 1024 * 1024))
    after = rss_kb(login_server.proc.pid, "VmRSS")
    with capsys.disabled():
        print(
            f"\nten anonymous 19 MB uploads: statuses {sorted(set(statuses))}, server RSS {before // 1024} -> "
            f"{after // 1024} MB"
        )
    assert statuses == [403] * 10
    assert after - before < 20 * 1024  # the bodies were never read
    token = LoginStore(login_server.data)._new_session("alice")  # a signed-in editor's session cookie
    assert run_async(_upload_attempts(login_server.url, token, 1, 1024)) in ([200], [204])


@pytest.mark.parametrize("path", ["/", "/editor", "/about", "/app/static/vendor/leaflet/1.9.4/leaflet.js"])
def test_security_headers_are_sent_by_the_server(login_server, path):
    status, headers, _ = http(login_server.url + path)
    headers = {k.lower(): v for k, v in headers.items()}
    assert status == 200
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "http:" not in csp
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "no-referrer"
    editor = path == "/editor"
    assert headers["x-frame-options"] == ("DENY" if editor else "SAMEORIGIN")
    assert ("frame-ancestors 'none'" if editor else "frame-ancestors 'self'") in csp


def test_metrics_are_not_public(login_server):
    status, _, body = http(login_server.url + "/_stcore/metrics")
    assert status == 403 and b"session" not in body.lower()
