"""Static maps (PNG, SVG, PDF) drawn with matplotlib over the offline basemap.

No pyplot: each render makes its own Figure on an Agg canvas (a lock guards the shared rcParams),
so nothing global changes and the web app can render from any thread. The same scene and options
always give the same bytes (fixed SVG hash salt, no dates in the metadata, no randomness).
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field

import numpy as np

from ..styles import KIND_COLOURS, KIND_SHAPES, ROUTE_COLOUR, scaled, shape_points
from . import basemap as basemap_mod
from . import fonts, furniture, labels, layout, legend, wording
from .layout import Line
from .options import ExportOptions
from .halo import halo_of, halo_text
from .style import BORDER, BORDER_CN_KP, COAST, LAKE_EDGE, LAND, LAND_OTHER, SEA, Style

_LOCK = threading.Lock()
METADATA = {
    "png": {"Software": "python -m geo export"},
    "svg": {"Date": None, "Creator": "python -m geo export"},
    "pdf": {"CreationDate": None, "Creator": "python -m geo export", "Producer": "python -m geo export"},
}


@dataclass
class RenderInfo:
    """What a render decided: the projected extent, which site labels did not fit (dropped) and
    which the preset leaves out on purpose (unlabelled: small formats name the largest sites only)."""

    extent: tuple = ()
    furniture: object = None  # the scale bar and north arrow's box (px)
    dropped: list = field(default_factory=list)
    unlabelled: list = field(default_factory=list)
    placed: dict = field(default_factory=dict)  # site id -> label Box (px)
    texts: list = field(default_factory=list)  # every string drawn (title, subtitle, legend, labels, credits)


def render(
    scene,
    options: ExportOptions,
    fmt: str,
    basemap_dir=None,
    info: RenderInfo | None = None,
    description: str | None = None,
) -> bytes:
    """The map as PNG, SVG or PDF bytes. `description`: the image's text alternative, kept in the file
    (PNG Description, SVG Description, PDF Subject)."""
    if fmt not in METADATA:
        raise ValueError(f"not a static format: {fmt!r}")
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    page = options.page
    style = Style(page.base_pt)
    # text stays text in SVG (<text>, editable and searchable) and PDF (embedded TrueType); the SVG names
    # the fonts, ending with the generic sans-serif so a machine without Noto Sans CJK still shows Korean
    rc = {
        "font.family": ["sans-serif"],
        "font.sans-serif": fonts.families(options.lang),
        "svg.hashsalt": "geo-export",
        "svg.fonttype": "none",
        "pdf.fonttype": 42,
        "path.simplify": True,
        "text.hinting": "no_hinting",
        "axes.unicode_minus": False,
        "text.parse_math": False,  # names from data are text, never TeX: "$5 and $6" stays as written
        "text.color": style.ink,
    }
    bm = basemap_mod.load(basemap_dir)
    info = info if info is not None else RenderInfo()
    with _LOCK, matplotlib.rc_context(rc):
        size = (page.width_in, page.height_in)
        if fmt == "png":  # whole pixels: A4 at 300 dpi is 3508×2480, not matplotlib's truncated 3507
            size = tuple((n + 0.01) / page.dpi for n in page.pixels)
        fig = Figure(figsize=size, dpi=page.dpi, facecolor="white")
        canvas = FigureCanvasAgg(fig)
        compose(fig, canvas.get_renderer(), scene, options, style, bm, info)
        buf = io.BytesIO()
        if fmt == "png":
            from . import png

            canvas.draw()
            text = {**METADATA["png"], **({"Description": description} if description else {})}
            buf.write(png.encode(np.asarray(canvas.buffer_rgba()), page.dpi, text))
        else:
            key = {"svg": "Description", "pdf": "Subject"}[fmt]
            meta = {**METADATA[fmt], **({key: description} if description else {})}
            fig.savefig(buf, format=fmt, dpi=page.dpi, facecolor="white", metadata=meta)
    return buf.getvalue()


# --- text -------------------------------------------------------------------------------------


def header_lines(renderer, scene, options: ExportOptions, style: Style, width_px: float) -> list[Line]:
    lang = options.lang
    out = []
    if options.title:
        titles = [(options.title.strip(), style.title, "bold", style.ink)]
    elif lang == "en+ko":
        titles = [
            (wording.TITLE["en"], style.title, "bold", style.ink),
            (wording.TITLE["ko"], style.title2, "normal", style.ink),
        ]
    else:
        titles = [(wording.TITLE[lang], style.title, "bold", style.ink)]
    for text, size, weight, colour in titles:
        for line in layout.wrap(renderer, text, size, width_px, weight):
            out.append(Line(line, size, weight, colour, 1.18))
    # events, then each kind's own computed sum: never one figure across kinds
    sub = "  ·  ".join(wording.subtitle_parts(scene, lang))
    for line in layout.wrap(renderer, sub, style.subtitle, width_px):
        out.append(Line(line, style.subtitle, "normal", style.muted, 1.3))
    return out


def credit_lines(renderer, scene, lang: str, style: Style, width_px: float, max_lines: int = 3) -> list[Line]:
    """'Sources: Publisher (date, date); …' then the basemap credit, wrapped and shortened to fit."""
    lang1 = "ko" if lang == "ko" else "en"
    groups = wording.source_groups(scene.sources, lang1)
    tail = wording.word("basemap", lang1) + (f".  {scene.version_text(lang1)}" if scene.version_text(lang1) else "")

    def lines_for(keep: int) -> list[str]:
        shown = groups[:keep]
        if keep < len(groups):
            shown = shown + [wording.word("more", lang1, n=len(groups) - keep)]
        text = (f"{wording.word('sources', lang1)}: " + "; ".join(shown) + ".  " if shown else "") + tail
        return layout.wrap(renderer, text, style.credits, width_px)

    lo, hi = 0, len(groups)  # the most sources that fit: fewer sources never need more lines
    if len(lines_for(hi)) > max_lines:
        while lo < hi - 1:
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if len(lines_for(mid)) <= max_lines else (lo, mid)
        hi = lo
    lines = lines_for(hi)
    if len(lines) > max_lines:
        lines = [tail]
    return [Line(t, style.credits, "normal", style.muted, 1.3) for t in lines]


# --- drawing ----------------------------------------------------------------------------------


def draw_basemap(ax, bm, extent, style):
    from matplotlib.collections import LineCollection, PathCollection

    x0, y0, x1, y1 = extent
    dx, dy = (x1 - x0) * 0.02, (y1 - y0) * 0.02
    box = (x0 - dx, y0 - dy, x1 + dx, y1 + dy)
    k = style.base / 10
    for iso in sorted(bm.countries):
        geom = basemap_mod.clip(bm.countries[iso], box)
        path = basemap_mod.polygon_path(geom) if geom is not None else None
        if path is not None:
            ax.add_collection(
                PathCollection(
                    [path], facecolors=LAND.get(iso, LAND_OTHER), edgecolors=COAST, linewidths=0.45 * k, zorder=1
                ),
                autolim=False,
            )
    for lake in bm.lakes:
        geom = basemap_mod.clip(lake, box)
        path = basemap_mod.polygon_path(geom) if geom is not None else None
        if path is not None:
            ax.add_collection(
                PathCollection([path], facecolors=SEA, edgecolors=LAKE_EDGE, linewidths=0.35 * k, zorder=2),
                autolim=False,
            )
    for (a, b), geom in bm.borders:
        geom = basemap_mod.clip(geom, box)
        if geom is None:
            continue
        focus = {a, b} == {"CN", "KP"}
        segs = basemap_mod.line_paths(geom)
        ax.add_collection(
            LineCollection(
                segs,
                colors=BORDER_CN_KP if focus else BORDER,
                linewidths=(1.0 if focus else 0.7) * k,
                linestyles=[(0, (6, 1.6, 1.2, 1.6))],
                zorder=3,
                capstyle="butt",
            ),
            autolim=False,
        )


def marker_radius(site, largest, style) -> float:
    """Area-true to the size kind's figure at the site (the smallest marker when it has none)."""
    if not site.involved:
        return style.marker_min * 0.8
    return scaled(float(site.size_high), largest, style.marker_min, style.marker_max)


