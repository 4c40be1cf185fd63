"""A content hash of the data directory, so caches follow what the files say, not when they were touched."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .paths import data_files


_by_stat: dict[tuple, str] = {}


def fingerprint(root: Path) -> str:
    """sha256 over the data files' names and bytes. Hashing 24 MB costs ~30 ms, so the result is
    reused while every file keeps its size and modification time (an edit changes both or one)."""
    stats = []
    for path in data_files(root):
        try:
            st = path.stat()
            stats.append((str(path), st.st_size, st.st_mtime_ns))
        except OSError:
            stats.append((str(path), None, None))
    key = tuple(stats)
    if key not in _by_stat:
        if len(_by_stat) > 32:
            _by_stat.clear()
        _by_stat[key] = _content_hash(root)
    return _by_stat[key]


def _content_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in data_files(root):
        digest.update(str(path.name).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()
