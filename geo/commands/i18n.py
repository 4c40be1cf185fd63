"""`python -m geo i18n update|check|compile`: the interface's translation catalogs (geo/locale/).

update: extract every wrapped string from geo/, pages/ and app.py into messages.pot and merge it into
each language's .po (existing translations kept; new strings empty, for a person to translate).
check: exit 1 listing the strings a language has no translation for, or whose translation names other
{fields} than the English. compile: write the .mo files.
"""

from __future__ import annotations

import sys
from pathlib import Path


def configure(p) -> None:
    p.add_argument("action", choices=("update", "check", "compile"))
    p.add_argument("--root", metavar="DIR", default=".", help="the repository checkout (default: the current folder)")


def run(args) -> int:
    from .. import i18n

    root = Path(args.root)
    if args.action == "compile":
        for path in i18n.compile_all():
            print(f"wrote {path}", file=sys.stderr)
        return 0
    if args.action == "update":
        for lang, missing in i18n.update(root).items():
            print(f"{i18n.po_path(lang)}: {missing} string(s) to translate", file=sys.stderr)
        return 0
    template = i18n.extract(root)
    bad = 0
    for lang in i18n.LANGS[1:]:
        for msgid in i18n.untranslated(template, lang):
            print(f"{i18n.po_path(lang)}: no translation: {msgid!r}", file=sys.stderr)
            bad += 1
        for msgid in i18n.mismatched_fields(lang):
            print(
                f"{i18n.po_path(lang)}: the translation's {{fields}} differ from the English: {msgid!r}",
                file=sys.stderr,
            )
            bad += 1
    if not bad:
        print(f"ok: {len(template)} strings translated in {', '.join(i18n.LANGS[1:])}", file=sys.stderr)
    return 1 if bad else 0
