"""Coordinates copied from Chinese web maps: GCJ-02 and BD-09 back to WGS-84.

Maps published in mainland China must use GCJ-02 ("Mars coordinates"), an obfuscated datum that
shifts WGS-84 positions by a smooth, position-dependent 100–700 m. Amap (Gaode), Tencent (QQ) Maps
and Google Maps' China tiles use GCJ-02; Baidu Maps adds a second shift on top, BD-09. A point
copied from those maps and stored as if it were WGS-84 lands in the wrong street, or in the wrong
country next to the Yalu and Tumen rivers.

The forward transform WGS-84 → GCJ-02 is the widely published one (Krasovsky 1940 ellipsoid,
a = 6378245 m, e² = 0.00669342162296594323, with the polynomial-plus-sine offsets below); BD-09 is
GCJ-02 turned into polar form around the origin with a small periodic perturbation and shifted by
(0.0065°, 0.006°). Neither has a closed-form inverse, so the inverses here iterate the forward
transform (fixed-point: w ← w − (f(w) − target)) until the residual is below 1e-9° (about 0.1 mm),
well inside the 0.5 m this project promises; the one-step inverse most libraries ship is off by
up to a few metres.

Only points inside the rectangle that the published algorithm calls "China" (longitude
73.66–135.05°E, latitude 3.86–53.55°N) are shifted; outside it the transforms are the identity.
That rectangle also contains North Korea, South Korea and parts of neighbouring countries, where
Chinese map providers' own practice varies: convert a point in North Korea only when you know it
was read off a Chinese map in that system, and check the result against imagery.

Usage:
    >>> from geo.editing.chinese_offsets import to_wgs84
    >>> lon, lat = to_wgs84(124.396416, 40.118034, "GCJ-02")   # the Dandong bridge read off Amap
Or pick the system in the Editor page when adding a site or uploading a layer.
"""

from __future__ import annotations

import math

from ..messages import Msg

# Krasovsky 1940 ellipsoid, as used by the published GCJ-02 algorithm
A = 6378245.0
EE = 0.00669342162296594323
X_PI = math.pi * 3000.0 / 180.0
BD_DLON, BD_DLAT = 0.0065, 0.006

SYSTEMS = {
    "WGS-84": Msg("WGS-84: GPS, OpenStreetMap, Google Earth, Google Maps outside China"),
    "GCJ-02": Msg("GCJ-02: Amap (Gaode), Tencent Maps, Google Maps in China"),
    "BD-09": Msg("BD-09: Baidu Maps"),
}
TOLERANCE_DEG = 1e-9
MAX_ITERATIONS = 50


def out_of_china(lon: float, lat: float) -> bool:
    """The published algorithm's test: outside this rectangle no offset is applied."""
    return not (73.66 < lon < 135.05 and 3.86 < lat < 53.55)


def _offset_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _offset_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    if out_of_china(lon, lat):
        return lon, lat
    dlat = _offset_lat(lon - 105.0, lat - 35.0)
    dlon = _offset_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((A * (1 - EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (A / sqrtmagic * math.cos(radlat) * math.pi)
    return lon + dlon, lat + dlat


def gcj02_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * X_PI)
    return z * math.cos(theta) + BD_DLON, z * math.sin(theta) + BD_DLAT


def _bd09_to_gcj02_one_step(lon: float, lat: float) -> tuple[float, float]:
    """The published approximate inverse (residual up to about 1e-6°)."""
    x, y = lon - BD_DLON, lat - BD_DLAT
    z = math.sqrt(x * x + y * y) - 0.00002 * math.sin(y * X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * X_PI)
    return z * math.cos(theta), z * math.sin(theta)


def _invert(forward, lon: float, lat: float, start: tuple[float, float]) -> tuple[float, float]:
    """Solve forward(w) == (lon, lat) for w by fixed-point iteration from `start`."""
    wlon, wlat = start
    for _ in range(MAX_ITERATIONS):
        flon, flat = forward(wlon, wlat)
        dlon, dlat = flon - lon, flat - lat
        wlon, wlat = wlon - dlon, wlat - dlat
        if abs(dlon) < TOLERANCE_DEG and abs(dlat) < TOLERANCE_DEG:
            break
    return wlon, wlat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """Iterative inverse of wgs84_to_gcj02 (residual < 1e-9°, i.e. well under 0.5 m)."""
    if out_of_china(lon, lat):
        return lon, lat
    return _invert(wgs84_to_gcj02, lon, lat, (lon, lat))


def bd09_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """Iterative inverse of gcj02_to_bd09, started from the published one-step inverse."""
    return _invert(gcj02_to_bd09, lon, lat, _bd09_to_gcj02_one_step(lon, lat))


def wgs84_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


def to_wgs84(lon: float, lat: float, system: str) -> tuple[float, float]:
    """WGS-84 position of a point given in 'WGS-84', 'GCJ-02' or 'BD-09'."""
    if system == "WGS-84":
        return lon, lat
    if system == "GCJ-02":
        return gcj02_to_wgs84(lon, lat)
    if system == "BD-09":
        return bd09_to_wgs84(lon, lat)
    raise ValueError(f"unknown coordinate system {system!r}; use one of {', '.join(SYSTEMS)}")


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine on a 6,371 km sphere): for offset sizes."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371008.8 * math.asin(min(1.0, math.sqrt(h)))
