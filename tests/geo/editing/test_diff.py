"""Diffs by id and field, for layers and tables; positions of changed sites; text diffs."""

import json

from geo.editing import canonical, diff
from tests.common import load_layer, read_rows, write_rows


def layer_texts(root):
    doc = load_layer(root, "crossings")
    return doc, canonical.dump_layer(doc)


def test_identical_is_empty(data_dir):
    _, text = layer_texts(data_dir)
    assert diff.diff("crossings", text, text) == []


def test_layer_added_changed_removed(data_dir):
    doc, old = layer_texts(data_dir)
    new_doc = json.loads(old)
    new_doc["features"][0]["properties"]["name_en"] = "Renamed"
    new_doc["features"][0]["properties"]["sides"]["kp"] = "Sinuiju city"
    new_doc["features"][0]["geometry"]["coordinates"] = [124.4, 40.12]
    removed = new_doc["features"].pop(1)
    added = json.loads(json.dumps(removed))
    added["id"] = "new-site"
    new_doc["features"].append(added)
    changes = diff.diff("crossings", old, canonical.dump_layer(new_doc))
    by = {(c.change, c.id, c.field): c for c in changes}
    assert by[("changed", "dandong-sinuiju", "name_en")].new == "Renamed"
    assert by[("changed", "dandong-sinuiju", "sides.kp")].old == "Sinuiju"
    assert by[("changed", "dandong-sinuiju", "geometry")].new == "Point [124.4, 40.12]"
    assert by[("removed", "tumen-namyang", "")].old == removed["properties"]["name_en"]
    assert by[("added", "new-site", "")].new == added["properties"]["name_en"]
    assert diff.counts(changes) == {"added": 1, "changed": 1, "removed": 1}
    rows = diff.as_rows(changes)
    assert set(rows[0]) == {"change", "id", "field", "old", "new"}


def test_rounding_below_six_decimals_is_not_a_change(data_dir):
    doc, old = layer_texts(data_dir)
    doc["features"][0]["geometry"]["coordinates"][0] += 1e-9
    assert diff.diff("crossings", old, json.dumps(doc)) == []


def test_new_file_and_unreadable_versions(data_dir):
    _, text = layer_texts(data_dir)
    assert {c.change for c in diff.diff("crossings", None, text)} == {"added"}
    assert {c.change for c in diff.diff("crossings", text, "{broken")} == {"removed"}


def test_records_without_ids_are_matched_by_position(data_dir):
    doc, old = layer_texts(data_dir)
    doc["features"][1]["id"] = None
    changes = diff.diff("crossings", old, canonical.dump_layer(doc))
    assert {(c.change, c.id) for c in changes} == {("removed", "tumen-namyang"), ("added", "feature 1")}


def test_table_diff(data_dir):
    old = (data_dir / "events.csv").read_text(encoding="utf-8")
    rows = read_rows(data_dir / "events.csv")
    rows[0]["confidence"] = "single-source"
    rows[0]["sensitive"] = "true"
    gone = rows.pop(1)
    rows.append({**gone, "id": "2023-10-10-new", "summary": "A new event."})
    write_rows(data_dir / "events.csv", rows)
    changes = diff.diff("events", old, (data_dir / "events.csv").read_text(encoding="utf-8"))
    fields = {(c.change, c.id, c.field, c.old, c.new) for c in changes}
    assert ("changed", "2021-07-14-dandong-return", "confidence", "corroborated", "single-source") in fields
    assert ("changed", "2021-07-14-dandong-return", "sensitive", "false", "true") in fields
    assert ("removed", gone["id"], "", gone["summary"], None) in fields
    assert ("added", "2023-10-10-new", "", None, "A new event.") in fields


def test_site_points(data_dir):
    doc, old = layer_texts(data_dir)
    new_doc = json.loads(old)
    new_doc["features"][0]["geometry"]["coordinates"] = [124.5, 40.2]
    new_doc["features"].pop(1)
    new_doc["features"].append(
        {
            "type": "Feature",
            "id": "poly",
            "properties": {"name_en": "P"},
            "geometry": {"type": "Polygon", "coordinates": [[[124, 40], [125, 40], [125, 41], [124, 40]]]},
        }
    )
    points = {p.id: p for p in diff.site_points("crossings", old, canonical.dump_layer(new_doc))}
    assert (points["dandong-sinuiju"].change, points["dandong-sinuiju"].lon) == ("changed", 124.5)
    assert points["tumen-namyang"].change == "removed" and points["tumen-namyang"].lon == 129.85083
    assert points["poly"].change == "added" and 124 < points["poly"].lon < 125
    assert diff.site_points("events", "a", "b") == []


def test_text_diff():
    out = diff.text_diff("a\nb\n", "a\nc\n", "on disk", "yours")
    assert "--- on disk" in out and "-b" in out and "+c" in out
    assert diff.text_diff("x", "x") == ""


def test_an_edit_deep_in_a_long_note_is_visible_in_the_table():
    filler = "The report describes the route in detail. " * 30
    old = filler + "About 40 people were moved to Onsong. " + filler
    new = filler + "About 60 people were moved to Onsong. " + filler
    row = diff.as_rows([diff.Change(diff.CHANGED, "ev-1", "notes", old, new)])[0]
    assert "About 40 people" in row["old"] and "About 60 people" in row["new"]
    assert row["old"].startswith("…") and row["old"].endswith("…") and len(row["new"]) < 200
    # words are never cut in half at the edges
    kept = row["old"].strip("…")
    assert kept.split()[0] in old.split() and kept.split()[-1] in old.split()


def test_changed_parts_keeps_every_change_and_short_text_whole():
    assert diff.changed_parts("a b c", "a x c") == ("a b c", "a x c")
    middle = " ".join(f"w{i}" for i in range(100)) + " "
    old, new = "START " + middle + "END", "BEGIN " + middle + "FINISH"
    cut_old, cut_new = diff.changed_parts(old, new)
    assert cut_old.startswith("START ") and cut_old.endswith("END") and "…" in cut_old
    assert cut_new.startswith("BEGIN ") and cut_new.endswith("FINISH") and len(cut_new) < len(new)


def test_long_text_changes_are_listed_for_the_full_text():
    long_old, long_new = "x " * 200, "x " * 199 + "y "
    changes = [
        diff.Change(diff.CHANGED, "a", "notes", long_old, long_new),
        diff.Change(diff.CHANGED, "b", "name_en", "A", "B"),
        diff.Change(diff.ADDED, "c", "", None, "y " * 300),
    ]
    assert [c.id for c in diff.long_text_changes(changes)] == ["a"]
    added = diff.as_rows(changes)[2]["new"]
    assert added.endswith("…") and len(added) == diff.LONG + 1
