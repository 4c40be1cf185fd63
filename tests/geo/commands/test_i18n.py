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
    (root / "pages" / "7_new.py").write_text('from geo.i18n import N_\nN_("A page nobody has translated yet")\n',
                                             encoding="utf-8")
    assert main(["i18n", "check", "--root", str(root)]) == 1
    assert "no translation: 'A page nobody has translated yet'" in capsys.readouterr().err
