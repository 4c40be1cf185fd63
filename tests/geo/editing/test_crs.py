"""Legacy `crs` members and projected systems are reprojected to WGS-84 with a warning; unknown ones
are refused; unlabelled metres are explained; Chinese web-map coordinates are converted on request."""

import pytest
from pyproj import Transformer

from geo.editing import chinese_offsets, crs
from tests.common import VALID_POINT

SITE = (124.39058, 40.11644)  # Dandong–Sinuiju bridge


def project(code, lon=SITE[0], lat=SITE[1]):
    return Transformer.from_crs("EPSG:4326", code, always_xy=True).transform(lon, lat)


def layer(*positions, crs_member=None, polygon=False):
    features = []
    for n, pos in enumerate(positions):
        geom = {"type": "Point", "coordinates": list(pos)}
        if polygon:
            x, y = pos
            geom = {"type": "Polygon", "coordinates": [[[x, y], [x + 100, y], [x + 100, y + 100], [x, y]]]}
        features.append({"type": "Feature", "id": f"s{n}", "geometry": geom, "properties": {}})
    doc = {"type": "FeatureCollection", "name": "crossings", "features": features}
    if crs_member is not None:
        doc["crs"] = crs_member
    return doc


def close(a, b, metres=0.05):
    return chinese_offsets.distance_m(a[0], a[1], b[0], b[1]) < metres


@pytest.mark.parametrize(
    "member, code",
    [
        ({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}, "EPSG:3857"),
        ({"type": "name", "properties": {"name": "EPSG:3857"}}, "EPSG:3857"),
        ({"type": "name", "properties": {"name": "EPSG:900913"}}, "EPSG:900913"),
        ({"type": "EPSG", "properties": {"code": 32651}}, "EPSG:32651"),
        ({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG:6.3:32652"}}, "EPSG:32652"),
        ({"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}, "OGC:CRS84"),
        ({"type": "link", "properties": {"href": "x"}}, None),
        ("nonsense", None),
    ],
)
def test_code_of(member, code):
    assert crs.code_of(member) == code


@pytest.mark.parametrize("code", ["EPSG:3857", "EPSG:32651", "EPSG:32652", "EPSG:4490"])
def test_crs_member_is_reprojected_and_said(code):
    x, y = project(code)
    doc = layer(
        (x, y), crs_member={"type": "name", "properties": {"name": f"urn:ogc:def:crs:{code.replace(':', '::')}"}}
    )
    out, problems = crs.normalise_layer(doc, "up.geojson")
    assert "crs" not in out and "crs" in doc  # the input is not modified
    assert close(out["features"][0]["geometry"]["coordinates"], SITE)
    assert len(problems) == 1 and not problems[0].is_error
    assert code in problems[0].message and "reprojected to WGS-84" in problems[0].message
    assert problems[0].place == "top level crs"


def test_polygon_rings_are_reprojected():
    x, y = project("EPSG:3857")
    out, problems = crs.normalise_layer(layer((x, y), polygon=True, crs_member="EPSG:3857"), "p")
    ring = out["features"][0]["geometry"]["coordinates"][0]
    assert close(ring[0], SITE) and ring[0] == ring[-1] and "4 position(s)" in problems[0].message


def test_wgs84_member_is_dropped_with_a_warning():
    out, problems = crs.normalise_layer(
        layer(SITE, crs_member={"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}), "p"
    )
    assert "crs" not in out and out["features"][0]["geometry"]["coordinates"] == list(SITE)
    assert [p.is_error for p in problems] == [False] and "dropped" in problems[0].message


def test_unsupported_crs_is_an_error_naming_the_accepted_ones():
    _, problems = crs.normalise_layer(layer((500000, 4400000), crs_member="EPSG:2000"), "p")
    assert (
        problems[0].is_error
        and "EPSG:2000 is not supported" in problems[0].message
        and "EPSG:32651" in problems[0].message
    )
    _, problems = crs.normalise_layer(layer(SITE, crs_member={"type": "link"}), "p")
    assert problems[0].is_error and "not supported" in problems[0].message


def test_chosen_system_for_a_file_without_crs():
    x, y = project("EPSG:32651")
    out, problems = crs.normalise_layer(layer((x, y)), "p", source="EPSG:32651")
    assert close(out["features"][0]["geometry"]["coordinates"], SITE)
    assert "as you chose" in problems[0].message


def test_chosen_system_must_match_the_declared_one():
    _, problems = crs.normalise_layer(layer((1, 2), crs_member="EPSG:3857"), "p", source="EPSG:32651")
    assert problems[0].is_error and "declares EPSG:3857" in problems[0].message
    _, problems = crs.normalise_layer(layer((1, 2)), "p", source="EPSG:1")
    assert problems[0].is_error


def test_unlabelled_metres_are_explained_with_a_guess():
    x, y = project("EPSG:3857")
    out, problems = crs.normalise_layer(layer((x, y)), "p")
    assert out["features"][0]["geometry"]["coordinates"] == [x, y]  # nothing is guessed silently
    assert problems[0].is_error and "projected metres" in problems[0].message and "EPSG:3857" in problems[0].message


def test_gcj02_and_bd09_conversion():
    gcj = chinese_offsets.wgs84_to_gcj02(*SITE)
    out, problems = crs.normalise_layer(layer(gcj), "p", source="GCJ-02")
    assert close(out["features"][0]["geometry"]["coordinates"], SITE, 0.01)
    assert any("GCJ-02" in p.message for p in problems) and all(not p.is_error for p in problems)
    assert any("largest shift" in p.message and " m " in p.message for p in problems)
    bd = chinese_offsets.wgs84_to_bd09(*SITE)
    out, _ = crs.normalise_layer(layer(bd), "p", source="BD-09")
    assert close(out["features"][0]["geometry"]["coordinates"], SITE, 0.01)


@pytest.mark.parametrize("code", ["EPSG:3857", "EPSG:32651"])
def test_positions_that_cannot_be_projected(code):
    out, problems = crs.normalise_layer(layer((1e30, 1e30), crs_member=code), "p")
    assert any(
        p.is_error and "cannot be converted" in p.message and p.place.startswith("feature 0 (s0)") for p in problems
    )
    assert out["features"][0]["geometry"]["coordinates"] == [1e30, 1e30]  # left as they were, never inf


def test_plain_wgs84_is_untouched():
    doc = layer(VALID_POINT)
    out, problems = crs.normalise_layer(doc, "p")
    assert out == doc and problems == []
    assert crs.normalise_layer([1, 2], "p") == ([1, 2], [])


def test_malformed_geometries_do_not_crash():
    doc = layer(SITE, crs_member="EPSG:3857")
    doc["features"] += [None, {"geometry": "x"}, {"geometry": {"coordinates": [["a", "b"], [True, 1]]}}]
    out, problems = crs.normalise_layer(doc, "p")
    assert len(out["features"]) == 4 and not any(p.is_error for p in problems)
