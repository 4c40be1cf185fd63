"""Page layout of a static map: header (title, subtitle), footer (credits), panel and map rectangles.

Text is wrapped by measuring it with the renderer, so long titles and source lists never run off
the page. Rectangles are in inches from the bottom-left corner. The legend and locator go beside
the map or under it, whichever draws the subject larger.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    text: str
    size: float
    weight: str = "normal"
    colour: str = "#1a1a1a"
    leading: float = 1.22


_SIZES: dict = {}


def text_size(renderer, text: str, size: float, weight: str = "normal") -> tuple[float, float]:
    """Rendered (width, height) in px of one line of text (remembered per font, size and resolution)."""
    import matplotlib
    from matplotlib.font_manager import FontProperties

    key = (text, size, weight, renderer.dpi, tuple(matplotlib.rcParams["font.family"]))
    if key not in _SIZES:
        if len(_SIZES) > 20_000:
            _SIZES.clear()
        prop = FontProperties(size=size, weight=weight)
        w, h, _ = renderer.get_text_width_height_descent(text, prop, ismath=False)
        _SIZES[key] = (w, h)
    return _SIZES[key]


def wrap(renderer, text: str, size: float, max_px: float, weight: str = "normal", sep: str = " ") -> list[str]:
    """Greedy word wrap so every line measures at most max_px (a single overlong word stays whole).

    Words are measured once each and summed (with a 2% allowance for kerning), so wrapping a long
    source list costs one measurement per distinct word, not one per trial line.
    """

    def width(word: str) -> float:
        return text_size(renderer, word, size, weight)[0] if word else 0.0

    space = text_size(renderer, "a" + sep + "a", size, weight)[0] - 2 * width("a")
    limit = max_px / 1.02
    lines: list[str] = []
    current, current_w = "", 0.0
    for w in text.split(sep):
        ww = width(w)
        if current and current_w + space + ww > limit:
            lines.append(current)
            current, current_w = w, ww
        elif current:
            current, current_w = current + sep + w, current_w + space + ww
        else:
            current, current_w = w, ww
    if current:
        lines.append(current)
    return lines


def block_height_in(lines: list[Line]) -> float:
    return sum(line.size * line.leading for line in lines) / 72.0


def draw_block(fig, lines: list[Line], x_in: float, top_in: float) -> float:
    """Draw lines top-down from (x_in, top_in) inches; return the bottom in inches."""
    W, H = fig.get_figwidth(), fig.get_figheight()
    y = top_in
    for line in lines:
        fig.text(
            x_in / W,
            y / H,
            line.text,
            ha="left",
            va="top",
            fontsize=line.size,
            fontweight=line.weight,
            color=line.colour,
        )
        y -= line.size * line.leading / 72.0
    return y


@dataclass(frozen=True)
class Rect:
    left: float
    bottom: float
    width: float
    height: float

    def fraction(self, fig_w: float, fig_h: float) -> tuple[float, float, float, float]:
        return self.left / fig_w, self.bottom / fig_h, self.width / fig_w, self.height / fig_h

    @property
    def top(self) -> float:
        return self.bottom + self.height

    @property
    def right(self) -> float:
        return self.left + self.width


def fit_extent(focus: tuple, aspect: float, margin: float = 0.14, min_span: float = 160_000.0) -> tuple:
    """Projected (xmin, ymin, xmax, ymax) around `focus` with a margin, at the map's width/height ratio."""
    x0, y0, x1, y1 = focus
    dx, dy = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    pad = max(dx, dy) * margin + 15_000.0
    dx, dy = max(dx + 2 * pad, min_span), max(dy + 2 * pad, min_span * 0.6)
    if dx / dy > aspect:
        dy = dx / aspect
    else:
        dx = dy * aspect
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - dx / 2, cy - dy / 2, cx + dx / 2, cy + dy / 2


def _measure_sections(fig, renderer, secs, style, fontsize):
    from . import legend

    sizes = []
    for sec in secs:
        leg = legend.draw(fig, sec, 0, 1, style, fontsize)
        bb = leg.get_window_extent(renderer)
        sizes.append((bb.width, bb.height))
        leg.remove()
    return sizes