@dataclass
class Marker:
    site: object
    x: float  # where the marker is drawn (data units); differs from the site when pushed apart
    y: float
    r: float  # radius, points
    displaced: bool = False


def layout_markers(ax, sites, style, largest, gap_pt: float = 1.2) -> dict:
    """Markers in view; overlapping ones are pushed apart around their centre, keeping their compass order.

    Dandong and Sinuiju are 2 km apart: on a regional map both markers would sit on one spot.
    """
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    pt = ax.figure.dpi / 72
    in_view = [s for s in sites if x0 <= s.x <= x1 and y0 <= s.y <= y1]
    shown = [s for s in in_view if s.involved]  # markers without events stay put, under the others
    out = {s.id: Marker(s, s.x, s.y, marker_radius(s, largest, style)) for s in in_view if not s.involved}
    if not shown:
        return out
    true_px = ax.transData.transform(np.array([[s.x, s.y] for s in shown]))
    pos = true_px.copy()
    r = np.array([marker_radius(s, largest, style) * pt for s in shown])
    gap = gap_pt * pt
    for _ in range(8):
        parent = list(range(len(shown)))

        def find(i, parent=parent):  # used within this pass only
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        dist = np.hypot(pos[:, None, 0] - pos[None, :, 0], pos[:, None, 1] - pos[None, :, 1])
        close = np.argwhere(np.triu(dist < r[:, None] + r[None, :] + gap * 0.5, k=1))
        if not len(close):
            break
        for i, j in close:
            parent[find(i)] = find(j)
        groups: dict = {}
        for i in range(len(shown)):
            groups.setdefault(find(i), []).append(i)
        for members in groups.values():
            if len(members) < 2:
                continue
            members = sorted(members, key=lambda i: shown[i].id)
            centre = true_px[members].mean(axis=0)
            offs = true_px[members] - centre
            angles = np.arctan2(offs[:, 1], offs[:, 0])
            if np.all(np.hypot(offs[:, 0], offs[:, 1]) < 0.5):
                angles = np.linspace(0, 2 * np.pi, len(members), endpoint=False) + np.pi / 2
            order = [members[k] for k in np.argsort(angles, kind="stable")]
            start = float(np.sort(angles)[0])
            n = len(order)
            if n == 2:
                a, b = order
                d = true_px[b] - true_px[a]
                norm = np.hypot(*d)
                d = d / norm if norm > 1e-6 else np.array([1.0, 0.0])
                span = r[a] + r[b] + gap
                pos[a] = centre - d * span * r[b] / (r[a] + r[b])
                pos[b] = centre + d * span * r[a] / (r[a] + r[b])
                continue
            radius = max(
                (r[order[a]] + r[order[b]] + gap) / (2 * np.sin(np.pi * (b - a) / n))
                for a in range(n)
                for b in range(a + 1, n)
            )
            for k, i in enumerate(order):
                a = start + 2 * np.pi * k / n
                pos[i] = centre + radius * np.array([np.cos(a), np.sin(a)])
    data = ax.transData.inverted().transform(pos)
    for k, s in enumerate(shown):
        moved = np.hypot(*(pos[k] - true_px[k])) > 0.5
        out[s.id] = Marker(s, float(data[k, 0]), float(data[k, 1]), r[k] / pt, bool(moved))
    return out


