"""`python -m geo add-editor USERNAME [--secrets FILE] [--password-stdin]`: allow someone to use the Editor.

Asks for the password twice (not echoed) and stores only its bcrypt hash in the [editors] table
of .streamlit/secrets.toml (created with mode 0600). Running it again for the same user sets a
new password. `--password-stdin` reads the password from the first line of standard input, for
scripts. Restart the app (or wait for Streamlit to notice the file) for the change to apply.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from ..errors import UsageError
from ..editing import auth


def configure(p) -> None:
    p.add_argument("username", metavar="USERNAME", help="1–64 letters, digits, '-' or '_'")
    p.add_argument(
        "--secrets",
        metavar="FILE",
        default=str(auth.SECRETS_FILE),
        help="secrets file to update (default: .streamlit/secrets.toml in the project; installed: in the current directory)",
    )
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")


def _password(args) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    try:
        first = getpass.getpass(f"Password for {args.username}: ")
        second = getpass.getpass("Again: ")
    except EOFError:
        raise UsageError("no password given (use --password-stdin to pipe one in)") from None
    if first != second:
        raise UsageError("the two passwords differ; nothing was changed")
    return first


def run(args) -> int:
    auth.check_username(args.username)
    hashed = auth.hash_password(_password(args))
    existed = auth.set_editor(args.username, hashed, Path(args.secrets))
    print(
        f"{'updated the password of' if existed else 'added'} editor {args.username!r} in {args.secrets} "
        "(bcrypt hash only; the password itself is not stored)",
        file=sys.stderr,
    )
    return 0
