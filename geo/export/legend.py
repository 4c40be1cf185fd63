"""The legend of a static map: one titled section per thing the map encodes, only for what is shown."""

from __future__ import annotations

from dataclasses import dataclass

from ..styles import KIND_COLOURS, KIND_SHAPES, ROUTE_COLOUR, scaled
from . import wording
from .style import Style


@dataclass
class Section:
    title: str
    handles: list
    labels: list
    handler_map: dict
    handle_pt: tuple | None = None  # (length, height) of the key in points; None: legend defaults
    ncols: int = 1


def _dashed_circle_handler():
    from matplotlib.legend_handler import HandlerBase
    from matplotlib.patches import Circle

    class DashedCircle(HandlerBase):
        """A dashed circle: the legend key for an approximate location."""

        def create_artists(self, legend, orig, xdescent, ydescent, width, height, fontsize, trans):
            r = min(width, height) * 0.5
            c = Circle(
                (width / 2 - xdescent, height / 2 - ydescent),
                r,
                facecolor=orig.get_facecolor(),
                edgecolor=orig.get_edgecolor(),
                linestyle=(0, (2.2, 1.6)),
                linewidth=orig.get_linewidth(),
                transform=trans,
            )
            return [c]

    return DashedCircle()


def nice_steps(largest: int) -> list[int]:
    """Up to three round people counts for the size key: the largest, and about a quarter and a sixteenth."""
    if largest <= 0:
        return []
    out = [largest]
    for frac in (0.25, 0.0625):
        v = largest * frac
        if v < 1:
            break
        mag = 10 ** (len(str(int(v))) - 1)
        r = max(1, int(round(v / mag) * mag))
        if r < out[-1] and r not in out:
            out.append(r)
    return out


def kind_name(kind: str, lang: str) -> str:
    """The event kind's label in the legend's language(s); 'en+ko' gives both."""
    if lang == "en+ko":
        return f"{wording.event_kind(kind, 'en')} · {wording.event_kind(kind, 'ko')}"
    return wording.event_kind(kind, lang)


def size_title(kind: str, lang: str) -> str:
    """'Marker area: Returned to North Korea' and, under it, what the area stands for."""
    parts = {"en": ["en"], "ko": ["ko"], "en+ko": ["en", "ko"]}[lang]
    lines = [wording.word("size", p, kind=wording.event_kind(kind, p)) for p in parts]
    lines.append(wording.word("size_note", "ko" if lang == "ko" else "en"))
    return "\n".join(lines)


def sections(scene, style: Style, lang: str, show_pale: bool, largest: int) -> list[Section]:
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle

    out = []
    kinds = [k for k in KIND_COLOURS if any(s.kind == k for s in scene.sites if s.involved or show_pale)]
    if kinds:
        ms = style.marker_min * 2.6
        from .static import shape_marker

        handles = []
        for k in kinds:  # each kind in its own shape, as on the map (the same area as the circle)
            marker, factor = shape_marker(KIND_SHAPES[k])
            handles.append(
                Line2D(
                    [],
                    [],
                    ls="",
                    marker=marker,
                    markersize=ms * factor**0.5,
                    markerfacecolor=KIND_COLOURS[k],
                    markeredgecolor="white",
                    markeredgewidth=0.8,
                )
            )
        labels = [wording.kind_label(k, lang) for k in kinds]
        if show_pale:
            handles.append(
                Line2D(
                    [],
                    [],
                    ls="",
                    marker="o",
                    markersize=style.marker_min * 2,
                    markerfacecolor="#999999",
                    alpha=0.4,
                    markeredgecolor="white",
                    markeredgewidth=0.6,
                )
            )
            labels.append(wording.word("no_events", lang))
        out.append(Section(wording.word("sites", lang), handles, labels, {}))
    steps = nice_steps(largest)
    if steps:  # the size key names the one kind that sizes markers (see size_title)
        rmax = style.marker_max
        handles = [
            Line2D(
                [],
                [],
                ls="",
                marker="o",
                markersize=2 * scaled(v, largest, style.marker_min, rmax),
                markerfacecolor="#b8b8b8",
                markeredgecolor="white",
                markeredgewidth=0.8,
            )
            for v in steps
        ]
        labels = [f"{v:,}" for v in steps]
        out.append(
            Section(
                size_title(scene.size_kind, lang),
                handles,
                labels,
                {},
                handle_pt=(2 * rmax + 1, 2 * rmax + 1),
                ncols=len(steps),
            )
        )
    if scene.routes:
        handles, labels = [], []
        if any(r.size_high for r in scene.routes):
            pale = Line2D([], [], color=ROUTE_COLOUR, alpha=0.3, lw=style.route_max * 0.55, solid_capstyle="butt")
            dark = Line2D([], [], color=ROUTE_COLOUR, alpha=0.9, lw=style.route_max * 0.2, solid_capstyle="butt")
            handles.append((pale, dark))
            labels.append(
                wording.word("route_size", lang, sep="\n", kind=kind_name(scene.size_kind, lang))
                + "\n"
                + wording.word("route_range", lang, sep="\n")
            )
        if any(not r.size_high for r in scene.routes):
            handles.append(
                Line2D([], [], color=ROUTE_COLOUR, alpha=0.3, lw=style.route_min * 2.2, solid_capstyle="butt")
            )
            labels.append(wording.word("route_other", lang, sep="\n"))
        out.append(
            Section(
                wording.word("routes", lang),
                handles,
                labels,
                {tuple: HandlerTuple(ndivide=None, pad=0)},
                handle_pt=(style.base * 2.6, style.base * 0.8),
            )
        )
    handles, labels = [], []
    if any(not s.approximate for s in scene.sites):
        handles.append(
            Line2D(
                [],
                [],
                ls="",
                marker="o",
                markersize=style.marker_min * 2.6,
                markerfacecolor="#8c8c8c",
                markeredgecolor="white",
                markeredgewidth=0.8,
            )
        )
        labels.append(wording.word("exact", lang))
    if any(s.approximate for s in scene.sites):
        handles.append(Circle((0, 0), 1, facecolor=(0.55, 0.55, 0.55, 0.12), edgecolor="#555555", linewidth=0.8))
        labels.append(wording.word("approx", lang, sep="\n"))
    if handles:
        out.append(
            Section(
                wording.word("location", lang),
                handles,
                labels,
                {Circle: _dashed_circle_handler()},
                handle_pt=(style.base * 2.0, style.base * 1.1),
            )
        )
    return out


def draw(fig, section: Section, x: float, y: float, style: Style, fontsize: float):
    """A legend section with its top-left corner at figure fraction (x, y)."""
    length, height = section.handle_pt or (fontsize * 2.0, fontsize * 0.7)
    leg = fig.legend(
        section.handles,
        section.labels,
        title=section.title,
        loc="upper left",
        bbox_to_anchor=(x, y),
        bbox_transform=fig.transFigure,
        frameon=False,
        alignment="left",
        fontsize=fontsize,
        title_fontproperties={"size": fontsize * 1.02, "weight": "bold"},
        handler_map=section.handler_map,
        handleheight=height / fontsize,
        handlelength=length / fontsize,
        borderaxespad=0,
        borderpad=0,
        labelspacing=0.5,
        handletextpad=0.5 if section.ncols > 1 else 0.7,
        labelcolor=style.ink,
        ncols=section.ncols,
        columnspacing=1.0,
    )
    leg.get_title().set_color(style.ink)
    return leg
