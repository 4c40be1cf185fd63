"""How each kind of site, event, country and route looks; shared by the web map and static exports.

Labels and colours are read from the schemas (data/schema/, `x-labels` and `x-colours`).
"""

from __future__ import annotations

import math

from . import schemas

KIND_COLOURS = schemas.colours("site", "kind")
KIND_LABELS = schemas.labels("site", "kind")
COUNTRY_STROKES = schemas.colours("site", "country")
COUNTRY_LABELS = schemas.labels("site", "country")
PRECISION_LABELS = schemas.labels("site", "precision")
EVENT_KIND_COLOURS = schemas.colours("events", "kind")
EVENT_KIND_LABELS = schemas.labels("events", "kind")
EVENT_KINDS = tuple(schemas.enum("events", "kind"))
SIZE_KIND = "repatriation"  # the kind whose figures size markers and routes unless the reader picks another
ROUTE_COLOUR = "#c51b7d"
APPROX_DASH = "4 4"

MIN_RADIUS, MAX_RADIUS = 5.0, 22.0
MIN_WIDTH, MAX_WIDTH = 1.5, 14.0


def scaled(value: float, largest: float, lo: float, hi: float) -> float:
    """Area-true scaling (square root), so a circle for 400 people is twice as wide as for 100."""
    if largest <= 0 or value <= 0:
        return lo
    return lo + (hi - lo) * math.sqrt(value / largest)
