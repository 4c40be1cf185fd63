"""The map page on a phone (issue 14): the first screen at 390×844 shows the map under a compact
title, the numbers follow in two columns, and the legend, opened, covers less than half the map. At
1400×900 and 1000×800 the page keeps its order (numbers, then the map)."""

from __future__ import annotations

from tests.e2e.conftest import map_frame, map_handle, screenshot, wait_until_idle

_BOXES = """() => {
  const r = e => { const b = e.getBoundingClientRect(); return [b.top, b.bottom, b.left, b.right]; };
  const map = document.querySelector("iframe[title*='streamlit_folium']");
  const metrics = [...document.querySelectorAll("[data-testid='stMetric']")].map(r);
  return {map: r(map), title: r(document.querySelector("[data-testid='stMain'] h1")), metrics: metrics,
          h: window.innerHeight};
}"""


_CONTROLS = """() => [...document.querySelectorAll('.leaflet-control')]
  .filter(e => e.offsetWidth > 0 && e.offsetHeight > 0)
  .map(e => { const b = e.getBoundingClientRect();
              return [e.className.split(' ').filter(c => c !== 'leaflet-control').join('.'), b.left, b.right, b.top, b.bottom]; })"""


def test_first_screen(sized, server):
    page = sized
    page.goto(server.url, wait_until="domcontentloaded")
    map_frame(page)
    wait_until_idle(page)
    page.evaluate("() => window.scrollTo(0, 0)")
    boxes = page.evaluate(_BOXES)
    top, bottom = boxes["map"][0], boxes["map"][1]
    if page.size_id == "390x844":
        assert boxes["title"][1] <= top and top < 0.4 * boxes["h"], boxes  # the map right under the title
        assert min(bottom, boxes["h"]) - top > 0.55 * boxes["h"], boxes  # most of the first screen is map
        assert all(m[0] >= bottom for m in boxes["metrics"]), boxes  # the numbers after the map
        assert len({round(m[0]) for m in boxes["metrics"]}) == 2, boxes  # two rows of two
    else:
        assert all(m[1] <= top for m in boxes["metrics"]), boxes
    screenshot(page, f"phone-first-screen-{page.size_id}")
    handle = map_handle(page)
    # the map's own controls (zoom, layers, scale, credits, legend, buttons) never cover one another
    boxes = handle.evaluate(_CONTROLS)
    overlaps = [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[2] - 1 and b[1] < a[2] - 1 and a[3] < b[4] - 1 and b[3] < a[4] - 1
    ]
    assert len(boxes) >= 4 and overlaps == [], (overlaps, boxes)
    handle.evaluate("() => { const l = document.querySelector('.map-legend'); l.open = true; }")
    legend = handle.evaluate(
        "() => { const l = document.querySelector('.map-legend').getBoundingClientRect(), "
        "m = document.querySelector('.leaflet-container').getBoundingClientRect(); "
        "return [l.height, m.height, l.width, m.width]; }"
    )
    if page.size_id == "390x844":
        assert legend[0] <= 0.46 * legend[1], legend
    map_frame(page)
    screenshot(page, f"phone-legend-{page.size_id}")
