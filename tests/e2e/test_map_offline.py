"""What a person sees: the map draws offline with its markers and routes, and nothing fails."""

from tests.e2e.conftest import (
    eventually,
    map_frame,
    route_points,
    routes_ink,
    routes_on_screen,
    screenshot,
    wait_until_idle,
)

PUBLIC_SITES = 6  # fixture: 7 sites, one of them sensitive


def test_map_renders_offline_with_markers_and_routes(page, server):
    page.goto(server.url, wait_until="domcontentloaded")
    frame = map_frame(page)
    frame.locator("path.site-marker").nth(PUBLIC_SITES - 1).wait_for()
    wait_until_idle(page)
    eventually(lambda: routes_ink(page) > 500, what="the routes' canvas painted")
    assert frame.locator("path.site-marker").count() == PUBLIC_SITES
    assert frame.locator("path.site-secret-site").count() == 0
    assert len(route_points(page)) >= 3
    assert routes_ink(page) > 500  # the routes' canvas is painted, not blank
    assert frame.locator("path.uncertainty-circle").count() == 4  # the approximate public sites
    assert frame.locator(".leaflet-basemap-countries-pane svg path").count() > 5  # the basemap is drawn too
    assert frame.locator(".leaflet-basemap-borders-pane svg path").count() > 0
    # and the routes show above it, not under its fills (the third runs beneath its own markers here)
    assert routes_on_screen(page) >= 2
    screenshot(page, "map-offline")
    assert page.watch.external == [], page.watch.external
    assert page.watch.asset_failures() == []
    assert page.watch.console_errors == [], page.watch.console_errors
    assert page.watch.dialogs == []


def test_clicking_a_site_shows_its_events_and_sources_and_url(page, server):
    page.goto(server.url, wait_until="domcontentloaded")
    frame = map_frame(page)
    frame.locator("path.site-shenyang").click(force=True)
    page.get_by_text("event(s) through this site in the selection").wait_for(timeout=20000)
    page.get_by_text("Shenyang detention · 선양 구금시설").wait_for()
    assert "site=shenyang" in page.url
    # the rerun redrew the markers; the selected site's popup is open again on the new marker
    wait_until_idle(page)
    frame.locator(".leaflet-popup-content").first.wait_for(timeout=10000)
    assert frame.locator(".leaflet-popup-content").count() == 1
    assert "Shenyang detention" in frame.locator(".leaflet-popup-content").inner_text()
    screenshot(page, "site-selected")
    # the URL restores the view in a fresh page
    fresh = page.context.new_page()
    fresh.goto(page.url, wait_until="domcontentloaded")
    fresh.get_by_text("Shenyang detention · 선양 구금시설").wait_for(timeout=30000)
    fresh.close()


def test_dandong_bridge_popup_lists_each_event_with_its_own_sources(page, server):
    """Attribution on the map itself: each event at the crossing with its figure, who states it, and
    its own sources; the two returns are never added into one people figure."""
    page.goto(server.url, wait_until="domcontentloaded")
    frame = map_frame(page)
    frame.locator("path.site-dandong-sinuiju").click(force=True)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=20000)
    # the rerun after the click reopens the popup on the redrawn marker: wait for that rerun, then the popup
    wait_until_idle(page)
    frame.locator(".leaflet-popup-content", has_text="14 Jul 2021").wait_for(timeout=20000)
    text = frame.locator(".leaflet-popup-content").inner_text()
    assert "14 Jul 2021 · Returned to North Korea: about 50 (Radio Free Asia)" in text
    assert "9 Oct 2023 · Returned to North Korea: up to 200 (One Korea Network)" in text
    items = frame.locator(".leaflet-popup-content li")
    assert items.count() == 2
    assert "Radio Free Asia" in items.nth(1).inner_text() and "Newsweek" not in items.nth(1).inner_text()
    assert "Newsweek" in items.nth(0).inner_text()
    assert "computed: sum of 2 events" in text  # the kind's figure at the site says it is a sum
    assert "250" in text and "people" not in text.split("Selected period")[1].split("\n")[0]
    screenshot(page, "dandong-popup")
