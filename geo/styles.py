"""How each kind of site, event, country and route looks; shared by the web map and static exports.

Labels, colours, the site kinds' marker shapes and the routes' line patterns are read from the schemas
(data/schema/, `x-labels`, `x-colours`, `x-shapes`, `x-line-dashes`), so kinds differ by shape or pattern
as well as colour, in the web map (geo/web/shapemarker.js), its legend and the exports.
"""

from __future__ import annotations

import math

from . import schemas

KIND_COLOURS = schemas.colours("site", "kind")
KIND_LABELS = schemas.labels("site", "kind")
KIND_SHAPES = schemas.shapes("site", "kind")
COUNTRY_STROKES = schemas.colours("site", "country")
COUNTRY_LABELS = schemas.labels("site", "country")
PRECISION_LABELS = schemas.labels("site", "precision")
EVENT_KIND_COLOURS = schemas.colours("events", "kind")
EVENT_KIND_DASHES = schemas.line_dashes("events", "kind")  # routes differ by pattern as well as colour
EVENT_KIND_LABELS = schemas.labels("events", "kind")
EVENT_KINDS = tuple(schemas.enum("events", "kind"))
SIZE_KIND = "repatriation"  # the kind whose figures size markers and routes unless the reader picks another
ROUTE_COLOUR = "#c51b7d"
APPROX_DASH = "4 4"

MIN_RADIUS, MAX_RADIUS = 5.0, 22.0
MIN_WIDTH, MAX_WIDTH = 1.5, 14.0


_ROOT3 = math.sqrt(3)
_TRIANGLE = math.sqrt(4 * math.pi / (3 * _ROOT3))  # circumradius of the equilateral triangle as large as a unit circle


def shape_points(shape: str, r: float) -> list[tuple[float, float]] | None:
    """The outline of a marker shape of radius `r` (offsets from its centre, y down), with the area of the
    circle of that radius (so sizes stay area-true); None for a circle. geo/web/shapemarker.js draws the same."""
    if shape == "square":
        a = r * math.sqrt(math.pi) / 2
        return [(-a, -a), (a, -a), (a, a), (-a, a)]
    if shape == "diamond":
        d = r * math.sqrt(math.pi / 2)
        return [(0, -d), (d, 0), (0, d), (-d, 0)]
    if shape in ("triangle", "triangle-down"):
        c = r * _TRIANGLE
        up = [(0, -c), (c * _ROOT3 / 2, c / 2), (-c * _ROOT3 / 2, c / 2)]
        return up if shape == "triangle" else [(x, -y) for x, y in up]
    if shape == "hexagon":
        c = r * math.sqrt(2 * math.pi / (3 * _ROOT3))
        return [(c * math.cos(i * math.pi / 3), c * math.sin(i * math.pi / 3)) for i in range(6)]
    return None


def shape_svg(
    shape: str, fill: str, stroke: str = "#fff", dash: str | None = None, r: float = 6.0, width: float = 2.0
) -> str:
    """A legend's marker as inline SVG (the project's own constants only, never data): the same shape and
    area as on the map, with a text-free role="img" left to the label beside it."""
    box = math.ceil(2 * (r * _TRIANGLE + width))
    c = box / 2
    points = shape_points(shape, r)
    paint = f'fill="{fill}" stroke="{stroke}" stroke-width="{width:g}"' + (
        f' stroke-dasharray="{dash}"' if dash else ""
    )
    if points is None:
        body = f'<circle cx="{c:g}" cy="{c:g}" r="{r:g}" {paint}/>'
    else:
        body = '<polygon points="{}" {}/>'.format(" ".join(f"{c + x:.1f},{c + y:.1f}" for x, y in points), paint)
    return (
        f'<svg class="legend-shape shape-{shape}" width="{box}" height="{box}" viewBox="0 0 {box} {box}" '
        f'aria-hidden="true" focusable="false" style="vertical-align:middle;margin-right:4px">{body}</svg>'
    )


def scaled(value: float, largest: float, lo: float, hi: float) -> float:
    """Area-true scaling (square root), so a circle for 400 people is twice as wide as for 100."""
    if largest <= 0 or value <= 0:
        return lo
    return lo + (hi - lo) * math.sqrt(value / largest)
