"""`python -m geo events`: the joined events (sites and sources resolved) as JSON or CSV."""

from __future__ import annotations

import json
import sys

from ..cli import add_data_option, add_filter_options, filters_from, load_or_report
from .. import query
from ..texts import csv_safe


def configure(p) -> None:
    add_data_option(p)
    add_filter_options(p)
    p.add_argument("--format", choices=("json", "csv"), default="json")


def run(args) -> int:
    ds = load_or_report(args)
    if ds is None:
        return 1
    f = filters_from(args)
    public = query.public_view(ds, f.include_sensitive)
    events = query.filter_events(public, f)
    if args.format == "json":
        json.dump(query.joined_records(public, events), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        csv_safe(query.flat_table(public, events)).to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0
