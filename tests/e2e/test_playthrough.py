"""The time play-through in the app (issue 14): the play control steps the window, the numbers change
and the date shows large on the map while the map keeps its zoom and its centre (no remount, no refit,
no page reflow that resizes it). At the three sizes."""

from __future__ import annotations

from tests.e2e.conftest import map_frame, map_handle, screenshot, wait_until_idle
from tests.e2e.test_interactions import metric
from tests.e2e.test_mapux import iframe

# In the map's frame: remember the reader's centre, then on every move, zoom or resize of the map note
# how far (in px) that place has gone from the map's middle and whether the zoom changed.
_WATCH = """() => {
  const m = Object.values(window).find(v => v instanceof L.Map);
  const w = window.__playWatch = {centre: m.getCenter(), zoom: m.getZoom(), worst: 0, zooms: [], sizes: []};
  const look = () => {
    const p = m.latLngToContainerPoint(w.centre), s = m.getSize();
    w.worst = Math.max(w.worst, Math.abs(p.x - s.x / 2), Math.abs(p.y - s.y / 2));
    if (m.getZoom() !== w.zoom) { w.zooms.push(m.getZoom()); }
  };
  m.on("move moveend zoomend resize", look);
  m.on("resize", () => w.sizes.push(m.getSize().x + "x" + m.getSize().y));
  look();
  return [w.zoom, w.worst];
}"""
_LOOK = """() => {
  const m = Object.values(window).find(v => v instanceof L.Map), w = window.__playWatch;
  const p = m.latLngToContainerPoint(w.centre), s = m.getSize();
  return {zoom: m.getZoom(), zooms: w.zooms, sizes: w.sizes,
          worst: Math.max(w.worst, Math.abs(p.x - s.x / 2), Math.abs(p.y - s.y / 2))};
}"""
_MARKERS = (
    "[...document.querySelectorAll('path.site-marker')].map(e => e.getAttribute('class') + ' ' + "
    "e.getAttribute('fill-opacity')).join('|')"
)
_DATE = "() => { const e = document.querySelector('.geo-play-date'); return e && e.style.display !== 'none' ? e.textContent : ''; }"


def test_play_steps_the_window_and_keeps_the_view(sized, server):
    page = sized
    page.goto(server.url, wait_until="domcontentloaded")
    map_frame(page)
    wait_until_idle(page)
    assert metric(page, "Events") == "4"
    # the reader's own view: zoom in one step with the wheel over the largest marker, as a person does
    frame = map_frame(page)
    iframe(page).scroll_into_view_if_needed()
    handle = map_handle(page)
    zoom0 = handle.evaluate("() => Object.values(window).find(v => v instanceof L.Map).getZoom()")
    largest = max(
        (
            frame.locator("path.site-marker").nth(i).bounding_box()
            for i in range(frame.locator("path.site-marker").count())
        ),
        key=lambda b: b["width"] if b else 0,
    )
    page.mouse.move(largest["x"] + largest["width"] / 2, largest["y"] + largest["height"] / 2)
    page.mouse.wheel(0, -120)
    handle.wait_for_function(
        f"() => Object.values(window).find(v => v instanceof L.Map).getZoom() > {zoom0}", timeout=10000
    )
    handle.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')", timeout=10000)
    zoom, _ = handle.evaluate(_WATCH)

    main = page.locator("[data-testid='stMain']")
    main.get_by_role("button", name="Play through time").click()
    page.mouse.move(2, 2)  # out of the way (the button's help would cover the numbers in the screenshots)
    seen, numbers, places, markers = [], set(), set(), {}
    for _ in range(3):  # three windows in a row (quarters from 2021 Q3, the fixture data's first event)
        handle = map_handle(page)
        # the window's date and its markers read in one go (the next step may come while the test reads)
        shown = handle.wait_for_function(
            f"seen => {{ const t = ({_DATE})(); return t && !seen.includes(t) && [t, {_MARKERS}]; }}",
            arg=seen,
            timeout=30000,
        ).json_value()
        seen.append(shown[0])
        markers[shown[0]] = shown[1]
        numbers.add(metric(page, "Events"))
        places.add(round(iframe(page).bounding_box()["y"]))
    assert seen[0] == "2021 Q3", seen
    assert numbers <= {"0", "1"} and numbers, numbers  # one quarter's events, not the four of the whole range
    # the markers follow the window: the July 2021 return's places drawn with events in 2021 Q3, not after
    assert len(set(markers.values())) > 1, markers
    screenshot(page, f"play-{page.size_id}")
    view = map_handle(page).evaluate(_LOOK)
    # the same mounted map (the watcher installed before Play is still there), the reader's zoom, and the
    # reader's centre still in the middle: no remount, no refit, no resize by the page reflowing around it
    assert view["zoom"] == zoom and not view["zooms"], view
    assert view["worst"] <= 3, view
    assert not view["sizes"], view  # the map's frame was never resized while playing
    assert max(places) - min(places) <= 3, places  # nor moved up or down the page
    main.get_by_role("button", name="Pause").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMetricValue]')].some(e => e.innerText.trim() === '4')",
        timeout=20000,
    )
    map_handle(page).wait_for_function(f"() => ({_DATE})() === ''", timeout=20000)  # paused: the whole range again
    assert map_handle(page).evaluate(_LOOK)["zoom"] == zoom
