"""`python -m geo validate [--data DIR] [--lang en|ko] [PATH ...]`: every problem as `path:place: message`.

Messages are in English unless --lang (or LC_ALL, LC_MESSAGES or LANG, e.g. ko_KR.UTF-8) asks for Korean;
file names, ids and values from the data are printed as they are in either language.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from ..cli import add_data_option
from ..dataset import check
from ..editing.upload import check_files
from ..errors import DataFileError, UsageError
from ..messages import Msg
from ..paths import LAYERS, TABLE_FILES, TABLES, data_dir, file_kind, table_by_header
from ..readers import read_json


def configure(p) -> None:
    add_data_option(p)
    p.add_argument(
        "--lang",
        choices=("en", "ko"),
        help="the messages' language (default: English, or Korean when LC_ALL, LC_MESSAGES or LANG says ko)",
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a site layer (.geojson) or a table (events.csv, claims.csv, sources.csv, statistics.csv), checked against the rest of the data directory",
    )


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
        raise UsageError(
            Msg(
                "{path}: cannot tell which table this is: name it one of {names}, or give it one of their headers",
                path=str(path),
                names=names,
            )
        )
    raise UsageError(Msg("{path}: not a site layer (.geojson) or table (.csv)", path=str(path)))


def language(args) -> str:
    """--lang, else the environment's locale (ko_KR.UTF-8 → Korean), else English."""
    import os

    if getattr(args, "lang", None):
        return args.lang
    value = next((os.environ[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(k)), "")
    return "ko" if value.lower().startswith("ko") else "en"


def shown(message, lang: str) -> str:
    """A Msg in `lang` (English needs no catalog: the Msg is its English text)."""
    if lang == "en":
        return str(message)
    from ..i18n import translate

    return translate(lang).msg(message)


def run(args) -> int:
    lang = language(args)
    try:
        return _run(args, lang)
    except UsageError as exc:  # worded in the chosen language; geo.cli prints it
        if exc.args and isinstance(exc.args[0], Msg):
            raise UsageError(shown(exc.args[0], lang)) from None
        raise


def _run(args, lang: str) -> int:
    root = data_dir(args.data)
    overrides: dict[str, Path] = {}
    for raw in args.paths:
        path = Path(raw)
        if not path.is_file():
            raise UsageError(Msg("{path}: no such file", path=raw))
        part = classify(path)
        if part in overrides:
            raise UsageError(Msg("{path}: two files given for {part!r}", path=raw, part=part))
        overrides[part] = path
    # single files: the Editor's own checks (CRS normalisation, canonical form, problems they cause elsewhere)
    found = check_files(root, overrides) if overrides else check(root).problems
    if lang == "en":
        for problem in found:
            print(problem)
    else:
        from ..i18n import translate

        _ = translate(lang)
        for problem in found:
            print(_.problem(problem))
    errors = sum(p.is_error for p in found)
    warnings = len(found) - errors
    what = ", ".join(str(p) for p in overrides.values()) or str(root)
    if errors:
        print(
            shown(
                Msg("{errors} error(s), {warnings} warning(s) in {what}", errors=errors, warnings=warnings, what=what),
                lang,
            ),
            file=sys.stderr,
        )
        return 1
    if warnings:
        print(
            shown(Msg("ok: {what} is valid ({warnings} warning(s))", what=what, warnings=warnings), lang),
            file=sys.stderr,
        )
    else:
        print(shown(Msg("ok: {what} is valid", what=what), lang), file=sys.stderr)
    return 0
