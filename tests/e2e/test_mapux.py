"""The map as a reader meets it at common screen sizes (issue 14): a real mouse, no forced clicks.

Each test runs at 1400×900 (the laptop where the first click used to fail), 1000×800 and 390×844
(a phone), and leaves a screenshot per size in test-artifacts/.
"""

from __future__ import annotations


from tests.e2e.conftest import map_frame, map_handle, screenshot, wait_until_idle


def iframe(page):
    return page.locator("iframe[title*='streamlit_folium']").first


def click_like_a_person(page, frame, selector: str) -> None:
    """Bring the marker on screen the way a reader would (scroll the page), then press and release
    the mouse at its centre: no force, no synthetic event."""
    iframe(page).scroll_into_view_if_needed()
    wait_until_idle(page)
    box = frame.locator(selector).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.up()


_POPUP_GEOMETRY_JS = """() => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  const popup = document.querySelector('.leaflet-popup');
  if (!popup) return null;
  const p = popup.getBoundingClientRect();
  const zoom = document.querySelector('.leaflet-control-zoom').getBoundingClientRect();
  const h = popup.querySelector('h4').getBoundingClientRect();
  const close = popup.querySelector('.leaflet-popup-close-button').getBoundingClientRect();
  const layers = document.querySelector('.leaflet-control-layers');
  const lr = layers ? layers.getBoundingClientRect() : null;
  const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return {map: [map.left, map.top, map.right, map.bottom], popup: [p.left, p.top, p.right, p.bottom],
          inside: p.left >= map.left && p.top >= map.top && p.right <= map.right && p.bottom <= map.bottom,
          heading_covered: overlaps(h, zoom) || overlaps(p, zoom), close_covered: lr ? overlaps(close, lr) : false,
          heading: popup.querySelector('h4').innerText,
          zoom: window.__geoMap ? window.__geoMap.getZoom() : null};
}"""


def popup_geometry(page):
    return map_handle(page).evaluate(_POPUP_GEOMETRY_JS)


def test_first_click_selects_a_site(sized, server):
    page = sized
    page.goto(server.url, wait_until="domcontentloaded")
    frame = map_frame(page)
    wait_until_idle(page)
    click_like_a_person(page, frame, "path.site-shenyang")
    page.get_by_text("event(s) through this site in the selection").wait_for(timeout=20000)
    assert "site=shenyang" in page.url
    frame.locator(".leaflet-popup-content").wait_for(timeout=10000)
    screenshot(page, f"mapux-first-click-{page.size_id}")
    assert page.watch.console_errors == []


def test_deep_link_popup_is_inside_the_map_and_fully_visible(sized, server):
    page = sized
    page.goto(server.url + "/?site=shenyang", wait_until="domcontentloaded")
    frame = map_frame(page)
    frame.locator(".leaflet-popup-content h4").wait_for(timeout=20000)
    wait_until_idle(page)
    try:  # the popup opens, then the map pans to show it whole: wait for the pan to end
        map_handle(page).wait_for_function(
            f"() => {{ const g = ({_POPUP_GEOMETRY_JS})(); return g && g.inside; }}", timeout=10000
        )
    except Exception:
        screenshot(page, f"mapux-deep-link-{page.size_id}-FAILED")
    geo = popup_geometry(page)
    assert geo["heading"].startswith("Shenyang detention")
    assert geo["inside"], geo
    assert not geo["heading_covered"] and not geo["close_covered"], geo
    iframe(page).scroll_into_view_if_needed()
    assert popup_geometry(page)["inside"]  # scrolling the page to the map leaves the map alone
    screenshot(page, f"mapux-deep-link-{page.size_id}")


_VIEW_JS = """() => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  const box = map.getContainer().getBoundingClientRect();
  const markers = [...document.querySelectorAll('path.site-marker')].map(e => e.getBoundingClientRect());
  const outside = markers.filter(m => m.left < box.left || m.top < box.top || m.right > box.right || m.bottom > box.bottom).length;
  return {min: map.getMinZoom(), max: map.getMaxZoom(), markers: markers.length, outside: outside};
}"""


