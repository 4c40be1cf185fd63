"""The data files an editor can change: the site layers and the CSV tables, by part name.

A part is a layer name ('crossings', …) or a table name ('events', 'sources', 'statistics'); the
same names key geo.dataset.check's overrides.
"""

from __future__ import annotations

from pathlib import Path

from ..paths import EVENTS_FILE, LAYER_TITLES, LAYERS, SOURCES_FILE, layer_path
from ..statistics import STATISTICS_FILE

TABLE_FILES = {"events": EVENTS_FILE, "sources": SOURCES_FILE, "statistics": STATISTICS_FILE}
TABLES = tuple(TABLE_FILES)
PARTS = (*LAYERS, *TABLES)
TITLES = {**LAYER_TITLES, "events": "Events", "sources": "Sources", "statistics": "Statistics"}


def relative_name(part: str) -> str:
    """The part's file, relative to the data directory: 'sites/crossings.geojson', 'events.csv'."""
    if part in LAYERS:
        return str(layer_path(Path(""), part))
    if part in TABLE_FILES:
        return TABLE_FILES[part]
    raise ValueError(f"unknown data file {part!r}")
