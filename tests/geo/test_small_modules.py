"""fingerprint, region, problems, schemas, paths, basemap: small modules, small tests."""

import pytest

from geo import basemap, schemas
from geo.fingerprint import fingerprint
from geo.paths import data_dir, SHIPPED_DATA
from geo.problems import Problem, WARNING, feature_place, row_place
from geo.region import in_region, looks_swapped


def test_fingerprint_follows_content_not_mtime(data_dir):
    before = fingerprint(data_dir)
    path = data_dir / "sources.csv"
    path.write_bytes(path.read_bytes())
    assert fingerprint(data_dir) == before
    path.write_text(path.read_text() + "\n")
    assert fingerprint(data_dir) != before


def test_region():
    assert in_region(124.39, 40.11) and not in_region(-0.12, 51.5)
    assert looks_swapped(40.11, 124.39) and not looks_swapped(124.39, 40.11)


def test_problem_format():
    assert str(Problem("a.csv", row_place(3, "ev", "date"), "bad")) == "a.csv:row 3 (ev) column date: bad"
    assert str(Problem("l.geojson", feature_place(2, "x", "geometry"), "odd", WARNING)) == "l.geojson:feature 2 (x) geometry: warning: odd"


def test_schemas_are_valid_and_columns_in_file_order():
    for name in schemas.SCHEMA_FILES:
        schemas.validator(name)
    assert schemas.columns("events")[:3] == ["id", "date", "date_precision"]
    assert "repatriation" in schemas.enum("events", "kind")


def test_data_dir_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv("GEO_DATA_DIR", raising=False)
    assert data_dir() == SHIPPED_DATA
    monkeypatch.setenv("GEO_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path
    assert data_dir("/x") == __import__("pathlib").Path("/x")


def test_basemap_layers_cover_the_border():
    countries = {f["properties"]["iso_a2"] for f in basemap.layer("countries")["features"]}
    assert {"CN", "KP"} <= countries
    with pytest.raises(ValueError):
        basemap.layer("oceans")


def test_static_basemap_copies_match_the_data():
    from geo.paths import BASEMAP_DIR, STATIC_DIR
    for name in basemap.LAYERS:
        assert (STATIC_DIR / basemap.STATIC_URL_PATH / f"{name}.geojson").read_bytes() == (BASEMAP_DIR / f"{name}.geojson").read_bytes()