def draw_routes(ax, routes, markers, style):
    """Routes through the drawn markers, with direction chevrons. Widths follow the size kind alone:
    pale wide line = the sum of its largest stated figures, dark inner line = of its smallest; a route
    with no event of that kind is a thin pale line."""
    from matplotlib.collections import LineCollection, PolyCollection

    k = style.base / 10
    largest = max((r.size_high for r in routes), default=0)
    pt = ax.figure.dpi / 72
    lines = [
        np.array([(markers[s].x, markers[s].y) if s in markers else tuple(p) for s, p in zip(r.stops, r.xy)])
        for r in routes
    ]
    if not lines:
        return lines
    high = [scaled(float(r.size_high), largest, style.route_min * 2.2, style.route_max) for r in routes]
    ax.add_collection(
        LineCollection(
            lines, colors=ROUTE_COLOUR, alpha=0.3, linewidths=high, capstyle="round", joinstyle="round", zorder=10
        ),
        autolim=False,
    )
    low = [
        (xy, max(scaled(float(r.size_low), largest, style.route_min, style.route_max) * 0.55, 0.7 * k))
        for r, xy in zip(routes, lines)
        if r.size_low
    ]
    if low:
        ax.add_collection(
            LineCollection(
                [xy for xy, _ in low],
                colors=ROUTE_COLOUR,
                alpha=0.9,
                linewidths=[w for _, w in low],
                capstyle="round",
                joinstyle="round",
                zorder=11,
            ),
            autolim=False,
        )
    # direction chevrons on segments long enough to carry one, built in pixels and mapped back to data
    inv = ax.transData.inverted()
    size = style.base * 0.75 * pt
    seen, heads = set(), []
    for xy in lines:
        for a, b in zip(xy[:-1], xy[1:]):
            key = (tuple(np.round(a)), tuple(np.round(b)))
            if key in seen:
                continue
            seen.add(key)
            pa, pb = ax.transData.transform(a), ax.transData.transform(b)
            length = np.hypot(*(pb - pa))
            if length < style.base * 9 * pt:
                continue
            u = (pb - pa) / length
            n = np.array([-u[1], u[0]])
            tip = pa + (pb - pa) * 0.55 + u * size * 0.5
            heads.append(
                inv.transform(
                    np.array(
                        [tip, tip - u * size + n * size * 0.5, tip - u * size * 0.7, tip - u * size - n * size * 0.5]
                    )
                )
            )
    if heads:
        ax.add_collection(PolyCollection(heads, facecolors="#7a0f4c", edgecolors="none", zorder=12), autolim=False)
    return lines


