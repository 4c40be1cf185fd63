"""Writing a file so that readers only ever see the old bytes or the new ones, never a torn mix:
a temporary file in the same directory, fsync, os.replace, then fsync of the directory.

Shared by the editors' saves (geo/editing/store.py), the secrets file and the exports.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

CHUNK = 64 * 1024


def _write_chunk(fh, chunk: bytes) -> None:
    """One write; a seam the atomicity test slows down to kill a writer mid-file."""
    fh.write(chunk)


def fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # not supported here (e.g. some network file systems): the replace is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace `path` with `data` atomically: temp file in the same directory, fsync, os.replace, fsync dir."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            for start in range(0, len(data), CHUNK):
                _write_chunk(fh, data[start : start + CHUNK])
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(path.parent)


def remove_stale_temps(path: Path) -> None:
    """Temporary files a killed writer left next to `path` (call only while holding the lock)."""
    for stale in Path(path).parent.glob(f".{Path(path).name}.*.tmp"):
        try:
            stale.unlink()
        except OSError:
            pass
