"""Every kind of bad input through the upload path: a clear problem naming file, feature or row and
field; nothing written; no exception. Good files come back in canonical form."""

import json

import pytest

from geo.editing import canonical
from geo.editing.upload import check_files, check_text, check_upload, detect_part
from geo.readers import MAX_JSON_BYTES
from pyproj import Transformer
from tests.common import (
    BOWTIE_POLYGON,
    HOSTILE_NAME,
    SWAPPED_POINT,
    UNCLOSED_POLYGON,
    XSS_PAYLOADS,
    hostile_copy,
    load_layer,
    read_rows,
    write_rows,
)


def snapshot(root):
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def root(data_dir):
    before = snapshot(data_dir)
    yield data_dir
    assert snapshot(data_dir) == before, "checking a candidate must never write to the data directory"


def layer_bytes(doc) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def crossings(root, **feature0):
    doc = load_layer(root, "crossings")
    for key, value in feature0.items():
        if key in ("geometry", "id"):
            doc["features"][0][key] = value
        else:
            doc["features"][0]["properties"][key] = value
    return doc


def upload(root, raw, name="crossings.geojson", part="crossings", **kw):
    return check_upload(root, raw, name, part, **kw)


def messages(cand):
    return [f"{p.place}: {p.message}" for p in cand.problems]


def test_valid_upload_is_ok_and_canonical(root):
    raw = layer_bytes(load_layer(root, "crossings"))
    cand = upload(root, raw)
    assert cand.ok and cand.problems == []
    assert cand.text == (root / "sites" / "crossings.geojson").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "raw, fragment",
    [
        (b"{not json", "malformed JSON"),
        (b'{"type": "FeatureCollection", "features": [}', "malformed JSON"),
        ('{"type": "FeatureCollection"}'.encode("utf-16"), "UTF-16"),
        ('{"type": "FeatureCollection"}'.encode("utf-16-le"), "NUL bytes"),
        ('{"type": "FeatureCollection"}'.encode("utf-32"), "UTF-32"),
        (b"\xff\xfe\xfa not utf8", "UTF-16"),
        (b"caf\xe9", "not valid UTF-8"),
        (b"", "empty"),
        (b"   \n\t", "empty"),
        (b'{"a": ' * 40 + b"1" + b"}" * 40, "nested too deeply"),
        (b"[" * 5000 + b"]" * 5000, "nested too deeply"),
        (b'{"type": "FeatureCollection", "features": [], "x": NaN}', "NaN is not allowed"),
        (b'{"type": "FeatureCollection", "features": [], "x": Infinity}', "Infinity is not allowed"),
        (b'{"type": "FeatureCollection", "features": [], "x": 1e999}', "too large to be finite"),
    ],
)
def test_unreadable_files(root, raw, fragment):
    cand = upload(root, raw)
    assert not cand.ok and cand.text is None
    assert len(cand.problems) == 1 and cand.problems[0].path == "crossings.geojson"
    assert fragment in cand.problems[0].message, messages(cand)


def test_size_limit_is_stated(root):
    cand = upload(root, b" " * (MAX_JSON_BYTES + 1))
    assert not cand.ok and f"the limit is {MAX_JSON_BYTES:,} bytes" in cand.problems[0].message


def test_utf8_bom_is_accepted_and_dropped(root):
    cand = upload(root, b"\xef\xbb\xbf" + layer_bytes(load_layer(root, "crossings")))
    assert cand.ok and not cand.text.startswith("\ufeff")


@pytest.mark.parametrize(
    "doc, fragment",
    [
        ({"a": 1}, "not a GeoJSON FeatureCollection (found None)"),
        ([1, 2], "not a GeoJSON FeatureCollection (found 'list')"),
        ({"type": "Feature", "geometry": None, "properties": {}}, "found 'Feature'"),
        ("just a string", "not a GeoJSON FeatureCollection"),
    ],
)
def test_not_geojson(root, doc, fragment):
    cand = upload(root, json.dumps(doc).encode())
    assert not cand.ok and any(fragment in p.message for p in cand.problems), messages(cand)
    assert all(p.path == "crossings.geojson" for p in cand.problems)


