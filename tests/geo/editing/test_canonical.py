"""The canonical layout: schema key order, 6-decimal one-line positions, LF, one trailing newline,
idempotent, lossless apart from rounding, and already true of the shipped data and the fixtures."""

import json

import pytest

from geo.editing import canonical
from geo.errors import DataFileError
from geo.editing.parts import PARTS, relative_name
from geo.paths import SHIPPED_DATA
from tests.common import FIXTURE_DATA, load_layer

DATA_DIRS = [SHIPPED_DATA, FIXTURE_DATA]


def data_files(root):
    found = [(part, root / relative_name(part)) for part in PARTS]
    return [(part, path) for part, path in found if path.exists()]


@pytest.mark.parametrize("root", DATA_DIRS, ids=["data", "fixtures"])
def test_shipped_files_are_canonical(root):
    assert len(data_files(root)) >= 5
    for part, path in data_files(root):
        raw = path.read_bytes()
        assert canonical.canonical_text(part, raw.decode("utf-8")).encode("utf-8") == raw, path


def test_key_order_comes_from_the_schemas():
    orders = canonical.key_orders()
    assert orders["collection"] == ("type", "name", "title", "features")
    assert orders["feature"] == ("type", "id", "geometry", "properties")
    assert orders["geometry"] == ("type", "coordinates")
    assert orders["properties"][:3] == ("name_en", "name_ko", "name_zh") and orders["properties"][-1] == "sensitive"
    assert orders["sides"] == ("cn", "kp")


def test_layer_layout(fixture_data):
    doc = load_layer(fixture_data, "crossings")
    feature = doc["features"][0]
    # shuffle every level, add precision and an unknown key
    feature["geometry"] = {"coordinates": [124.390580123, 40.1164449999], "type": "Point"}
    feature["properties"] = dict(reversed(list(feature["properties"].items())))
    feature["properties"]["sides"] = {"kp": "Sinuiju", "cn": "Dandong"}
    shuffled = {
        "features": [dict(reversed(list(f.items()))) for f in doc["features"]],
        "extra": 1,
        "name": "crossings",
        "type": "FeatureCollection",
        "title": "t",
    }
    text = canonical.dump_layer(shuffled)
    assert text.endswith("}\n") and not text.endswith("\n\n") and "\r" not in text
    assert (
        text.index('"type"')
        < text.index('"name"')
        < text.index('"title"')
        < text.index('"features"')
        < text.index('"extra"')
    )
    assert '"coordinates": [124.39058, 40.116445]' in text
    first = text[text.index('"properties"') :]
    assert (
        first.index('"name_en"')
        < first.index('"kind"')
        < first.index('"sides"')
        < first.index('"sources"')
        < first.index('"sensitive"')
    )
    assert first.index('"cn"') < first.index('"kp"')
    assert json.loads(text)["features"][1] == doc["features"][1]  # nothing but order and rounding changes
    assert canonical.layer_text(text) == text


@pytest.mark.parametrize(
    "value, expected",
    [
        (124, "124.0"),
        (124.390580, "124.39058"),
        (-0.0000001, "0.0"),
        (1e-5, "0.00001"),
        (40.1234565, "40.123457"),
        (13847096.02507996, "13847096.02508"),
    ],
)
def test_coordinate_numbers(value, expected):
    assert canonical.coordinate(value) == expected


def test_polygon_positions_one_per_line():
    doc = {
        "type": "FeatureCollection",
        "name": "china-detention",
        "features": [
            {
                "type": "Feature",
                "id": "p",
                "geometry": {"type": "Polygon", "coordinates": [[[124, 40], [125, 40], [125, 41], [124, 40]]]},
                "properties": {},
            }
        ],
    }
    text = canonical.dump_layer(doc)
    assert "[124.0, 40.0],\n" in text and "[125.0, 41.0]," in text
    assert canonical.dump_layer(json.loads(text)) == text


def test_layer_text_is_strict():
    with pytest.raises(DataFileError):
        canonical.layer_text('{"a": NaN}')
    with pytest.raises(DataFileError):
        canonical.layer_text("{not json")


def test_table_layout():
    messy = (
        "\ufeffpublisher,id,title,author,published,url,language\r\n"
        '  Radio Free Asia ,b-id,"Title, with comma",,2021,,en\r\n'
        "\r\n"
        'Pub,a-id,"Line\r\nbreak ""quoted""",,2020,,en\r\n'
    )
    text = canonical.table_text(messy, "sources")
    assert text == (
        "id,publisher,title,author,published,url,language\n"
        'b-id,Radio Free Asia,"Title, with comma",,2021,,en\n'
        'a-id,Pub,"Line\nbreak ""quoted""",,2020,,en\n'
    )
    assert canonical.table_text(text, "sources") == text


def test_table_unknown_columns_kept_after_known():
    text = canonical.table_text(
        "extra,id,publisher,title,author,published,url,language\nx,a,p,t,,2020,,en\n", "sources"
    )
    assert text.splitlines()[0] == "id,publisher,title,author,published,url,language,extra"


@pytest.mark.parametrize(
    "text, fragment",
    [("id,publisher\na,b,c\n", "has 3 fields"), ("id,id\na,b\n", "duplicate column"), ("\n\n", "empty")],
)
def test_table_that_cannot_be_laid_out(text, fragment):
    with pytest.raises(canonical.CanonicalError, match=fragment):
        canonical.table_text(text, "sources")


def test_rows_text_uses_schema_order():
    text = canonical.rows_text(
        "sources", [{"language": "en", "id": "x", "publisher": "P", "title": "T", "published": "2020"}]
    )
    assert (
        text
        == "id,publisher,title,author,published,url,archive_url,accessed,language,role,cites\nx,P,T,,2020,,,,en,,\n"
    )
