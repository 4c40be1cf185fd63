"""`python -m geo migrate`: model 1 data is rewritten in model 2 with a summary; model 2 data is a usage error."""

from __future__ import annotations

import shutil

from geo.cli import main
from tests.geo.test_migrate import DATA, _v1_copy


def test_migrate_command_rewrites_model_1_data(tmp_path, capsys):
    root, _ = _v1_copy(tmp_path)
    assert main(["migrate", "--data", str(root), "--accessed", "2026-12-02"]) == 0
    err = capsys.readouterr().err
    assert f"migrated {root}:" in err and "claims written to claims.csv" in err and "geo validate" in err
    assert (root / "claims.csv").exists()


def test_migrate_command_refuses_model_2_data(tmp_path, capsys):
    root = tmp_path / "data"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns("basemap", ".history"))
    assert main(["migrate", "--data", str(root)]) == 2
    assert "already in data model 2" in capsys.readouterr().err