@pytest.mark.parametrize(
    "geometry, place, fragment",
    [
        ({"type": "LineString", "coordinates": [[124, 40], [125, 41]]}, "geometry", "not supported"),
        ({"type": "MultiPoint", "coordinates": [[124, 40]]}, "geometry", "not supported"),
        ({"type": "Point", "coordinates": [124.39, 40.11, 12.0]}, "geometry", "3-D"),
        ({"type": "Point", "coordinates": SWAPPED_POINT}, "geometry", "swapped"),
        ({"type": "Point", "coordinates": [190.0, 95.0]}, "geometry", "out of range"),
        (UNCLOSED_POLYGON, "geometry", "not closed"),
        (BOWTIE_POLYGON, "geometry", "Self-intersection"),
    ],
)
def test_bad_geometries_are_named(root, geometry, place, fragment):
    cand = upload(root, layer_bytes(crossings(root, geometry=geometry)))
    hits = [p for p in cand.problems if fragment in p.message]
    assert not cand.ok and hits, messages(cand)
    assert hits[0].path == "crossings.geojson" and hits[0].place.startswith(f"feature 0 (dandong-sinuiju) {place}")


def test_far_away_point_is_only_a_warning(root):
    cand = upload(root, layer_bytes(crossings(root, geometry={"type": "Point", "coordinates": [-0.1276, 51.5072]})))
    assert cand.ok and any("far outside" in p.message and not p.is_error for p in cand.problems)


def test_duplicate_ids_within_the_file_and_across_layers(root):
    doc = load_layer(root, "crossings")
    doc["features"][1]["id"] = doc["features"][0]["id"]
    cand = upload(root, layer_bytes(doc))
    assert any(p.place == "feature 1 (dandong-sinuiju) id" and "duplicate site id" in p.message for p in cand.problems)
    doc = load_layer(root, "crossings")
    doc["features"][1]["id"] = "shenyang"  # a china-detention site
    cand = upload(root, layer_bytes(doc))
    assert not cand.ok and any("duplicate site id" in p.message for p in cand.problems), messages(cand)


def test_removing_a_site_that_events_use_is_reported_in_events(root):
    doc = load_layer(root, "crossings")
    doc["features"] = doc["features"][1:]  # drop dandong-sinuiju
    cand = upload(root, layer_bytes(doc))
    assert not cand.ok
    caused = [p for p in cand.problems if p.path.endswith("events.csv")]
    assert caused and all("dandong-sinuiju" in p.message and "does not exist" in p.message for p in caused)
    assert caused[0].place.startswith("row 2 (2021-07-14-dandong-return) column crossing")


def test_old_problems_elsewhere_do_not_block(root, tmp_path):
    # a problem already in events.csv is not the upload's fault
    rows = read_rows(root / "events.csv")
    broken = tmp_path / "copy"
    import shutil

    shutil.copytree(root, broken)
    rows[0]["date"] = "2023-13-45"
    write_rows(broken / "events.csv", rows)
    cand = upload(broken, (broken / "sites" / "crossings.geojson").read_bytes())
    assert cand.ok, messages(cand)


def table_csv(root, table, **changes):
    """The bytes of `table`.csv with its first row changed, as an editor would upload them."""
    rows = read_rows(root / f"{table}.csv")
    rows[0].update({k: str(v) for k, v in changes.items()})
    path = root.parent / f"upload-{table}.csv"
    write_rows(path, rows)
    data = path.read_bytes()
    path.unlink()
    return data


def claims_csv(root, **changes):
    return table_csv(root, "claims", **changes)


