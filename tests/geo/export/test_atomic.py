"""geo.export.atomic: all or nothing; a failed write leaves no partial file and keeps the old one."""

import os

import pytest

from geo.errors import UsageError
from geo.export.atomic import write_bytes


def test_writes(tmp_path):
    out = write_bytes(tmp_path / "a.bin", b"abc")
    assert out.read_bytes() == b"abc"
    assert os.listdir(tmp_path) == ["a.bin"]


def test_failure_keeps_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "map.png"
    target.write_bytes(b"old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(os.listdir(tmp_path)) == ["map.png"]


def test_missing_directory(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        write_bytes(tmp_path / "nope" / "a.png", b"x")
