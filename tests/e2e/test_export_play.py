"""The HTML export's time play-through in Chromium, opened from file:// with no network (issue 14):
Play steps through geo.timeplay's windows of the export's dates, the numbers line and the markers
follow each window, the window's date shows large in the title card, the reader's zoom and centre
stay, and Pause brings back the whole selection. At the three sizes."""

from __future__ import annotations

import pytest

from geo.dataset import load
from geo.export.html import render_html
from geo.export.options import ExportOptions
from geo.query import Filters
from tests.common import FIXTURE_DATA
from tests.e2e.conftest import SIZES, IDS, screenshot

pytestmark = pytest.mark.e2e

_MAP = "Object.values(window).find(v => v instanceof L.Map)"
_WATCH = f"""() => {{
  const m = {_MAP};
  const w = window.__playWatch = {{centre: m.getCenter(), zoom: m.getZoom(), worst: 0, zooms: []}};
  const look = () => {{
    const p = m.latLngToContainerPoint(w.centre), s = m.getSize();
    w.worst = Math.max(w.worst, Math.abs(p.x - s.x / 2), Math.abs(p.y - s.y / 2));
    if (m.getZoom() !== w.zoom) {{ w.zooms.push(m.getZoom()); }}
  }};
  m.on("move moveend zoomend resize", look);
  return w.zoom;
}}"""
_LOOK = f"""() => {{
  const m = {_MAP}, w = window.__playWatch, p = m.latLngToContainerPoint(w.centre), s = m.getSize();
  return {{zoom: m.getZoom(), zooms: w.zooms, worst: Math.max(w.worst, Math.abs(p.x - s.x / 2), Math.abs(p.y - s.y / 2))}};
}}"""
_DATE = "() => { const e = document.querySelector('.geo-play-date'); return e && e.style.display !== 'none' ? e.textContent : ''; }"
_MARKERS = "() => [...document.querySelectorAll('path.site-marker')].map(e => e.getAttribute('d') + ' ' + e.getAttribute('fill-opacity')).join('|')"


@pytest.fixture(scope="module")
def export_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("play") / "map.html"
    path.write_bytes(render_html(load(FIXTURE_DATA), Filters(), ExportOptions(lang="en")))
    return path


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_export_play_steps_the_window_and_keeps_the_view(browser, export_file, size):
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    outside: list[str] = []
    page.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(("file:", "data:", "about:"))
            else (outside.append(r.request.url), r.abort())
        ),
    )
    try:
        page.goto(export_file.as_uri())
        page.wait_for_selector("path.site-marker", timeout=15_000)
        numbers = page.locator(".geo-export-head .numbers")
        whole = numbers.inner_text()
        assert "4 events" in whole
        # the reader's own view: one wheel step in over the largest marker
        boxes = [b for b in (m.bounding_box() for m in page.locator("path.site-marker").all()) if b]
        big = max(boxes, key=lambda b: b["width"])
        zoom0 = page.evaluate(f"() => {_MAP}.getZoom()")
        page.mouse.move(big["x"] + big["width"] / 2, big["y"] + big["height"] / 2)
        page.mouse.wheel(0, -120)
        page.wait_for_function(f"() => {_MAP}.getZoom() > {zoom0} && !document.querySelector('.leaflet-zoom-anim')")
        zoom = page.evaluate(_WATCH)
        markers_whole = page.evaluate(_MARKERS)

        play = page.get_by_role("button", name="Play")
        assert page.locator(".geo-play select").count() == 2  # step unit and speed
        page.locator(".geo-play-speed").select_option("normal")
        play.click()
        page.mouse.move(2, height - 2)
        seen, lines, markers = [], set(), set()
        for _ in range(3):
            # the date, the numbers and the markers of one window, read in one go (the next step may come meanwhile)
            shown = page.wait_for_function(
                f"seen => {{ const t = ({_DATE})(); return t && !seen.includes(t) && "
                f"[t, document.querySelector('.geo-export-head .numbers').textContent, ({_MARKERS})()]; }}",
                arg=seen,
                timeout=10_000,
            ).json_value()
            seen.append(shown[0])
            lines.add(shown[1])
            markers.add(shown[2])
            if len(seen) == 1:
                screenshot(page, f"export-play-{width}x{height}")
        assert seen[0] == "2021 Q3", seen  # geo.timeplay's quarters from the first event (14 Jul 2021)
        # the first quarter starts on the export's first day (geo.timeplay clips the windows to the dates)
        first = next(t for t in lines if t.startswith("14 Jul 2021 – 30 Sep 2021"))
        assert "1 event" in first and "Returned to North Korea" in first, lines  # that quarter's one return
        assert "1 Oct 2021 – 31 Dec 2021 · No events in the period" in lines, lines  # 2021 Q4: nothing
        assert len(markers) > 1 and markers_whole not in markers  # the markers follow the window
        # the window's date in the title card, above the numbers it belongs to
        assert page.evaluate("() => !!document.querySelector('.geo-export-head .geo-play-date')")
        view = page.evaluate(_LOOK)
        assert view["zoom"] == zoom and not view["zooms"] and view["worst"] <= 3, view
        page.get_by_role("button", name="Pause").click()
        page.wait_for_function(f"() => ({_DATE})() === ''")
        assert numbers.inner_text() == whole and page.evaluate(_MARKERS) == markers_whole  # the whole selection again
        assert page.evaluate(_LOOK)["zoom"] == zoom
        assert outside == []
    finally:
        context.close()
