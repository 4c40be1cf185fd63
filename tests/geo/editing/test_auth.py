"""Editor accounts: bcrypt hashes only, constant-cost checks, and `python -m geo add-editor`
writing the secrets file atomically with mode 0600."""

import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from geo.editing import auth
from geo.errors import UsageError

REPO = Path(__file__).resolve().parents[3]
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def hashed():
    return auth.hash_password(PASSWORD, rounds=4)


def test_hash_and_verify(hashed):
    assert auth.is_hash(hashed) and PASSWORD not in hashed
    editors = {"alice": hashed}
    assert auth.verify(editors, "alice", PASSWORD)
    assert not auth.verify(editors, "alice", PASSWORD + "x")
    assert not auth.verify(editors, "bob", PASSWORD)
    assert not auth.verify(editors, "alice", "x" * 200)  # over bcrypt's 72 bytes: refused, not truncated
    assert not auth.verify({}, "alice", PASSWORD) and not auth.verify(None, "alice", PASSWORD)
    assert not auth.verify({"alice": PASSWORD}, "alice", PASSWORD)  # a plaintext entry never works
    assert not auth.verify(editors, "../alice", PASSWORD)


@pytest.mark.parametrize("password, fragment", [("short", "too short"), ("ü" * 40, "too long")])
def test_password_rules(password, fragment):
    with pytest.raises(UsageError, match=fragment):
        auth.hash_password(password, rounds=4)


@pytest.mark.parametrize("name", ["", "a b", "a.b", "x" * 65, "ünï", 'a"b', "[editors]"])
def test_bad_user_names(name):
    with pytest.raises(UsageError):
        auth.check_username(name)


def test_editors_in_keeps_only_hashes(hashed):
    class Refusing:
        def get(self, key):
            raise FileNotFoundError("no secrets file")

    assert auth.editors_in(Refusing()) == {}
    assert auth.editors_in(None) == {}
    assert auth.editors_in({"editors": "x"}) == {}
    assert auth.editors_in({"editors": {"alice": hashed, "bob": "plaintext", "bad name": hashed}}) == {"alice": hashed}


def test_set_editor_creates_0600_file_and_updates(tmp_path, hashed):
    path = tmp_path / ".streamlit" / "secrets.toml"
    assert auth.set_editor("alice", hashed, path) is False
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert tomllib.loads(path.read_text())["editors"] == {"alice": hashed}
    other = auth.hash_password("another password", rounds=4)
    assert auth.set_editor("bob", other, path) is False
    assert auth.set_editor("alice", other, path) is True
    assert tomllib.loads(path.read_text())["editors"] == {"alice": other, "bob": other}
    assert PASSWORD not in path.read_text()


def test_set_editor_keeps_the_rest_of_the_file(tmp_path, hashed):
    path = tmp_path / "secrets.toml"
    path.write_text('# keep me\napi_key = "k"\n\n[editors]\n# the team\ncarol = "' + hashed + '"\n\n[other]\nx = 1\n')
    os.chmod(path, 0o644)
    auth.set_editor("alice", hashed, path)
    text = path.read_text()
    parsed = tomllib.loads(text)
    assert "# keep me" in text and "# the team" in text and parsed["api_key"] == "k" and parsed["other"] == {"x": 1}
    assert parsed["editors"] == {"carol": hashed, "alice": hashed}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("content", ["not = [toml", "editors = 1\n", 'editors = {alice = "x"}\n'])
def test_set_editor_refuses_files_it_cannot_update(tmp_path, hashed, content):
    path = tmp_path / "secrets.toml"
    path.write_text(content)
    with pytest.raises(UsageError):
        auth.set_editor("alice", hashed, path)
    assert path.read_text() == content


def test_set_editor_refuses_plaintext(tmp_path):
    with pytest.raises(UsageError, match="not a bcrypt hash"):
        auth.set_editor("alice", PASSWORD, tmp_path / "s.toml")


def run(*args, stdin=""):
    proc = subprocess.run(
        [sys.executable, "-m", "geo", *args], input=stdin, capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def test_add_editor_command(tmp_path):
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    proc = run("add-editor", "alice", "--secrets", str(secrets), "--password-stdin", stdin=PASSWORD + "\n")
    assert proc.returncode == 0, proc.stderr
    assert "added editor 'alice'" in proc.stderr and PASSWORD not in proc.stdout + proc.stderr
    stored = tomllib.loads(secrets.read_text())["editors"]["alice"]
    assert auth.verify({"alice": stored}, "alice", PASSWORD) and PASSWORD not in secrets.read_text()
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    proc = run("add-editor", "alice", "--secrets", str(secrets), "--password-stdin", stdin="a new password\n")
    assert proc.returncode == 0 and "updated the password" in proc.stderr
    assert auth.verify(tomllib.loads(secrets.read_text())["editors"], "alice", "a new password")


@pytest.mark.parametrize(
    "args, stdin, fragment",
    [
        (["bad name"], PASSWORD, "not allowed"),
        (["alice"], "short", "too short"),
        (["alice"], "", "too short"),
    ],
)
def test_add_editor_command_errors(tmp_path, args, stdin, fragment):
    secrets = tmp_path / "secrets.toml"
    proc = run("add-editor", *args, "--secrets", str(secrets), "--password-stdin", stdin=stdin)
    assert proc.returncode == 2 and fragment in proc.stderr
    assert not secrets.exists()


def test_add_editor_prompts_twice(monkeypatch, tmp_path, capsys):
    from geo.cli import main

    answers = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["add-editor", "alice", "--secrets", str(tmp_path / "s.toml")]) == 2
    assert "differ" in capsys.readouterr().err and not (tmp_path / "s.toml").exists()
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr(auth, "ROUNDS", 4)
    assert main(["add-editor", "alice", "--secrets", str(tmp_path / "s.toml")]) == 0


def test_secrets_file_is_the_projects_from_a_checkout_and_the_current_directorys_installed(monkeypatch, tmp_path):
    repo = Path(__file__).resolve().parents[3]
    assert auth.SECRETS_FILE == repo / ".streamlit" / "secrets.toml"
    monkeypatch.chdir(tmp_path)
    assert auth.default_secrets_file() == repo / ".streamlit" / "secrets.toml"
    monkeypatch.setattr(auth, "INSTALLED", True)
    assert auth.default_secrets_file() == tmp_path / ".streamlit" / "secrets.toml"
