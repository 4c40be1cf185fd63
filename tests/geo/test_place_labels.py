"""Place labels on the basemap (issue 14): the shipped file, the naming rules, the map element."""

from __future__ import annotations

from geo import mapbuild, placelabels
from tools.places_build import chinese_name, korean_name, river_anchor

BORDER_TOWNS = {
    "Dandong",
    "Sinuiju",
    "Tumen",
    "Namyang",
    "Hyesan",
    "Changbai",
    "Shenyang",
    "Yanji",
    "Onsong",
    "Hoeryong",
    "Chongjin",
    "Pyongyang",
}


def features():
    return placelabels.places()["features"]


def test_every_label_has_three_names_and_says_where_each_came_from():
    for f in features():
        p = f["properties"]
        assert p["name_en"] and p["name_ko"] and p["name_zh"], p
        assert {p["source_en"], p["source_ko"], p["source_zh"]} <= {"geonames", "project", "basemap"}, p
        assert any("\uac00" <= ch <= "\ud7a3" for ch in p["name_ko"]), p
        p["name_zh"].encode("gb2312")  # simplified characters
        assert 4 <= p["minzoom"] <= 13 and p.get("maxzoom", 13) >= p["minzoom"]
        lon, lat = f["geometry"]["coordinates"]
        assert 115 <= lon <= 135 and 33 <= lat <= 48


def test_the_border_towns_rivers_and_provinces_are_there():
    names = {f["properties"]["name_en"]: f["properties"] for f in features()}
    assert BORDER_TOWNS <= set(names)
    assert {"Yalu River", "Tumen River", "Liaoning", "Jilin", "North Hamgyong", "Ryanggang"} <= set(names)
    assert names["Dandong"]["name_ko"] == "단둥" and names["Dandong"]["name_zh"] == "丹东"
    assert names["Sinuiju"]["name_ko"] == "신의주" and names["Sinuiju"]["name_zh"] == "新义州"
    assert names["Tumen River"]["name_ko"] == "두만강" and names["Yalu River"]["name_zh"] == "鸭绿江"


def test_naming_rules():
    assert korean_name(["선양", "선양 시", "심양"]) == "선양"  # the Korean Wikipedia form first
    assert korean_name(["혜산", "혜산시"]) == "혜산"
    assert korean_name(["Hyesan"]) is None
    assert chinese_name(["丹东市", "丹東", "丹東市"]) == "丹东"  # simplified only, 市 dropped
    assert chinese_name(["恵山市", "惠山", "惠山市"]) == "惠山"
    assert chinese_name(["咸興市"]) is None


def test_river_label_turns_along_the_line():
    lon, lat, angle = river_anchor([[[0, 0], [1, 1], [2, 2], [3, 3]]], (1.1, 1.0))
    assert (lon, lat) == (1, 1) and -90 <= angle <= 90 and angle < 0  # rising to the right: turned up


def test_map_carries_the_labels_in_the_interface_language():
    html = mapbuild.base_map(embed_basemap=True, online_tiles=False, lang="ko").get_root().render()
    assert "GeoPlaceLabels(" in html and '"ko")' in html and "단둥" in html and ".place-label{" in html
    assert placelabels.label_lang("fr") == "en" and placelabels.label_lang("zh") == "zh"
    assert "</script" not in placelabels.PlaceLabels("en").data_json.lower()
