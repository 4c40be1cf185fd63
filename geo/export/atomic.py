"""Writing an export: the output directory must exist (a clear usage error otherwise), then the one
atomic writer of the project, so a failed export never leaves a partial file and an existing file
stays untouched until the new one is complete."""

from __future__ import annotations

from pathlib import Path

from ..atomicfile import atomic_write
from ..errors import UsageError


def write_bytes(path, data: bytes) -> Path:
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"{path}: directory {directory} does not exist")
    atomic_write(path, data, mode=0o644)
    return path
