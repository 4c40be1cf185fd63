"""`python -m geo datapackage [--data DIR] [--check]`: regenerate datapackage.json from the schemas."""

from __future__ import annotations

import json
import sys

from ..cli import add_data_option
from ..paths import data_dir


def configure(p) -> None:
    add_data_option(p)
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if the file is out of date")


def run(args) -> int:
    from ..atomicfile import atomic_write
    from ..datapackage import generate, path_of, text

    path = path_of(data_dir(args.data))
    current = path.read_text(encoding="utf-8")
    wanted = text(generate(json.loads(current)))
    if wanted == current:
        print(f"ok: {path} is up to date", file=sys.stderr)
        return 0
    if args.check:
        print(f"{path}: out of date with data/schema/; run `python -m geo datapackage`", file=sys.stderr)
        return 1
    atomic_write(path, wanted.encode("utf-8"))
    print(f"wrote {path}", file=sys.stderr)
    return 0
