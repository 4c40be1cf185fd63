"""geo.export.html: one self-contained HTML file that opens offline with zero network requests,
shows the app's interactive map, stays under 1 MB and never carries a sensitive record."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.export.html import MAX_BYTES, render_html
from geo.export.options import ExportOptions
from geo.query import Filters
from tests.common import XSS_PAYLOADS, hostile_copy
from tests.geo.export.conftest import SENSITIVE_STRINGS



@pytest.fixture(scope="module")
def html(ds) -> bytes:
    return render_html(ds, Filters(), ExportOptions(lang="en+ko"))


def test_self_contained(html):
    text = html.decode("utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", text, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=", text, re.I)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?://[^"']*\.(?:js|css)""", text, re.I)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text, re.I)
    assert "L.map(" in text or "L.map (" in text
    assert "leafletjs.com" in text  # Leaflet itself is inlined


def test_small_and_deterministic(ds, html):
    assert len(html) <= MAX_BYTES
    assert render_html(ds, Filters(), ExportOptions(lang="en+ko")) == html


def test_title_dates_and_sources(html):
    text = html.decode("utf-8")
    assert "<title>Forced repatriations of North Koreans from China · 중국의 탈북민 강제북송</title>" in text
    assert "14 Jul 2021 – 9 Oct 2023" in text
    assert "Radio Free Asia (2021-07-20)" in text and "Natural Earth" in text


def test_sensitive_records_never_appear(ds, stripped_ds, html):
    text = html.decode("utf-8")
    for s in SENSITIVE_STRINGS:
        assert s not in text
    leaky = render_html(ds, Filters(include_sensitive=True), ExportOptions(lang="en+ko"))
    assert leaky == html == render_html(stripped_ds, Filters(), ExportOptions(lang="en+ko"))


def test_hostile_text_is_escaped(tmp_path):
    from geo.dataset import load
    ds = load(hostile_copy(tmp_path))
    text = render_html(ds, Filters(), ExportOptions(title=XSS_PAYLOADS[0])).decode("utf-8")
    for payload in XSS_PAYLOADS[:2]:
        assert payload not in text


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
        page.on("request", lambda req: None if req.url.startswith(("file:", "data:", "about:"))
                else outside.append(req.url))
        page.goto(path.as_uri())
        page.wait_for_selector(".leaflet-container path.leaflet-interactive", timeout=15_000)
        markers = page.locator(".leaflet-container path.leaflet-interactive").count()
        basemap = page.locator(".leaflet-container path").count() - markers
        state = page.evaluate("() => ({xss: window.__xss, maps: document.querySelectorAll('.leaflet-container').length})")
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
