"""scripts/check's static checks, also in the ordinary test run: a change that breaks ruff's rule set or an
import contract (both in pyproject.toml) fails here before it lands, not only in CI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.mark.parametrize("tool, args", [("ruff", ["check", "--no-cache", "."]), ("lint-imports", ["--no-cache"])])
def test_static_check_passes(tool, args):
    exe = BIN / tool
    assert exe.exists(), f"{exe} is missing: install the dev extra (requirements-dev.txt)"
    proc = subprocess.run([str(exe), *args], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"{tool} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}"
