"""`python -m geo bench [--events N ...]`: speed at scale against geopandas explore(), and the export
benchmark (see benchmarks/).

A development command: it lives in benchmarks/ (outside the geo package, which never imports it) and
geo's command line loads it by name only when asked, from a checkout of the repository."""

from __future__ import annotations

from pathlib import Path

from geo.errors import UsageError


def configure(p) -> None:
    from tools.synth import _count

    p.add_argument(
        "--events",
        type=_count,
        action="append",
        metavar="N",
        help="number of events (repeatable; default 1000, 10000 and 100000)",
    )
    p.add_argument("--sites", type=_count, default=None, metavar="M", help="sites per data set (default 80)")
    p.add_argument("--seed", type=int, default=None, metavar="S", help="random seed of the synthetic data")
    p.add_argument(
        "--repeat", type=_count, default=3, metavar="R", help="runs per step; the median is reported (default 3)"
    )
    p.add_argument(
        "--browser",
        action="store_true",
        help="also time the app in headless Chromium (/usr/bin/chromium) on the largest data set",
    )
    p.add_argument("--no-explore", action="store_true", help="skip the geopandas explore() baseline")
    p.add_argument(
        "--no-export",
        action="store_true",
        help="skip the export benchmark (benchmarks/export_bench.py) that refreshes the README's Export section",
    )
    p.add_argument(
        "--keep",
        metavar="DIR",
        help="write the synthetic data sets here and keep them (default: a temporary directory)",
    )
    p.add_argument(
        "--load",
        action="store_true",
        help="launch-day load instead: one app process, two replicas behind HAProxy, and the published map "
        "on a plain web server (benchmarks/load_bench.py); loopback only",
    )
    p.add_argument(
        "--sessions", type=_count, default=50, metavar="N", help="with --load: concurrent sessions (default 50)"
    )
    p.add_argument(
        "--profile",
        action="store_true",
        help="with --load: also sample the one app process with py-spy during a second load run and report "
        "where its CPU goes (benchmarks/serverprofile.py; py-spy from requirements-dev.txt)",
    )
    p.add_argument(
        "--readme",
        metavar="PATH",
        default=None,
        help="where to write the results (default benchmarks/README.md; 'none' to skip)",
    )


def run(args) -> int:
    from benchmarks import bench

    if args.load:
        from benchmarks import load_bench

        readme = (
            load_bench.README if args.readme is None else None if args.readme.lower() == "none" else Path(args.readme)
        )
        return load_bench.run(sessions=args.sessions, readme=readme, profile=args.profile)
    if args.sites is not None and args.sites < 3:
        raise UsageError("--sites must be at least 3 (one per layer)")
    if args.repeat < 1:
        raise UsageError("--repeat must be at least 1")
    if any(n < 1 for n in args.events or ()):
        raise UsageError("--events must be at least 1")
    readme = bench.README if args.readme is None else None if args.readme.lower() == "none" else Path(args.readme)
    workdir = Path(args.keep) if args.keep else None
    if workdir is not None:
        workdir.mkdir(parents=True, exist_ok=True)
    return bench.run(
        sizes=tuple(args.events or bench.DEFAULT_SIZES),
        sites=args.sites,
        seed=args.seed,
        repeat=args.repeat,
        browser=args.browser,
        explore=not args.no_explore,
        workdir=workdir,
        readme=readme,
        export=not args.no_export,
    )
