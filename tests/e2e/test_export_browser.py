"""The exports in a real browser: the HTML export opens offline (zero requests, markers drawn, no
script from the data runs), and the Export page served by Streamlit downloads every file intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import StreamlitServer

from geo.export.html import render_html
from geo.export.options import ExportOptions
from geo.query import Filters
from tests.common import FIXTURE_DATA, XSS_PAYLOADS, hostile_copy
from tests.geo.export.conftest import SENSITIVE_STRINGS

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def html() -> bytes:
    from geo.dataset import load

    return render_html(load(FIXTURE_DATA), Filters(), ExportOptions(lang="en+ko"))


def _open_offline(browser, path: Path):
    outside: list[str] = []
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    try:

        def route(r):
            url = r.request.url
            if url.startswith(("file:", "data:", "about:")):
                r.continue_()
            else:
                outside.append(url)
                r.abort()

        page.route("**/*", route)
        page.on(
            "request", lambda req: None if req.url.startswith(("file:", "data:", "about:")) else outside.append(req.url)
        )
        page.goto(path.as_uri())
        page.wait_for_selector(".leaflet-container path.leaflet-interactive", timeout=15_000)
        markers = page.locator(".leaflet-container path.leaflet-interactive").count()
        basemap = page.locator(".leaflet-container path").count() - markers
        state = page.evaluate(
            "() => ({xss: window.__xss, maps: document.querySelectorAll('.leaflet-container').length})"
        )
    finally:
        page.close()
    return outside, markers, basemap, state


def test_opens_offline_with_zero_requests_and_shows_markers(browser, tmp_path, html):
    path = tmp_path / "map.html"
    path.write_bytes(html)
    outside, markers, basemap, state = _open_offline(browser, path)
    assert outside == []
    assert markers >= 5  # the five public sites (plus route lines)
    assert basemap > 0
    assert state["maps"] == 1


def test_hostile_data_runs_no_script_in_the_browser(browser, tmp_path):
    from geo.dataset import load

    ds = load(hostile_copy(tmp_path))
    path = tmp_path / "hostile.html"
    path.write_bytes(render_html(ds, Filters(), ExportOptions(title=XSS_PAYLOADS[1])))
    outside, markers, _, state = _open_offline(browser, path)
    assert outside == [] and markers >= 5
    assert state["xss"] is None


def test_downloads_in_a_real_browser(browser):
    """The page served by Streamlit: the PDF is drawn on click and every file downloads intact."""
    server = StreamlitServer(FIXTURE_DATA)
    got = {}
    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(server.url + "/export")
        for fmt in ("PDF", "HTML"):
            button = page.get_by_text(f"Download {fmt}")
            button.wait_for(timeout=120_000)
            with page.expect_download(timeout=120_000) as download:
                button.click()
            got[fmt] = Path(download.value.path()).read_bytes()
    finally:
        context.close()
        server.stop()
    assert got["PDF"].startswith(b"%PDF-") and got["PDF"].rstrip().endswith(b"%%EOF")
    html = got["HTML"].decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert not any(s in html for s in SENSITIVE_STRINGS)
