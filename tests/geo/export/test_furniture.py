"""geo.export.furniture: the scale bar is geodesically true; the locator map contains the main map."""

import pytest

from geo.export import furniture, projection
from geo.export.style import Style


def test_scale_bar_length_is_geodesic():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 5), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    x0, y0 = projection.project(123.0, 39.5)
    ax.set_xlim(x0, x0 + 700_000)
    ax.set_ylim(y0, y0 + 437_500)
    width, height, ground, length = furniture.scale_group_size(ax, Style(10))
    assert ground in (50_000, 100_000, 200_000)
    # the bar, measured along the ellipsoid where it is drawn, is the length it is labelled with
    lon1, lat1 = projection.unproject(x0 + 35_000, y0 + 21_875)
    lon2, lat2 = projection.unproject(x0 + 35_000 + length, y0 + 21_875)
    _, _, dist = projection.geod().inv(lon1, lat1, lon2, lat2)
    assert dist == pytest.approx(ground, rel=0.002)
    assert width > length * furniture.px_per_data(ax)


def test_inset_contains_main_extent():
    extent = (-150_000.0, -100_000.0, 350_000.0, 250_000.0)
    x0, y0, x1, y1 = furniture.inset_limits(extent, 1.25)
    assert x0 <= extent[0] and y0 <= extent[1] and x1 >= extent[2] and y1 >= extent[3]
    assert (x1 - x0) / (y1 - y0) == pytest.approx(1.25)
