"""geo.export (package API): render() and export() for every format; the file is written atomically."""

import pytest

from geo import export as ex
from geo.errors import UsageError
from geo.export import static
from geo.query import Filters

MAGIC = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF", "html": b"<!DOCTYPE html>"}


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf", "html"])
def test_export_each_format(ds, tmp_path, fmt):
    out = tmp_path / f"map.{fmt}"
    size = ex.export(ds, Filters(), ex.ExportOptions(preset="social"), out)
    data = out.read_bytes()
    assert size == len(data) > 10_000
    assert data.lstrip().startswith(MAGIC[fmt])


def test_unknown_suffix_before_any_work(ds, tmp_path, monkeypatch):
    monkeypatch.setattr(ex, "render", lambda *a, **k: pytest.fail("rendered"))
    with pytest.raises(UsageError, match=r"\.gif"):
        ex.export(ds, Filters(), ex.ExportOptions(), tmp_path / "map.gif")


def test_failed_render_leaves_no_file(ds, tmp_path, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(static, "render", boom)
    out = tmp_path / "map.png"
    with pytest.raises(RuntimeError):
        ex.export(ds, Filters(), ex.ExportOptions(), out)
    assert list(tmp_path.iterdir()) == []
