"""`python -m geo fmt`: canonical rewrite, --check, idempotence, history, and the shipped data."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import main
from geo.editing.store import Store
from geo.paths import SHIPPED_DATA
from tests.common import FIXTURE_DATA, load_layer, save_layer

REPO = Path(__file__).resolve().parents[3]


def run(*args):
    proc = subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


@pytest.mark.parametrize("root", [SHIPPED_DATA, FIXTURE_DATA], ids=["data", "fixtures"])
def test_shipped_data_is_canonical(root):
    proc = run("fmt", "--check", "--data", str(root))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 file(s) would be reformatted" in proc.stderr


def test_fmt_rewrites_keeps_history_and_is_idempotent(data_dir, capsys):
    doc = load_layer(data_dir, "crossings")
    doc["features"][0]["geometry"]["coordinates"] = [124.390580000004, 40.11644]
    path = save_layer(data_dir, "crossings", doc)  # indent 2, positions over several lines
    events = data_dir / "events.csv"
    events.write_bytes(events.read_bytes().replace(b"\n", b"\r\n"))
    before = {p: p.read_bytes() for p in (path, events)}

    assert main(["fmt", "--check", "--data", str(data_dir)]) == 1
    out = capsys.readouterr().out
    assert str(path) in out and str(events) in out and "sources.csv" not in out
    assert {p: p.read_bytes() for p in before} == before  # --check writes nothing

    assert main(["fmt", "--data", str(data_dir)]) == 0
    capsys.readouterr()
    assert json.loads(path.read_text()) == json.loads(before[path]) | {
        "features": json.loads(path.read_text())["features"]
    }
    assert '"coordinates": [124.39058, 40.11644]' in path.read_text()
    assert b"\r" not in events.read_bytes()
    kept = Store(data_dir).versions("crossings")
    assert len(kept) == 1 and kept[0].path.read_bytes() == before[path]

    once = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file() and ".history" not in p.parts}
    assert main(["fmt", "--data", str(data_dir)]) == 0
    assert main(["fmt", "--check", "--data", str(data_dir)]) == 0
    assert {p: p.read_bytes() for p in once} == once


def test_fmt_single_paths_outside_the_data_dir(tmp_path, data_dir):
    other = tmp_path / "loose.geojson"
    other.write_text('{"features": [], "type": "FeatureCollection", "name": "crossings"}')
    assert run("fmt", "--data", str(data_dir), str(other)).returncode == 0
    assert other.read_text() == '{\n  "type": "FeatureCollection",\n  "name": "crossings",\n  "features": []\n}\n'
    assert not (tmp_path / ".history").exists()
    assert run("fmt", "--check", "--data", str(data_dir), str(other)).returncode == 0


@pytest.mark.parametrize(
    "content, fragment", [(b"{not json", "malformed JSON"), (b"\xff\xfe{\x00}\x00", "UTF-16"), (b'{"a": NaN}', "NaN")]
)
def test_fmt_leaves_unreadable_files_alone(tmp_path, data_dir, content, fragment):
    bad = tmp_path / "bad.geojson"
    bad.write_bytes(content)
    proc = run("fmt", "--data", str(data_dir), str(bad))
    assert proc.returncode == 1 and fragment in proc.stderr and str(bad) in proc.stderr
    assert bad.read_bytes() == content


def test_fmt_ragged_csv(tmp_path, data_dir):
    bad = tmp_path / "events.csv"
    bad.write_text((data_dir / "events.csv").read_text() + "a,b\n")
    proc = run("fmt", "--data", str(data_dir), str(bad))
    assert proc.returncode == 1 and "fields but the header" in proc.stderr


def test_fmt_usage_errors(tmp_path, data_dir):
    assert run("fmt", "--data", str(data_dir), str(tmp_path / "missing.csv")).returncode == 2
    (tmp_path / "x.txt").write_text("x")
    assert run("fmt", "--data", str(data_dir), str(tmp_path / "x.txt")).returncode == 2
