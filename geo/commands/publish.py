"""`python -m geo publish --out DIR`: the public map as a static folder (see geo/publish.py).

Public records only (there is no option to include sensitive ones). The folder is written beside the
old one and swapped in, so a web server never serves half a map.
"""

from __future__ import annotations

from pathlib import Path

from ..cli import add_data_option, load_or_report


def configure(p) -> None:
    p.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="folder to write (created; a previous published map there is replaced)",
    )
    p.add_argument(
        "--url",
        default="./",
        metavar="URL",
        help="where the folder will be served (for the embed snippet's iframe), e.g. https://example.org/map/",
    )
    add_data_option(p)


def run(args) -> int:
    from .. import publish

    ds = load_or_report(args)
    if ds is None:
        return 1
    built = publish.build(ds, args.url)
    paths = publish.write(built, Path(args.out))
    total = sum(len(b) for b in built.files.values())
    print(
        f"published {len(paths)} files ({total / 1e6:.1f} MB) to {args.out}: open {Path(args.out) / 'index.html'}; "
        f"embed snippet in {Path(args.out) / 'embed-snippet.html'}; {built.version.credit_line()}"
    )
    return 0
