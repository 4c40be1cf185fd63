"""Editor sign-in that holds: a server-side throttle, signed sessions that survive a reload, a log.

State lives in `<data dir>/.auth/` (never served: Streamlit serves only static/; ignored by git):
- `auth.sqlite3`: failed attempts (per user name and per client address), sessions, one-time
  tickets. It survives new browser sessions, new websocket connections and server restarts.
- `secret`: 32 random bytes (mode 0600) that sign session tokens, created on first use; delete it
  to end every session at once.
- `signin.log`: one JSON line per sign-in, failure, refusal while locked, and sign-out (time, user
  name as typed, client address, result). Never a password.

Throttle: after USER_LIMIT failures for one user name within WINDOW_S, that name is locked for
LOCK_S from the last failure; after ADDR_LIMIT failures from one client address within WINDOW_S,
that address is locked the same way. While locked, no password is checked at all (the right one
does not get in either), and the message says when the lock ends (UTC).

A session token is `<id>.<HMAC-SHA256(secret, id)>`; the server keeps the session (user, expiry,
revoked), so signing out ends it everywhere. The Editor page keeps the token in an HttpOnly,
SameSite=Strict cookie set by the server (geo/editing/webgate.py exchanges a one-time ticket for
it), so a reload keeps the editor signed in. Nothing here imports streamlit.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets as secrets_mod
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Mapping

from ..messages import Msg
from . import auth

AUTH_DIR = ".auth"
COOKIE = "geo_editor"
USER_LIMIT = 5
ADDR_LIMIT = 20
WINDOW_S = 15 * 60
LOCK_S = 15 * 60
SESSION_S = 12 * 3600
TICKET_S = 60
_lock = threading.Lock()


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str
    user: str | None = None
    token: str | None = None
    locked_until: float | None = None


def _utc(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


class LoginStore:
    """The sign-in state of one data directory. Cheap to create; every call opens its own connection."""

    def __init__(self, root: Path, clock=time.time) -> None:
        self.dir = Path(root) / AUTH_DIR
        self.clock = clock
        self._secret: bytes | None = None

    # ------------------------------------------------------------ storage
    def _ensure(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        ignore = self.dir / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# editor sign-in state; never committed\n*\n", encoding="utf-8")

    def _db(self) -> sqlite3.Connection:
        self._ensure()
        con = sqlite3.connect(self.dir / "auth.sqlite3", timeout=10, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.executescript("""
            CREATE TABLE IF NOT EXISTS failures (kind TEXT NOT NULL, key TEXT NOT NULL, at REAL NOT NULL);
            CREATE INDEX IF NOT EXISTS failures_key ON failures (kind, key, at);
            CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, user TEXT NOT NULL, created REAL NOT NULL,
                                                 expires REAL NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS tickets (id TEXT PRIMARY KEY, token TEXT NOT NULL, expires REAL NOT NULL);
        """)
        return con

    def secret(self) -> bytes:
        if self._secret:
            return self._secret
        path = self.dir / "secret"
        with _lock:
            if not path.exists():
                self._ensure()
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "w") as fh:
                    fh.write(secrets_mod.token_hex(32))
            self._secret = path.read_text(encoding="utf-8").strip().encode("ascii")
        return self._secret

    def log(self, event: str, user: str | None, addr: str | None, **extra) -> None:
        self._ensure()
        entry = {
            "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "event": event,
            "user": (user or "")[:64],
            "address": addr or "unknown",
            **extra,
        }
        with _lock, open(self.dir / "signin.log", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=True) + "\n")

    # ------------------------------------------------------------ throttle
    def locked_until(self, user: str, addr: str | None) -> float | None:
        """When the lock on this user name or client address ends (None: not locked)."""
        now = self.clock()
        with self._db() as con:
            ends = []
            for kind, key, limit in (("user", _key(user), USER_LIMIT), ("addr", addr or "unknown", ADDR_LIMIT)):
                rows = [
                    r[0]
                    for r in con.execute(
                        "SELECT at FROM failures WHERE kind=? AND key=? AND at>? ORDER BY at",
                        (kind, key, now - WINDOW_S - LOCK_S),
                    )
                ]
                # locked when `limit` failures fall within one window, until LOCK_S after the last of them
                for i in range(len(rows) - limit + 1):
                    if rows[i + limit - 1] - rows[i] <= WINDOW_S:
                        ends.append(rows[i + limit - 1] + LOCK_S)
            until = max(ends, default=None)
        return until if until is not None and until > now else None

    def _fail(self, user: str, addr: str | None) -> None:
        now = self.clock()
        with self._db() as con:
            con.execute("INSERT INTO failures VALUES ('user', ?, ?)", (_key(user), now))
            con.execute("INSERT INTO failures VALUES ('addr', ?, ?)", (addr or "unknown", now))
            con.execute("DELETE FROM failures WHERE at<?", (now - 24 * 3600,))

    # ------------------------------------------------------------ sign in / out
    def sign_in(self, editors: Mapping | None, user: str, password: str, addr: str | None) -> Outcome:
        user = (user or "").strip()
        until = self.locked_until(user, addr)
        if until is not None:
            self.log("refused-locked", user, addr, until=_utc(until))
            return Outcome(
                False,
                Msg(
                    "Too many failed sign-ins for this user name or from this address. Signing in is "
                    "locked until {until}; try again after that.",
                    until=_utc(until),
                ),
                locked_until=until,
            )
        if not auth.verify(editors, user, password):
            self._fail(user, addr)
            self.log("failure", user, addr)
            until = self.locked_until(user, addr)
            if until is not None:
                return Outcome(
                    False,
                    Msg(
                        "Wrong user name or password. Too many failed sign-ins: signing in is locked until {until}.",
                        until=_utc(until),
                    ),
                    locked_until=until,
                )
            return Outcome(False, Msg("Wrong user name or password."))
        with self._db() as con:
            con.execute("DELETE FROM failures WHERE kind='user' AND key=?", (_key(user),))
        token = self._new_session(user)
        self.log("sign-in", user, addr)
        return Outcome(True, Msg("Signed in as {user}.", user=user), user=user, token=token)

    def _new_session(self, user: str) -> str:
        sid = secrets_mod.token_urlsafe(24)
        now = self.clock()
        with self._db() as con:
            con.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, 0)", (sid, user, now, now + SESSION_S))
            con.execute("DELETE FROM sessions WHERE expires<?", (now - SESSION_S,))
        return f"{sid}.{self._sign(sid)}"

    def _sign(self, sid: str) -> str:
        return hmac.new(self.secret(), sid.encode("ascii"), hashlib.sha256).hexdigest()

    def session_user(self, token: str | None) -> str | None:
        """The user of a valid, unexpired, not signed-out session token; None otherwise."""
        if not token or not isinstance(token, str) or len(token) > 200 or token.count(".") != 1:
            return None
        sid, sig = token.split(".")
        try:
            good = hmac.compare_digest(sig.encode("ascii"), self._sign(sid).encode("ascii"))
        except (UnicodeEncodeError, ValueError):
            return None
        if not good:
            return None
        with self._db() as con:
            row = con.execute("SELECT user, expires, revoked FROM sessions WHERE id=?", (sid,)).fetchone()
        if row is None or row[2] or row[1] < self.clock():
            return None
        return row[0]

    def sign_out(self, token: str | None, addr: str | None = None) -> None:
        user = self.session_user(token)
        if user is None:
            return
        with self._db() as con:
            con.execute("UPDATE sessions SET revoked=1 WHERE id=?", (token.split(".")[0],))
        self.log("sign-out", user, addr)

    # ------------------------------------------------------------ tickets (one-time, to set the cookie)
    def ticket(self, token: str) -> str:
        tid = secrets_mod.token_urlsafe(24)
        with self._db() as con:
            con.execute("INSERT INTO tickets VALUES (?, ?, ?)", (tid, token, self.clock() + TICKET_S))
        return tid

    def redeem(self, ticket: str | None) -> str | None:
        """The session token a ticket stands for, once; None when unknown, used or expired."""
        if not ticket or len(ticket) > 100:
            return None
        with self._db() as con:
            row = con.execute("SELECT token, expires FROM tickets WHERE id=?", (ticket,)).fetchone()
            con.execute("DELETE FROM tickets WHERE id=? OR expires<?", (ticket, self.clock()))
        if row is None or row[1] < self.clock():
            return None
        return row[0] if self.session_user(row[0]) else None


def _key(user: str) -> str:
    return (user or "").strip().lower()[:64]
