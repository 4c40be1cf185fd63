"""Two app processes (replicas) behind Debian's HAProxy on loopback, sharing one data directory.

One test, bounded (about a minute) and loopback only, that stops everything it starts:
1. a short load through the balancer (four sessions speaking Streamlit's protocol) has no error;
2. an edit saved through the Editor on one replica shows in the other on its next rerun (both read the
   same directory, and the pages' caches are keyed on the data's content hash);
3. a reader's browser on one replica keeps working when that replica stops: its session reconnects,
   through the balancer, to the other one, with no error page, and the view (from the URL) is kept.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from deploy.balancer import config
from tests.common import copy_data, run_async
from tests.e2e.conftest import (
    ARTIFACTS,
    StreamlitServer,
    app_copy_with_editor,
    free_port,
    screenshot,
    stop_process,
    wait_for_http,
    wait_until_idle,
)
from benchmarks.loadclient import one_session, run_once

HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
EDIT_EVENT = "2021-07-14-dandong-return"


def require_haproxy():
    if not Path(HAPROXY).exists():
        if os.environ.get("CI"):
            pytest.fail("haproxy is missing: apt-get install haproxy (see README)")
        pytest.skip("haproxy not installed (apt-get install haproxy)")


class Balancer:
    def __init__(self, replicas: list[str], workdir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cfg = workdir / "haproxy.cfg"
        cfg.write_text(config(f"127.0.0.1:{self.port}", replicas), encoding="utf-8")
        self.log = open(ARTIFACTS / f"haproxy-{self.port}.log", "w")
        self.proc = subprocess.Popen([HAPROXY, "-db", "-f", str(cfg)], stdout=self.log, stderr=subprocess.STDOUT)
        try:
            wait_for_http(self.url + "/_stcore/health", self.proc, 20, "haproxy")
        except RuntimeError:
            self.stop()
            raise

    def stop(self):
        stop_process(self.proc)
        self.log.close()


@pytest.fixture
def cluster(tmp_path, monkeypatch):
    """An app copy with one editor, two replicas of it on one data directory, HAProxy in front."""
    require_haproxy()
    ARTIFACTS.mkdir(exist_ok=True)
    app = app_copy_with_editor(tmp_path / "app")
    data = copy_data(tmp_path / "shared")
    # every replica must sign cookies (XSRF) with the same secret, or an upload through another fails
    monkeypatch.setenv("STREAMLIT_SERVER_COOKIE_SECRET", "test-secret-shared-by-the-replicas")
    started = []
    try:
        for _ in range(2):
            started.append(StreamlitServer(data, app_dir=app))
        lb = Balancer([f"127.0.0.1:{s.port}" for s in started], tmp_path)
        started.append(lb)
        yield started[0], started[1], lb, data
    finally:
        for proc in reversed(started):
            if proc.proc.poll() is None:
                proc.stop()


def _in_thread(make, budget):
    """Run make() (a coroutine factory) on an event loop in a thread of its own, within `budget` seconds."""

    async def bounded():
        return await asyncio.wait_for(make(), budget)

    return run_async(bounded())


async def _metrics_via(url: str, server_cookie: str) -> dict:
    """One session pinned to a replica through the balancer (its cookie): the Map page's metric tiles."""
    import websockets

    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(
        ws_url,
        subprotocols=["streamlit"],
        origin=url,
        max_size=None,
        additional_headers={"Cookie": f"GEOSRV={server_cookie}"},
    ) as ws:
        _, _, metrics, problems, _ = await run_once(ws)
    assert problems == [], problems
    return metrics


def _sign_in_and_upload(page, url: str, edited: Path):
    page.goto(url + "/editor", wait_until="domcontentloaded")
    page.get_by_role("button", name="Sign in").wait_for(timeout=60_000)
    page.get_by_role("textbox", name="User name").fill("alice")
    page.get_by_role("textbox", name="Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Upload a file").first.wait_for(timeout=30_000)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(edited))
    page.get_by_role("button", name="Save", exact=True).click(timeout=60_000)
    page.get_by_text("Saved events.csv").first.wait_for(timeout=30_000)


def test_two_replicas_share_data_and_take_over(browser, cluster, tmp_path):
    app1, app2, lb, data = cluster
    # 1. a short, bounded load through the balancer
    results = _in_thread(lambda: asyncio.gather(*(one_session(lb.url) for _ in range(4)), return_exceptions=True), 90)
    errors = [repr(r) for r in results if isinstance(r, BaseException)] + [
        p for r in results if not isinstance(r, BaseException) for p in r[1]
    ]
    assert errors == []

    # 2. an edit saved through replica 1 shows in replica 2 on its next rerun
    before = _in_thread(lambda: _metrics_via(lb.url, "app2"), 30)
    edited = tmp_path / "events.csv"
    edited.write_text(
        (data / "events.csv")
        .read_text(encoding="utf-8")
        .replace(f"{EDIT_EVENT},2021-07-14,day,repatriation,", f"{EDIT_EVENT},2021-07-14,day,arrest,"),
        encoding="utf-8",
    )
    editor = browser.new_context(viewport={"width": 1400, "height": 1000})
    editor.add_cookies([{"name": "GEOSRV", "value": "app1", "url": lb.url}])
    try:
        _sign_in_and_upload(editor.new_page(), lb.url, edited)
    finally:
        editor.close()
    assert ",arrest," in (data / "events.csv").read_text(encoding="utf-8")
    after = _in_thread(lambda: _metrics_via(lb.url, "app2"), 30)
    assert after["Arrested in China"] != before["Arrested in China"] and after["Arrested in China"] != "–", (
        before,
        after,
    )

    # 3. a reader on replica 1 when it stops: the page reconnects to replica 2, no error, same view
    reader = browser.new_context(viewport={"width": 1400, "height": 1000})
    reader.add_cookies([{"name": "GEOSRV", "value": "app1", "url": lb.url}])
    page = reader.new_page()
    try:
        page.goto(lb.url + "/?from=2023-01-01", wait_until="domcontentloaded")
        page.wait_for_selector("iframe[title*='streamlit_folium']", timeout=60_000)
        wait_until_idle(page)
        app1.stop()
        page.wait_for_timeout(4000)  # the socket closes; the browser reconnects through the balancer
        page.locator("[data-testid='stMetric']").first.wait_for(timeout=60_000)
        page.wait_for_selector("iframe[title*='streamlit_folium']", timeout=60_000)
        wait_until_idle(page)
        screenshot(page, "replicas-after-failover")
        body = page.locator("body").inner_text()
        assert "Connection error" not in body and "Is Streamlit still running" not in body
        assert page.locator("[data-testid='stException']").count() == 0
        assert "from=2023-01-01" in page.url
        cookie = {c["name"]: c["value"] for c in reader.cookies()}.get("GEOSRV")
        assert cookie == "app2", cookie
        # and the session is live on replica 2: a rerun goes through
        page.get_by_text("Events", exact=True).first.wait_for(timeout=30_000)
    finally:
        reader.close()
