"""geo.export.projection: the conformal projection and the geodesy behind scale bar, north arrow and
uncertainty circles."""

import numpy as np
import pytest

from geo.export import projection


def test_round_trip():
    x, y = projection.project(124.39058, 40.11644)
    lon, lat = projection.unproject(x, y)
    assert lon == pytest.approx(124.39058, abs=1e-9) and lat == pytest.approx(40.11644, abs=1e-9)


def test_geodesic_circle_has_its_radius():
    ring = projection.geodesic_circle(129.85, 42.967, 3000.0, n=36)
    lons, lats = projection.unproject(ring[:, 0], ring[:, 1])
    _, _, dist = projection.geod().inv(np.full(36, 129.85), np.full(36, 42.967), lons, lats)
    assert np.allclose(dist, 3000.0, atol=0.01)


def test_scale_is_near_true_between_standard_parallels():
    x, y = projection.project(126.0, 41.0)
    k = projection.ground_metres_per_unit(x, y, 100_000.0)
    assert 0.99 < k < 1.01


def test_north_points_up_on_central_meridian_and_converges():
    assert projection.north_angle(*projection.project(126.0, 41.0)) == pytest.approx(0.0, abs=0.01)
    west = projection.north_angle(*projection.project(122.0, 41.0))
    east = projection.north_angle(*projection.project(130.0, 41.0))
    assert west < 0 < east  # meridians lean towards the centre


def test_nice_lengths():
    assert projection.nice_length(137_000) == 100_000
    assert projection.nice_length(260_000) == 200_000
    assert projection.nice_length(5_100) == 5_000
