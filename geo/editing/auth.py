"""Editor accounts: bcrypt password hashes in .streamlit/secrets.toml, never the passwords.

    [editors]
    alice = "$2b$12$…"

`python -m geo add-editor USERNAME` asks for the password (twice) and writes its hash into that
table, creating the file with mode 0600 if needed, atomically. Streamlit reads the file as
`st.secrets`; the Editor page checks a login with `verify(st.secrets["editors"], user, password)`.
"""

from __future__ import annotations

import os
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import bcrypt

from ..errors import UsageError
from ..paths import INSTALLED, REPO_ROOT
from .store import atomic_write


def default_secrets_file() -> Path:
    """The file Streamlit reads as st.secrets: .streamlit/secrets.toml in the directory the app runs from.
    From a checkout that is the repository (beside app.py, wherever the command is run); an installed geo
    has no repository (its REPO_ROOT is the read-only copy inside site-packages), so the current directory."""
    return (Path.cwd() if INSTALLED else REPO_ROOT) / ".streamlit" / "secrets.toml"


SECRETS_FILE = default_secrets_file()
SECTION = "editors"
USERNAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_BYTES = 72  # bcrypt uses at most 72 bytes; longer passwords are refused, not truncated
ROUNDS = 12
_HASH = re.compile(r"^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$")


def check_username(username: str) -> str:
    if not isinstance(username, str) or not USERNAME.match(username):
        raise UsageError(f"user name {username!r} is not allowed: use 1–64 letters, digits, '-' or '_'")
    return username


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise UsageError(f"the password is too short: use at least {MIN_PASSWORD_CHARS} characters")
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise UsageError(f"the password is too long: bcrypt uses at most {MAX_PASSWORD_BYTES} bytes (UTF-8)")
    return password


def hash_password(password: str, rounds: int = ROUNDS) -> str:
    check_password(password)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=rounds)).decode("ascii")


def is_hash(value) -> bool:
    return isinstance(value, str) and bool(_HASH.match(value))


@lru_cache(maxsize=1)
def _dummy_hash() -> bytes:
    return bcrypt.hashpw(b"not a password of anyone", bcrypt.gensalt(rounds=ROUNDS))


def verify(editors: Mapping | None, username: str, password: str) -> bool:
    """True if `username` is an editor and `password` matches its bcrypt hash.

    An unknown user costs the same bcrypt check as a known one, so timing does not reveal names.
    """
    stored = None
    if editors and isinstance(username, str) and USERNAME.match(username or ""):
        try:
            stored = editors.get(username)
        except Exception:  # a secrets object that refuses the lookup
            stored = None
    pw = (password or "").encode("utf-8")
    if len(pw) > MAX_PASSWORD_BYTES or not is_hash(stored):
        bcrypt.checkpw(b"x", _dummy_hash())
        return False
    try:
        return bcrypt.checkpw(pw, stored.encode("ascii"))
    except ValueError:
        return False


def editors_in(secrets) -> dict[str, str]:
    """The [editors] table of a secrets mapping with only well-formed entries (hashes, never plaintext)."""
    try:
        table = secrets.get(SECTION) if secrets is not None else None
    except Exception:  # st.secrets raises when there is no secrets file at all
        return {}
    if not isinstance(table, Mapping):
        return {}
    return {str(k): str(v) for k, v in table.items() if USERNAME.match(str(k)) and is_hash(v)}


# ---------------------------------------------------------------- writing the secrets file

_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")


def _key_line(line: str, username: str) -> bool:
    return bool(
        re.match(rf"""^\s*(?:{re.escape(username)}|"{re.escape(username)}"|'{re.escape(username)}')\s*=""", line)
    )


def _with_editor(text: str, username: str, hashed: str) -> str:
    """`text` with `username = "hash"` set in its [editors] table (added at the end if missing)."""
    lines = text.splitlines()
    entry = f'{username} = "{hashed}"'
    start = next((i for i, l in enumerate(lines) if (m := _TABLE_HEADER.match(l)) and m.group(1) == SECTION), None)
    if start is None:
        body = "\n".join(lines).rstrip("\n")
        return (body + "\n\n" if body else "") + f"[{SECTION}]\n{entry}\n"
    end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")), len(lines))
    for i in range(start + 1, end):
        if _key_line(lines[i], username):
            lines[i] = entry
            break
    else:
        last = max((i for i in range(start, end) if lines[i].strip()), default=start)
        lines.insert(last + 1, entry)
    return "\n".join(lines) + "\n"


def set_editor(username: str, hashed: str, secrets_file: Path = SECRETS_FILE) -> bool:
    """Write an editor's hash into the secrets file (mode 0600); True if the user already existed."""
    check_username(username)
    if not is_hash(hashed):
        raise UsageError("refusing to store something that is not a bcrypt hash")
    path = Path(secrets_file)
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        existing = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read it as TOML ({exc}); fix it by hand first") from None
    table = existing.get(SECTION, {})
    if not isinstance(table, dict):
        raise UsageError(f"{path}: '{SECTION}' is not a table; fix it by hand first")
    new_text = _with_editor(text, username, hashed)
    try:
        parsed = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(
            f"{path}: could not add the editor without breaking the file ({exc}); edit it by hand"
        ) from None
    if parsed.get(SECTION, {}).get(username) != hashed:
        raise UsageError(
            f"{path}: its [{SECTION}] table is written in a form this command cannot update "
            "(inline or dotted keys); add the line by hand"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, new_text.encode("utf-8"), mode=0o600)
    os.chmod(path, 0o600)
    return username in table
