"""The command line: exit codes, one line per problem, never a traceback."""

import json
import os
import subprocess
import sys

import pytest

from geo.cli import main
from tests.common import edit_claim, edit_event, edit_feature, SWAPPED_POINT


def run(*args):
    proc = subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr + proc.stdout
    return proc


def test_validate_ok(fixture_data):
    proc = run("validate", "--data", str(fixture_data))
    assert proc.returncode == 0 and proc.stdout == ""
    assert "is valid" in proc.stderr


def test_validate_lists_problems_one_per_line(data_dir):
    edit_event(data_dir, 0, date="2023-13-45")
    edit_claim(data_dir, 0, qualifier="range", people=90, people_to=50)
    edit_feature(data_dir, "crossings", 1, geometry={"type": "Point", "coordinates": SWAPPED_POINT})
    proc = run("validate", "--data", str(data_dir))
    assert proc.returncode == 1
    lines = proc.stdout.strip().splitlines()
    assert any(l.startswith(f"{data_dir}/events.csv:row 2 (2021-07-14-dandong-return) column date: ") for l in lines)
    assert any(
        l.startswith(f"{data_dir}/claims.csv:row 2 (2021-07-14-dandong-return--rfa-2021-07-20) column people_to: ")
        and "people_to 50 must be above people 90" in l
        for l in lines
    )
    assert any(
        l.startswith(f"{data_dir}/sites/crossings.geojson:feature 1 (tumen-namyang) geometry: ") and "swapped" in l
        for l in lines
    )


def test_validate_single_file_against_the_rest(data_dir, tmp_path):
    candidate = tmp_path / "events.csv"
    candidate.write_text(
        (data_dir / "events.csv").read_text(encoding="utf-8").replace("shenyang,", "mukden,", 1), encoding="utf-8"
    )
    proc = run("validate", "--data", str(data_dir), str(candidate))
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{candidate}:row 2 (2021-07-14-dandong-return) column origin: site 'mukden'")
    proc = run("validate", "--data", str(data_dir), str(data_dir / "sites" / "crossings.geojson"))
    assert proc.returncode == 0


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe{\x00}\x00",
        b"{not json",
        b'{"type": "FeatureCollection", "features": [' + b"[" * 5000 + b"]" * 5000 + b"]}",
        b'{"a": NaN}',
        b"<html><script>alert(1)</script></html>",
    ],
)
def test_validate_hostile_files_never_traceback(data_dir, tmp_path, content):
    bad = tmp_path / "crossings.geojson"
    bad.write_bytes(content)
    proc = run("validate", "--data", str(data_dir), str(bad))
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{bad}:")


def test_usage_errors_exit_2(tmp_path):
    assert run("validate", "--nope").returncode == 2
    assert run("validate", str(tmp_path / "missing.csv")).returncode == 2
    (tmp_path / "x.txt").write_text("x")
    assert run("validate", str(tmp_path / "x.txt")).returncode == 2
    assert run("events", "--from", "2023-13-01").returncode == 2
    assert run("events", "--from", "2024-01-01", "--to", "2023-01-01").returncode == 2
    assert run().returncode == 2


def test_events_json_joined(fixture_data):
    proc = run("events", "--data", str(fixture_data), "--from", "2021-01-01", "--to", "2021-12-31")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert [e["id"] for e in data] == ["2021-07-14-dandong-return"]
    e = data[0]
    assert (
        e["crossing"]["name_en"].startswith("Sino-Korean Friendship Bridge")
        and e["crossing"]["precision"] == "facility"
    )
    assert e["confidence"] == "corroborated"
    # each claim with its own source and its figure as stated; the event's figure derived from them
    first = e["claims"][0]
    assert (
        first["source"]["title"].startswith("Concern About Fate") and first["source"]["publisher"] == "Radio Free Asia"
    )
    assert (first["qualifier"], first["people"], first["stated"]) == ("about", 50, "about 50")
    assert e["claims"][1]["attributed_to"] == "Radio Free Asia" and e["claims"][1]["source"]["publisher"] == "Wikinews"
    assert e["figure"]["text"] == "about 50 (Radio Free Asia)" and e["figure"]["basis"] == "as stated"
    assert (e["figure"]["people_low"], e["figure"]["people_high"]) == (50, 50)


