"""geo.export.layout: measured word wrap and the map extent at the map's shape."""

import pytest

from geo.export import layout


@pytest.fixture(scope="module")
def renderer():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    return FigureCanvasAgg(Figure(figsize=(4, 3), dpi=100)).get_renderer()


def test_wrap_fits_width(renderer):
    text = "Sources: Radio Free Asia (2021-07-20); Newsweek (2023-12); Wikinews (2021-07-26); Daily NK (2023-10)"
    lines = layout.wrap(renderer, text, 9, 200)
    assert len(lines) > 1 and " ".join(lines) == text
    for line in lines:
        assert layout.text_size(renderer, line, 9)[0] <= 200
    assert layout.wrap(renderer, "short", 9, 200) == ["short"]


def test_fit_extent_matches_aspect_and_contains_focus():
    focus = (-200_000.0, -100_000.0, 300_000.0, 200_000.0)
    for aspect in (0.5, 1.0, 1.6, 2.5):
        x0, y0, x1, y1 = layout.fit_extent(focus, aspect)
        assert (x1 - x0) / (y1 - y0) == pytest.approx(aspect)
        assert x0 < focus[0] and y0 < focus[1] and x1 > focus[2] and y1 > focus[3]


def test_single_site_is_not_zoomed_to_street_level():
    x0, y0, x1, y1 = layout.fit_extent((0.0, 0.0, 0.0, 0.0), 1.6)
    assert x1 - x0 >= 160_000


def test_plan_puts_the_legend_where_the_map_gets_larger(scene):
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from geo.export import fonts, legend, presets
    from geo.export.style import Style

    for name in ("default", "square", "story"):
        page = presets.get(name)
        style = Style(page.base_pt)
        with matplotlib.rc_context({"font.family": fonts.families("en+ko")}):
            fig = Figure(figsize=(page.width_in, page.height_in), dpi=50)
            r = FigureCanvasAgg(fig).get_renderer()
            secs = legend.sections(scene, style, "en+ko", False, 300)
            map_rect, inset, legend_pos, fs = layout.plan(fig, r, scene.focus, page, style, secs, 0.8, 0.3)
        assert len(legend_pos) == len(secs)
        assert map_rect.width > 0 and map_rect.height > page.height_in * 0.3
        beside = all(x >= map_rect.right for x, _ in legend_pos)
        below = all(y <= map_rect.bottom for _, y in legend_pos)
        assert beside or below
        if name == "default":
            assert beside  # a wide page keeps a column for the legend
        if name == "story":
            assert below  # a tall page puts it underneath
