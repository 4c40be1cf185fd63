"""Saves: atomic even when the writer is killed, serialised by a lock, refused on conflict, validated,
with every replaced version kept in history and restorable."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from filelock import FileLock

from geo.editing.parts import relative_name
from geo.editing.store import ABSENT, Conflict, Store, StoreError, atomic_write, sha256
from geo.errors import InvalidData
from geo.paths import STATIC_DIR
from geo.problems import Problem

REPO = Path(__file__).resolve().parents[3]


def test_relative_names():
    assert relative_name("crossings") == "sites/crossings.geojson"
    assert relative_name("events") == "events.csv"
    with pytest.raises(ValueError):
        relative_name("../etc")


def test_save_keeps_previous_version_and_logs(data_dir):
    store = Store(data_dir)
    old, sha = store.read("events")
    new = old + "\n"
    result = store.save("events", new, sha, user="alice")
    assert result.changed and result.sha == sha256(new.encode())
    assert (data_dir / "events.csv").read_text(encoding="utf-8") == new
    kept = store.versions("events")
    assert [v.sha for v in kept] == [sha] and kept[0].path.read_text(encoding="utf-8") == old
    assert kept[0].path.parent == data_dir / ".history" / "events.csv"
    assert result.previous.name == kept[0].name and kept[0].name.endswith(f"-{sha}.csv")
    assert (data_dir / ".history" / ".gitignore").read_text().strip().endswith("*")
    log = (data_dir / ".history" / "log.jsonl").read_text()
    assert '"user": "alice"' in log and sha in log


def test_history_is_never_under_static(data_dir):
    assert STATIC_DIR not in (Store(data_dir).history_root.resolve()).parents
    with pytest.raises(StoreError, match="static"):
        Store(STATIC_DIR / "data")


def test_conflict_refuses_and_shows_both_versions(data_dir):
    alice, bob = Store(data_dir), Store(data_dir)
    text, base = alice.read("sources")
    bob.save("sources", text.replace("Radio Free Asia", "RFA"), base, user="bob")
    after_bob = (data_dir / "sources.csv").read_bytes()
    mine = text.replace("Newsweek", "Newsweek (US)")
    with pytest.raises(Conflict) as info:
        alice.save("sources", mine, base, user="alice")
    c = info.value
    assert "RFA" in c.current_text and c.candidate_text == mine
    assert c.base_sha == base and c.current_sha == sha256(after_bob)
    assert "changed by someone else" in str(c) and "nothing was saved" in str(c)
    assert (data_dir / "sources.csv").read_bytes() == after_bob
    assert len(alice.versions("sources")) == 1  # only bob's save kept a version


def test_validation_failure_writes_nothing(data_dir):
    store = Store(data_dir)
    text, sha = store.read("events")
    with pytest.raises(InvalidData):
        store.save("events", "broken", sha, validate=lambda t: [Problem("events.csv", "row 2", "bad")])
    assert store.read("events") == (text, sha) and store.versions("events") == []
    # warnings do not block
    store.save("events", text + "\n", sha, validate=lambda t: [Problem("events.csv", "row 2", "hmm", "warning")])


def test_unchanged_save_writes_nothing(data_dir):
    store = Store(data_dir)
    text, sha = store.read("events")
    result = store.save("events", text, sha)
    assert not result.changed and result.previous is None and store.versions("events") == []


def test_new_file(data_dir):
    (data_dir / "sites" / "nk-facilities.geojson").unlink()
    store = Store(data_dir)
    assert store.read("nk-facilities") == (None, ABSENT)
    store.save("nk-facilities", '{"x": 1}\n', ABSENT)
    assert store.read("nk-facilities")[0] == '{"x": 1}\n'
    with pytest.raises(Conflict):
        store.save("nk-facilities", "{}\n", ABSENT)


def test_restore_is_a_save_with_history(data_dir):
    store = Store(data_dir)
    v1, sha1 = store.read("events")
    sha2 = store.save("events", v1 + "\n", sha1).sha
    sha3 = store.save("events", v1 + "\n\n", sha2).sha
    versions = store.versions("events")
    assert [v.sha for v in versions] == [sha2, sha1]  # newest first
    oldest = versions[-1].name
    assert store.read_version("events", oldest) == v1
    with pytest.raises(Conflict):
        store.restore("events", oldest, sha2)  # based on an outdated copy
    result = store.restore("events", oldest, sha3, user="alice")
    assert store.read("events") == (v1, sha1) and result.previous.sha == sha3
    assert len(store.versions("events")) == 3
    assert "restore" in (data_dir / ".history" / "log.jsonl").read_text()


@pytest.mark.parametrize("name", ["../../events.csv", "x.csv", "", "20240101T000000.000000Z-" + "0" * 64 + ".csv"])
def test_only_listed_versions_can_be_read(data_dir, name):
    with pytest.raises(StoreError):
        Store(data_dir).read_version("events", name)


def test_lock_serialises_saves(data_dir):
    store = Store(data_dir, lock_timeout=0.2)
    text, sha = store.read("events")
    store.lock()  # creates .history/
    with FileLock(str(store.history_root / ".lock")):  # another process's save, as far as the lock can tell
        with pytest.raises(StoreError, match="another save is in progress"):
            store.save("events", text + "\n", sha)
    assert store.read("events") == (text, sha)


def test_file_mode_is_kept(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("a\n")
    os.chmod(path, 0o640)
    atomic_write(path, b"b\n")
    assert path.read_bytes() == b"b\n" and (path.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["f.csv"]  # no temporary file left


def test_stale_temporary_files_are_cleaned_by_the_next_save(data_dir):
    stale = data_dir / ".events.csv.abc123.tmp"
    stale.write_text("half a file")
    store = Store(data_dir)
    text, sha = store.read("events")
    store.save("events", text + "\n", sha)
    assert not stale.exists()


# ---------------------------------------------------------------- a writer killed at each step of a save

WRITER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from geo import atomicfile as a
    from geo.editing import store as s

    root, new_file, marker, stage = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]

    def stop_here():
        marker.write_text("ready")
        time.sleep(600)  # the test kills us here

    real_chunk, count, target = a._write_chunk, [0], [""]
    real_atomic = s.atomic_write
    def atomic(path, data, mode=None):
        target[0] = str(path)
        real_atomic(path, data, mode)
    s.atomic_write = atomic
    def chunk(fh, data):
        real_chunk(fh, data)
        count[0] += 1
        in_history = ".history" in target[0] and target[0].endswith(".csv")  # the kept version, not .gitignore
        if (stage == "history-writing" and in_history) or (stage == "writing" and not in_history and count[0] >= 8):
            fh.flush()
            stop_here()
    a._write_chunk = chunk
    real_log = s.Store._log
    def log(self, entry):
        if stage == "after-replace" and entry.get("state") == "done":
            stop_here()  # the file is replaced, the log not yet closed
        real_log(self, entry)
        if stage == "logged" and entry.get("state") == "begin":
            stop_here()  # the log says a save began; nothing else happened
    s.Store._log = log
    if stage == "before-replace":
        real_replace = os.replace
        def replace(src, dst):
            if str(dst).endswith("events.csv"):
                stop_here()  # the history copy is complete
            real_replace(src, dst)
        a.os.replace = replace
    store = s.Store(root)
    text, sha = store.read("events")
    store.save("events", new_file.read_text(encoding="utf-8"), sha, user="alice", note="big change")
    marker.write_text("done")
""")

