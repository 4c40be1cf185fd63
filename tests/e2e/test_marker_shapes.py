"""Site kinds differ by shape as well as colour (WCAG 1.4.1), as a reader sees them in Chromium: on the
app's map and its legend at each screen size, and in the HTML export. Screenshots in test-artifacts/.
"""

from __future__ import annotations

import pytest

from geo.styles import KIND_SHAPES
from tests.e2e.conftest import map_frame, map_handle, screenshot, wait_until_idle

# every drawn site marker: its shape class, the outline Leaflet drew and the site id in its class
_MARKERS_JS = """() => Array.from(document.querySelectorAll('path.site-marker')).map(p => ({
  cls: p.getAttribute('class'), d: p.getAttribute('d'),
  box: (b => [b.width, b.height])(p.getBoundingClientRect())}))"""
_LEGEND_JS = """() => Array.from(document.querySelectorAll('.map-legend svg.legend-shape')).map(s => ({
  cls: s.getAttribute('class'), label: (s.nextSibling && s.nextSibling.textContent || '').trim()}))"""


def _check_markers(markers, kind_of: dict) -> set:
    seen = set()
    for m in markers:
        sid = next((c[5:] for c in m["cls"].split() if c.startswith("site-") and c != "site-marker"), None)
        shape = next(c[6:] for c in m["cls"].split() if c.startswith("shape-"))
        assert shape in KIND_SHAPES.values() and (sid is None or shape == KIND_SHAPES[kind_of[sid]]), m["cls"]
        if shape == "circle":
            assert "a" in m["d"] or "A" in m["d"], m  # Leaflet's circle arcs
        else:  # a closed polygon of straight sides, never an arc
            assert m["d"].startswith("M") and m["d"].endswith("z") and "a" not in m["d"].lower().replace("m0 0", ""), m
            assert (
                m["d"].count("L") == {"square": 3, "diamond": 3, "triangle": 2, "triangle-down": 2, "hexagon": 5}[shape]
            )
        seen.add(shape)
    return seen


def test_app_map_draws_each_kind_in_its_shape_with_a_legend_to_match(sized, server, fixture_ds):
    page = sized
    page.goto(server.url, wait_until="domcontentloaded")
    map_frame(page)
    wait_until_idle(page, timeout=120000)
    frame = map_handle(page)
    kind_of = fixture_ds.sites["kind"].to_dict()
    markers = frame.evaluate(_MARKERS_JS)
    assert len(markers) >= len(kind_of) - 1  # the public sites (one fixture site is sensitive)
    shapes = _check_markers(markers, kind_of)
    assert shapes == {KIND_SHAPES[k] for k in set(kind_of.values())}
    frame.evaluate("() => { const l = document.querySelector('.map-legend'); l.open = true; }")  # folded on a phone
    legend = frame.evaluate(_LEGEND_JS)
    from geo import schemas

    labels = schemas.labels("site", "kind")
    assert [(e["cls"], e["label"]) for e in legend] == [
        (f"legend-shape shape-{KIND_SHAPES[k]}", labels[k]) for k in KIND_SHAPES
    ]
    # keyboard: the legend's summary takes the focus, and the focus shows
    summary = frame.locator(".map-legend summary")
    summary.focus()
    ring = summary.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth]; }")
    assert ring[0] != "none" and ring[1] != "0px", ring
    screenshot(page, f"marker-shapes-{page.size_id}")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_html_export_draws_each_kind_in_its_shape(browser, tmp_path, fixture_ds, lang):
    from geo.export import ExportOptions, render
    from geo.query import Filters, public_view

    ds = public_view(fixture_ds)
    out = tmp_path / f"map-{lang}.html"
    out.write_bytes(render(ds, Filters(), ExportOptions(lang=lang), "html"))
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    try:
        pg.goto(out.as_uri())
        pg.locator("path.site-marker").first.wait_for(state="attached", timeout=30000)
        shapes = _check_markers(pg.evaluate(_MARKERS_JS), fixture_ds.sites["kind"].to_dict())
        assert len(shapes) >= 3
        assert len(pg.evaluate(_LEGEND_JS)) == len(KIND_SHAPES)
        screenshot(pg, f"marker-shapes-export-{lang}")
    finally:
        context.close()
