"""`python -m geo export --out FILE`: a publishable map (PNG, SVG, PDF or self-contained HTML).

The format follows the suffix; the filters are the app's. Sensitive records never appear, so
--include-sensitive is refused. The file is written atomically: a failed export leaves nothing.
"""

from __future__ import annotations

import argparse
import sys

from ..cli import add_data_option, add_filter_options, filters_from, load_or_report
from ..errors import UsageError
from ..paths import LAYERS

from ..export.options import LANGS
from ..export.presets import PRESETS
from ..styles import EVENT_KINDS, SIZE_KIND


def _dpi(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 30 <= value <= 1200:
        raise argparse.ArgumentTypeError(f"{text} is outside 30–1200")
    return value


def configure(p) -> None:
    p.add_argument("--out", required=True, metavar="FILE", help="output file: .png, .svg, .pdf or .html")
    add_data_option(p)
    add_filter_options(p)
    for action in p._actions:  # exports are for publication: offer no way to include sensitive records
        if "--include-sensitive" in action.option_strings:
            action.help = argparse.SUPPRESS
    p.add_argument(
        "--layers",
        nargs="+",
        metavar="LAYER",
        help=f"site layers to show (space- or comma-separated): {', '.join(LAYERS)}",
    )
    p.add_argument(
        "--preset",
        choices=list(PRESETS),
        default="default",
        help="page size: " + "; ".join(f"{k}: {v.label}" for k, v in PRESETS.items()),
    )
    p.add_argument("--lang", choices=LANGS, default="en", help="label language (default en)")
    p.add_argument("--title", help="title instead of the default")
    p.add_argument("--dpi", type=_dpi, metavar="N", help="resolution (changes pixels, not the layout)")
    p.add_argument(
        "--size-kind",
        choices=EVENT_KINDS,
        default=SIZE_KIND,
        metavar="KIND",
        help=f"the one event kind whose figures size markers and routes (default {SIZE_KIND}; "
        f"kinds are never added together): {', '.join(EVENT_KINDS)}",
    )


def _layers(raw) -> list[str] | None:
    if not raw:
        return None
    names = [n.strip() for item in raw for n in item.split(",") if n.strip()]
    unknown = [n for n in names if n not in LAYERS]
    if unknown:
        raise UsageError(f"unknown layer {unknown[0]!r}; choose from {', '.join(LAYERS)}")
    return names


def run(args) -> int:
    import gc

    gc.disable()  # a short command that makes few cycles: pausing the cyclic collector saves ~0.1 s of start-up
    try:
        return _run(args)
    finally:
        gc.enable()


def _run(args) -> int:
    if getattr(args, "include_sensitive", False):
        raise UsageError(
            "--include-sensitive is not available for export: exports are for publication "
            "and never contain sensitive records"
        )
    from ..export import ExportOptions, export, format_for

    fmt = format_for(args.out)  # an unknown suffix fails before any work
    options = ExportOptions(
        preset=args.preset, lang=args.lang, title=args.title, dpi=args.dpi, size_kind=args.size_kind
    )
    layers = _layers(args.layers)
    ds = load_or_report(args)
    if ds is None:
        return 1
    from dataclasses import replace

    filters = replace(filters_from(args, layers), include_sensitive=False)
    info = None
    if fmt != "html":  # the static renderer (and matplotlib with it) loads only for PNG, SVG and PDF
        from ..export.static import RenderInfo

        info = RenderInfo()
    size = export(ds, filters, options, args.out, info=info)
    if info is not None:
        from ..export.labelreport import label_notes

        for note in label_notes(info, ds, options.size_kind, "en"):
            print(f"note: {note}", file=sys.stderr)
    if args.out.lower().endswith(".html") and size > 1_000_000:
        print(f"note: {args.out} is {size / 1e6:.1f} MB, over the 1 MB budget for the HTML export", file=sys.stderr)
    print(f"wrote {args.out} ({size:,} bytes)", file=sys.stderr)
    return 0
