"""geo.export.fonts: Noto Sans CJK is found, Korean renders as glyphs (not tofu boxes), and a missing
font is a clear error naming the Debian package."""

import numpy as np
import pytest

from geo.errors import GeoError
from geo.export import fonts


def _render(text: str, family: str) -> np.ndarray:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"font.family": [family]}):
        fig = Figure(figsize=(2.0, 0.6), dpi=100)
        canvas = FigureCanvasAgg(fig)
        fig.text(0.05, 0.3, text, fontsize=20)
        canvas.draw()
        return np.asarray(canvas.buffer_rgba())[..., 0].astype(float)


def test_noto_cjk_is_found():
    family = fonts.cjk_family()
    assert family and family.startswith("Noto Sans CJK")
    assert "NotoSansCJK" in fonts.cjk_font_file().replace("-", "")
    assert fonts.families("ko")[0] == family


def test_korean_renders_as_glyphs_not_boxes():
    family = fonts.require_cjk()
    text = _render("신의주", family)
    tofu = _render("\U000e0ff0\U000e0ff1\U000e0ff2", family)  # unassigned codepoints: the missing-glyph box
    blank = _render("", family)
    assert (text < 128).sum() > 150, "Korean text drew almost nothing"
    assert np.abs(text - tofu).mean() > 2.0, "Korean text looks like the missing-glyph box"
    assert not np.array_equal(text, blank)
    # the three syllables differ from each other (boxes would be identical)
    syllables = [_render(ch, family) for ch in "신의주"]
    assert not np.array_equal(syllables[0], syllables[1]) and not np.array_equal(syllables[1], syllables[2])


def test_missing_font_names_the_package(monkeypatch):
    monkeypatch.setattr(fonts, "cjk_family", lambda: None)
    with pytest.raises(GeoError, match="fonts-noto-cjk"):
        fonts.families("ko")
    with pytest.raises(GeoError, match="fonts-noto-cjk"):
        fonts.families("en+ko")
    assert fonts.families("en") == [fonts.FALLBACK]  # English still renders
