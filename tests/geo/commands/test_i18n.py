"""`python -m geo i18n check`: every wrapped string of the checkout has its translation (exit 0, 'ok');
a string no catalog knows is listed and exits 1."""

from __future__ import annotations

import shutil
from pathlib import Path

from geo.cli import main

REPO = Path(__file__).resolve().parents[3]


def test_check_passes_on_the_checkout(capsys):
    assert main(["i18n", "check", "--root", str(REPO)]) == 0
    assert capsys.readouterr().err.startswith("ok: ")


def test_check_names_an_untranslated_string(tmp_path, capsys):
    root = tmp_path / "checkout"
    for name in ("geo", "pages"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "app.py", root / "app.py")
    (root / "pages" / "7_new.py").write_text(
        'from geo.i18n import N_\nN_("A page nobody has translated yet")\n', encoding="utf-8"
    )
    assert main(["i18n", "check", "--root", str(root)]) == 1
    assert "no translation: 'A page nobody has translated yet'" in capsys.readouterr().err


def test_check_names_a_translation_with_other_fields(tmp_path, capsys, monkeypatch):
    """A translation that names other {fields} than the English could not be filled in: the check fails on it."""
    from babel.messages.pofile import read_po, write_po

    from geo import i18n

    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    po = locale / "ko" / "LC_MESSAGES" / "messages.po"
    with open(po, "rb") as fh:
        catalog = read_po(fh, locale="ko")
    catalog.get("{value} is not a whole number").string = "{값}: 정수가 아닙니다"
    with open(po, "wb") as fh:
        write_po(fh, catalog, width=100)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    assert main(["i18n", "check", "--root", str(REPO)]) == 1
    assert "differ from the English: '{value} is not a whole number'" in capsys.readouterr().err


def test_every_problem_template_is_in_the_catalog():
    """The validation messages are catalog entries: every Msg(...) template in geo/ is extracted."""
    from geo import i18n

    template = i18n.extract(REPO)
    ids = {m.id for m in template if isinstance(m.id, str)}
    for expected in (
        "{value} is not a real calendar date",
        "row {line} ({id}) column {column}",
        "feature {index} ({id}) {field}",
        "{errors} error(s), {warnings} warning(s) in {what}",
    ):
        assert expected in ids
