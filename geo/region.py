"""The geographic frame of the project: where a site can plausibly be.

China, North Korea and their border; a point outside is flagged, and a point that only falls
inside when its two numbers are swapped is reported as a lat/lon swap.
"""

from __future__ import annotations

# China (incl. Yunnan and Xinjiang) and the Korean peninsula, generously.
LON_MIN, LON_MAX = 73.0, 135.5
LAT_MIN, LAT_MAX = 18.0, 54.0
# The China–North Korea border zone where most sites lie; used for the default view.
BORDER_BOUNDS = ((39.0, 123.0), (43.5, 131.0))


def in_region(lon: float, lat: float) -> bool:
    return LON_MIN <= lon <= LON_MAX and LAT_MIN <= lat <= LAT_MAX


def looks_swapped(lon: float, lat: float) -> bool:
    """True when (lon, lat) is outside the region but (lat, lon) is inside it."""
    return not in_region(lon, lat) and in_region(lat, lon)
