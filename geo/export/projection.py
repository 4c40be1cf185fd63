"""The static map's projection and the geodesy behind its scale bar, north arrow and uncertainty circles.

One Lambert conformal conic for the whole region (standard parallels 38° and 44°N, centred on
126°E), so shapes stay true and projected basemap geometry can be cached once.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

LCC = "+proj=lcc +lat_1=38 +lat_2=44 +lat_0=41 +lon_0=126 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"


@lru_cache(maxsize=None)
def _transformers():
    from pyproj import Transformer

    fwd = Transformer.from_crs("EPSG:4326", LCC, always_xy=True)
    inv = Transformer.from_crs(LCC, "EPSG:4326", always_xy=True)
    return fwd, inv


@lru_cache(maxsize=None)
def geod():
    from pyproj import Geod

    return Geod(ellps="WGS84")


def project(lon, lat):
    """(lon, lat) degrees → (x, y) metres in the map projection; arrays or scalars."""
    return _transformers()[0].transform(lon, lat)


def unproject(x, y):
    return _transformers()[1].transform(x, y)


def geodesic_circle(lon: float, lat: float, radius_m: float, n: int = 72) -> np.ndarray:
    """Projected ring (n×2) of points `radius_m` metres from (lon, lat) along geodesics."""
    az = np.linspace(0.0, 360.0, n, endpoint=False)
    lons, lats, _ = geod().fwd(np.full(n, lon), np.full(n, lat), az, np.full(n, float(radius_m)))
    x, y = project(lons, lats)
    return np.column_stack([x, y])


def ground_metres_per_unit(x: float, y: float, length: float) -> float:
    """Geodesic metres per projected metre along a horizontal segment starting at (x, y)."""
    lon1, lat1 = unproject(x, y)
    lon2, lat2 = unproject(x + length, y)
    _, _, dist = geod().inv(lon1, lat1, lon2, lat2)
    return float(dist) / length


def north_angle(x: float, y: float) -> float:
    """Direction of true north at projected (x, y), in degrees counter-clockwise from the page's up."""
    lon, lat = unproject(x, y)
    nx, ny = project(lon, min(lat + 0.05, 89.9))
    return float(np.degrees(np.arctan2(-(nx - x), ny - y)))


def nice_length(max_m: float) -> float:
    """The largest 1, 2 or 5 × 10^k metres not above max_m."""
    if max_m <= 0:
        return 1.0
    k = 10 ** np.floor(np.log10(max_m))
    for step in (5, 2, 1):
        if step * k <= max_m:
            return float(step * k)
    return float(k)