def test_default_view_shows_every_site_and_zoom_has_limits(sized, server):
    """The phone case failed once under load: the view was fitted before the map's frame had its width,
    and a resize kept the old top-left. mapux.DefaultView fits again on every resize until the reader
    moves the map; here the frame is also squeezed and widened again after the first fit."""
    page = sized
    page.goto(server.url, wait_until="domcontentloaded")
    map_frame(page)
    wait_until_idle(page)
    view = map_handle(page).evaluate(_VIEW_JS)
    assert view["markers"] == 6 and view["outside"] == 0, view
    frame_el = iframe(page)  # the late-width case, on purpose: narrower, then back
    frame_el.evaluate("f => { f.style.width = '80%'; }")
    page.wait_for_timeout(500)
    narrow = map_handle(page).evaluate(_VIEW_JS)  # before the fix: the same zoom and top-left, the east cut off
    assert narrow["markers"] == 6 and narrow["outside"] == 0, narrow
    frame_el.evaluate("f => { f.style.width = ''; }")
    page.wait_for_timeout(500)
    view = map_handle(page).evaluate(_VIEW_JS)
    assert view["markers"] == 6 and view["outside"] == 0, view
    assert 3 <= view["min"] and view["max"] <= 13, view
    iframe(page).scroll_into_view_if_needed()
    screenshot(page, f"mapux-default-view-{page.size_id}")


_TOOLTIPS_JS = """() => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  const out = [];
  map.eachLayer(l => {
    if (l instanceof L.CircleMarker && l.getTooltip && l.getTooltip() && !(l instanceof L.Circle)) {
      l.openTooltip();
      const el = l.getTooltip().getElement();
      out.push(el ? el.innerText : "");
      l.closeTooltip();
    }
  });
  return out;
}"""


def test_tooltips_show_no_ids_and_tables_speak_plainly(sized, server):
    page = sized
    page.goto(server.url + "/?site=shenyang", wait_until="domcontentloaded")
    map_frame(page)
    wait_until_idle(page)
    tips = map_handle(page).evaluate(_TOOLTIPS_JS)
    assert len(tips) == 6 and all(tips), tips
    ids = ("dandong-sinuiju", "tumen-namyang", "shenyang", "tumen-detention", "sinuiju-holding", "onsong-holding")
    for tip in tips:
        assert "site id" not in tip and not any(i in tip.split() for i in ids), tip
    main = page.locator("[data-testid='stMain']")
    main.get_by_text("14 Jul 2021 · Returned to North Korea · about 50 (Radio Free Asia) · corroborated").wait_for(
        timeout=20000
    )
    screenshot(page, f"mapux-site-panel-{page.size_id}")


_TOPMOST_JS = """() => [...document.querySelectorAll('path.site-marker')].filter(p => {
  const r = p.getBoundingClientRect(), box = document.querySelector('.leaflet-container').getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  return r.width > 0 && x > box.left && x < box.right && y > box.top && y < box.bottom;
}).map(p => {
  const r = p.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return [p.getAttribute('class').split(' ').find(c => c.startsWith('site-') && c !== 'site-marker'), hit === p];
})"""


def test_overlapping_sites_are_each_clickable(sized, server):
    """Dandong bridge and the Sinuiju holding centre (2 km apart), Tumen bridge and the Tumen detention
    centre (1.4 km) share pixels at the default zoom: spread apart, each is on top at its own centre,
    at the default zoom and zoomed in and out, and a real click on one under another selects it."""
    page = sized
    page.goto(server.url, wait_until="domcontentloaded")
    frame = map_frame(page)
    wait_until_idle(page)
    handle = map_handle(page)
    handle.wait_for_function("() => document.querySelectorAll('path.spread-leg').length >= 4")
    default_view = handle.evaluate(
        "() => { const m = Object.values(window).find(v => v instanceof L.Map); "
        "return [m.getCenter().lat, m.getCenter().lng, m.getZoom()]; }"
    )
    for zoom in (None, 9, 11, 5):
        if zoom is not None:  # around the Dandong pair
            handle.evaluate(
                f"() => Object.values(window).find(v => v instanceof L.Map).setView([40.11, 124.39], {zoom}, {{animate: false}})"
            )
        tops = handle.evaluate(_TOPMOST_JS)
        assert len(tops) >= (6 if zoom is None else 2) and all(ok for _, ok in tops), (zoom, tops)
    handle.evaluate(
        f"() => Object.values(window).find(v => v instanceof L.Map).setView([{default_view[0]}, {default_view[1]}], "
        f"{default_view[2]}, {{animate: false}})"
    )
    click_like_a_person(page, frame, "path.site-sinuiju-holding")
    page.get_by_text("Sinuiju MSS holding centre · 신의주 보위부 집결소").wait_for(timeout=20000)
    assert "site=sinuiju-holding" in page.url
    screenshot(page, f"mapux-spread-{page.size_id}")
