import pytest

from geo.dataset import check
from tests.common import (
    BOWTIE_POLYGON,
    FAR_AWAY_POINT,
    OUT_OF_RANGE_POINT,
    SWAPPED_POINT,
    UNCLOSED_POLYGON,
    edit_feature,
    load_layer,
    save_layer,
)


def problems_for(root, **edit):
    layer = edit.pop("layer", "crossings")
    index = edit.pop("index", 0)
    path = edit_feature(root, layer, index, **edit)
    report = check(root)
    return [p for p in report.problems if p.path == str(path)], report


def test_fixture_layers_are_valid(fixture_data):
    report = check(fixture_data)
    assert report.problems == []
    assert set(report.dataset.sites["layer"]) == {"crossings", "china-detention", "nk-facilities"}


def test_swapped_lat_lon_is_named(data_dir):
    probs, report = problems_for(data_dir, geometry={"type": "Point", "coordinates": SWAPPED_POINT})
    assert report.dataset is None
    assert any("swapped" in p.message and p.place.startswith("feature 0 (dandong-sinuiju) geometry") for p in probs)


def test_out_of_range_coordinates(data_dir):
    probs, _ = problems_for(data_dir, geometry={"type": "Point", "coordinates": OUT_OF_RANGE_POINT})
    assert any("geometry" in p.place and "190" in p.message for p in probs)


def test_far_away_point_is_a_warning_not_an_error(data_dir):
    probs, report = problems_for(data_dir, geometry={"type": "Point", "coordinates": FAR_AWAY_POINT})
    assert probs and all(not p.is_error for p in probs)
    assert "far outside" in probs[0].message
    assert report.dataset is not None


def test_self_intersecting_polygon(data_dir):
    probs, _ = problems_for(data_dir, layer="china-detention", index=2, geometry=BOWTIE_POLYGON)
    assert any("Self-intersection" in p.message for p in probs)


def test_unclosed_ring(data_dir):
    probs, _ = problems_for(data_dir, layer="china-detention", index=2, geometry=UNCLOSED_POLYGON)
    assert any("not closed" in p.message for p in probs)


@pytest.mark.parametrize(
    "geometry, fragment",
    [
        ({"type": "LineString", "coordinates": [[124, 40], [125, 41]]}, "not supported"),
        ({"type": "Point", "coordinates": [124.0, 40.0, 12.0]}, "3-D"),
        ({"type": "Point", "coordinates": ["124", "40"]}, "malformed"),
        (None, "geometry"),
    ],
)
def test_unsupported_or_malformed_geometry(data_dir, geometry, fragment):
    probs, _ = problems_for(data_dir, geometry=geometry)
    assert any(fragment in p.message or fragment in p.place for p in probs), probs


def test_missing_required_property_and_unknown_property(data_dir):
    doc = load_layer(data_dir, "crossings")
    del doc["features"][0]["properties"]["kind"]
    doc["features"][1]["properties"]["colour"] = "red"
    path = save_layer(data_dir, "crossings", doc)
    probs = [p for p in check(data_dir).problems if p.path == str(path)]
    assert any("the field 'kind' is missing" in p.message and p.place.startswith("feature 0") for p in probs)
    assert any(
        "unknown field" in p.message and "colour" in p.message and p.place.startswith("feature 1") for p in probs
    )


def test_crossing_must_name_both_sides(data_dir):
    doc = load_layer(data_dir, "crossings")
    del doc["features"][0]["properties"]["sides"]
    save_layer(data_dir, "crossings", doc)
    assert any("sides" in p.message for p in check(data_dir).problems)


def test_approximate_site_needs_radius(data_dir):
    probs, _ = problems_for(data_dir, layer="china-detention", index=0, uncertainty_m=0)
    assert any("uncertainty_m" in p.place for p in probs)


def test_duplicate_site_ids_across_layers(data_dir):
    edit_feature(data_dir, "nk-facilities", 0, id="shenyang")
    probs = check(data_dir).problems
    assert any("duplicate site id" in p.message and "shenyang" in p.place for p in probs)


def test_unknown_source_on_site(data_dir):
    probs, _ = problems_for(data_dir, sources=["no-such-source"])
    assert any("no-such-source" in p.message and p.place.endswith("properties.sources") for p in probs)


def test_site_needs_a_source(data_dir):
    probs, _ = problems_for(data_dir, sources=[])
    assert any("properties.sources" in p.place for p in probs)


def test_legacy_crs_member_is_refused(data_dir):
    doc = load_layer(data_dir, "crossings")
    doc["crs"] = {"type": "name", "properties": {"name": "EPSG:3857"}}
    path = save_layer(data_dir, "crossings", doc)
    assert any(p.path == str(path) and "crs" in p.message for p in check(data_dir).problems)


def test_not_a_feature_collection(data_dir):
    path = data_dir / "sites" / "crossings.geojson"
    path.write_text('{"type": "Feature"}', encoding="utf-8")
    probs = [p for p in check(data_dir).problems if p.path == str(path)]
    assert probs and "not a GeoJSON FeatureCollection" in probs[0].message


def test_script_tags_in_names_are_data_not_errors(data_dir):
    probs, report = problems_for(data_dir, name_en="<script>alert(1)</script>")
    assert probs == [] and report.dataset is not None
    assert report.dataset.sites.at["dandong-sinuiju", "name_en"] == "<script>alert(1)</script>"


def test_schema_messages_are_plain_words_with_allowed_values_and_short_values(data_dir):
    doc = load_layer(data_dir, "crossings")
    doc["features"][0]["properties"]["kind"] = "castle " * 1000
    doc["features"][1]["properties"]["sensitive"] = "no"
    path = save_layer(data_dir, "crossings", doc)
    probs = [p for p in check(data_dir).problems if p.path == str(path)]
    kind = next(p for p in probs if p.place.endswith("properties.kind"))
    assert "is not allowed; use one of: border-crossing" in kind.message and len(kind.message) < 400
    assert any(p.place.endswith("properties.sensitive") and "is not true or false" in p.message for p in probs)
