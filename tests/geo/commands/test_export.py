"""`python -m geo export` (geo/commands/export.py): formats by suffix, usage errors exit 2 with a clear
message, --include-sensitive refused, nothing written on failure, and it works with networking off."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from geo.cli import main
from tests.common import FIXTURE_DATA, copy_data, edit_event

REPO = Path(__file__).resolve().parents[3]
DATA = str(FIXTURE_DATA)


def run(args, capsys):
    code = main(["export", "--data", DATA, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    "suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF"), (".html", b"<!DOCTYPE html>")]
)
def test_each_format(tmp_path, capsys, suffix, magic):
    out = tmp_path / f"map{suffix}"
    code, _, err = run(["--out", str(out), "--preset", "social", "--lang", "en+ko"], capsys)
    assert code == 0, err
    assert out.read_bytes().lstrip().startswith(magic)
    assert f"wrote {out}" in err


def test_filters_dpi_and_title(tmp_path, capsys):
    out = tmp_path / "m.png"
    code, _, err = run(
        [
            "--out",
            str(out),
            "--from",
            "2023-01-01",
            "--to",
            "2023-12-31",
            "--layers",
            "crossings,nk-facilities",
            "--kind",
            "repatriation",
            "--dpi",
            "50",
            "--title",
            "Returns in 2023",
        ],
        capsys,
    )
    assert code == 0, err
    assert struct.unpack(">II", out.read_bytes()[16:24]) == (800, 500)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--out", "map.gif"], "unknown output format .gif"),
        (["--out", "map"], "unknown output format"),
        (["--out", "map.png", "--include-sensitive"], "--include-sensitive is not available"),
        (["--out", "map.png", "--layers", "prisons"], "unknown layer 'prisons'"),
        (["--out", "map.png", "--from", "2024-01-01", "--to", "2023-01-01"], "date range is reversed"),
        (["--out", "map.png", "--site", "nowhere"], "unknown site id"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(args, capsys)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_size_kind_option(tmp_path, capsys):
    out = tmp_path / "m.html"
    code, _, err = run(["--out", str(out), "--size-kind", "arrest"], capsys)
    assert code == 0, err
    assert "Marker area and route width: Arrested in China" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args", [["--preset", "poster"], ["--lang", "fr"], ["--dpi", "5"], ["--dpi", "abc"], ["--size-kind", "people"]]
)
def test_bad_option_values_exit_2(tmp_path, capsys, args):
    with pytest.raises(SystemExit) as exc:
        main(["export", "--data", DATA, "--out", str(tmp_path / "m.png"), *args])
    assert exc.value.code == 2
    assert not (tmp_path / "m.png").exists()


def test_include_sensitive_is_not_offered(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "--include-sensitive" not in capsys.readouterr().out


def test_bad_data_exits_1_and_keeps_the_old_file(tmp_path, capsys):
    root = copy_data(tmp_path)
    edit_event(root, 0, people_low=900, people_high=10)
    out = tmp_path / "map.png"
    out.write_bytes(b"previous export")
    code = main(["export", "--data", str(root), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and "people_high" in err
    assert out.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "map.png"]


NO_NETWORK = textwrap.dedent("""
    import socket
    def _refuse(*args, **kwargs):
        raise OSError("network is switched off for this test")
    socket.socket.connect = _refuse
    socket.socket.connect_ex = _refuse
    socket.create_connection = _refuse
    socket.getaddrinfo = _refuse
""")


def _offline_env(tmp_path: Path) -> dict:
    site = tmp_path / "nonet"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_NETWORK)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(REPO)])
    env.pop("GEO_DATA_DIR", None)
    return env


@pytest.mark.parametrize("name", ["map.png", "map.html", "map.pdf"])
def test_works_with_networking_switched_off(tmp_path, name):
    env = _offline_env(tmp_path)
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('1.1.1.1', 80))"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert probe.returncode != 0 and "switched off" in probe.stderr  # the guard is active
    out = tmp_path / name
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "export", "--data", DATA, "--out", str(out), "--lang", "en+ko"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > 10_000


def test_works_in_a_network_namespace_without_interfaces(tmp_path):
    unshare = shutil.which("unshare")
    if not unshare or subprocess.run([unshare, "-n", "true"], capture_output=True).returncode != 0:
        pytest.skip("unshare -n is not available here")
    out = tmp_path / "map.png"
    proc = subprocess.run(
        [unshare, "-n", sys.executable, "-m", "geo", "export", "--data", DATA, "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("suffix, matplotlib_loaded", [(".html", False), (".svg", True)])
def test_matplotlib_and_geopandas_load_only_where_needed(tmp_path, suffix, matplotlib_loaded):
    """A cold export imports matplotlib only for PNG, SVG and PDF, and geopandas never (issue 16)."""
    code = textwrap.dedent(f"""
        import sys
        from geo.cli import main
        assert main(["export", "--data", {DATA!r}, "--out", {str(tmp_path / ("map" + suffix))!r}]) == 0
        print("matplotlib" in sys.modules, "geopandas" in sys.modules, "geo.export.static" in sys.modules)
    """)
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [str(matplotlib_loaded), "False", str(matplotlib_loaded)]


def test_labels_without_room_are_reported(tmp_path):
    """The shipped record at the 'story' size: the command names the labels it dropped and left out."""
    repo = Path(__file__).resolve().parents[3]
    out = tmp_path / "story.png"
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "export", "--data", str(repo / "data"), "--preset", "story", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=repo,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "note: No room for" in proc.stderr and "shown without a label" in proc.stderr
    assert out.stat().st_size > 10_000