def shape_marker(shape: str):
    """(matplotlib marker, size factor) for a site kind's shape: the factor turns a circle's (2r)² into the
    size that gives the shape the circle's area (matplotlib scales a path marker to its widest point)."""
    from matplotlib.path import Path as MplPath

    points = shape_points(shape, 1.0)
    if points is None:
        return "o", 1.0
    extent = max(max(abs(x), abs(y)) for x, y in points)
    vertices = [(x, -y) for x, y in points]  # matplotlib's y runs up
    return MplPath(vertices + vertices[:1], closed=True), extent**2


def draw_sites(ax, markers, style):
    """Uncertainty circles at the true places, then markers (largest first), tied to their place when pushed aside."""
    from matplotlib.collections import LineCollection, PolyCollection
    from . import projection

    k = style.base / 10
    pt = ax.figure.dpi / 72
    per_px = (ax.get_xlim()[1] - ax.get_xlim()[0]) / ax.get_window_extent().width
    rings, ring_colours, ties = [], [], []
    for m in markers.values():
        s = m.site
        if s.approximate and s.uncertainty_m and s.involved and s.uncertainty_m / per_px > m.r * pt * 1.3:
            rings.append(projection.geodesic_circle(s.lon, s.lat, s.uncertainty_m))
            ring_colours.append(KIND_COLOURS.get(s.kind, "#777777"))
        if m.displaced:
            ties.append(((s.x, s.y), (m.x, m.y)))
    if rings:
        ax.add_collection(
            PolyCollection(rings, facecolors=ring_colours, alpha=0.08, edgecolors="none", zorder=14), autolim=False
        )
        ax.add_collection(
            PolyCollection(
                rings,
                facecolors="none",
                edgecolors=ring_colours,
                linewidths=0.8 * k,
                linestyles=[(0, (3, 2))],
                alpha=0.9,
                zorder=14,
            ),
            autolim=False,
        )
    if ties:
        ax.add_collection(LineCollection(ties, colors="#333333", linewidths=0.6 * k, zorder=18), autolim=False)
        ax.scatter(
            [a[0] for a, _ in ties],
            [a[1] for a, _ in ties],
            s=(3.2 * k) ** 2,
            color="#333333",
            linewidths=0,
            zorder=18.5,
        )
    for involved in (False, True):
        for shape in dict.fromkeys(
            KIND_SHAPES.get(m.site.kind, "circle") for m in markers.values()
        ):  # each kind's shape
            group = [
                m
                for m in markers.values()
                if m.site.involved == involved and KIND_SHAPES.get(m.site.kind, "circle") == shape
            ]
            if not group:
                continue
            marker, factor = shape_marker(shape)
            xs = [m.x for m in group]
            ys = [m.y for m in group]
            sizes = [(2 * m.r) ** 2 * factor for m in group]
            colours = [KIND_COLOURS.get(m.site.kind, "#777777") for m in group]
            if involved:
                edges = ["#2b2b2b" if m.site.approximate else "white" for m in group]
                styles = [(0, (2.2, 1.6)) if m.site.approximate else "solid" for m in group]
                ax.scatter(
                    xs,
                    ys,
                    s=sizes,
                    marker=marker,
                    facecolors=colours,
                    edgecolors=edges,
                    linewidths=0.9 * k,
                    linestyles=styles,
                    alpha=0.92,
                    zorder=20,
                )
            else:
                ax.scatter(
                    xs,
                    ys,
                    s=sizes,
                    marker=marker,
                    facecolors=colours,
                    edgecolors="white",
                    linewidths=0.5 * k,
                    alpha=0.4,
                    zorder=19,
                )


