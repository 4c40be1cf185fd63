"""geo.export.static: PNG, SVG and PDF are valid, sized by their preset, deterministic, labelled
without collisions, identical whether or not sensitive records exist, and match a golden image."""

from __future__ import annotations

import itertools
import os
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from geo.export import presets, static
from geo.export import scene as scene_mod
from geo.export.options import ExportOptions
from geo.query import Filters

GOLDEN = Path(__file__).parent / "golden" / "fixture_default_en-ko_40dpi.png"
GOLDEN_OPTIONS = ExportOptions(preset="default", lang="en+ko", dpi=40)
GOLDEN_TOLERANCE = 6.0  # RMS over 0–255 pixel values (matplotlib.testing.compare.compare_images)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def png(scene):
    info = static.RenderInfo()
    return static.render(scene, ExportOptions(lang="en+ko"), "png", info=info), info


def test_png_is_valid_and_sized_by_preset(png):
    data, _ = png
    assert png_size(data) == (1600, 1000)
    assert len(data) > 50_000
    from PIL import Image
    import io

    image = Image.open(io.BytesIO(data))
    image.verify()


@pytest.mark.parametrize("preset, dpi", [("social", None), ("square", 60), ("story", 40), ("a4", 50)])
def test_presets_give_their_pixel_size(scene, preset, dpi):
    data = static.render(scene, ExportOptions(preset=preset, dpi=dpi), "png")
    assert png_size(data) == presets.get(preset, dpi).pixels


def test_svg_parses(scene):
    data = static.render(scene, ExportOptions(lang="ko"), "svg")
    root = ET.fromstring(data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("width") == "1152pt" and root.get("height") == "720pt"
    assert len(data) > 50_000


def test_svg_keeps_text_as_text_with_its_fonts_named(scene):
    """Labels, title, legend and credits are <text> elements (editable in Illustrator or Inkscape), in the
    export's font with the generic family last; the halo is drawn under the text, not instead of it."""
    info = static.RenderInfo()
    data = static.render(scene, ExportOptions(lang="en+ko"), "svg", info=info)
    root = ET.fromstring(data)
    ns = "{http://www.w3.org/2000/svg}"
    texts = ["".join(t.itertext()) for t in root.iter(f"{ns}text")]
    assert "북한" in texts and "중국" in texts  # Korean as characters, not outlines
    lines = {line for text in info.texts for line in text.split("\n") if line.strip()}
    assert info.placed and lines and lines <= set(texts), sorted(lines - set(texts))
    styles = {t.get("style", "") for t in root.iter(f"{ns}text")}
    assert all("font-family: 'Noto Sans CJK KR', 'DejaVu Sans', sans-serif" in s for s in styles), styles


def test_pdf_is_valid(scene):
    data = static.render(scene, ExportOptions(preset="a4"), "pdf")
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    assert b"/MediaBox [ 0 0 841.8897637795 595.2755905512 ]" in data  # A4 landscape: 297×210 mm in points
    assert b"/Count 1" in data and b"/CreationDate" not in data
    assert len(data) > 20_000


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_same_input_same_bytes(scene, fmt):
    options = ExportOptions(preset="social", lang="en+ko")
    assert static.render(scene, options, fmt) == static.render(scene, options, fmt)


def test_dandong_and_sinuiju_both_labelled_without_collision(png):
    _, info = png
    assert not info.dropped
    assert {"dandong-sinuiju", "sinuiju-holding", "shenyang"} <= set(info.placed)
    boxes = list(info.placed.values())
    assert all(a.overlap(b) == 0 for a, b in itertools.combinations(boxes, 2))


def test_dense_synthetic_data_never_overlaps(tmp_path):
    from tools import synthetic
    from geo.dataset import load

    synthetic.write(synthetic.generate(600, 60, 11), tmp_path / "synth")
    sc = scene_mod.build(load(tmp_path / "synth"), Filters())
    for preset in ("default", "social"):
        info = static.RenderInfo()
        static.render(sc, ExportOptions(preset=preset, lang="en+ko", dpi=50), "png", info=info)
        boxes = list(info.placed.values())
        assert len(boxes) >= 5
        assert all(a.overlap(b) == 0 for a, b in itertools.combinations(boxes, 2))


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_sensitive_records_leave_no_trace(ds, stripped_ds, fmt):
    """Rendering the data with its sensitive records gives exactly the bytes of the data without them."""
    options = ExportOptions(preset="social", lang="en+ko")
    from dataclasses import replace

    stripped = scene_mod.build(stripped_ds, Filters())
    # the data version's hash is of the data directory, which differs: compare everything else
    leaky = replace(scene_mod.build(ds, Filters(include_sensitive=True)), data_version=stripped.data_version)
    with_secret = static.render(leaky, options, fmt)
    without = static.render(stripped, options, fmt)
    assert with_secret == without
    for text in (b"Secret", "비밀".encode(), b"2023-04-01-secret"):
        assert text not in with_secret


def test_no_events_still_makes_a_map(ds):
    from datetime import date

    sc = scene_mod.build(ds, Filters(date_from=date(1990, 1, 1), date_to=date(1990, 2, 1)))
    assert png_size(static.render(sc, ExportOptions(preset="social"), "png")) == (1200, 630)


def test_matches_golden_image(scene, tmp_path):
    from matplotlib.testing.compare import compare_images

    data = static.render(scene, GOLDEN_OPTIONS, "png")
    actual = tmp_path / "actual.png"
    actual.write_bytes(data)
    if os.environ.get("GEO_UPDATE_GOLDEN") or not GOLDEN.exists():
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_bytes(data)
        if not os.environ.get("GEO_UPDATE_GOLDEN"):
            pytest.fail(f"golden image was missing; wrote {GOLDEN}: check it and commit it")
    result = compare_images(str(GOLDEN), str(actual), tol=GOLDEN_TOLERANCE, in_decorator=True)
    assert result is None, f"differs from the golden image: {result}"


def test_text_from_data_is_never_parsed_as_tex(tmp_path):
    from geo.dataset import load
    from tests.common import copy_data, edit_feature

    root = copy_data(tmp_path)
    edit_feature(root, "china-detention", 0, name_en=r"Camp $\frac{$ and $x^2$", name_ko="$수용소$")
    sc = scene_mod.build(load(root), Filters())
    assert png_size(static.render(sc, ExportOptions(preset="social", lang="en+ko"), "png")) == (1200, 630)


def test_labels_stay_clear_of_scale_bar_and_north_arrow(tmp_path):
    from geo.dataset import load
    from tests.common import hostile_copy

    sc = scene_mod.build(load(hostile_copy(tmp_path)), Filters())  # very long names
    info = static.RenderInfo()
    static.render(sc, ExportOptions(lang="en+ko"), "png", info=info)
    boxes = list(info.placed.values())
    assert boxes and all(a.overlap(b) == 0 for a, b in itertools.combinations(boxes, 2))
    assert all(b.overlap(info.furniture) == 0 for b in boxes)
