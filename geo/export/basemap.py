"""The shipped offline basemap (data/basemap/, built by tools/basemap_build.py), projected for static maps.

Parsed and projected once per process (and again only if a file changes); clipping to the view and
simplifying for the locator map happen on the cached shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import DataFileError, GeoError
from ..paths import BASEMAP_DIR
from . import projection

FILES = ("countries", "borders", "lakes")
_CACHE: dict = {}


@dataclass(frozen=True)
class Basemap:
    countries: dict  # iso_a2 -> projected (Multi)Polygon
    names: dict  # iso_a2 -> (name_en, name_ko)
    borders: tuple  # ((iso_a, iso_b), projected (Multi)LineString)
    lakes: tuple  # projected (Multi)Polygons
    bounds: tuple  # projected (xmin, ymin, xmax, ymax) of all land
    _simple: dict = field(default_factory=dict, compare=False, repr=False)

    def simplified(self, tolerance_m: float) -> dict:
        """Countries simplified for a small map (cached per tolerance)."""
        import shapely

        if tolerance_m not in self._simple:
            self._simple[tolerance_m] = {
                k: shapely.simplify(g, tolerance_m, preserve_topology=True) for k, g in self.countries.items()
            }
        return self._simple[tolerance_m]


def _project_geom(geom):
    import shapely

    return shapely.transform(geom, lambda xy: np.column_stack(projection.project(xy[:, 0], xy[:, 1])))


def _read(path: Path) -> list[dict]:
    from ..readers import read_json

    doc = read_json(path)
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list):
        raise DataFileError(str(path), "not a GeoJSON FeatureCollection")
    return features


def load(directory: Path | None = None) -> Basemap:
    """The projected basemap; GeoError if countries.geojson is missing."""
    directory = Path(directory or BASEMAP_DIR)
    countries_path = directory / "countries.geojson"
    if not countries_path.is_file():
        raise GeoError(
            f"{countries_path}: the offline basemap is missing; build it with "
            "`python -m tools.basemap_build` (see data/basemap/README.md)"
        )
    key = [str(directory)]
    for name in FILES:
        p = directory / f"{name}.geojson"
        st = p.stat() if p.is_file() else None
        key.append((name, st.st_mtime_ns, st.st_size) if st else (name, None))
    key = tuple(key)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = _build(directory)
    return _CACHE[key]


def _build(directory: Path) -> Basemap:
    import shapely
    from shapely.geometry import shape

    countries, names = {}, {}
    for f in _read(directory / "countries.geojson"):
        props = f.get("properties") or {}
        iso = props.get("iso_a2") or props.get("name_en") or f"#{len(countries)}"
        countries[iso] = _project_geom(shape(f["geometry"]))
        names[iso] = (props.get("name_en") or iso, props.get("name_ko") or "")
    borders, lakes = [], []
    if (directory / "borders.geojson").is_file():
        for f in _read(directory / "borders.geojson"):
            props = f.get("properties") or {}
            borders.append(((props.get("iso_a2_a"), props.get("iso_a2_b")), _project_geom(shape(f["geometry"]))))
    if (directory / "lakes.geojson").is_file():
        lakes = [_project_geom(shape(f["geometry"])) for f in _read(directory / "lakes.geojson")]
    bounds = tuple(shapely.total_bounds(list(countries.values())).tolist()) if countries else (0, 0, 1, 1)
    return Basemap(countries, names, tuple(borders), tuple(lakes), bounds)


def clip(geom, box):
    """Geometry cut to the box (xmin, ymin, xmax, ymax); None when nothing is left."""
    import shapely

    out = shapely.clip_by_rect(geom, *box)
    return None if out is None or out.is_empty else out


def polygon_path(geom):
    """A matplotlib Path for a (Multi)Polygon, holes included."""
    from matplotlib.path import Path as MPath

    verts, codes = [], []
    polys = getattr(geom, "geoms", [geom])
    for poly in polys:
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            if len(xy) < 3:
                continue
            verts.append(xy)
            c = np.full(len(xy), MPath.LINETO, dtype=np.uint8)
            c[0], c[-1] = MPath.MOVETO, MPath.CLOSEPOLY
            codes.append(c)
    if not verts:
        return None
    return MPath(np.concatenate(verts), np.concatenate(codes))


def line_paths(geom) -> list[np.ndarray]:
    """Coordinate arrays of every line in a (Multi)LineString or GeometryCollection."""
    out = []
    for part in getattr(geom, "geoms", [geom]):
        if part.geom_type == "LineString" and not part.is_empty:
            out.append(np.asarray(part.coords))
        elif part.geom_type in ("MultiLineString", "GeometryCollection"):
            out += line_paths(part)
    return out
