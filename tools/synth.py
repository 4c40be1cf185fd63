"""`python -m geo synth --out DIR --events N [--sites M] [--seed S]`: a synthetic data directory.

A development command: it lives in tools/ (outside the geo package, which never imports it) and geo's
command line loads it by name only when asked, from a checkout of the repository."""

from __future__ import annotations

import sys
from pathlib import Path

from geo.errors import UsageError


def _count(text: str) -> int:
    import argparse

    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative")
    return value


def configure(p) -> None:
    p.add_argument(
        "--out", required=True, metavar="DIR", help="directory to write (created; its data files are replaced)"
    )
    p.add_argument("--events", required=True, type=_count, metavar="N", help="number of events")
    p.add_argument("--sites", type=_count, default=None, metavar="M", help="number of sites (default 80, at least 3)")
    p.add_argument("--seed", type=int, default=None, metavar="S", help="random seed (same seed, same bytes)")


def run(args) -> int:
    from tools import synthetic

    sites = synthetic.DEFAULT_SITES if args.sites is None else args.sites
    if sites < 3:
        raise UsageError("--sites must be at least 3 (one per layer)")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: exists and is not a directory")
    seed = synthetic.DEFAULT_SEED if args.seed is None else args.seed
    data = synthetic.generate(args.events, sites, seed)
    synthetic.write(data, out)
    n_sites = sum(len(doc["features"]) for doc in data.layers.values())
    print(
        f"wrote {out}: {len(data.events):,} events, {n_sites} sites, {len(data.sources):,} sources (seed {seed})",
        file=sys.stderr,
    )
    return 0
