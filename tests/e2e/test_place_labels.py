"""Place labels on the shipped basemap, in the app, at the three sizes of issue 14: names of towns on
both sides of the border show at the default view, in the interface language, never on top of one
another, and never take a click from a site."""

from __future__ import annotations


from tests.e2e.conftest import map_frame, map_handle, screenshot, wait_until_idle
from tests.e2e.test_mapux import iframe

_LABELS_JS = """() => {
  const box = document.querySelector('.leaflet-container').getBoundingClientRect();
  const shown = [...document.querySelectorAll('.place-label.placed')].filter(e => !e.classList.contains('place-river'))
    .map(e => { const r = e.getBoundingClientRect(); return {t: e.textContent, r: [r.left, r.top, r.right, r.bottom],
      inside: r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom,
      pe: getComputedStyle(e).pointerEvents}; });
  const overlapping = [];
  for (let i = 0; i < shown.length; i++) for (let j = i + 1; j < shown.length; j++) {
    const a = shown[i].r, b = shown[j].r;
    if (a[0] < b[2] - 1 && b[0] < a[2] - 1 && a[1] < b[3] - 1 && b[1] < a[3] - 1) overlapping.push([shown[i].t, shown[j].t]);
  }
  const map = Object.values(window).find(v => v instanceof L.Map);
  return {names: shown.filter(s => s.inside).map(s => s.t), overlapping: overlapping, zoom: map.getZoom(),
          clickable: shown.filter(s => s.pe !== 'none').length};
}"""


def _labels(page, url):
    page.goto(url, wait_until="domcontentloaded")
    map_frame(page)
    wait_until_idle(page)
    handle = map_handle(page)
    handle.wait_for_function("() => document.querySelectorAll('.place-label.placed').length > 3", timeout=20000)
    return handle, handle.evaluate(_LABELS_JS)


def test_places_are_named_at_the_default_view_without_overlap(sized, server):
    page = sized
    handle, shown = _labels(page, server.url)
    assert {"Dandong", "Shenyang"} <= set(shown["names"]), shown
    assert not shown["overlapping"] and not shown["clickable"], shown
    # zoomed in on the Tumen–Namyang crossing, the towns facing each other both have their names
    handle.evaluate(
        "() => Object.values(window).find(v => v instanceof L.Map).setView([42.96, 129.85], 10, {animate: false})"
    )
    handle.wait_for_function(
        "() => [...document.querySelectorAll('.place-label.placed')].some(e => e.textContent === 'Namyang')"
    )
    near = handle.evaluate(_LABELS_JS)
    assert {"Tumen", "Namyang"} <= set(near["names"]) and not near["overlapping"], near
    iframe(page).scroll_into_view_if_needed()
    screenshot(page, f"places-tumen-{page.size_id}")
    # zoomed out, fewer names: decluttered by zoom
    handle.evaluate(
        "() => Object.values(window).find(v => v instanceof L.Map).setView([41.5, 127], 5, {animate: false})"
    )
    handle.wait_for_function("() => Object.values(window).find(v => v instanceof L.Map).getZoom() === 5")
    far = handle.evaluate(_LABELS_JS)
    assert 3 <= len(far["names"]) < len(near["names"]) + 20 and not far["overlapping"], far


def test_places_are_named_in_korean(sized, server):
    page = sized
    handle, shown = _labels(page, server.url + "/?lang=ko")
    assert {"단둥", "선양"} <= set(shown["names"]), shown
    assert not shown["overlapping"], shown
    iframe(page).scroll_into_view_if_needed()
    screenshot(page, f"places-ko-{page.size_id}")