@pytest.mark.parametrize(
    "changes, column, fragment",
    [
        ({"people": -5}, "people", "below the minimum 0"),
        ({"qualifier": "range", "people": 90, "people_to": 50}, "people_to", "people_to 50 must be above people 90"),
        ({"people": "lots"}, "people", "is not a whole number"),
        ({"source": "nope"}, "source", "source 'nope' is not in sources.csv"),
        ({"event": "ghost"}, "event", "event 'ghost' is not in events.csv"),
    ],
)
def test_bad_claim_rows_are_named(root, changes, column, fragment):
    cand = upload(root, claims_csv(root, **changes), "claims.csv", "claims")
    hits = [p for p in cand.problems if fragment in p.message]
    assert not cand.ok and hits, messages(cand)
    assert hits[0].path == "claims.csv" and hits[0].place.endswith(f"column {column}")


def events_csv(root, **changes):
    return table_csv(root, "events", **changes)


@pytest.mark.parametrize(
    "changes, column, fragment",
    [
        ({"date": "2023-13-45"}, "date", "not a real calendar date"),
        ({"date": "2023-02-30"}, "date", "not a real calendar date"),
        ({"date": "yesterday"}, "date", "is not a date written YYYY-MM-DD"),
        ({"origin": "mukden"}, "origin", "site 'mukden' does not exist"),
        ({"crossing": "shenyang"}, "crossing", "is not a border crossing"),
        ({"part_of": "ghost"}, "part_of", "event 'ghost' does not exist"),
        ({"id": "2023-10-09-tumen"}, "id", "duplicate id"),
    ],
)
def test_bad_event_rows_are_named(root, changes, column, fragment):
    raw = events_csv(root, **changes)
    cand = upload(root, raw, "events.csv", "events")
    hits = [p for p in cand.problems if fragment in p.message]
    assert not cand.ok and hits, messages(cand)
    assert hits[0].path == "events.csv" and hits[0].place.endswith(f"column {column}")
    assert hits[0].place.startswith("row ")


def test_csv_bom_and_crlf_are_fine_and_saved_canonical(root):
    text = (root / "events.csv").read_text(encoding="utf-8")
    cand = upload(root, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(), "events.csv", "events")
    assert cand.ok and cand.text == text


def test_ragged_csv(root):
    text = (root / "sources.csv").read_text(encoding="utf-8") + "x,y\n"
    cand = upload(root, text.encode(), "sources.csv", "sources")
    assert not cand.ok and cand.problems and all(p.path == "sources.csv" for p in cand.problems)


def test_html_in_text_fields_is_kept_and_warned(root):
    cand = upload(root, layer_bytes(crossings(root, notes=XSS_PAYLOADS[0], name_en="Bridge <b>bold</b>")))
    assert cand.ok  # a warning, not an error: the text is stored as typed and always rendered escaped
    places = {p.place for p in cand.problems if "HTML markup" in p.message}
    assert places == {"feature 0 (dandong-sinuiju) properties.notes", "feature 0 (dandong-sinuiju) properties.name_en"}
    assert XSS_PAYLOADS[0] in json.loads(cand.text)["features"][0]["properties"]["notes"]
    raw = events_csv(root, summary="<img src=x onerror=alert(1)> returned")
    cand = upload(root, raw, "events.csv", "events")
    assert cand.ok and [p.place for p in cand.problems] == ["row 2 (2021-07-14-dandong-return) column summary"]


def test_hostile_fixture_files_upload_as_text(root, tmp_path):
    hostile = hostile_copy(tmp_path / "hostile")
    for part, rel in [
        ("crossings", "sites/crossings.geojson"),
        ("china-detention", "sites/china-detention.geojson"),
        ("events", "events.csv"),
        ("sources", "sources.csv"),
    ]:
        raw = (hostile / rel).read_bytes()
        cand = upload(root, raw, rel.split("/")[-1], part)
        assert not cand.errors, messages(cand)
        assert cand.warnings and all("HTML markup" in p.message for p in cand.warnings)
        assert HOSTILE_NAME in cand.text or XSS_PAYLOADS[0] in cand.text
        assert len(cand.warnings) <= 21


