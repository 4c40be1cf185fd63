"""A person using the app: the date slider changes numbers and markers, every page loads,
the URL holds the view."""

import pytest

from tests.e2e.conftest import eventually, map_frame, map_handle, screenshot, wait_until_idle


def metric(page, label: str) -> str:
    box = page.locator("[data-testid='stMetric']", has_text=label).first
    return box.locator("[data-testid='stMetricValue']").inner_text().strip()


def marker_radii(frame) -> list[str]:
    return frame.locator("path.site-marker").evaluate_all("els => els.map(e => e.getAttribute('d'))")


def test_date_slider_changes_numbers_and_markers(page, server):
    page.goto(server.url, wait_until="domcontentloaded")
    frame = map_frame(page)
    frame.locator("path.site-marker").first.wait_for()
    wait_until_idle(page)
    before_events, before_markers = metric(page, "Events"), marker_radii(frame)
    assert before_events == "4"
    thumb = page.locator("[data-testid='stSidebar'] [data-testid='stSlider'] input[type='range']").first
    thumb.focus()
    thumb.press("End")  # the start thumb jumps to the last month: October 2023 is left
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMetricValue]')].some(e => e.innerText.trim() === '3')",
        timeout=20000,
    )
    assert metric(page, "Events") == "3"
    # the metrics redraw one after another within the rerun: wait for this one's own new value
    eventually(
        lambda: metric(page, "Returned to North Korea") == "~500–600", what="the returns metric for the new period"
    )
    eventually(lambda: marker_radii(frame) != before_markers, what="markers resized for the new period")
    assert "from=2023-10-01" in page.url  # the slider moves by month
    screenshot(page, "slider-moved")
    assert page.watch.console_errors == []


def test_filter_changes_leave_one_route_canvas(page, server):
    """Each rerun replaces the route group; its canvas must go with it, or every change would leave
    another map-sized canvas behind, redrawn on every pan."""
    page.goto(server.url, wait_until="domcontentloaded")
    map_frame(page)
    handle = map_handle(page)
    count = "() => document.querySelectorAll('.leaflet-overlay-pane canvas').length"
    assert handle.evaluate(count) == 1
    thumb = page.locator("[data-testid='stSidebar'] [data-testid='stSlider'] input[type='range']").first
    frame = map_frame(page)
    before = marker_radii(frame)
    for key in ("ArrowRight", "ArrowRight", "ArrowLeft", "End"):  # reruns, each replacing the route group
        thumb.focus()
        thumb.press(key)
        wait_until_idle(page)
    # (keys pressed while a rerun redraws the slider may be dropped; at least one change reaches the map)
    eventually(lambda: marker_radii(frame) != before, what="the map redrawn for a new date range")
    wait_until_idle(page)
    assert handle.evaluate(count) == 1


@pytest.mark.parametrize(
    "path, heading", [("/timeline", "Timeline"), ("/sites", "Sites"), ("/about", "About & sources")]
)
def test_every_page_loads(page, server, path, heading):
    page.goto(server.url, wait_until="domcontentloaded")
    map_frame(page)
    page.locator(f"[data-testid='stSidebarNav'] a[href$='{path}']").click()
    page.get_by_role("heading", name=heading).first.wait_for(timeout=30000)
    assert page.url.split("?")[0].endswith(path)
    wait_until_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, f"page-{heading.split()[0].lower()}")
    assert page.watch.external == [] and page.watch.asset_failures() == []
    assert page.watch.console_errors == [], page.watch.console_errors


@pytest.mark.parametrize("path", ["/sites?site=shenyang", "/export", "/statistics"])
def test_deep_link_to_a_fresh_server(browser, path):
    """The first visitor after start-up follows a shared link straight to its page: no false 'Page not found'."""
    from tests.common import FIXTURE_DATA
    from tests.e2e.conftest import StreamlitServer, watched_page

    srv = StreamlitServer(FIXTURE_DATA)
    try:
        page = watched_page(browser, srv.url)
        page.goto(srv.url + path, wait_until="domcontentloaded")
        page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=60000)
        wait_until_idle(page)
        assert page.get_by_text("Page not found").count() == 0
        nav = page.locator("[data-testid='stSidebarNav']").inner_text()
        assert "Map" in nav and "About & sources" in nav  # the app's own navigation, not file names
        heading = page.locator("[data-testid='stMain'] h1").first.inner_text()
        assert heading.lower().startswith(path.strip("/").split("?")[0][:5])
        if "site=" in path:
            page.get_by_text("Shenyang detention · 선양 구금시설").first.wait_for(timeout=30000)
        # Streamlit's own client probes <path>/_stcore/* for a base path first; those 404s are its, not ours
        assert [e for e in page.watch.console_errors if "404" not in e] == []
        page.context.close()
    finally:
        srv.stop()


def test_url_restores_filters(page, server):
    page.goto(server.url + "/?from=2023-01-01&confidence=single-source", wait_until="domcontentloaded")
    map_frame(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMetricValue]')].some(e => e.innerText.trim() === '2')",
        timeout=20000,
    )
    assert metric(page, "Events") == "2"
    pressed = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stSidebar] button[aria-pressed=true]')]"
        ".map(b => b.innerText.trim())"
    )
    assert "single source" in pressed and "corroborated" not in pressed and "unverified" not in pressed
    # the kinds the URL did not name stay selected (the pills show each kind's label, not its code)
    assert "Returned to North Korea" in pressed and "Arrested in China" in pressed


def test_downloads_hold_the_filtered_events(page, server):
    page.goto(server.url + "/?from=2023-01-01", wait_until="domcontentloaded")
    map_frame(page)
    wait_until_idle(page)
    with page.expect_download(timeout=30000) as info:
        page.get_by_role("button", name="Download events (CSV)").click()
    text = open(info.value.path(), encoding="utf-8").read()
    assert text.startswith("id,date,date_precision,kind,")
    assert "2023-10-09-tumen" in text and "2021-07-14-dandong-return" not in text and "2023-04-01-secret" not in text
    with page.expect_download(timeout=30000) as info:
        page.get_by_role("button", name="Download events (GeoJSON)").click()
    import json

    doc = json.load(open(info.value.path(), encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 3


def test_events_table_unfolds_with_the_selection(page, server):
    page.goto(server.url + "/?from=2023-01-01", wait_until="domcontentloaded")
    map_frame(page)
    wait_until_idle(page)
    main = page.locator("[data-testid='stMain']")
    assert main.locator("[data-testid='stDataFrame']").count() == 0  # folded: the grid is not loaded yet
    page.get_by_text("Events in the selection, as a table").click()
    grid = main.locator("[data-testid='stDataFrame']").first
    grid.wait_for(state="visible", timeout=20000)
    assert grid.bounding_box()["height"] > 100
    screenshot(page, "events-table-unfolded")
