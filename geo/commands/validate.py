"""`python -m geo validate [--data DIR] [PATH ...]`: every problem as `path:place: message`."""

from __future__ import annotations

import sys
from pathlib import Path

from ..cli import add_data_option
from ..dataset import check
from ..editing.upload import check_files
from ..errors import DataFileError, UsageError
from ..paths import LAYERS, data_dir
from ..readers import read_json


def configure(p) -> None:
    add_data_option(p)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="a site layer (.geojson), events.csv or sources.csv, checked against the rest of the data directory")


def classify(path: Path) -> str:
    """Which part of the data model a file is: a layer name, 'events' or 'sources'.

    A layer is known by its `name` member, else by its file name; a table by its name, else its header.
    """
    name = path.name.lower()
    if name.endswith((".geojson", ".json")):
        try:
            declared = read_json(path)
        except DataFileError:
            declared = None
        layer = declared.get("name") if isinstance(declared, dict) else None
        if layer in LAYERS:
            return layer
        if path.stem in LAYERS:
            return path.stem
        return LAYERS[0]  # read as a layer so its own problems are reported
    if name.endswith(".csv"):
        if "statistic" in name:
            return "statistics"
        if "source" in name:
            return "sources"
        if "event" in name:
            return "events"
        try:
            with open(path, encoding="utf-8-sig", errors="replace") as fh:
                header = fh.readline()
        except OSError:
            header = ""
        return "sources" if "publisher" in header else "events"
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
