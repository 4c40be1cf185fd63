"""geo.editing.add_site: the picking map's sites, and a new site from the Editor's form (coordinates
converted to WGS-84, with a note saying how far they moved) added to its layer's canonical text."""

from __future__ import annotations

import json

import pytest

from geo.editing import add_site, chinese_offsets
from geo.editing.store import Store

FORM = {
    "id": "new-site",
    "name_en": "New site",
    "name_ko": "새 장소",
    "name_zh": "",
    "kind": "detention-centre",
    "country": "CN",
    "precision": "town",
    "uncertainty_m": 2500.0,
    "side_cn": "",
    "side_kp": "",
    "sources": ("rfa-2021-07-20",),
    "notes": "",
    "sensitive": False,
}


def test_placed_sites_lists_point_sites_and_skips_unreadable_layers(data_dir):
    store = Store(data_dir)
    sites = add_site.placed_sites(store.read)
    ids = [s[0] for s in sites]
    assert "shenyang" in ids and len(ids) == len(set(ids))
    assert all(isinstance(lon, float) and isinstance(lat, float) and label for _, lon, lat, label in sites)
    (data_dir / "sites" / "crossings.geojson").write_text("{ not json", encoding="utf-8")
    fewer = add_site.placed_sites(store.read)
    assert 0 < len(fewer) < len(sites)


def test_wgs84_is_kept_as_given_rounded_to_six_decimals():
    site = add_site.new_site(FORM, 124.3912345678, 40.1198765432, "WGS-84")
    assert (site.row["lon"], site.row["lat"]) == (124.391235, 40.119877)
    assert site.note == ""
    assert (
        site.row["uncertainty_m"] == 2500
        and site.row["sources"] == ["rfa-2021-07-20"]
        and site.row["sensitive"] is False
    )


@pytest.mark.parametrize("system", ["GCJ-02", "BD-09"])
def test_chinese_map_coordinates_are_converted_and_the_move_is_reported(system):
    lon, lat = 124.3963, 40.1215
    site = add_site.new_site(FORM, lon, lat, system)
    wlon, wlat = chinese_offsets.to_wgs84(lon, lat, system)
    assert (site.row["lon"], site.row["lat"]) == (round(wlon, 6), round(wlat, 6))
    moved = chinese_offsets.distance_m(lon, lat, wlon, wlat)
    assert 100 < moved < 2000
    assert site.note == f"Converted from {system} to WGS-84: moved {moved:,.0f} m to {wlon:.6f}, {wlat:.6f}."


def test_unknown_system_is_refused():
    with pytest.raises(ValueError, match="unknown coordinate system"):
        add_site.new_site(FORM, 124.0, 40.0, "EPSG:3857")


def test_the_site_joins_its_layer_or_starts_one(data_dir):
    store = Store(data_dir)
    base, _ = store.read("china-detention")
    site = add_site.new_site(FORM, 124.39, 40.12, "WGS-84")
    doc = json.loads(add_site.layer_text_with(base, "china-detention", site))
    assert len(doc["features"]) == len(json.loads(base)["features"]) + 1
    added = doc["features"][-1]
    assert added["id"] == "new-site" and added["geometry"]["coordinates"] == [124.39, 40.12]
    fresh = json.loads(add_site.layer_text_with(None, "crossings", site))
    assert fresh["name"] == "crossings" and [f["id"] for f in fresh["features"]] == ["new-site"]
    with pytest.raises(ValueError):
        add_site.layer_text_with("{}", "crossings", site)
