"""Where the data lives (the shipped data/, or GEO_DATA_DIR / --data), and which file is which.

File names, layer names and their titles come from data/schema/datamodel.json, the one registry of
the data model's files; `file_kind` is the one place that decides what a given path is.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# From a checkout: data/ and static/ beside geo/. Installed from a wheel: pyproject.toml packs them into
# geo/_shipped/ (a checkout has no such folder), and that folder stands in for the repository root.
INSTALLED = (_PACKAGE / "_shipped").is_dir()
REPO_ROOT = _PACKAGE / "_shipped" if INSTALLED else _PACKAGE.parent
SHIPPED_DATA = REPO_ROOT / "data"
SCHEMA_DIR = SHIPPED_DATA / "schema"
BASEMAP_DIR = SHIPPED_DATA / "basemap"
STATIC_DIR = REPO_ROOT / "static"

with open(SCHEMA_DIR / "datamodel.json", encoding="utf-8") as _fh:
    MODEL = json.load(_fh)

LIST_SEPARATOR = MODEL["list_separator"]
TABLES = tuple(MODEL["tables"])  # sources, events, claims, statistics
TABLE_FILES = {name: spec["file"] for name, spec in MODEL["tables"].items()}
OPTIONAL_TABLES = frozenset(name for name, spec in MODEL["tables"].items() if spec.get("optional"))
SITES_SUBDIR = MODEL["layers_dir"]
LAYERS = tuple(MODEL["layers"])
LAYER_FILES = {name: spec["file"] for name, spec in MODEL["layers"].items()}
LAYER_TITLES = {name: spec["title"]["en"] for name, spec in MODEL["layers"].items()}

EVENTS_FILE = TABLE_FILES["events"]
SOURCES_FILE = TABLE_FILES["sources"]
CLAIMS_FILE = TABLE_FILES["claims"]
STATISTICS_FILE = TABLE_FILES["statistics"]


def layer_title(layer: str, lang: str = "en") -> str:
    """A layer's title in `lang` (English where the model has none in that language)."""
    return MODEL["layers"][layer]["title"].get(lang) or MODEL["layers"][layer]["title"]["en"]


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The data directory: an explicit one, else $GEO_DATA_DIR, else the shipped data/."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("GEO_DATA_DIR")
    return Path(env) if env else SHIPPED_DATA


def layer_path(root: Path, layer: str) -> Path:
    return Path(root) / SITES_SUBDIR / LAYER_FILES[layer]


def table_path(root: Path, table: str) -> Path:
    return Path(root) / TABLE_FILES[table]


def data_files(root: Path) -> list[Path]:
    """Every file of a data directory, in registry order (whether it exists or not)."""
    return [layer_path(root, layer) for layer in LAYERS] + [table_path(root, t) for t in TABLES]


def file_kind(path: os.PathLike | str) -> str | None:
    """Which part of the data model a file is, by its name: a table name, a layer name, or None.

    Exactly the registry's file names (case-insensitive): `figures.csv` is nothing, never 'events'.
    """
    name = Path(path).name.lower()
    for table, file in TABLE_FILES.items():
        if name == file.lower():
            return table
    for layer, file in LAYER_FILES.items():
        if name == file.lower():
            return layer
    return None


def table_by_header(header: list[str]) -> str | None:
    """The table whose columns are exactly these (in any order), or None."""
    from . import schemas

    wanted = sorted(h.strip() for h in header)
    for table in TABLES:
        if sorted(schemas.columns(table)) == wanted:
            return table
    return None
