"""A real Streamlit server and a real headless Chromium (Debian's), driven by Playwright.

In CI (CI=true) a missing browser is a failure, never a silent skip.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    """Skip without Debian's chromium on a developer machine; in CI (CI=true) fail instead."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run (Playwright's sync API allows one driver per thread)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    def __init__(self, data_dir: Path | None = None, app_dir: Path = REPO):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ)
        if data_dir:
            env["GEO_DATA_DIR"] = str(data_dir)
        self.log = ARTIFACTS / f"streamlit-{self.port}.log"
        ARTIFACTS.mkdir(exist_ok=True)
        self._log_fh = open(self.log, "w")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(app_dir / "serve.py"),
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=app_dir,
            env=env,
            stdout=self._log_fh,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_http(self.url + "/_stcore/health", self.proc, 60, f"streamlit (see {self.log})", pause=0.3)
        except RuntimeError:
            self.stop()
            raise

    def stop(self):
        stop_process(self.proc, 10)
        self._log_fh.close()


def wait_for_http(url: str, proc: subprocess.Popen, timeout: float, what: str, pause: float = 0.2) -> None:
    """Wait until `url` answers 200 (a test's server has started); RuntimeError naming `what` if its
    process exits first or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited early")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(pause)
    raise RuntimeError(f"{what} did not start within {timeout:.0f} s")


def app_copy_with_editor(root: Path, user: str = "alice", password: bytes = b"correct horse battery") -> Path:
    """A copy of the app in `root` with one editor (bcrypt hash) in its own secrets file, so a test never
    touches the real one. Returns `root`."""
    import shutil

    import bcrypt

    root.mkdir(parents=True, exist_ok=True)
    for name in ("app.py", "serve.py", "geo", "pages", "static", "data"):  # data: the schemas (tests use a copy)
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    (root / ".streamlit").mkdir()
    shutil.copy(REPO / ".streamlit" / "config.toml", root / ".streamlit" / "config.toml")
    digest = bcrypt.hashpw(password, bcrypt.gensalt(rounds=4)).decode()
    (root / ".streamlit" / "secrets.toml").write_text(f'[editors]\n{user} = "{digest}"\n', encoding="utf-8")
    return root


def stop_process(proc: subprocess.Popen, wait_s: float = 5) -> None:
    """Ask a test's server process to end; kill it if it has not within `wait_s` seconds."""
    proc.terminate()
    try:
        proc.wait(wait_s)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def server():
    from tests.common import FIXTURE_DATA

    srv = StreamlitServer(FIXTURE_DATA)
    yield srv
    srv.stop()


class PageWatch:
    """Collects what a person would never want to see: console errors, failed or external requests."""

    def __init__(self, page, origin: str):
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.external: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.resource_type} {r.url} {r.failure}"))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

        def _route(route):
            url = route.request.url
            if url.startswith(origin) or url.startswith(("data:", "blob:", "about:")):
                route.continue_()
            else:
                self.external.append(url)
                route.abort()

        page.context.route("**/*", _route)

    def asset_failures(self):
        return [f for f in self.failed if f.split(" ", 1)[0] in ("script", "stylesheet")]


def watched_page(browser, origin: str):
    """A page in a fresh context, with a PageWatch attached as `page.watch`."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.watch = PageWatch(pg, origin)
    return pg


SIZES = [(1400, 900), (1000, 800), (390, 844)]  # a laptop, a small laptop window, a phone
IDS = [f"{w}x{h}" for w, h in SIZES]


@pytest.fixture(params=SIZES, ids=IDS)
def sized(request, browser, server):
    """A page at each of the three sizes a reader uses (page.size_id names it)."""
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    pg.watch = PageWatch(pg, server.url)
    pg.size_id = f"{width}x{height}"
    yield pg
    context.close()


@pytest.fixture
def page(browser, server):
    pg = watched_page(browser, server.url)
    yield pg
    pg.context.close()


def map_frame(page, timeout=30000):
    """The streamlit-folium iframe, once Leaflet has drawn markers in it."""
    page.wait_for_selector("iframe[title*='streamlit_folium']", timeout=timeout)
    frame = page.frame_locator("iframe[title*='streamlit_folium']").first
    frame.locator("path.site-marker").first.wait_for(state="attached", timeout=timeout)
    return frame


def map_handle(page):
    """The map iframe as a Playwright Frame (for evaluating script in it)."""
    return next(f for f in page.frames if "streamlit_folium" in f.url)


_ROUTE_POINTS_JS = """() => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  const box = map.getContainer().getBoundingClientRect();
  const out = [];
  map.eachLayer(l => {
    if (l instanceof L.Polyline && (l.options.className || "").includes("route-high")) {
      const p = map.latLngToContainerPoint(l.getCenter());
      if (p.x > 5 && p.y > 5 && p.x < box.width - 5 && p.y < box.height - 5) out.push([box.left + p.x, box.top + p.y]);
    }
  });
  return out;
}"""

_CANVAS_INK_JS = """() => [...document.querySelectorAll(".leaflet-overlay-pane canvas")].reduce((n, c) => {
  const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
  return n;
}, 0)"""


def route_points(page) -> list[tuple[float, float]]:
    """Page coordinates of the middle of every route in view. Routes are drawn on a canvas, so a
    person (and a test) finds them by position, not as elements."""
    frame_box = page.locator("iframe[title*='streamlit_folium']").first.bounding_box()
    return [(frame_box["x"] + x, frame_box["y"] + y) for x, y in map_handle(page).evaluate(_ROUTE_POINTS_JS)]


def routes_ink(page) -> int:
    """How many pixels the routes' canvas has painted."""
    return map_handle(page).evaluate(_CANVAS_INK_JS)


def routes_on_screen(page) -> int:
    """How many routes a person can see: in a screenshot, the pixel at a route's middle has the route
    colour's strong red-over-green (#c51b7d, pale or dark), which no basemap fill or water has."""
    import io
    from PIL import Image

    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    scale = shot.width / page.viewport_size["width"]
    seen = 0
    for x, y in route_points(page):
        r, g, b = shot.getpixel((int(x * scale), int(y * scale)))
        seen += r - g > 40
    return seen


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


IDLE_JS = "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"


def wait_until_idle(page, timeout=30000):
    """Until Streamlit has no script run going (the app root's script state is 'notRunning') and its
    'Running…' status widget is gone. Wait for the effect of an action itself where there is one:
    a rerun an action asks for may not have started yet when this is called."""
    page.wait_for_function(IDLE_JS, timeout=timeout)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=timeout)


def eventually(check, timeout=20.0, what="the condition"):
    """Poll `check()` (every 50 ms) until it is truthy; its last value, or AssertionError after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout:.0f} s (last: {value!r})")
        time.sleep(0.05)