def test_events_csv_and_sensitive(fixture_data, capsys):
    assert main(["events", "--data", str(fixture_data), "--format", "csv", "--site", "tumen-detention"]) == 0
    out = capsys.readouterr().out
    assert "2023-10-09-tumen" in out and "2023-04-01-secret" not in out
    assert main(["events", "--data", str(fixture_data), "--format", "csv", "--include-sensitive"]) == 0
    assert "2023-04-01-secret" in capsys.readouterr().out


def test_events_on_broken_data_exits_1(data_dir):
    edit_event(data_dir, 0, people_high="lots")
    proc = run("events", "--data", str(data_dir))
    assert proc.returncode == 1 and "people_high" in proc.stderr


def test_geo_data_dir_environment(fixture_data, monkeypatch, capsys):
    monkeypatch.setenv("GEO_DATA_DIR", str(fixture_data))
    assert main(["events", "--format", "csv"]) == 0
    assert "2021-07-14-dandong-return" in capsys.readouterr().out


def test_help_imports_no_command_module_and_lists_every_command():
    """`python -m geo --help` loads only the parser: no command, pandas or geopandas (issue 16: ≤ 0.3 s)."""
    code = (
        "import sys, contextlib, io\nfrom geo import cli\nout = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n    try:\n        cli.main(['--help'])\n    except SystemExit:\n        pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('geo.commands', 'tools', 'benchmarks', 'pandas', 'geopandas'))))\n"
        "print(out.getvalue())"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    loaded, _, help_text = proc.stdout.partition("\n")
    assert loaded == "[]"
    from geo.cli import COMMANDS

    assert all(name in help_text for name in COMMANDS)


def test_a_command_imports_only_its_own_module():
    code = (
        "import sys\nfrom geo import cli\ncli.build_parser(['fmt', '--check'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('geo.commands.')))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "['geo.commands.fmt']", proc.stderr


def test_events_take_the_filters_of_a_shared_link(fixture_data, capsys):
    """--view reads the app's link with the app's own conversion (geo.filterparams); options override it."""
    link = "http://localhost:8501/?kind=repatriation&from=2023-01-01"
    assert main(["events", "--data", str(fixture_data), "--view", link]) == 0
    viewed = json.loads(capsys.readouterr().out)
    assert viewed and {e["kind"] for e in viewed} == {"repatriation"}
    assert main(["events", "--data", str(fixture_data), "--view", link, "--kind", "arrest"]) == 0
    assert {e["kind"] for e in json.loads(capsys.readouterr().out)} <= {"arrest"}


@pytest.mark.parametrize(
    "argv, message",
    [(["--kind", "teleport"], "unknown kind 'teleport'"), (["--view", "from=2023-02-30"], "is not a date")],
)
def test_unknown_filter_values_are_usage_errors(fixture_data, capsys, argv, message):
    assert main(["events", "--data", str(fixture_data), *argv]) == 2
    assert message in capsys.readouterr().err


def test_validate_in_korean_keeps_the_data_as_it_is(data_dir):
    """--lang ko (or a Korean LANG) words every problem in Korean; ids, values and file names stay as in the data."""
    edit_event(data_dir, 0, date="2023-13-45")
    english = run("validate", "--data", str(data_dir))
    korean = run("validate", "--lang", "ko", "--data", str(data_dir))
    by_locale = subprocess.run(
        [sys.executable, "-m", "geo", "validate", "--data", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LC_ALL": "", "LC_MESSAGES": "", "LANG": "ko_KR.UTF-8"},
    )
    assert english.returncode == korean.returncode == by_locale.returncode == 1
    assert korean.stdout == by_locale.stdout and korean.stderr == by_locale.stderr
    line = next(ln for ln in english.stdout.splitlines() if "column date" in ln)
    assert "'2023-13-45' is not a real calendar date" in line
    ko_line = next(ln for ln in korean.stdout.splitlines() if "date 열" in ln)
    assert ko_line.startswith(line.split(":row ")[0] + ":2행 (")  # the path as given, the place in Korean
    assert "'2023-13-45': 달력에 없는 날짜입니다" in ko_line
    assert "오류 " in korean.stderr and "error(s)" not in korean.stderr
    assert len(korean.stdout.splitlines()) == len(english.stdout.splitlines())
    assert run("validate", "--lang", "fr", "--data", str(data_dir)).returncode == 2


def test_validate_usage_errors_in_korean(tmp_path):
    proc = run("validate", "--lang", "ko", str(tmp_path / "missing.csv"))
    assert proc.returncode == 2 and "missing.csv: 그런 파일이 없습니다" in proc.stderr
