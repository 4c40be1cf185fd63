"""Where the data lives: the shipped data/ or the directory named by GEO_DATA_DIR / --data."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# From a checkout: data/ and static/ beside geo/. Installed from a wheel: pyproject.toml packs them into
# geo/_shipped/ (a checkout has no such folder), and that folder stands in for the repository root.
REPO_ROOT = _PACKAGE / "_shipped" if (_PACKAGE / "_shipped").is_dir() else _PACKAGE.parent
SHIPPED_DATA = REPO_ROOT / "data"
SCHEMA_DIR = SHIPPED_DATA / "schema"
BASEMAP_DIR = SHIPPED_DATA / "basemap"
STATIC_DIR = REPO_ROOT / "static"

SITES_SUBDIR = "sites"
EVENTS_FILE = "events.csv"
SOURCES_FILE = "sources.csv"
LAYERS = ("crossings", "china-detention", "nk-facilities")
LAYER_TITLES = {
    "crossings": "Border crossings",
    "china-detention": "Detention sites in China",
    "nk-facilities": "Holding centres and prisons in North Korea",
}


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The data directory: an explicit one, else $GEO_DATA_DIR, else the shipped data/."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("GEO_DATA_DIR")
    return Path(env) if env else SHIPPED_DATA


def layer_path(root: Path, layer: str) -> Path:
    return root / SITES_SUBDIR / f"{layer}.geojson"
