"""Sign-in that holds: throttled per user name and per client address on the server (surviving new
stores, i.e. new sessions and restarts), a lock that says when it ends, signed server-side sessions,
one-time tickets, and a log of every attempt."""

from __future__ import annotations

import json

import pytest

from geo.editing import auth
from geo.editing.login import ADDR_LIMIT, LOCK_S, USER_LIMIT, LoginStore

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def editors():
    return {"alice": auth.hash_password(PASSWORD, rounds=4), "bob": auth.hash_password(PASSWORD, rounds=4)}


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


def test_right_password_signs_in_and_the_token_holds(tmp_path, editors):
    store = LoginStore(tmp_path)
    out = store.sign_in(editors, "alice", PASSWORD, "10.0.0.1")
    assert out.ok and out.user == "alice"
    assert LoginStore(tmp_path).session_user(out.token) == "alice"  # a new store: after a restart too
    sid, sig = out.token.split(".")
    assert store.session_user(f"{sid}.{'0' * len(sig)}") is None  # forged signature
    assert store.session_user("x") is None and store.session_user(None) is None
    store.sign_out(out.token)
    assert store.session_user(out.token) is None


def test_user_is_locked_after_failures_across_sessions_even_with_the_right_password(tmp_path, editors):
    clock = Clock()
    for n in range(USER_LIMIT):
        out = LoginStore(tmp_path, clock=clock).sign_in(
            editors, "alice", f"wrong {n}", f"10.0.0.{n}"
        )  # new store each time
        assert not out.ok
        clock.now += 1
    assert out.locked_until == pytest.approx(clock.now - 1 + LOCK_S)
    assert "locked until" in out.message and "UTC" in out.message
    right = LoginStore(tmp_path, clock=clock).sign_in(editors, "alice", PASSWORD, "10.0.0.99")
    assert not right.ok and right.token is None and "locked until" in right.message
    assert LoginStore(tmp_path, clock=clock).sign_in(editors, "bob", PASSWORD, "10.0.0.99").ok  # other users unaffected
    clock.now += LOCK_S + 1
    assert LoginStore(tmp_path, clock=clock).sign_in(editors, "alice", PASSWORD, "10.0.0.99").ok


def test_client_address_is_locked_after_failures_over_many_user_names(tmp_path, editors):
    clock = Clock()
    store = LoginStore(tmp_path, clock=clock)
    cheap = auth.hash_password("another password", rounds=4)
    editors = {**editors, **{f"guess{n}": cheap for n in range(ADDR_LIMIT)}}  # known names: no 12-round dummy check
    for n in range(ADDR_LIMIT):
        assert not store.sign_in(editors, f"guess{n}", "nope", "192.0.2.7").ok
    out = store.sign_in(editors, "alice", PASSWORD, "192.0.2.7")
    assert not out.ok and out.locked_until
    assert store.sign_in(editors, "alice", PASSWORD, "192.0.2.8").ok  # another address is not locked


def test_every_attempt_is_logged_without_passwords(tmp_path, editors):
    store = LoginStore(tmp_path)
    store.sign_in(editors, "alice", "wrong password", "10.0.0.1")
    ok = store.sign_in(editors, "alice", PASSWORD, "10.0.0.1")
    store.sign_out(ok.token, "10.0.0.1")
    log = (tmp_path / ".auth" / "signin.log").read_text()
    events = [json.loads(line) for line in log.splitlines()]
    assert [e["event"] for e in events] == ["failure", "sign-in", "sign-out"]
    assert all(e["address"] == "10.0.0.1" and e["user"] == "alice" for e in events)
    assert "wrong password" not in log and PASSWORD not in log


def test_tickets_are_one_time(tmp_path, editors):
    store = LoginStore(tmp_path)
    token = store.sign_in(editors, "alice", PASSWORD, None).token
    ticket = store.ticket(token)
    assert store.redeem(ticket) == token
    assert store.redeem(ticket) is None and store.redeem("forged") is None
