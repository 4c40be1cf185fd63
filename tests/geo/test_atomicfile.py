"""geo.atomicfile: a replaced file is the old bytes or the new ones (the kill-mid-write case is in
tests/geo/editing/test_store.py); modes are kept, and a failed write leaves no temporary file."""

from __future__ import annotations

import pytest

from geo import atomicfile
from geo.atomicfile import atomic_write, remove_stale_temps


def test_new_file_large_file_and_mode(tmp_path):
    path = tmp_path / "sub" / "a.bin"
    data = bytes(range(256)) * (3 * atomicfile.CHUNK // 256 + 7)  # several chunks and a partial one
    atomic_write(path, data)
    assert path.read_bytes() == data and path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o600)
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new" and path.stat().st_mode & 0o777 == 0o600  # an existing file keeps its mode
    atomic_write(path, b"x", mode=0o640)
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in path.parent.iterdir()] == ["a.bin"]


def test_failed_write_keeps_the_old_bytes_and_leaves_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")

    def broken(fh, chunk):
        raise OSError("disk full")

    monkeypatch.setattr(atomicfile, "_write_chunk", broken)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_remove_stale_temps_only_touches_this_files_temps(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("x")
    for name in (".events.csv.abc.tmp", ".events.csv.def.tmp", ".sources.csv.abc.tmp", "events.csv.tmp"):
        (tmp_path / name).write_text("")
    remove_stale_temps(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".sources.csv.abc.tmp", "events.csv", "events.csv.tmp"]
