"""The tests' layout: every module of geo/ with logic has a mirrored test file (geo/a/b.py →
tests/geo/a/test_b.py), and every test that drives a real browser lives in tests/e2e/."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# modules without logic of their own: declarations only (exception classes, constants)
NO_LOGIC = {"geo/errors.py"}
# modules whose tests live elsewhere, and where
TESTED_ELSEWHERE = {
    "geo/dataset.py": "tests/geo/test_layers.py, tests/geo/test_tables.py, tests/data/ (cross-file checks, typing)",
    "geo/editing/parts.py": "tests/geo/editing/test_upload.py, tests/geo/editing/test_store.py",
    "geo/commands/validate.py": "tests/geo/test_cli.py",
    "geo/commands/events.py": "tests/geo/test_cli.py",
    "geo/commands/add_editor.py": "tests/geo/editing/test_auth.py",
    "geo/commands/datapackage.py": "tests/geo/test_datamodel.py (generated from the schemas, --check)",
    "geo/commands/publish.py": "tests/geo/test_publish.py, tests/e2e/test_published.py",
    "geo/budget.py": "tests/geo/test_bounded.py (time and memory budgets of validation)",
    "geo/datapackage.py": "tests/geo/test_datamodel.py, tests/data/test_shipped_data.py (datapackage.json)",
    "geo/placelabels.py": "tests/geo/test_place_labels.py",
    "geo/evidence.py": "tests/geo/test_display.py, tests/app/test_readable_tables.py, tests/geo/export/test_scene.py",
}


def test_every_geo_module_with_logic_has_a_mirrored_test_file():
    missing = []
    for module in sorted((ROOT / "geo").rglob("*.py")):
        rel = module.relative_to(ROOT).as_posix()
        if (
            module.name in ("__init__.py", "__main__.py")
            or "_shipped" in rel
            or rel in NO_LOGIC
            or rel in TESTED_ELSEWHERE
        ):
            continue
        mirror = ROOT / "tests" / module.parent.relative_to(ROOT) / f"test_{module.name}"
        if not mirror.exists():
            missing.append(f"{rel} → {mirror.relative_to(ROOT)}")
    assert missing == []


def test_the_exemptions_are_real():
    for rel in list(NO_LOGIC) + list(TESTED_ELSEWHERE):
        assert (ROOT / rel).exists(), f"{rel} is gone: drop it from the list"
    for rel in NO_LOGIC:
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        assert len(functions) <= 2, f"{rel} has grown logic: give it tests/…/test_{Path(rel).name}"


def test_browser_tests_live_in_e2e():
    """Only tests/e2e/ may start Chromium: `--ignore=tests/e2e` then runs no browser."""
    offenders = []
    for path in (ROOT / "tests").rglob("test_*.py"):
        if "e2e" in path.relative_to(ROOT).parts or path == Path(__file__).resolve():
            continue
        text = path.read_text(encoding="utf-8")
        if "playwright" in text or "sync_playwright" in text or "(browser" in text or ", browser" in text:
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


def test_page_files_are_numbered_in_navigation_order():
    """app.py declares every page file through st.navigation, in the order of the files' numbers."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    declared = [
        c.args[0].value
        for c in ast.walk(tree)
        if isinstance(c, ast.Call)
        and getattr(c.func, "attr", "") == "Page"
        and c.args
        and isinstance(c.args[0], ast.Constant)
        and isinstance(c.args[0].value, str)
    ]
    files = sorted(
        (p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py")),
        key=lambda f: int(Path(f).name.split("_")[0]),
    )
    assert declared == files
    assert [int(Path(f).name.split("_")[0]) for f in declared] == list(range(1, len(declared) + 1))