def balanced_wrap(text: str, width: int) -> str:
    """Wrap to at most `width` characters a line, with lines of similar length (no lone last word)."""
    import math
    import textwrap

    if len(text) <= width:
        return text
    n = math.ceil(len(text) / width)
    for w in range(math.ceil(len(text) / n), width + 1):
        lines = textwrap.wrap(text, w)
        if len(lines) <= n:
            return "\n".join(lines)
    return "\n".join(textwrap.wrap(text, width))


def label_texts(site, lang, size_kind) -> tuple[str, str]:
    """(name, detail) for a site label: the name in the chosen language(s), then the size kind's
    figure there as geo.claims words it (wording.site_figure)."""
    en = balanced_wrap(site.name_en, 26)
    ko = balanced_wrap(site.name_ko, 16)
    figure = balanced_wrap(wording.site_figure(site, size_kind, lang), 16 if lang == "ko" else 30)
    if lang == "en":
        return en, figure
    if lang == "ko":
        return ko, figure
    return en, f"{ko}\n{figure}"


def draw_labels(ax, renderer, markers, style, lang, obstacles, route_lines, info, max_labels=None, size_kind=None):
    """Site labels (name, then people) placed around their markers; returns every box labels must now avoid."""
    from matplotlib.lines import Line2D

    pt = ax.figure.dpi / 72
    to_px = ax.transData.transform
    inv = ax.transData.inverted()
    bb = ax.get_window_extent(renderer)
    bounds = labels.Box(bb.x0 + 3, bb.y0 + 3, bb.x1 - 3, bb.y1 - 3)
    marker_boxes, pale_boxes, requests, artists = {}, [], [], {}
    gap_px = style.base * 0.12 * pt
    halo = halo_of(style, style.base * 0.28)
    for sid, m in markers.items():
        px, py = to_px((m.x, m.y))
        r_px = m.r * pt
        box = labels.Box(px - r_px, py - r_px, px + r_px, py + r_px)
        if m.site.involved:
            marker_boxes[sid] = box
        else:
            pale_boxes.append(box)  # markers without events may be covered, at a small cost
    budget = max_labels if max_labels is not None else len(markers)
    for sid, m in markers.items():  # already in priority order: largest figure of the size kind first
        if not m.site.involved:
            continue
        if len(requests) >= budget:
            info.unlabelled.append(sid)
            continue
        px, py = to_px((m.x, m.y))
        name, detail = label_texts(m.site, lang, size_kind)
        t1 = halo_text(
            ax,
            m.x,
            m.y,
            name,
            fontsize=style.label,
            fontweight="bold",
            color=style.ink,
            va="top",
            ha="left",
            zorder=40,
            linespacing=1.1,
            **halo,
        )
        t2 = halo_text(
            ax,
            m.x,
            m.y,
            detail,
            fontsize=style.detail,
            color=style.muted,
            va="top",
            ha="left",
            zorder=40,
            linespacing=1.15,
            **halo,
        )
        b1, b2 = t1.get_window_extent(renderer), t2.get_window_extent(renderer)
        artists[sid] = (t1, t2, b1.height)
        requests.append(
            labels.Request(
                sid,
                px,
                py,
                m.r * pt,
                max(b1.width, b2.width),
                b1.height + gap_px + b2.height,
                compact=(b1.width, b1.height),
            )
        )
    soft = labels.line_samples([to_px(xy) for xy in route_lines], step=3.0)
    rings = tuple(v * pt * style.base / 10 for v in (0, 10, 22, 38, 56, 80))
    placed = labels.place(
        requests,
        obstacles,
        bounds,
        soft,
        gap=style.base * 0.3 * pt,
        rings=rings,
        marker_boxes=marker_boxes,
        soft_boxes=pale_boxes,
    )
    for sid, (t1, t2, h1) in artists.items():
        p = placed.get(sid)
        if p is None:
            t1.remove()
            t2.remove()
            info.dropped.append(sid)
            continue
        info.placed[sid] = p.box
        if p.compact:
            t2.remove()
        x = {"left": p.box.x0, "right": p.box.x1, "center": (p.box.x0 + p.box.x1) / 2}[p.ha]
        for t, top in ((t1, p.box.y1), (t2, p.box.y1 - h1 - gap_px)):
            t.set_position(inv.transform((x, top)))
            t.set_horizontalalignment(p.ha)
        if p.leader:
            m = markers[sid]
            ax_px, ay_px = to_px((m.x, m.y))
            lx, ly = p.box.nearest(ax_px, ay_px)
            d = np.hypot(lx - ax_px, ly - ay_px)
            r_px = m.r * pt
            if d > r_px:
                sx, sy = ax_px + (lx - ax_px) * r_px / d, ay_px + (ly - ay_px) * r_px / d
                (a, b), (c, e) = inv.transform((sx, sy)), inv.transform((lx, ly))
                ax.add_line(
                    Line2D([a, c], [b, e], color="#4a4a4a", lw=0.6 * style.base / 10, zorder=39, solid_capstyle="butt")
                )
    return list(marker_boxes.values()) + pale_boxes + [p.box for p in placed.values() if p is not None]


