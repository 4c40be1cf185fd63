"""`python -m geo fmt [--data DIR] [--check] [PATH ...]`: rewrite data files in the canonical layout.

Key order from the schemas, 6-decimal coordinates, one layout, LF, one trailing newline (see
geo/editing/canonical.py). Without PATHs: every data file in the data directory. Files of the
data directory are saved like an editor's save (atomic, previous version kept in .history/);
other files are replaced atomically. `--check` writes nothing and exits 1 listing the files that
would change. A file that cannot be read is reported and left alone (exit 1).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..cli import add_data_option
from ..errors import DataFileError, GeoError, UsageError
from ..fingerprint import data_files
from ..paths import LAYERS, data_dir
from ..readers import decode_text, read_bytes
from ..editing import canonical
from ..editing.parts import PARTS, relative_name
from ..editing.store import Store, atomic_write, sha256
from ..editing.upload import detect_part, limit_for


def configure(p) -> None:
    add_data_option(p)
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 listing the files that would change")
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="files to format (default: every data file in the data directory)"
    )


def _part(path: Path, root: Path) -> tuple[str, bool]:
    """(part, whether the file is that part's file in the data directory)."""
    for part in PARTS:
        own = root / relative_name(part)
        if own.exists() and path.exists() and own.resolve() == path.resolve():
            return part, True
    name = path.name.lower()
    if name.endswith((".geojson", ".json")):
        return LAYERS[0], False  # any layer: the layout is the same for all
    if name.endswith(".csv"):
        try:
            head = path.open("rb").read(2048)
        except OSError:
            head = b""
        return detect_part(path.name, head) or "events", False
    raise UsageError(f"{path}: not a site layer (.geojson) or table (.csv)")


def run(args) -> int:
    root = data_dir(args.data)
    paths = [Path(p) for p in args.paths] or [p for p in data_files(root) if p.exists()]
    if not paths:
        raise UsageError(f"{root}: no data files to format")
    store = Store(root)
    changed, failed, same = [], [], 0
    for path in paths:
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
        part, own = _part(path, root)
        try:
            raw = read_bytes(path, limit_for(part))
            text = canonical.canonical_text(part, decode_text(raw, path), str(path))
        except (DataFileError, canonical.CanonicalError) as exc:
            print(f"{exc}", file=sys.stderr)
            failed.append(path)
            continue
        if text.encode("utf-8") == raw:
            same += 1
            continue
        changed.append(path)
        if args.check:
            print(f"{path}: not in the canonical layout (run `python -m geo fmt` to fix)")
            continue
        try:
            if own:
                store.save(part, text, sha256(raw), action="fmt")
            else:
                atomic_write(path, text.encode("utf-8"))
        except GeoError as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            failed.append(path)
            changed.pop()
            continue
        print(f"{path}: reformatted")
    verb = "would be reformatted" if args.check else "reformatted"
    print(
        f"{len(changed)} file(s) {verb}, {same} already canonical" + (f", {len(failed)} unreadable" if failed else ""),
        file=sys.stderr,
    )
    return 1 if failed or (args.check and changed) else 0
