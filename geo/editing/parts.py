"""The data files an editor can change: the site layers and the CSV tables, by part name.

A part is a layer name ('crossings', …) or a table name ('events', 'sources', 'claims',
'statistics'); the same names key geo.dataset.check's overrides. All from the registry (geo.paths).
"""

from __future__ import annotations

from pathlib import Path

from ..paths import LAYER_TITLES, LAYERS, MODEL, TABLE_FILES, TABLES, layer_path

PARTS = (*LAYERS, *TABLES)
TITLES = {**LAYER_TITLES, **{name: spec["title"]["en"] for name, spec in MODEL["tables"].items()}}


def title(part: str, lang: str = "en") -> str:
    """The part's title in `lang` (the registry's; English where it has none)."""
    spec = MODEL["layers"].get(part) or MODEL["tables"][part]
    return spec["title"].get(lang) or spec["title"]["en"]


def relative_name(part: str) -> str:
    """The part's file, relative to the data directory: 'sites/crossings.geojson', 'events.csv'."""
    if part in LAYERS:
        return str(layer_path(Path(""), part))
    if part in TABLE_FILES:
        return TABLE_FILES[part]
    raise ValueError(f"unknown data file {part!r}")
