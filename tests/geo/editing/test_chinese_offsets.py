"""GCJ-02 / BD-09: published reference values, round trips under 0.5 m, the documented 100–700 m
offset inside China, and no offset outside it."""

import pytest

from geo.editing import chinese_offsets as co

# Reference outputs of the published algorithm for (116.404, 39.915), as listed in the README of the
# widely used coordTransform implementations (wandergis/coordTransform_py and _js).
BEIJING = (116.404, 39.915)
REFERENCE = {
    "wgs84_to_gcj02": (116.41024449916938, 39.91640428150164),
    "gcj02_to_bd09": (116.41036949371029, 39.92133699351021),
    "wgs84_to_bd09": (116.41662724378733, 39.922699552216216),
}
# the published one-step inverse of BD-09 (ours iterates it to the exact inverse, < 0.1 m apart)
ONE_STEP_BD09_TO_GCJ02 = (116.39762729119315, 39.90865673957631)

# places in and along China: the border sites of this project, far west, far south, Shanghai
IN_CHINA = [
    (124.39058, 40.11644),
    (129.85083, 42.95444),
    (126.6, 41.8),
    (87.6, 43.8),
    (121.47, 31.23),
    (110.0, 20.0),
    (100.0, 25.0),
    (116.404, 39.915),
]
OUTSIDE = [(-0.1276, 51.5072), (139.6917, 35.6895), (151.2, -33.9), (37.6, 55.75), (-74.0, 40.7)]


@pytest.mark.parametrize("name, expected", REFERENCE.items())
def test_reference_values(name, expected):
    lon, lat = getattr(co, name)(*BEIJING)
    assert lon == pytest.approx(expected[0], abs=1e-12) and lat == pytest.approx(expected[1], abs=1e-12)


def test_bd09_inverse_refines_the_published_one_step_inverse():
    ours = co.bd09_to_gcj02(*BEIJING)
    assert co.distance_m(*ours, *ONE_STEP_BD09_TO_GCJ02) < 0.1
    again = co.gcj02_to_bd09(*ours)
    assert co.distance_m(*again, *BEIJING) < 0.001


@pytest.mark.parametrize("point", IN_CHINA)
def test_round_trips_are_under_half_a_metre(point):
    assert co.distance_m(*co.gcj02_to_wgs84(*co.wgs84_to_gcj02(*point)), *point) < 0.5
    assert co.distance_m(*co.bd09_to_wgs84(*co.wgs84_to_bd09(*point)), *point) < 0.5
    assert co.distance_m(*co.bd09_to_gcj02(*co.gcj02_to_bd09(*point)), *point) < 0.5
    # and far better than that in practice
    assert co.distance_m(*co.gcj02_to_wgs84(*co.wgs84_to_gcj02(*point)), *point) < 0.001


@pytest.mark.parametrize("point", IN_CHINA)
def test_offset_is_100_to_700_m_inside_china(point):
    shift = co.distance_m(*point, *co.wgs84_to_gcj02(*point))
    assert 100 <= shift <= 700
    # BD-09 adds its own shift on top: roughly another 0.0065°/0.006°
    assert co.distance_m(*point, *co.wgs84_to_bd09(*point)) > shift


@pytest.mark.parametrize("point", OUTSIDE)
def test_no_offset_outside_china(point):
    assert co.out_of_china(*point)
    assert co.wgs84_to_gcj02(*point) == point
    assert co.gcj02_to_wgs84(*point) == point
    assert co.to_wgs84(*point, "GCJ-02") == point


def test_to_wgs84_by_name():
    gcj = co.wgs84_to_gcj02(*IN_CHINA[0])
    bd = co.wgs84_to_bd09(*IN_CHINA[0])
    assert co.distance_m(*co.to_wgs84(*gcj, "GCJ-02"), *IN_CHINA[0]) < 0.01
    assert co.distance_m(*co.to_wgs84(*bd, "BD-09"), *IN_CHINA[0]) < 0.01
    assert co.to_wgs84(1.0, 2.0, "WGS-84") == (1.0, 2.0)
    with pytest.raises(ValueError):
        co.to_wgs84(1.0, 2.0, "EPSG:9999")


def test_distance():
    assert co.distance_m(0, 0, 0, 1) == pytest.approx(111_195, rel=1e-3)