STAGES = [
    ("logged", "old"),
    ("history-writing", "old"),
    ("before-replace", "old"),
    ("writing", "old"),
    ("after-replace", "new"),
]


@pytest.mark.parametrize("stage, survivor", STAGES)
def test_save_killed_at_each_step_is_repaired_by_the_start_up_check(data_dir, tmp_path, stage, survivor):
    old = (data_dir / "events.csv").read_bytes()
    header, row = old.decode().splitlines()[:2]
    new = (header + "\n" + (row + "\n") * 40_000).encode()  # ~8 MB: 8 chunks written is well inside it
    assert len(new) > 20 * 64 * 1024
    (tmp_path / "new.csv").write_bytes(new)
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    marker = tmp_path / "marker"
    proc = subprocess.Popen(
        [sys.executable, str(script), str(data_dir), str(tmp_path / "new.csv"), str(marker), stage],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert marker.exists() and marker.read_text() == "ready", "the writer never reached the kill point"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    now = (data_dir / "events.csv").read_bytes()
    assert now == (old if survivor == "old" else new)  # never torn
    store = Store(data_dir)
    repaired = store.recover()  # what serve.py runs at start-up
    assert repaired, "the start-up check found nothing to repair"
    # data, history and log agree: no temporary files anywhere, one closed log entry, history as the log says
    assert not [p for p in data_dir.rglob("*.tmp")]
    entries = [e for e in store.log_entries() if e.get("id")]
    begin = [e for e in entries if e["state"] == "begin"]
    assert len(begin) == 1 and begin[0]["user"] == "alice" and begin[0]["note"] == "big change"
    closing = [e["state"] for e in entries if e["state"] != "begin"]
    versions = store.versions("events")
    if survivor == "new":
        assert closing == ["done"] and [v.sha for v in versions] == [sha256(old)]
        assert versions[0].name == begin[0]["kept"] and versions[0].path.read_bytes() == old
    else:
        assert closing == ["abandoned"] and versions == []  # no copy of a version that was never replaced
    assert store.recover() == []  # nothing left to do
    # and the next save goes through
    text, sha = store.read("events")
    store.save("events", text + "\n", sha)