def _plan_side(body, page, sizes, gap, sec_gap, W):
    """Legend and locator in a column to the right of the map."""
    total_h = sum(h for _, h in sizes) + sec_gap * max(len(sizes) - 1, 0)
    panel_w = min(max([w for w, _ in sizes] + [W * 0.17]) + 0.05, W * 0.36)
    map_rect = Rect(body.left, body.bottom, body.width - panel_w - gap, body.height)
    px, top = map_rect.right + gap, body.top
    inset_rect, legend_pos = None, []
    inset_h = min(panel_w * 0.8, body.height * 0.42)
    if page.inset and body.height - total_h - sec_gap * 1.5 >= inset_h * 0.7:
        inset_h = min(inset_h, body.height - total_h - sec_gap * 1.5)
        inset_rect = Rect(px, top - inset_h, panel_w, inset_h)
        top -= inset_h + sec_gap * 1.5
    for _, h in sizes:
        legend_pos.append((px, top))
        top -= h + sec_gap
    fits = total_h <= body.height - (inset_rect.height + sec_gap * 1.5 if inset_rect else 0) + 1e-6
    return map_rect, inset_rect, legend_pos, fits


def _plan_bottom(body, page, sizes, gap, sec_gap, style):
    """Legend sections side by side under the map, the locator at the right."""
    inset_w = min(body.width * 0.3, body.height * 0.3 / 0.8) if page.inset else 0.0
    avail = body.width - inset_w - (gap if inset_w else 0)
    x, row_h, y = 0.0, 0.0, 0.0
    col_gap = style.base * 1.6 / 72
    positions = []
    for w, h in sizes:
        if x > 0 and x + w > avail:
            y += row_h + sec_gap
            x, row_h = 0.0, 0.0
        positions.append((x, y))
        x += w + col_gap
        row_h = max(row_h, h)
    legend_h = y + row_h
    panel_h = max(legend_h, inset_w * 0.8)
    panel_top = body.bottom + panel_h
    legend_pos = [(body.left + dx, panel_top - dy) for dx, dy in positions]
    inset_rect = Rect(body.right - inset_w, panel_top - inset_w * 0.8, inset_w, inset_w * 0.8) if inset_w else None
    map_rect = Rect(body.left, panel_top + gap, body.width, body.top - panel_top - gap)
    return map_rect, inset_rect, legend_pos, map_rect.height > body.height * 0.4


def plan(fig, renderer, focus, page, style, secs, header_h, footer_h):
    """Rectangles (inches) for the map, the legend sections and the inset locator.

    The legend goes beside the map or under it, whichever lets the map draw its subject larger.
    """
    W, H = fig.get_figwidth(), fig.get_figheight()
    m = style.margin_in
    gap = style.base * 1.1 / 72
    body = Rect(m, m + footer_h + gap * 0.6, W - 2 * m, H - 2 * m - header_h - footer_h - gap * 1.6)
    sec_gap = style.base * 0.9 / 72
    options_ = []
    for fs in (style.legend, style.legend * 0.9, style.legend * 0.8, style.legend * 0.72):
        sizes = [(w / fig.dpi, h / fig.dpi) for w, h in _measure_sections(fig, renderer, secs, style, fs)]
        for shape in (
            _plan_side(body, page, sizes, gap, sec_gap, W),
            _plan_bottom(body, page, sizes, gap, sec_gap, style),
        ):
            map_rect, inset_rect, legend_pos, fits = shape
            if not fits or map_rect.width <= 0 or map_rect.height <= 0:
                continue
            x0, y0, x1, y1 = fit_extent(focus, map_rect.width / map_rect.height)
            scale = map_rect.width / (x1 - x0)  # inches per metre: how large the subject is drawn
            options_.append((scale * (1.0 if fs == style.legend else 0.97), map_rect, inset_rect, legend_pos, fs))
        if options_:
            break
    if not options_:  # nothing fits cleanly: smallest type, legend beside the map
        map_rect, inset_rect, legend_pos, _ = _plan_side(body, page, sizes, gap, sec_gap, W)
        return map_rect, inset_rect, legend_pos, fs
    best = max(options_, key=lambda o: o[0])
    return best[1], best[2], best[3], best[4]
