"""geo.export.style: every size follows the body size, with a clear type hierarchy."""

from geo.export.style import Style


def test_hierarchy_and_scaling():
    s = Style(10)
    assert s.title > s.title2 > s.subtitle > s.label > s.detail > s.credits
    assert s.marker_max > s.marker_min > 0 and s.route_max > s.route_min > 0
    assert Style(20).title == 2 * s.title and Style(20).marker_max == 2 * s.marker_max
    assert Style(4).margin_in >= 0.16
