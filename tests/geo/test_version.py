"""geo.version: the data's version, "as of" date, licence and content hash, as every download prints them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from geo import version

DATA = Path(__file__).resolve().parents[2] / "data"


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns("basemap", ".history"))
    return root


def test_shipped_data_has_a_version_date_licence_and_a_hash_shown_short():
    v = version.of(DATA)
    meta = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert v.version == str(meta["version"]) and v.as_of == str(meta["as_of"])
    assert len(v.sha256) == 64 and v.short_hash == v.sha256[: version.HASH_SHOWN]
    assert v.credit_line() == f"Data version {v.version}, as of {v.as_of}, sha256 {v.short_hash}…"
    assert v.credit_line("ko").startswith(f"데이터 버전 {v.version}, {v.as_of} 기준")
    cite = v.citation("The map", "https://example.org")
    assert v.sha256 in cite and f"Licence: {v.licence}." in cite and cite.endswith("https://example.org")


def test_any_edit_of_a_data_file_changes_the_hash(tmp_path):
    root = _copy(tmp_path)
    before = version.of(root)
    events = root / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace("Daily NK", "Daily  NK", 1), encoding="utf-8")
    after = version.of(root)
    assert after.sha256 != before.sha256 and after.version == before.version


def test_a_copy_without_datapackage_is_unversioned_and_says_so(tmp_path):
    root = _copy(tmp_path)
    (root / "datapackage.json").write_text("{not json", encoding="utf-8")
    broken = version.of(root)
    (root / "datapackage.json").unlink()
    missing = version.of(root)
    for v in (broken, missing):
        assert (v.version, v.as_of, v.licence, v.licence_url) == ("unversioned", "undated", "no licence stated", "")
        assert len(v.sha256) == 64
