"""Every exported image carries its text alternative (issue 13): the generated description of the
selection, in the labels' language(s), kept in the PNG (Description), SVG and PDF files."""

from __future__ import annotations

import struct
import zlib

import pytest

from geo import dataset
from geo.export import ExportOptions, alt_text, render
from geo.query import Filters, public_view
from tests.common import FIXTURE_DATA


@pytest.fixture(scope="module")
def ds():
    return public_view(dataset.check(FIXTURE_DATA).dataset)


def png_texts(data: bytes) -> dict[str, str]:
    out, pos = {}, 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        assert (
            struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])[0] == zlib.crc32(kind + body) & 0xFFFFFFFF
        )
        if kind == b"tEXt":
            key, value = body.split(b"\0", 1)
            out[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"iTXt":
            key, rest = body.split(b"\0", 1)
            assert rest[:2] == b"\0\0"  # not compressed
            _lang, _translated, value = rest[2:].split(b"\0", 2)
            out[key.decode("latin-1")] = value.decode("utf-8")
        pos += 12 + length
    return out


def test_alt_text_says_what_the_image_shows(ds):
    text = alt_text(ds, Filters(), ExportOptions(lang="en"))
    assert text.startswith("The map shows 4 events at ")
    assert "never added across kinds" in text and "foot of the image" in text and "events table" not in text
    both = alt_text(ds, Filters(), ExportOptions(lang="en+ko")).split("\n")
    assert len(both) == 2 and both[0] == text and both[1].startswith("지도는 ")


def test_png_keeps_its_alt_text(ds):
    options = ExportOptions(preset="social", lang="ko", dpi=40)
    texts = png_texts(render(ds, Filters(), options, "png"))
    assert texts["Description"] == alt_text(ds, Filters(), options)
    assert texts["Software"] == "python -m geo export"


def test_svg_keeps_its_alt_text(ds):
    options = ExportOptions(preset="social", lang="en")
    svg = render(ds, Filters(), options, "svg").decode("utf-8")
    assert "<dc:description>The map shows 4 events" in svg
