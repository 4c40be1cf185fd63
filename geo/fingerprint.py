"""A content hash of the data directory, so caches follow what the files say, not when they were touched."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .paths import EVENTS_FILE, LAYERS, SOURCES_FILE, layer_path


def data_files(root: Path) -> list[Path]:
    root = Path(root)
    return [layer_path(root, layer) for layer in LAYERS] + [root / EVENTS_FILE, root / SOURCES_FILE, root / "statistics.csv"]


def fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for path in data_files(root):
        digest.update(str(path.name).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()
