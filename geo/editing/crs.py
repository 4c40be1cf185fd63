"""Coordinate hygiene for uploaded layers: reproject to WGS-84 and say so.

RFC 7946 GeoJSON is always WGS-84 longitude/latitude and has no `crs` member, but files exported
from desktop GIS often carry the old (2008) `crs` member or are written in a projected system.
`normalise_layer` accepts:

- a legacy `crs` member naming EPSG:4326 / OGC CRS84 (dropped: already WGS-84),
  EPSG:4490 (CGCS2000, China's geodetic system, within centimetres of WGS-84), EPSG:3857 (web
  Mercator metres) or EPSG:32651 / EPSG:32652 (UTM zones 51N and 52N, which cover the border);
- the same systems chosen by the editor for a file without a `crs` member;
- GCJ-02 / BD-09 (coordinates copied from Chinese web maps; see chinese_offsets.py).

Every conversion is reported as a warning Problem naming the source system, so nothing moves
silently. Coordinates that only make sense as projected metres, with nothing saying which
system, are an error that names the systems under which they would fall in the region.
Swapped latitude/longitude and points far outside China and North Korea are reported by the
layer checks (geo/layers.py, geo/region.py) on the converted coordinates.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache

from ..problems import TOP, Msg, Problem, WARNING, feature_place, top_place
from ..region import in_region, looks_swapped
from . import chinese_offsets

WGS84_CODES = ("EPSG:4326", "OGC:CRS84")
PROJ_CODES = {
    "EPSG:4490": Msg("China Geodetic Coordinate System 2000 (CGCS2000)"),
    "EPSG:3857": Msg("WGS 84 / Pseudo-Mercator (web map metres)"),
    "EPSG:32651": Msg("WGS 84 / UTM zone 51N (metres)"),
    "EPSG:32652": Msg("WGS 84 / UTM zone 52N (metres)"),
}
ALIASES = {
    "EPSG:900913": "EPSG:3857",
    "EPSG:3785": "EPSG:3857",
    "EPSG:102100": "EPSG:3857",
    "EPSG:102113": "EPSG:3857",
    "EPSG:4326": "EPSG:4326",
    "OGC:CRS84": "OGC:CRS84",
}
CHINESE = ("GCJ-02", "BD-09")
# what the editor can choose for a file that does not say (None: as declared, else WGS-84)
CHOICES = {
    None: Msg("As declared in the file (WGS-84 longitude/latitude unless it has a 'crs' member)"),
    **{code: Msg("{code}: {label}", code=code, label=label) for code, label in PROJ_CODES.items()},
    "GCJ-02": chinese_offsets.SYSTEMS["GCJ-02"],
    "BD-09": chinese_offsets.SYSTEMS["BD-09"],
}
MERCATOR_LIMIT_M = 20037508.3427892 * 1.0001  # half the world's circumference in web-Mercator metres
ACCEPTED_TEXT = "EPSG:4326 / CRS84, " + ", ".join(PROJ_CODES)

_EPSG = re.compile(r"EPSG(?::|::|:[0-9.]*:)(\d+)$", re.I)
_CRS84 = re.compile(r"(OGC:(?:[0-9.]+:)?CRS84|CRS:84)$", re.I)


def code_of(member) -> str | None:
    """The EPSG/OGC code a GeoJSON 2008 `crs` member names (named or 'EPSG' type), else None."""
    name = None
    if isinstance(member, str):
        name = member
    elif isinstance(member, dict):
        props = member.get("properties") if isinstance(member.get("properties"), dict) else {}
        if member.get("type") == "name":
            name = props.get("name")
        elif member.get("type") == "EPSG" and isinstance(props.get("code"), (int, str)):
            name = f"EPSG:{props['code']}"
    if not isinstance(name, str):
        return None
    name = name.strip()
    if _CRS84.search(name):
        return "OGC:CRS84"
    found = _EPSG.search(name.replace("urn:ogc:def:crs:", "").replace("URN:OGC:DEF:CRS:", ""))
    if found:
        return f"EPSG:{int(found.group(1))}"
    return None


def canonical_code(code: str | None) -> str | None:
    if code is None:
        return None
    return ALIASES.get(code, code)


def is_supported(code: str | None) -> bool:
    return code in WGS84_CODES or code in PROJ_CODES or code in CHINESE


@lru_cache(maxsize=None)
def _transformer(code: str):
    from pyproj import Transformer

    return Transformer.from_crs(code, "EPSG:4326", always_xy=True)


def to_wgs84(code: str, xs: list[float], ys: list[float]) -> tuple[list[float], list[float]]:
    """Positions from `code` to WGS-84 lon/lat (non-finite where the projection has no answer)."""
    if code in WGS84_CODES:
        return list(xs), list(ys)
    if code in CHINESE:
        out = [chinese_offsets.to_wgs84(x, y, code) for x, y in zip(xs, ys)]
        return [p[0] for p in out], [p[1] for p in out]
    lon, lat = _transformer(code).transform(xs, ys)
    lon, lat = [float(v) for v in lon], [float(v) for v in lat]
    if code == "EPSG:3857":  # PROJ wraps metres beyond the Mercator square instead of failing
        for i, (x, y) in enumerate(zip(xs, ys)):
            if abs(x) > MERCATOR_LIMIT_M or abs(y) > MERCATOR_LIMIT_M:
                lon[i] = lat[i] = math.inf
    return lon, lat


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _positions(coords, out: list) -> None:
    """Collect every [x, y, ...] list inside a coordinates member (any nesting)."""
    stack = [coords]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            if len(node) >= 2 and _is_number(node[0]) and _is_number(node[1]):
                out.append(node)
            else:
                stack.extend(node)


def _feature_positions(doc: dict) -> list[tuple[int, object, list]]:
    found = []
    features = doc.get("features") if isinstance(doc.get("features"), list) else []
    for index, feature in enumerate(features):
        if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
            continue
        positions: list = []
        _positions(feature["geometry"].get("coordinates"), positions)
        found += [(index, feature.get("id"), p) for p in positions]
    return found


def looks_projected(x: float, y: float) -> bool:
    return abs(x) > 180 or abs(y) > 90


def guess_systems(points: list[tuple[float, float]]) -> list[str]:
    """The projected systems under which all these points fall inside the region."""
    fits = []
    for code in ("EPSG:3857", "EPSG:32651", "EPSG:32652"):
        lon, lat = to_wgs84(code, [p[0] for p in points], [p[1] for p in points])
        if all(math.isfinite(a) and math.isfinite(b) and in_region(a, b) for a, b in zip(lon, lat)):
            fits.append(code)
    return fits


def normalise_layer(doc, path: str, source: str | None = None) -> tuple[object, list[Problem]]:
    """A copy of `doc` in WGS-84 without a `crs` member, and the problems saying what was done.

    `source` is the system the editor chose for the file's coordinates (a key of CHOICES); None
    means "as declared". The input is not modified.
    """
    if not isinstance(doc, dict):
        return doc, []
    doc = json.loads(json.dumps(doc))  # a deep copy, ten times faster than copy.deepcopy on 100,000s of features
    problems: list[Problem] = []
    declared_member = doc.pop("crs", None) if "crs" in doc else None
    has_member = declared_member is not None
    declared = canonical_code(code_of(declared_member)) if has_member else None
    if has_member and not is_supported(declared):
        shown = declared or _short(declared_member)
        problems.append(
            Problem(
                path,
                top_place("crs"),
                Msg(
                    "coordinate system {system} is not supported; accepted are {accepted}, or export the layer as RFC 7946 "
                    "GeoJSON (WGS-84 longitude/latitude)",
                    system=shown,
                    accepted=ACCEPTED_TEXT,
                ),
            )
        )
        return doc, problems
    if source is not None and source not in CHOICES:
        problems.append(
            Problem(
                path,
                TOP,
                Msg(
                    "unknown coordinate system {system!r}; choose one of {choices}",
                    system=source,
                    choices=", ".join(c for c in CHOICES if c),
                ),
            )
        )
        return doc, problems
    if has_member and source is not None and not (declared in WGS84_CODES and source in CHINESE) and declared != source:
        problems.append(
            Problem(
                path,
                top_place("crs"),
                Msg(
                    "the file declares {declared} but {chosen} was chosen; choose 'as declared' or fix the file's 'crs' member",
                    declared=declared,
                    chosen=source,
                ),
            )
        )
        return doc, problems
    effective = source or declared
    positions = _feature_positions(doc)
    if effective is None or effective in WGS84_CODES:
        if has_member:
            problems.append(
                Problem(
                    path,
                    top_place("crs"),
                    Msg(
                        "the 'crs' member ({declared}) says WGS-84 already; it is dropped, since RFC 7946 GeoJSON has no 'crs' "
                        "member",
                        declared=declared,
                    ),
                    WARNING,
                )
            )
        projected = [
            (p[0], p[1]) for _, _, p in positions if looks_projected(p[0], p[1]) and not looks_swapped(p[0], p[1])
        ]  # a swap is reported as such
        if projected:
            problems.append(_projected_hint(path, projected))
        return doc, problems
    problems += _convert(positions, effective, path)
    label = PROJ_CODES.get(effective) or chinese_offsets.SYSTEMS[effective]
    said = Msg("as the file's 'crs' member says") if has_member and effective == declared else Msg("as you chose")
    if effective in PROJ_CODES:
        done = Msg(
            "coordinates were in {system} ({label}), {said}; they have been reprojected to WGS-84 longitude/latitude "
            "({n} position(s)): check the sites on the map before saving",
            system=effective,
            label=label,
            said=said,
            n=len(positions),
        )
    else:
        done = Msg(
            "coordinates were in {system} ({label}), {said}; they have been converted to WGS-84 longitude/latitude "
            "({n} position(s)): check the sites on the map before saving",
            system=effective,
            label=label,
            said=said,
            n=len(positions),
        )
    problems.insert(0, Problem(path, top_place("crs") if has_member else TOP, done, WARNING))
    return doc, problems


def _convert(positions, code: str, path: str) -> list[Problem]:
    problems = []
    if not positions:
        return problems
    xs = [float(p[0]) for _, _, p in positions]
    ys = [float(p[1]) for _, _, p in positions]
    lon, lat = to_wgs84(code, xs, ys)
    moved = 0.0
    for (index, fid, pos), x, y, a, b in zip(positions, xs, ys, lon, lat):
        if not (math.isfinite(a) and math.isfinite(b)):
            position = f"[{x}, {y}]"
            problems.append(
                Problem(
                    path,
                    feature_place(index, fid, "geometry"),
                    Msg("position {position} cannot be converted from {system}", position=position, system=code),
                )
            )
            continue
        if code in CHINESE:
            moved = max(moved, chinese_offsets.distance_m(x, y, a, b))
        pos[0], pos[1] = a, b
    if code in CHINESE:
        problems.append(
            Problem(
                path,
                TOP,
                Msg(
                    "the largest shift from {system} to WGS-84 was {metres:,.0f} m (the offset is "
                    "100–700 m inside China and zero outside it)",
                    system=code,
                    metres=moved,
                ),
                WARNING,
            )
        )
    return problems


def _projected_hint(path: str, points) -> Problem:
    fits = guess_systems(points[:50])
    x, y = points[0]
    position = f"[{x}, {y}]"
    systems = fits[0] if fits else ""
    for code in fits[1:]:  # 'A or B or C', with the word translated
        systems = Msg("{first} or {second}", first=systems, second=code)
    if fits:
        return Problem(
            path,
            TOP,
            Msg(
                "{n} position(s) such as {position} are not longitude/latitude degrees (they look like projected metres) and "
                "the file does not say which system they are in; read as {systems} they fall in the region: choose that "
                "system when uploading, or add a 'crs' member naming it",
                n=len(points),
                position=position,
                systems=systems,
            ),
        )
    return Problem(
        path,
        TOP,
        Msg(
            "{n} position(s) such as {position} are not longitude/latitude degrees (they look like projected metres) and the "
            "file does not say which system they are in",
            n=len(points),
            position=position,
        ),
    )


def _short(value, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"
