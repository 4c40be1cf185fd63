"""Saving data files so that nothing is ever lost or torn, and no editor overwrites another.

- Atomic: the new bytes go to a temporary file in the same directory, which is flushed and
  fsync'ed, then `os.replace`d over the old file, and the directory is fsync'ed. A reader (or a
  crash, or a killed process) sees the old file or the new one, never a mix.
- Serialised: every save to a data directory holds one file lock (`.history/.lock`, via the
  `filelock` package), so two saves never interleave.
- Optimistic concurrency: a save names the SHA-256 of the version it was based on; if the file
  changed since (someone else saved), the save is refused with `Conflict`, which carries both
  versions so the editor can compare them and redo the edit on the current one.
- History: before a file is replaced, its previous bytes are copied to
  `<data dir>/.history/<relative path>/<UTC time>-<sha256>.<ext>`, e.g.
  `data/.history/sites/crossings.geojson/20240501T101500.123456Z-3fa4…c2.geojson`. A plain
  folder was chosen over git commits because the data directory need not be a git repository, the
  app may run without git or write access to one, and a restore must work the same everywhere.
  The folder holds a `.gitignore` of `*` so it is never committed by accident, and it lives in the
  data directory, never under static/ (the only folder Streamlit serves), so it is never served.
  Versions are kept until someone deletes them; `log.jsonl` there records who saved what when.
- Restore: writes an old version back as a new save (so the version it replaces goes to history
  too), under the same conflict check.
- One step: the log entry is written first (state "begin", with the version it replaces and the
  one it writes), then the previous version is kept, then the file is replaced, then a "done" entry
  closes it. `recover()` (at server start-up and before every save, under the lock) finishes what a
  killed save left: a "begin" whose file already holds the new version is marked done; one whose
  file still holds the old version is marked abandoned (and its history copy, identical to the
  current file, removed); temporary files in the history folder and next to the data files are
  deleted. So data, history and log always agree.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from filelock import FileLock, Timeout

from ..messages import Msg
from ..errors import GeoError, InvalidData
from ..paths import STATIC_DIR
from ..atomicfile import atomic_write, remove_stale_temps  # noqa: F401  (re-exported for callers)
from .parts import PARTS, relative_name

HISTORY_DIR = ".history"
LOCK_TIMEOUT_S = 30
ABSENT = "absent"  # the "sha" of a file that does not exist yet
_VERSION_NAME = re.compile(r"^(\d{8}T\d{6}\.\d{6}Z)-([0-9a-f]{64})\.(geojson|csv)$")


class StoreError(GeoError):
    """A save could not be done (lock busy, disk error); nothing was changed."""


class Conflict(GeoError):
    """The file changed since the editor's copy was taken; carries both versions."""

    def __init__(
        self, path: Path, base_sha: str, current_sha: str, current_text: str | None, candidate_text: str
    ) -> None:
        self.path = str(path)
        self.base_sha, self.current_sha = base_sha, current_sha
        self.current_text, self.candidate_text = current_text, candidate_text
        self.message = Msg(
            "{path} was changed by someone else after you opened it (your copy was based on version "
            "{base}, the file is now version {current}); nothing was saved. Compare both versions, then "
            "make your change again on the current one.",
            path=str(path),
            base=short(base_sha),
            current=short(current_sha),
        )
        super().__init__(self.message)


def short(sha: str) -> str:
    return sha if sha == ABSENT else sha[:12]


def sha256(data: bytes | None) -> str:
    return ABSENT if data is None else hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Version:
    """One kept previous version of a file."""

    name: str  # file name in the history folder
    path: Path
    saved_at: datetime  # when it was replaced (UTC)
    sha: str  # sha256 of its bytes
    size: int


@dataclass(frozen=True)
class SaveResult:
    path: Path
    sha: str  # of the file now on disk
    previous: Version | None  # where the replaced bytes were kept (None: new file or unchanged)
    changed: bool


