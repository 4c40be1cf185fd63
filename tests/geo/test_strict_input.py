"""Strict input: what JSON Schema and a lenient parser would let through is refused or flagged,
with the file, feature or row, and field named, and long values cut in messages."""

import json

import pytest

from geo.dataset import check
from geo.editing.upload import check_upload
from geo.errors import DataFileError
from geo.problems import Problem
from geo.readers import parse_json_text
from tests.common import copy_data, edit_event, edit_feature, load_layer, read_rows, write_rows


def problems(root):
    return [str(p) for p in check(root).problems]


def test_duplicate_json_keys_are_an_error_naming_key_and_feature(tmp_path):
    root = copy_data(tmp_path)
    doc = load_layer(root, "crossings")
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    fid = doc["features"][1]["id"]
    text = text.replace('"sensitive": false', '"sensitive": true, "sensitive": false', 2)
    raw = text.encode("utf-8")
    cand = check_upload(root, raw, "crossings.geojson", "crossings")
    assert not cand.ok
    [err] = cand.errors
    assert err.place.startswith("feature 0") and "properties" in err.place
    assert "'sensitive' appears more than once" in err.message
    with pytest.raises(DataFileError) as exc:
        parse_json_text('{"type": "FeatureCollection", "type": "x"}', "f.geojson")
    assert exc.value.place == "top level" and "'type'" in exc.value.message
    assert fid  # the fixture has several features


def test_site_id_with_a_final_line_break_is_refused(tmp_path):
    root = copy_data(tmp_path)
    fid = load_layer(root, "crossings")["features"][0]["id"]
    edit_feature(root, "crossings", 0, id=fid + "\n")
    found = [p for p in problems(root) if "crossings.geojson" in p and "line break" in p]
    assert found and "feature 0" in found[0] and " id:" in found[0]


def test_source_id_with_a_final_line_break_in_a_layer_is_refused(tmp_path):
    root = copy_data(tmp_path)
    srcs = load_layer(root, "crossings")["features"][0]["properties"]["sources"]
    edit_feature(root, "crossings", 0, sources=[srcs[0] + "\n"])
    assert any("properties.sources" in p and "line break" in p for p in problems(root))


@pytest.mark.parametrize("digits", ["\u0663", "\uff13", "\u0969"])  # Arabic-Indic, full-width, Devanagari three
def test_counts_accept_only_ascii_digits(tmp_path, digits):
    root = copy_data(tmp_path)
    rows = read_rows(root / "claims.csv")
    rows[0]["people"] = digits
    write_rows(root / "claims.csv", rows)
    assert any("column people" in p and "not a whole number" in p for p in problems(root)), problems(root)


@pytest.mark.parametrize("name", ["\u200b", " \u3000 \u200b ", "\u202e"])
def test_names_must_hold_a_visible_character(tmp_path, name):
    root = copy_data(tmp_path)
    edit_feature(root, "crossings", 0, name_en=name)
    assert any("properties.name_en" in p and "no visible character" in p for p in problems(root)), problems(root)
    root2 = copy_data(tmp_path / "t")
    rows = read_rows(root2 / "sources.csv")
    rows[0]["publisher"] = name
    write_rows(root2 / "sources.csv", rows)
    assert any("column publisher" in p and ("no visible character" in p or "is empty" in p) for p in problems(root2))


def test_long_values_are_cut_in_messages(tmp_path):
    root = copy_data(tmp_path)
    huge = "x" * 5_000_000
    edit_event(root, 0, origin=huge, id="y" * 100_000)
    shown = problems(root)
    assert shown and max(len(p) for p in shown) < 1_000
    assert Problem("f", "p", "m" * 10_000).message.endswith("10,000 characters in all)")
