"""How each kind of site, country and route looks; shared by the web map and static exports."""

from __future__ import annotations

import math

KIND_COLOURS = {
    "border-crossing": "#d95f02",
    "detention-centre": "#1f78b4",
    "holding-centre": "#6a3d9a",
    "reeducation-camp": "#b15928",
    "political-prison-camp": "#a50026",
}
KIND_LABELS = {
    "border-crossing": "Border crossing",
    "detention-centre": "Detention centre",
    "holding-centre": "Holding centre",
    "reeducation-camp": "Re-education camp (kyo-hwa-so)",
    "political-prison-camp": "Political prison camp (kwan-li-so)",
}
COUNTRY_STROKES = {"CN": "#b2182b", "KP": "#08306b", "CN-KP": "#222222"}
COUNTRY_LABELS = {"CN": "China", "KP": "North Korea", "CN-KP": "China–North Korea border"}
PRECISION_LABELS = {
    "facility": "the facility itself",
    "town": "approximate: town or city centre",
    "region": "approximate: region only",
}
ROUTE_COLOUR = "#c51b7d"
APPROX_DASH = "4 4"

MIN_RADIUS, MAX_RADIUS = 5.0, 22.0
MIN_WIDTH, MAX_WIDTH = 1.5, 14.0


def scaled(value: float, largest: float, lo: float, hi: float) -> float:
    """Area-true scaling (square root), so a circle for 400 people is twice as wide as for 100."""
    if largest <= 0 or value <= 0:
        return lo
    return lo + (hi - lo) * math.sqrt(value / largest)


def people_range(low: int, high: int) -> str:
    low, high = int(low), int(high)
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"