class Store:
    """The data directory's files, saved safely. One instance per data directory is cheap."""

    def __init__(self, root: Path, lock_timeout: float = LOCK_TIMEOUT_S) -> None:
        self.root = Path(root)
        self.history_root = self.root / HISTORY_DIR
        self.lock_timeout = lock_timeout
        static = STATIC_DIR.resolve()
        where = self.history_root.resolve()
        if where == static or static in where.parents:
            raise StoreError(
                f"{self.history_root}: the history folder would be under static/, which the app serves; "
                "use a data directory outside static/"
            )

    # ------------------------------------------------------------ reading
    def path(self, part: str) -> Path:
        return self.root / relative_name(part)

    def read(self, part: str) -> tuple[str | None, str]:
        """Current text (None if the file does not exist) and its sha256."""
        raw = self._read_bytes(self.path(part))
        return (None if raw is None else raw.decode("utf-8", errors="replace")), sha256(raw)

    @staticmethod
    def _read_bytes(path: Path) -> bytes | None:
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"{path}: cannot read ({exc.strerror})") from None

    # ------------------------------------------------------------ locking
    def _ensure_history(self) -> None:
        self.history_root.mkdir(parents=True, exist_ok=True)
        ignore = self.history_root / ".gitignore"
        if not ignore.exists():
            atomic_write(ignore, b"# old versions kept by the editor; never committed\n*\n")

    def lock(self) -> FileLock:
        self._ensure_history()
        return FileLock(str(self.history_root / ".lock"), timeout=self.lock_timeout)

    # ------------------------------------------------------------ saving
    def save(
        self,
        part: str,
        text: str,
        base_sha: str,
        *,
        user: str | None = None,
        validate: Callable[[str], list] | None = None,
        action: str = "save",
        note: str | None = None,
    ) -> SaveResult:
        """Write `text` as the new version of `part` if the file is still at `base_sha`.

        `validate(text)` (run under the lock, against the directory as it is now) returns problems;
        any error refuses the save with InvalidData. Raises Conflict, InvalidData or StoreError;
        on any of them nothing was written.
        """
        path = self.path(part)
        data = text.encode("utf-8")
        try:
            with self.lock():
                current = self._read_bytes(path)
                current_sha = sha256(current)
                if current_sha != base_sha:
                    raise Conflict(
                        path,
                        base_sha,
                        current_sha,
                        None if current is None else current.decode("utf-8", errors="replace"),
                        text,
                    )
                if validate is not None:
                    errors = [p for p in validate(text) if p.is_error]
                    if errors:
                        raise InvalidData(errors)
                if current == data:
                    return SaveResult(path, current_sha, None, False)
                self._recover_locked()
                new_sha = sha256(data)
                planned = self._version_name(part, current) if current is not None else None
                save_id = uuid.uuid4().hex
                self._log(
                    {
                        "id": save_id,
                        "state": "begin",
                        "action": action,
                        "file": relative_name(part),
                        "user": user,
                        "note": note or None,
                        "from": current_sha,
                        "to": new_sha,
                        "kept": planned,
                    }
                )
                kept = self._keep(part, current, planned) if current is not None else None
                atomic_write(path, data)
                self._log({"id": save_id, "state": "done"})
                return SaveResult(path, new_sha, kept, True)
        except Timeout:
            raise StoreError(
                Msg(
                    "{path}: another save is in progress and did not finish within {seconds:g} s; nothing "
                    "was saved, try again",
                    path=str(path),
                    seconds=self.lock_timeout,
                )
            ) from None
        except OSError as exc:
            raise StoreError(
                Msg(
                    "{path}: could not save ({reason}); nothing was changed",
                    path=str(path),
                    reason=str(exc.strerror or exc),
                )
            ) from None

    @staticmethod
    def _version_name(part: str, data: bytes) -> str:
        return f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S.%f}Z-{sha256(data)}{Path(relative_name(part)).suffix}"

    def _keep(self, part: str, data: bytes, name: str) -> Version:
        target = self.history_root / relative_name(part) / name
        atomic_write(target, data, 0o644)
        stamp = datetime.strptime(name.split("-", 1)[0], "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=timezone.utc)
        return Version(name, target, stamp, sha256(data), len(data))

    def _log(self, entry: dict) -> None:
        entry = {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"), **entry}
        with open(self.history_root / "log.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    # ------------------------------------------------------------ after a crash
    def log_entries(self) -> list[dict]:
        """Every readable line of log.jsonl (a line torn by a crash is skipped)."""
        try:
            lines = (self.history_root / "log.jsonl").read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        out = []
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict):
                out.append(entry)
        return out

    def recover(self) -> list[str]:
        """Finish what killed saves left (see the module doc); returns what was done, one line each."""
        if not self.history_root.is_dir():
            return []
        try:
            with self.lock():
                return self._recover_locked()
        except Timeout:
            raise StoreError("another save is in progress; the start-up check will run with the next save") from None

    def _recover_locked(self) -> list[str]:
        done: list[str] = []
        for stale in self.history_root.rglob(".*.tmp"):  # a history copy cut short
            stale.unlink(missing_ok=True)
            done.append(f"removed the unfinished history file {stale.relative_to(self.root)}")
        entries = self.log_entries()
        closed = {e.get("id") for e in entries if e.get("state") in ("done", "abandoned")}
        for entry in entries:
            if entry.get("state") != "begin" or entry.get("id") in closed:
                continue
            try:
                part = next(p for p in PARTS if relative_name(p) == entry.get("file"))
            except StopIteration:
                continue
            path = self.path(part)
            remove_stale_temps(path)
            now = sha256(self._read_bytes(path))
            if now == entry.get("to"):
                self._log({"id": entry["id"], "state": "done", "recovered": True})
                done.append(f"{entry['file']}: the interrupted save had replaced the file; marked done")
            else:
                kept = entry.get("kept")
                if kept and now == entry.get("from"):
                    (self.history_root / entry["file"] / kept).unlink(missing_ok=True)  # a copy of the current file
                self._log({"id": entry["id"], "state": "abandoned", "recovered": True, "file_now": now})
                done.append(f"{entry['file']}: the interrupted save never replaced the file; marked abandoned")
        for part in PARTS:
            remove_stale_temps(self.path(part))
        return done

    # ------------------------------------------------------------ history
    def versions(self, part: str) -> list[Version]:
        """Kept versions of a file, newest first."""
        folder = self.history_root / relative_name(part)
        found = []
        if folder.is_dir():
            for entry in folder.iterdir():
                m = _VERSION_NAME.match(entry.name)
                if not m or not entry.is_file():
                    continue
                when = datetime.strptime(m.group(1), "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=timezone.utc)
                found.append(Version(entry.name, entry, when, m.group(2), entry.stat().st_size))
        return sorted(found, key=lambda v: v.name, reverse=True)

    def version(self, part: str, name: str) -> Version:
        for v in self.versions(part):
            if v.name == name:
                return v
        raise StoreError(f"{relative_name(part)}: no kept version named {name!r}")

    def read_version(self, part: str, name: str) -> str:
        v = self.version(part, name)  # only names listed in the folder: no path tricks
        return v.path.read_bytes().decode("utf-8", errors="replace")

    def restore(
        self,
        part: str,
        name: str,
        base_sha: str,
        *,
        user: str | None = None,
        validate: Callable[[str], list] | None = None,
        note: str | None = None,
    ) -> SaveResult:
        """Write a kept version back; a save like any other (the replaced version is kept too)."""
        return self.save(
            part,
            self.read_version(part, name),
            base_sha,
            user=user,
            validate=validate,
            action=f"restore {name}",
            note=note,
        )
