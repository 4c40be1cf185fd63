"""`python -m geo …`: the command line. Exit 0 ok, 1 data problems, 2 usage error; never a traceback.

Each subcommand lives in its own module with `configure(parser)` and `run(args) -> int`; add one to
COMMANDS to register it. Only the chosen command's module is imported (so `--help` and every command
start without loading the others' dependencies). The development commands `synth` and `bench` live
outside the package (tools/, benchmarks/: they import geo, never the reverse) and are loaded by name
from a checkout of the repository.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from datetime import date

from .errors import GeoError, UsageError

COMMANDS = {
    "validate": ("geo.commands.validate", "check the data directory, or single files against it"),
    "events": ("geo.commands.events", "print the joined events as JSON or CSV"),
    "synth": ("tools.synth", "write a deterministic synthetic data directory (N events over M sites; development)"),
    "bench": ("benchmarks.command", "benchmark load, validation, aggregation and map building at scale (development)"),
    "fmt": ("geo.commands.fmt", "rewrite data files in the canonical layout (--check: only report)"),
    "add-editor": (
        "geo.commands.add_editor",
        "add an editor (or set a new password): bcrypt hash in .streamlit/secrets.toml",
    ),
    "datapackage": (
        "geo.commands.datapackage",
        "regenerate data/datapackage.json from the schemas (--check: only report)",
    ),
    "migrate": ("geo.commands.migrate", "move a data directory from data model 1 to 2 (claims.csv, source provenance)"),
    "i18n": ("geo.commands.i18n", "the interface's translation catalogs: update from the sources, check, compile"),
    "publish": (
        "geo.commands.publish",
        "the public map as a folder of static files (any web server or CDN; opens offline)",
    ),
    "export": ("geo.commands.export", "a publishable map: PNG, SVG, PDF or self-contained HTML (public records only)"),
}


class Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def add_data_option(p) -> None:
    p.add_argument("--data", metavar="DIR", help="data directory (default: $GEO_DATA_DIR or the shipped data/)")


def add_filter_options(p) -> None:
    """The same filters as the app's sidebar."""
    p.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--kind", action="append", metavar="KIND", help="event kind (repeatable)")
    p.add_argument("--confidence", action="append", metavar="LEVEL", help="confidence level (repeatable)")
    p.add_argument("--site", metavar="ID", help="only events through this site")
    p.add_argument(
        "--view",
        metavar="LINK",
        help="the filters of a link shared from the app (or its query string, "
        "'from=2023-01-01&kind=repatriation'); the options above override it",
    )
    p.add_argument(
        "--include-sensitive", action="store_true", help="include records marked sensitive (never for publication)"
    )


def filters_from(args, layers=None):
    """The Filters of the command's options, read like the app's URL (geo.filterparams), strictly:
    an unknown kind, confidence level or layer, or a date that cannot be read, is a usage error."""
    from dataclasses import replace

    from .filterparams import from_params, parse_query
    from .paths import LAYERS
    from .query import CONFIDENCE_LEVELS
    from .schemas import enum

    params = parse_query(args.view) if getattr(args, "view", None) else {}
    explicit = {
        "from": args.date_from.isoformat() if args.date_from else None,
        "to": args.date_to.isoformat() if args.date_to else None,
        "kind": ",".join(args.kind) if args.kind else None,
        "confidence": ",".join(args.confidence) if args.confidence else None,
        "layers": ",".join(layers) if layers else None,
        "site": getattr(args, "site", None),
    }
    params.update({k: v for k, v in explicit.items() if v is not None})
    allowed = {"kind": tuple(enum("events", "kind")), "confidence": CONFIDENCE_LEVELS, "layers": LAYERS}
    f = from_params(params, allowed=allowed, strict=True)
    return replace(f, include_sensitive=getattr(args, "include_sensitive", False))


def load_or_report(args):
    """The dataset, or None after printing its problems to stderr."""
    from . import dataset
    from .paths import data_dir

    report = dataset.check(data_dir(args.data))
    if report.dataset is None:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        print("the data has problems; run `python -m geo validate` for the list", file=sys.stderr)
        return None
    return report.dataset


def _command_module(name: str):
    module = COMMANDS[name][0]
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if module.startswith("geo.") or exc.name is None or not module.startswith(exc.name):
            raise
        print(
            f"python -m geo {name}: a development command ({module.replace('.', '/')}.py); run it from a "
            "checkout of the repository (its folder is not part of the installed package)",
            file=sys.stderr,
        )
        raise SystemExit(2) from None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; only the command named in argv gets its options (argv None: every command)."""
    parser = Parser(
        prog="python -m geo", description="Data tools for the map of forced repatriations of North Koreans from China."
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    wanted = None if argv is None else next((a for a in argv if not a.startswith("-")), "")
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(_module=module)
        if wanted is None or name == wanted:
            _command_module(name).configure(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
    try:
        return _command_module(args.command).run(args)
    except UsageError as exc:
        print(f"python -m geo {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except GeoError as exc:
        print(f"python -m geo {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # last resort: say what happened, never a traceback
        print(f"python -m geo {args.command}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 3