def draw_country_labels(ax, renderer, bm, extent, style, lang, avoid, route_lines):
    import shapely
    from shapely.geometry import box as shp_box
    from shapely.ops import polylabel

    to_px = ax.transData.transform
    inv = ax.transData.inverted()
    bb = ax.get_window_extent(renderer)
    bounds = labels.Box(bb.x0 + 6, bb.y0 + 6, bb.x1 - 6, bb.y1 - 6)
    x0, y0, x1, y1 = extent
    view = shp_box(x0, y0, x1, y1)
    soft = labels.line_samples([to_px(xy) for xy in route_lines], step=3.0)
    placed = []
    names = sorted(bm.countries, key=lambda iso: -shapely.area(shapely.intersection(bm.countries[iso], view)))
    for iso in names:
        if iso not in wording.COUNTRIES:
            continue
        part = shapely.intersection(bm.countries[iso], view)
        if part.is_empty or part.area < view.area * 0.04:
            continue
        en, ko = wording.COUNTRIES[iso]
        spaced = "\u2009".join(en).replace("\u2009 \u2009", "\u2002")
        text = {"en": spaced, "ko": ko, "en+ko": f"{spaced}\n{ko}"}[lang]
        t = halo_text(
            ax,
            0,
            0,
            text,
            fontsize=style.country,
            color="#857d6e",
            ha="center",
            va="center",
            zorder=8,
            linespacing=1.25,
            fontweight="normal",
            **halo_of(style, style.base * 0.25),
        )
        tb = t.get_window_extent(renderer)
        largest = max(getattr(part, "geoms", [part]), key=lambda g: g.area)
        if largest.geom_type != "Polygon":
            t.remove()
            continue
        centre = polylabel(largest, tolerance=2000.0)
        gx, gy = np.meshgrid(np.linspace(x0, x1, 13)[1:-1], np.linspace(y0, y1, 9)[1:-1])
        pts = np.column_stack([gx.ravel(), gy.ravel()])
        order = np.argsort(np.hypot(pts[:, 0] - centre.x, pts[:, 1] - centre.y), kind="stable")
        pts = np.vstack([[centre.x, centre.y], pts[order]])
        anchors = []
        per = (x1 - x0) / bb.width
        hw, hh = tb.width / 2 * per, tb.height / 2 * per
        for x, y in pts:
            corners = np.array([[x - hw, y - hh], [x + hw, y - hh], [x - hw, y + hh], [x + hw, y + hh], [x, y]])
            if shapely.contains_xy(largest, corners[:, 0], corners[:, 1]).all():
                anchors.append(tuple(to_px((x, y))))
        spot = labels.place_in_area(tb.width, tb.height, anchors, avoid + placed, bounds, soft) if anchors else None
        if spot is None:
            t.remove()
            continue
        t.set_position(inv.transform(((spot.x0 + spot.x1) / 2, (spot.y0 + spot.y1) / 2)))
        placed.append(spot)