def test_reprojected_upload_is_valid_with_a_warning(root):
    doc = load_layer(root, "crossings")
    to_merc = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    for f in doc["features"]:
        f["geometry"]["coordinates"] = list(to_merc.transform(*f["geometry"]["coordinates"]))
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}
    cand = upload(root, layer_bytes(doc))
    assert cand.ok, messages(cand)
    assert [p.is_error for p in cand.problems] == [False] and "EPSG:3857" in cand.problems[0].message
    assert cand.text == (root / "sites" / "crossings.geojson").read_text(
        encoding="utf-8"
    )  # back to the same 6 decimals
    del doc["crs"]
    cand = upload(root, layer_bytes(doc))
    assert not cand.ok and any("projected metres" in p.message for p in cand.problems)
    assert upload(root, layer_bytes(doc), source_crs="EPSG:3857").ok


def test_check_text_and_cli_path_agree(root, tmp_path):
    doc = crossings(root, kind="castle")
    raw = layer_bytes(doc)
    path = tmp_path / "crossings.geojson"
    path.write_bytes(raw)
    from_cli = check_files(root, {"crossings": path})
    from_upload = upload(root, raw, str(path)).problems
    assert from_cli == from_upload and any("'castle' is not allowed; use one of: " in p.message for p in from_cli)
    text_cand = check_text(root, "crossings", canonical.dump_layer(doc))
    assert [p.message for p in text_cand.problems] == [p.message for p in from_upload]
    assert text_cand.problems[0].path == "sites/crossings.geojson"


def test_cli_path_reports_unreadable_files(root, tmp_path):
    path = tmp_path / "crossings.geojson"
    path.write_bytes(b"\xff\xfe{\x00}\x00")
    problems = check_files(root, {"crossings": path})
    assert len(problems) == 1 and problems[0].path == str(path) and "UTF-16" in problems[0].message


@pytest.mark.parametrize(
    "name, raw, part",
    [
        (
            "anything.geojson",
            b'{"type": "FeatureCollection", "name": "nk-facilities", "features": []}',
            "nk-facilities",
        ),
        ("crossings.geojson", b"{}", "crossings"),
        ("mystery.json", b"{}", None),
        ("my-events.csv", b"id,date\n", "events"),
        ("sources (2).csv", b"id\n", "sources"),
        ("upload.csv", b"id,publisher,title\n", "sources"),
        ("upload.csv", b"id,date,kind\n", "events"),
        ("statistics.csv", b"id\n", "statistics"),
        ("upload.csv", b"id,measure,period_start\n", "statistics"),
        ("notes.txt", b"x", None),
    ],
)
def test_detect_part(name, raw, part):
    assert detect_part(name, raw) == part


def test_no_temporary_files_are_left(root, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    upload(root, layer_bytes(load_layer(root, "crossings")))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("geo-candidate-")]


def test_markdown_formulas_and_invisible_characters_are_warned_about(root):
    doc = crossings(
        root, name_en="Dandong ![t](http://127.0.0.2/p.png)", notes='=HYPERLINK("http://x","y")', name_ko="단동\u202e"
    )
    cand = upload(root, layer_bytes(doc))
    assert cand.ok, messages(cand)  # warnings only: the text is kept as typed and shown as text
    text = "\n".join(messages(cand))
    assert "properties.name_en: contains Markdown link or image syntax" in text
    assert "properties.notes: starts with '=', which spreadsheets read as a formula" in text
    assert "properties.name_ko: contains a bidirectional control (U+202E)" in text
    rows = read_rows(root / "sources.csv")
    rows[0]["publisher"] = "@SUM(A1)"
    buf = __import__("io").StringIO()
    write = __import__("csv").DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    write.writeheader()
    write.writerows(rows)
    cand = check_text(root, "sources", buf.getvalue())
    assert any("column publisher" in p.place and "formula" in p.message for p in cand.warnings), messages(cand)
