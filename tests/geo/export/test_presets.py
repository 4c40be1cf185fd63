"""geo.export.presets: publishing sizes in pixels and print sizes at 300 dpi."""

import pytest

from geo.errors import UsageError
from geo.export import presets


@pytest.mark.parametrize(
    "name, pixels",
    [
        ("default", (1600, 1000)),
        ("social", (1200, 630)),
        ("square", (1080, 1080)),
        ("story", (1080, 1920)),
        ("wide", (1920, 1080)),
        ("a4", (3508, 2480)),
        ("a4-portrait", (2480, 3508)),
    ],
)
def test_pixel_sizes(name, pixels):
    assert presets.get(name).pixels == pixels


def test_a4_is_297_by_210_mm_at_300_dpi():
    a4 = presets.get("a4")
    assert a4.dpi == 300
    assert round(a4.width_in * 25.4) == 297 and round(a4.height_in * 25.4) == 210
    assert not a4.portrait and presets.get("a4-portrait").portrait


def test_dpi_changes_pixels_not_page():
    p = presets.get("default", dpi=200)
    assert p.pixels == (3200, 2000)
    assert (p.width_in, p.height_in) == (presets.get("default").width_in, presets.get("default").height_in)


def test_default_and_errors():
    assert presets.get(None).name == "default"
    with pytest.raises(UsageError, match="unknown preset 'poster'.*social"):
        presets.get("poster")
    with pytest.raises(UsageError, match="dpi"):
        presets.get("default", dpi=5)


def test_small_formats_limit_labels():
    assert presets.get("social").max_labels and presets.get("default").max_labels is None