def compose(fig, renderer, scene, options: ExportOptions, style: Style, bm, info: RenderInfo) -> None:
    page = options.page
    W, H = fig.get_figwidth(), fig.get_figheight()
    m = style.margin_in
    lang = options.lang
    width_px = (W - 2 * m) * fig.dpi
    head = header_lines(renderer, scene, options, style, width_px)
    foot = credit_lines(renderer, scene, lang, style, width_px)
    header_h, footer_h = layout.block_height_in(head), layout.block_height_in(foot)
    layout.draw_block(fig, head, m, H - m)
    layout.draw_block(fig, foot, m, m + footer_h)

    largest = max((s.size_high for s in scene.sites if s.involved), default=0)
    secs = legend.sections(scene, style, lang, any(not s.involved for s in scene.sites), largest)
    map_rect, inset_rect, legend_pos, fs = layout.plan(
        fig, renderer, scene.focus, options.page, style, secs, header_h, footer_h
    )

    extent = layout.fit_extent(scene.focus, map_rect.width / map_rect.height)
    info.extent = extent
    ax = fig.add_axes(map_rect.fraction(W, H))
    ax.set_xlim(extent[0], extent[2])
    ax.set_ylim(extent[1], extent[3])
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#8c8c8c")
        spine.set_linewidth(0.6)

    draw_basemap(ax, bm, extent, style)
    markers = layout_markers(ax, scene.sites, style, largest)
    route_lines = draw_routes(ax, scene.routes, markers, style)
    draw_sites(ax, markers, style)
    show_pale = any(not m.site.involved for m in markers.values())
    secs = legend.sections(scene, style, lang, show_pale, largest)
    for sec, (x, y) in zip(secs, legend_pos):
        legend.draw(fig, sec, x / W, y / H, style, fs)
    if inset_rect is not None:
        furniture.draw_inset(fig, inset_rect.fraction(W, H), bm, extent, style)

    # scale bar and north arrow: the map corner that hides the least
    to_px = ax.transData.transform
    gw, gh, ground, length = furniture.scale_group_size(ax, style)
    bb = ax.get_window_extent(renderer)
    pad = style.base * 0.7 * fig.dpi / 72
    corners = [
        labels.Box(bb.x0 + pad, bb.y0 + pad, bb.x0 + pad + gw, bb.y0 + pad + gh),
        labels.Box(bb.x1 - pad - gw, bb.y0 + pad, bb.x1 - pad, bb.y0 + pad + gh),
        labels.Box(bb.x0 + pad, bb.y1 - pad - gh, bb.x0 + pad + gw, bb.y1 - pad),
        labels.Box(bb.x1 - pad - gw, bb.y1 - pad - gh, bb.x1 - pad, bb.y1 - pad),
    ]
    pts = np.array([to_px((m.x, m.y)) for m in markers.values()]) if markers else np.zeros((0, 2))
    samples = labels.line_samples([to_px(xy) for xy in route_lines])

    def blocked(c):
        g = c.grow(pad)
        return g.contains(pts) * 50 + g.contains(samples)

    scores = [blocked(c) * 10 + i for i, c in enumerate(corners)]
    group = corners[int(np.argmin(scores))]
    info.furniture = group
    furniture.draw_scale_and_north(
        ax, group, ground, length, style, wording.word("north", "ko" if lang == "ko" else "en")
    )

    avoid = draw_labels(
        ax, renderer, markers, style, lang, [group.grow(2)], route_lines, info, page.max_labels, scene.size_kind
    )
    draw_country_labels(ax, renderer, bm, extent, style, lang, avoid + [group], route_lines)
    if scene.empty:
        ax.text(
            0.5,
            0.5,
            wording.word("no_match", lang),
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=style.subtitle,
            color=style.muted,
            zorder=50,
            bbox=dict(boxstyle="round,pad=0.6", facecolor="white", edgecolor="#bbbbbb", linewidth=0.6),
        )
    from matplotlib.text import Text

    info.texts = [t.get_text() for t in fig.findobj(Text) if t.get_text() and t.get_visible() and t.figure is fig]
