"""Script payloads in every text field of the data, rendered in a real browser with real hovers
and clicks: no script runs, no element is injected, the text shows as text, links are http(s) only."""

from __future__ import annotations

import pytest

from tests.common import hostile_copy, read_rows, write_rows
from tests.e2e.conftest import (
    StreamlitServer,
    map_frame,
    map_handle,
    route_points,
    screenshot,
    wait_until_idle,
    watched_page,
)

XSS_FLAG = "() => window.__xss === undefined"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    srv = StreamlitServer(hostile_copy(tmp_path_factory.mktemp("hostile")))
    yield srv
    srv.stop()


@pytest.fixture
def hostile_page(browser, hostile_server):
    pg = watched_page(browser, hostile_server.url)
    yield pg
    pg.context.close()


def assert_nothing_ran(page, frame_handle=None):
    assert page.evaluate(XSS_FLAG), "a payload ran in the page"
    assert page.watch.dialogs == []
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("svg[onload]").count() == 0
    if frame_handle is not None:
        assert frame_handle.evaluate(XSS_FLAG), "a payload ran in the map"
        assert frame_handle.locator("img[src='x']").count() == 0
        assert frame_handle.locator("svg[onload]").count() == 0


def test_payloads_stay_text_in_map_tooltips_popups_and_panels(hostile_page, hostile_server):
    page = hostile_page
    page.goto(hostile_server.url, wait_until="domcontentloaded")
    frame = map_frame(page)
    handle = map_handle(page)
    markers = frame.locator("path.site-marker")
    assert markers.count() == 6
    for i in range(markers.count()):
        markers.nth(i).hover(force=True)
        frame.locator(".leaflet-tooltip").first.wait_for(timeout=5000)
    tooltip = frame.locator(".leaflet-tooltip").first
    assert "<script>window.__xss=1</script>" in tooltip.inner_text()  # shown as text
    # routes first (the popup opened below pans the map): the pointer over each one shows its tooltip
    points = route_points(page)
    assert len(points) >= 3
    shown = []
    for x, y in points:
        page.mouse.move(x, y)
        frame.locator(".leaflet-tooltip").first.wait_for(timeout=5000)
        shown += frame.locator(".leaflet-tooltip").all_inner_texts()
    assert any("→" in t and "Returned to North Korea" in t for t in shown)  # route tooltips, not only site ones
    assert any("<script>window.__xss=1</script>" in t for t in shown if "→" in t)  # hostile names as text
    frame.locator("path.site-shenyang").click(force=True)
    popup = frame.locator(".leaflet-popup-content").first
    popup.wait_for(timeout=10000)
    assert "<img src=x onerror" in popup.inner_text()
    page.get_by_text("event(s) through this site in the selection").wait_for(timeout=20000)
    wait_until_idle(page)
    screenshot(page, "xss-hostile-data")
    assert_nothing_ran(page, handle)
    # the site panel shows names as text too
    assert "<script>window.__xss=1</script>" in page.locator("[data-testid='stMain']").inner_text()


@pytest.mark.parametrize("path", ["/sites?site=dandong-sinuiju", "/about", "/timeline"])
def test_payloads_stay_text_on_every_page(hostile_page, hostile_server, path):
    page = hostile_page
    page.goto(hostile_server.url + path, wait_until="domcontentloaded")
    page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=30000)
    wait_until_idle(page)
    assert_nothing_ran(page)
    links = page.locator("a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in links if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]


def test_javascript_url_is_refused_and_never_linked(browser, tmp_path):
    root = hostile_copy(tmp_path)
    rows = read_rows(root / "sources.csv")
    rows[0]["url"] = "javascript:window.__xss=1"
    write_rows(root / "sources.csv", rows)
    srv = StreamlitServer(root)
    try:
        page = watched_page(browser, srv.url)
        page.goto(srv.url, wait_until="domcontentloaded")
        page.get_by_text("problem(s)").first.wait_for(timeout=30000)
        page.get_by_text("column url", exact=False).first.wait_for(timeout=10000)
        hrefs = page.locator("a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if "javascript" in h.lower()]
        assert_nothing_ran(page)
        page.context.close()
    finally:
        srv.stop()
