"""Map furniture drawn on the map axes: geodesic scale bar, true-north arrow and the inset locator map."""

from __future__ import annotations

import numpy as np

from . import projection
from .basemap import polygon_path
from .labels import Box
from .halo import halo_of, halo_text
from .style import BORDER, COAST, INSET_FOCUS, LAND, LAND_OTHER, SEA, Style

INSET_CONTEXT = ((118.0, 35.5), (133.5, 46.0))  # lon/lat corners the locator map always shows


def px_per_data(ax) -> float:
    x0, x1 = ax.get_xlim()
    return ax.get_window_extent().width / (x1 - x0)


def scale_group_size(ax, style: Style, frac: float = 0.2) -> tuple[float, float, float, float]:
    """(width px, height px, ground metres, projected length) of scale bar + north arrow."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    span = (x1 - x0) * frac
    k = projection.ground_metres_per_unit(x0 + (x1 - x0) * 0.05, y0 + (y1 - y0) * 0.05, span)
    ground = projection.nice_length(span * k)
    length = ground / k
    pt = ax.figure.dpi / 72.0
    width = length * px_per_data(ax) + style.base * 4.2 * pt
    height = style.base * 4.8 * pt  # bar, its numbers, and the arrow with its N above
    return width, height, ground, length


def draw_scale_and_north(ax, box: Box, ground: float, length: float, style: Style, north_label: str) -> None:
    """Scale bar (two segments, geodesic length) at the box's lower left; north arrow at its right."""
    from matplotlib.patches import Polygon, Rectangle

    inv = ax.transData.inverted()
    pt = ax.figure.dpi / 72.0
    per = 1.0 / px_per_data(ax)  # data units per px
    bx, by = inv.transform((box.x0 + 2 * pt, box.y0 + style.base * 0.6 * pt))
    bar_h = style.base * 0.38 * pt * per
    for i in range(2):
        ax.add_patch(
            Rectangle(
                (bx + i * length / 2, by),
                length / 2,
                bar_h,
                facecolor=style.ink if i == 0 else "white",
                edgecolor=style.ink,
                linewidth=0.6,
                zorder=30,
            )
        )
    km = ground / 1000.0
    fmt = (lambda v: f"{v:g}") if km >= 1 else (lambda v: f"{v * 1000:g}")
    unit = "km" if km >= 1 else "m"
    size = style.credits
    ty = by + bar_h + 2.5 * pt * per
    for frac, text in ((0.0, "0"), (0.5, fmt(km / 2)), (1.0, f"{fmt(km)} {unit}")):
        halo_text(
            ax,
            bx + frac * length,
            ty,
            text,
            ha="center",
            va="bottom",
            fontsize=size,
            color=style.ink,
            zorder=31,
            **halo_of(style, 2.0),
        )
    # north arrow
    ax_x = bx + length + style.base * 2.8 * pt * per
    ax_y = by + style.base * 0.9 * pt * per
    angle = np.radians(projection.north_angle(ax_x, ax_y))
    up = np.array([-np.sin(angle), np.cos(angle)])
    side = np.array([up[1], -up[0]])
    L = style.base * 1.7 * pt * per
    W = style.base * 0.55 * pt * per
    base = np.array([ax_x, ax_y])
    tip = base + up * L
    left, right = base - side * W, base + side * W
    notch = base + up * L * 0.28
    ax.add_patch(Polygon([tip, left, notch], closed=True, facecolor=style.ink, edgecolor=style.ink, lw=0.5, zorder=30))
    ax.add_patch(Polygon([tip, right, notch], closed=True, facecolor="white", edgecolor=style.ink, lw=0.5, zorder=30))
    n = tip + up * style.base * 0.35 * pt * per
    halo_text(
        ax,
        n[0],
        n[1],
        north_label,
        ha="center",
        va="bottom",
        fontsize=style.base * 0.95,
        fontweight="bold",
        color=style.ink,
        rotation=np.degrees(angle),
        rotation_mode="anchor",
        zorder=31,
        **halo_of(style, 2.0),
    )


def inset_limits(extent, aspect: float) -> tuple:
    """Projected limits of the locator map: the fixed context plus the main map, at the given width/height."""
    (w, s), (e, n) = INSET_CONTEXT
    lons = np.array([w, e, w, e, (w + e) / 2, (w + e) / 2])
    lats = np.array([s, s, n, n, s, n])
    xs, ys = projection.project(lons, lats)
    x0, x1 = min(xs.min(), extent[0]), max(xs.max(), extent[2])
    y0, y1 = min(ys.min(), extent[1]), max(ys.max(), extent[3])
    cx, cy, dx, dy = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0
    if dx / dy > aspect:
        dy = dx / aspect
    else:
        dx = dy * aspect
    return cx - dx / 2, cy - dy / 2, cx + dx / 2, cy + dy / 2


def draw_inset(fig, rect, basemap, extent, style: Style):
    """A small locator map in `rect` (figure fraction) with the main map's extent outlined."""
    from matplotlib.collections import PathCollection
    from matplotlib.patches import Rectangle

    ax = fig.add_axes(rect)
    w_in, h_in = rect[2] * fig.get_figwidth(), rect[3] * fig.get_figheight()
    lim = inset_limits(extent, w_in / h_in)
    ax.set_xlim(lim[0], lim[2])
    ax.set_ylim(lim[1], lim[3])
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor(COAST)
        spine.set_linewidth(0.6)
    for iso, geom in sorted(basemap.simplified(4000.0).items()):
        path = polygon_path(geom)
        if path is not None:
            ax.add_collection(
                PathCollection(
                    [path],
                    facecolors=LAND.get(iso, LAND_OTHER),
                    edgecolors=BORDER if iso in LAND else COAST,
                    linewidths=0.35,
                ),
                autolim=False,
            )
    x0, y0, x1, y1 = extent
    ax.add_patch(
        Rectangle(
            (x0, y0),
            x1 - x0,
            y1 - y0,
            facecolor=(0.77, 0.11, 0.49, 0.12),
            edgecolor=INSET_FOCUS,
            linewidth=1.1,
            zorder=5,
        )
    )
    return ax
