"""geo.export.halo: a haloed label is text in SVG, with its halo under it; on PNG it looks as matplotlib's
withStroke halo does."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import numpy as np
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from geo.export.halo import halo_text


def drawn(fmt: str, with_halo_text: bool, visible: bool = True) -> bytes:
    fig = Figure(figsize=(2, 1), dpi=100, facecolor="#336699")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    if with_halo_text:
        halo_text(ax, 0.5, 0.5, "Dandong", ha="center", fontsize=14, halo_width=3, halo_colour="white").set_visible(
            visible
        )
    else:
        ax.text(
            0.5,
            0.5,
            "Dandong",
            ha="center",
            fontsize=14,
            path_effects=[patheffects.withStroke(linewidth=3, foreground="white")],
        )
    buf = io.BytesIO()
    with __import__("matplotlib").rc_context({"svg.fonttype": "none", "svg.hashsalt": "t"}):
        fig.savefig(buf, format=fmt, facecolor=fig.get_facecolor())
    return buf.getvalue()


def test_svg_has_the_text_as_text_and_the_halo_as_an_outline():
    root = ET.fromstring(drawn("svg", True))
    ns = "{http://www.w3.org/2000/svg}"
    assert ["".join(t.itertext()) for t in root.iter(f"{ns}text")] == ["Dandong"]
    halo = [p for p in root.iter(f"{ns}path") if "stroke: #ffffff" in (p.get("style") or "")]
    assert halo, "the halo is drawn as a white outline"


def test_png_pixels_match_a_with_stroke_halo():
    from PIL import Image

    ours = np.asarray(Image.open(io.BytesIO(drawn("png", True))).convert("RGB"), dtype=int)
    theirs = np.asarray(Image.open(io.BytesIO(drawn("png", False))).convert("RGB"), dtype=int)
    assert ours.shape == theirs.shape
    # the same halo and ink; glyph edges differ a little (text drawn as text, not as outlines)
    white = lambda im: int((im.min(axis=2) > 240).sum())  # noqa: E731
    ink = lambda im: int((im.max(axis=2) < 40).sum())  # noqa: E731
    assert white(ours) > 200 and ink(ours) > 50
    assert abs(white(ours) - white(theirs)) < 0.1 * white(theirs) and abs(ink(ours) - ink(theirs)) < 0.25 * ink(theirs)


def test_an_invisible_label_draws_nothing():
    assert b"Dandong" not in drawn("svg", True, visible=False) and b"stroke: #ffffff" not in drawn(
        "svg", True, visible=False
    )
