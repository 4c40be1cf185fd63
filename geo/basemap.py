"""The offline vector basemap shipped in data/basemap/ (derived from Natural Earth by
tools/basemap_build.py): country polygons, their shared land borders, and lakes.

The web map and the static exports read the same files, so the map reads the same online or off.
"""

from __future__ import annotations

from functools import lru_cache

from .paths import BASEMAP_DIR
from .readers import read_json

LAYERS = ("countries", "lakes", "borders")
# The app fetches the same files from Streamlit's static serving: static/basemap/ holds byte-identical
# copies written by tools/basemap_build.py (Streamlit refuses symlinks that leave static/).
STATIC_URL_PATH = "basemap/"


@lru_cache(maxsize=None)
def layer(name: str) -> dict:
    """One basemap layer as a GeoJSON dict (cached: the files ship with the code)."""
    if name not in LAYERS:
        raise ValueError(f"unknown basemap layer {name!r}")
    return read_json(BASEMAP_DIR / f"{name}.geojson")
