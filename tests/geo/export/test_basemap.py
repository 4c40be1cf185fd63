"""geo.export.basemap: the shipped basemap, projected once and cached; a missing basemap is a clear error."""

import shutil

import pytest

from geo.errors import GeoError
from geo.export import basemap
from geo.paths import BASEMAP_DIR


def test_loads_and_caches():
    bm = basemap.load()
    assert {"CN", "KP"} <= set(bm.countries)
    assert bm.names["KP"][1] == "북한"
    assert basemap.load() is bm  # parsed and projected once
    assert any(set(pair) == {"CN", "KP"} for pair, _ in bm.borders)
    cn = bm.countries["CN"]
    assert cn.is_valid and cn.area > 1e11  # square metres, projected


def test_missing_basemap_names_the_builder(tmp_path):
    with pytest.raises(GeoError, match="basemap_build"):
        basemap.load(tmp_path)


def test_changed_file_is_reloaded(tmp_path):
    for name in ("countries", "borders", "lakes"):
        shutil.copy(BASEMAP_DIR / f"{name}.geojson", tmp_path)
    first = basemap.load(tmp_path)
    (tmp_path / "lakes.geojson").unlink()
    second = basemap.load(tmp_path)
    assert second is not first and second.lakes == ()


def test_paths_and_clipping():
    bm = basemap.load()
    x0, y0, x1, y1 = bm.bounds
    box = (x0 + (x1 - x0) * 0.45, y0 + (y1 - y0) * 0.45, x0 + (x1 - x0) * 0.55, y0 + (y1 - y0) * 0.55)
    clipped = [g for g in (basemap.clip(c, box) for c in bm.countries.values()) if g is not None]
    assert clipped
    path = basemap.polygon_path(clipped[0])
    assert path is not None and len(path.vertices) >= 4
    assert basemap.clip(bm.countries["CN"], (1e9, 1e9, 1e9 + 1, 1e9 + 1)) is None
    lines = [a for _, g in bm.borders for a in basemap.line_paths(g)]
    assert lines and all(a.shape[1] == 2 for a in lines)
