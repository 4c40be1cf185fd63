"""Site notes in Korean (issue 13): every site with English notes has Korean notes, and a Korean note not
yet checked by a reader of both languages says so in the Korean interface."""

from __future__ import annotations

from geo import dataset, evidence
from geo.paths import data_dir


def test_every_site_note_has_a_korean_note_with_a_status():
    sites = dataset.load(data_dir()).sites
    with_notes = sites[sites["notes"].fillna("").str.strip() != ""]
    missing = [sid for sid, text in with_notes["notes_ko"].items() if not (text or "").strip()]
    assert not missing, f"sites with English notes but no notes_ko: {missing}"
    assert set(sites["notes_ko_status"].dropna()) <= {"unreviewed", "reviewed"}


def test_unreviewed_korean_note_is_marked():
    site = {"notes": "The point is the city centre.", "notes_ko": "점은 도시 중심입니다.", "notes_ko_status": "unreviewed"}
    assert evidence.note_text(site, "ko") == "[검토 전 한국어 번역] 점은 도시 중심입니다."
    assert evidence.note_text(dict(site, notes_ko_status="reviewed"), "ko") == "점은 도시 중심입니다."
    assert evidence.note_text(dict(site, notes_ko_status=None), "ko") == "점은 도시 중심입니다."
    assert evidence.note_text(site, "en") == "The point is the city centre."
    assert evidence.note_text(dict(site, notes_ko=None), "ko").startswith("[")  # English, marked as such
