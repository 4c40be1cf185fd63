"""geo.region: the map's region, and coordinates that look swapped."""

from geo.region import in_region, looks_swapped


def test_region():
    assert in_region(124.39, 40.11) and not in_region(-0.12, 51.5)
    assert looks_swapped(40.11, 124.39) and not looks_swapped(124.39, 40.11)
