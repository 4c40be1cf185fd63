"""The shipped balancer configurations are what deploy/balancer.py generates, and HAProxy accepts them."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "name,args",
    [
        ("haproxy.cfg", []),
        ("haproxy-compose.cfg", ["--listen", "0.0.0.0:8500", "--replica", "app1:8501", "--replica", "app2:8501"]),
    ],
)
def test_shipped_config_is_generated_and_valid(name, args):
    out = subprocess.run(
        [sys.executable, str(REPO / "deploy" / "balancer.py"), *args], capture_output=True, text=True, check=True
    ).stdout
    assert out == (REPO / "deploy" / name).read_text(encoding="utf-8")
    assert "cookie GEOSRV insert" in out and "option redispatch" in out and "/_stcore/health" in out
    if shutil.which("haproxy"):
        assert subprocess.run(["haproxy", "-c", "-f", str(REPO / "deploy" / name)], capture_output=True).returncode == 0


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(
    not shutil.which("haproxy") and not __import__("os").environ.get("CI"),
    reason="HAProxy is not installed (the README's test command installs it)",
)
def test_the_proxy_sends_the_app_servers_security_headers_and_keeps_metrics_private(tmp_path):
    """HAProxy on loopback in front of a bare backend that sends no headers at all: every answer
    carries the app server's own headers (the Editor may never be framed), and metrics are refused."""
    import http.server
    import threading
    import time
    import urllib.error
    import urllib.request

    sys.path.insert(0, str(REPO))
    from deploy.balancer import config
    from geo.editing.webgate import EDITOR_PATH, security_headers

    class Bare(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    backend = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Bare)
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    front = _free_port()
    cfg = tmp_path / "haproxy.cfg"
    cfg.write_text(
        config(f"127.0.0.1:{front}", [f"127.0.0.1:{backend.server_address[1]}"]).replace(
            "log stdout format raw local0 warning", ""
        ),
        encoding="utf-8",
    )
    proxy = subprocess.Popen(["haproxy", "-f", str(cfg)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:

        def get(path):
            deadline = time.monotonic() + 20
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{front}{path}", timeout=5) as r:
                        return r.status, {k.lower(): v for k, v in r.headers.items()}
                except urllib.error.HTTPError as e:
                    return e.code, {k.lower(): v for k, v in e.headers.items()}
                except (urllib.error.URLError, ConnectionError):
                    if time.monotonic() > deadline or proxy.poll() is not None:
                        raise
                    time.sleep(0.2)

        for path in ("/", "/timeline", EDITOR_PATH):
            status, headers = get(path)
            assert status == 200, path
            for name, value in security_headers(path):
                assert headers.get(name.decode()) == value.decode(), (path, name)
        assert get(EDITOR_PATH)[1]["x-frame-options"] == "DENY" and get("/")[1]["x-frame-options"] == "SAMEORIGIN"
        assert get("/_stcore/metrics")[0] == 403
    finally:
        proxy.terminate()
        proxy.wait(10)
        backend.shutdown()
