"""Data files as editor tables and back: exact round trips, typed values kept for validation."""

import pandas as pd

from geo.editing import canonical, records
from geo.editing.upload import check_text
from tests.common import FIXTURE_DATA


def text(part):
    name = f"sites/{part}.geojson" if part not in ("events", "sources", "claims") else f"{part}.csv"
    return (FIXTURE_DATA / name).read_text(encoding="utf-8")


def test_tables_round_trip():
    for table in ("events", "sources", "claims"):
        frame = records.table_frame(text(table), table)
        assert records.frame_text(frame, table) == text(table)
    frame = records.table_frame(text("events"), "events")
    assert frame["sensitive"].tolist()[-1] is True
    claims = records.table_frame(text("claims"), "claims")
    assert claims["people"].tolist()[0] == 50 and claims["qualifier"].tolist()[0] == "about"


def test_layers_round_trip_including_polygons():
    for layer in ("crossings", "china-detention", "nk-facilities"):
        doc = records.layer_doc(text(layer))
        assert records.frame_layer_text(doc, records.site_frame(doc)) == text(layer)
    doc = {
        "type": "FeatureCollection",
        "name": "china-detention",
        "features": [
            {
                "type": "Feature",
                "id": "p",
                "geometry": {"type": "Polygon", "coordinates": [[[124, 40], [125, 40], [125, 41], [124, 40]]]},
                "properties": {"name_en": "P", "sources": ["a"], "sensitive": True},
            }
        ],
    }
    frame = records.site_frame(doc)
    assert frame.at[0, "lon"] is None or pd.isna(frame.at[0, "lon"])
    frame.at[0, "name_en"] = "Q"
    out = records.layer_doc(records.frame_layer_text(doc, frame))
    assert out["features"][0]["geometry"]["type"] == "Polygon" and out["features"][0]["properties"]["name_en"] == "Q"


def test_edits_added_and_deleted_rows():
    frame = records.table_frame(text("events"), "events").astype(object)
    frame.loc[len(frame)] = {**frame.iloc[0].to_dict(), "id": "2021-07-15-new", "summary_ko": "새 사건"}
    frame.loc[len(frame)] = {c: None for c in frame.columns}  # a blank row the editor left: dropped
    frame = frame.drop(index=1)
    out = records.frame_text(frame, "events")
    lines = out.splitlines()
    assert len(lines) == 1 + 5 and lines[-1].startswith("2021-07-15-new,") and ",새 사건," in lines[-1]
    assert not any(line.startswith("2023-10-09-mass-return,") for line in lines)


def test_bad_values_are_kept_for_validation(data_dir):
    doc = records.layer_doc(text("crossings"))
    frame = records.site_frame(doc)
    frame = frame.astype(object)
    frame.at[0, "lon"] = "abc"
    frame.at[1, "uncertainty_m"] = "wide"
    out = records.frame_layer_text(doc, frame)
    cand = check_text(data_dir, "crossings", out)
    assert not cand.ok
    assert any(p.place.startswith("feature 0 (dandong-sinuiju) geometry") for p in cand.problems)
    assert any(p.place == "feature 1 (tumen-namyang) properties.uncertainty_m" for p in cand.problems)


def test_site_feature_from_the_form():
    feature = records.site_feature(
        {
            "id": "new",
            "lon": 124.1234567,
            "lat": 40.5,
            "name_en": "N",
            "name_ko": "엔",
            "name_zh": "",
            "kind": "detention-centre",
            "country": "CN",
            "precision": "town",
            "uncertainty_m": 5000.0,
            "side_cn": "",
            "side_kp": "",
            "sources": ["a", "b"],
            "notes": "",
            "sensitive": True,
        }
    )
    assert feature["geometry"] == {"type": "Point", "coordinates": [124.1234567, 40.5]}
    props = feature["properties"]
    assert props["name_zh"] is None and props["uncertainty_m"] == 5000 and "sides" not in props
    assert props["sources"] == ["a", "b"] and props["sensitive"] is True
    out = records.add_feature_text(text("crossings"), "crossings", feature)
    assert '"coordinates": [124.123457, 40.5]' in out and out == canonical.layer_text(out)
    assert records.layer_doc(records.add_feature_text(None, "nk-facilities", feature))["name"] == "nk-facilities"


def test_source_ids():
    assert records.source_ids(text("sources")) == ["newsweek-2023-12", "rfa-2021-07-20", "wikinews-2021-07-26"]
    assert records.source_ids(None) == [] and records.source_ids("\n") == []


def test_usual_values_fit_each_layer():
    from geo.editing.store import Store

    store = Store(FIXTURE_DATA)
    crossings = records.usual_values(store.read("crossings")[0])
    assert crossings["kind"] == "border-crossing" and crossings["country"] == "CN-KP"
    assert records.usual_values(store.read("nk-facilities")[0])["country"] == "KP"
    china = records.usual_values(store.read("china-detention")[0])
    assert china["country"] == "CN" and (china["uncertainty_m"] > 0 or china["precision"] == "facility")
    assert records.usual_values(None) == {} and records.usual_values("not json") == {}


def test_a_site_id_is_kept_exactly_as_typed():
    feature = records.site_feature({"id": "dandong-bridge ", "lon": 124.4, "lat": 40.1})
    assert feature["id"] == "dandong-bridge "  # validation reports the space; nothing mends it silently
