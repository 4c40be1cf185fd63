"""geo is a package of its own: built into a wheel and installed, with the versions of constraints.txt,
into a fresh virtual environment without Streamlit, it validates and queries the data it ships.

Slow (about a minute: a fresh venv gets pandas, pyarrow, geopandas, matplotlib … from the package
index, which pip may serve from its cache); marked `install` so `-m "not install"` leaves it out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.install


def _run(*cmd, cwd, timeout=600):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GEO_DATA_DIR", "VIRTUAL_ENV")}
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, (
        f"{' '.join(map(str, cmd))} exited {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )
    return proc


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    """A fresh venv holding only the geo wheel and its runtime dependencies."""
    tmp = tmp_path_factory.mktemp("install")
    src = tmp / "src"  # a copy, so the build leaves nothing (build/, *.egg-info) in the checkout
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "constraints.txt"):
        shutil.copy(REPO / name, src / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", ".history")
    for name in ("geo", "data", "static"):
        shutil.copytree(REPO / name, src / name, ignore=skip)
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp / "dist", src, cwd=tmp)
    (wheel,) = (tmp / "dist").glob("*.whl")
    env_dir = tmp / "venv"
    _run(sys.executable, "-m", "venv", env_dir, cwd=tmp)
    _run(env_dir / "bin" / "python", "-m", "pip", "install", "-q", "-c", src / "constraints.txt", wheel, cwd=tmp)
    return env_dir / "bin" / "python"


def test_installed_without_streamlit_and_imports_the_installed_copy(venv, tmp_path):
    out = _run(
        venv,
        "-c",
        "import importlib.util, geo; print(geo.__file__); print(importlib.util.find_spec('streamlit') is None)",
        cwd=tmp_path,
    ).stdout.split()
    assert Path(out[0]).parent.parent.name == "site-packages"
    assert out[1] == "True"


def test_validate_runs_on_the_shipped_data(venv, tmp_path):
    proc = _run(venv, "-m", "geo", "validate", cwd=tmp_path)
    assert "is valid" in proc.stderr and "_shipped" in proc.stderr
    # and on the checkout's data directory, with the schemas of the installed package
    proc = _run(venv, "-m", "geo", "validate", "--data", REPO / "data", cwd=tmp_path)
    assert f"ok: {REPO / 'data'} is valid" in proc.stderr


def test_events_and_html_export_work_installed(venv, tmp_path):
    events = json.loads(_run(venv, "-m", "geo", "events", cwd=tmp_path).stdout)
    assert events and all(not e.get("sensitive") for e in events)
    _run(venv, "-m", "geo", "export", "--out", tmp_path / "map.html", cwd=tmp_path)
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "L.map" in html or "leaflet" in html.lower()


def test_development_commands_are_not_installed_and_say_so(venv, tmp_path):
    """synth and bench live in tools/ and benchmarks/, outside the package: an installed geo names them
    in --help but refuses them with a clear message (exit 2), never a traceback."""
    assert "synth" in _run(venv, "-m", "geo", "--help", cwd=tmp_path).stdout
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GEO_DATA_DIR")}
    proc = subprocess.run(
        [str(venv), "-m", "geo", "synth", "--out", "x", "--events", "1"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "development command (tools/synth.py)" in proc.stderr and "Traceback" not in proc.stderr


def test_add_editor_writes_the_secrets_of_the_current_directory(venv, tmp_path):
    """Installed, auth.SECRETS_FILE is .streamlit/secrets.toml where the command (and the app) runs,
    never a file inside site-packages."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GEO_DATA_DIR", "VIRTUAL_ENV")}
    proc = subprocess.run(
        [str(venv), "-m", "geo", "add-editor", "alice", "--password-stdin"],
        cwd=tmp_path,
        env=env,
        input="a long enough password\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    assert secrets.read_text(encoding="utf-8").startswith("[editors]\nalice = ")
    assert (secrets.stat().st_mode & 0o777) == 0o600
    installed = _run(venv, "-c", "from geo.editing import auth; print(auth.SECRETS_FILE)", cwd=tmp_path).stdout.strip()
    assert Path(installed) == secrets
