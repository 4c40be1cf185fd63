"""geo.paths: which data directory is used."""

from pathlib import Path

from geo.paths import SHIPPED_DATA, data_dir


def test_data_dir_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv("GEO_DATA_DIR", raising=False)
    assert data_dir() == SHIPPED_DATA
    monkeypatch.setenv("GEO_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path
    assert data_dir("/x") == Path("/x")
