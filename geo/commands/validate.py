"""`python -m geo validate [--data DIR] [PATH ...]`: every problem as `path:place: message`."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from ..cli import add_data_option
from ..dataset import check
from ..editing.upload import check_files
from ..errors import DataFileError, UsageError
from ..paths import LAYERS, TABLE_FILES, TABLES, data_dir, file_kind, table_by_header
from ..readers import read_json


def configure(p) -> None:
    add_data_option(p)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="a site layer (.geojson) or a table (events.csv, claims.csv, sources.csv, statistics.csv), checked against the rest of the data directory")


def classify(path: Path) -> str:
    """Which part of the data model a file is: a layer or table name.

    A layer is known by its `name` member, else by its file name; a table by its file name (exactly
    the registry's), else by a header that is exactly one table's columns. Anything else is refused
    with the names it could have: a copy of statistics.csv called figures.csv is checked as
    statistics (its header says so), never as events.
    """
    kind = file_kind(path)
    name = path.name.lower()
    if name.endswith((".geojson", ".json")):
        try:
            declared = read_json(path)
        except DataFileError:
            declared = None
        layer = declared.get("name") if isinstance(declared, dict) else None
        if layer in LAYERS:
            return layer
        if kind in LAYERS:
            return kind
        return LAYERS[0]  # read as a layer so its own problems are reported
    if name.endswith(".csv"):
        if kind in TABLES:
            return kind
        try:
            with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
                header = next(csv.reader([fh.readline()]), [])
        except (OSError, csv.Error):
            header = []
        table = table_by_header(header)
        if table:
            return table
        names = ", ".join(TABLE_FILES.values())
        raise UsageError(f"{path}: cannot tell which table this is: name it one of {names}, or give it one of "
                         "their headers")
    raise UsageError(f"{path}: not a site layer (.geojson) or table (.csv)")


def run(args) -> int:
    root = data_dir(args.data)
    overrides: dict[str, Path] = {}
    for raw in args.paths:
        path = Path(raw)
        if not path.is_file():
            raise UsageError(f"{raw}: no such file")
        part = classify(path)
        if part in overrides:
            raise UsageError(f"{raw}: two files given for {part!r}")
        overrides[part] = path
    # single files: the Editor's own checks (CRS normalisation, canonical form, problems they cause elsewhere)
    shown = check_files(root, overrides) if overrides else check(root).problems
    for problem in shown:
        print(problem)
    errors = sum(p.is_error for p in shown)
    warnings = len(shown) - errors
    what = ", ".join(str(p) for p in overrides.values()) or str(root)
    if errors:
        print(f"{errors} error(s), {warnings} warning(s) in {what}", file=sys.stderr)
        return 1
    print(f"ok: {what} is valid" + (f" ({warnings} warning(s))" if warnings else ""), file=sys.stderr)
    return 0
