"""Text with a white halo that stays text in SVG and PDF.

matplotlib draws a text that has path effects (the usual way to give a label a halo) as outlines, so an
SVG's labels could not be edited or searched in Illustrator or Inkscape. HaloText draws the halo as an
outline on its own and then the text itself with no path effect, so the renderer writes a real <text>
element (SVG, with `svg.fonttype: none`) or real glyphs (PDF); on PNG the pixels are the same as a
withStroke halo. One artist, so its size and the label placement are unchanged.
"""

from __future__ import annotations

from matplotlib import patheffects
from matplotlib.text import Text


class HaloText(Text):
    """A Text whose halo (a stroke of `halo_width` points in `halo_colour`) is drawn under it."""

    def __init__(self, *args, halo_width: float, halo_colour: str, **kwargs):
        super().__init__(*args, **kwargs)
        self._halo = [patheffects.Stroke(linewidth=halo_width, foreground=halo_colour)]

    def draw(self, renderer):
        if not self.get_visible():
            return
        self.set_path_effects(self._halo)  # the halo: the stroked outline only (its fill lies under the text)
        super().draw(renderer)
        self.set_path_effects([])  # the text itself, drawn as text
        super().draw(renderer)
        self.stale = False


def halo_text(target, x: float, y: float, text: str, *, halo_width: float, halo_colour: str, **kwargs) -> HaloText:
    """Add a HaloText to an Axes (data coordinates unless `transform` is given) or a Figure."""
    artist = HaloText(x, y, text, halo_width=halo_width, halo_colour=halo_colour, **kwargs)
    target.add_artist(artist)
    return artist


def halo_of(style, width: float) -> dict:
    """halo_text's keywords for a halo `width` points wide in the export style's halo colour."""
    return {"halo_width": width, "halo_colour": style.halo}
