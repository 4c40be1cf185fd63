import json

import pytest

from geo.errors import DataFileError
from geo.readers import MAX_JSON_DEPTH, decode_text, parse_json_text, read_bytes, read_json


def test_utf8_bom_is_dropped():
    assert decode_text("\ufeff{}".encode("utf-8"), "f.json") == "{}"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_are_refused_with_advice(encoding):
    with pytest.raises(DataFileError, match="save it as UTF-8"):
        decode_text('{"a": 1}'.encode(encoding), "f.json")


def test_latin1_is_refused_with_line():
    with pytest.raises(DataFileError, match=r"not valid UTF-8 .*line 2"):
        decode_text(b"ok\n\xe9t\xe9", "f.csv")


def test_empty_file():
    with pytest.raises(DataFileError, match="empty"):
        decode_text(b"  \n", "f.json")


@pytest.mark.parametrize("text", ['{"a": NaN}', '{"a": Infinity}', '{"a": -Infinity}', '{"a": 1e999}'])
def test_non_finite_numbers_are_refused(text):
    with pytest.raises(DataFileError):
        parse_json_text(text, "f.json")


def test_malformed_json_names_line_and_column():
    with pytest.raises(DataFileError) as info:
        parse_json_text('{\n "a": 1,\n}', "f.json")
    assert info.value.place.startswith("line 3")
    assert str(info.value).startswith("f.json:line 3")


def test_deep_nesting_is_refused_without_recursion_error():
    deep = "[" * 100000 + "]" * 100000
    with pytest.raises(DataFileError, match="nested too deeply"):
        parse_json_text(deep, "f.json")
    moderate = json.dumps(json.loads("[" * (MAX_JSON_DEPTH + 2) + "]" * (MAX_JSON_DEPTH + 2)))
    with pytest.raises(DataFileError, match="nested too deeply"):
        parse_json_text(moderate, "f.json")


def test_size_limit(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 101)
    with pytest.raises(DataFileError, match="limit is 100 bytes"):
        read_bytes(path, 100)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DataFileError, match="not found"):
        read_json(tmp_path / "nope.json")
    with pytest.raises(DataFileError, match="directory"):
        read_json(tmp_path)
