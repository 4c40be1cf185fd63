"""`python -m geo migrate [--data DIR] [--accessed YYYY-MM-DD]`: data model 1 → 2 (claims.csv)."""

from __future__ import annotations

import sys
from datetime import date

from ..cli import add_data_option, iso_date
from ..errors import UsageError
from ..paths import data_dir


def configure(p) -> None:
    add_data_option(p)
    p.add_argument(
        "--accessed",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the day the sources were read, for sources.csv's new accessed column (default: today)",
    )


def run(args) -> int:
    from ..migrate import migrate

    root = data_dir(args.data)
    try:
        counts = migrate(root, args.accessed or date.today())
    except (ValueError, FileNotFoundError) as exc:
        raise UsageError(str(exc)) from None
    print(
        f"migrated {root}: {counts['events']} events, {counts['claims']} claims written to claims.csv, "
        f"{counts['sources']} sources given provenance columns",
        file=sys.stderr,
    )
    print(
        "next: restate each claim in its source's own words (qualifier, said_by), set each source's role, "
        "cites and accessed, then run `python -m geo validate`",
        file=sys.stderr,
    )
    return 0
