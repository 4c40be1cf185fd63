"""The interface's languages: choosing one, the catalogs, numbers and dates for the locale."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo import i18n

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "header, expected",
    [
        ("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "ko"),
        ("en-GB,en;q=0.9,ko;q=0.8", "en"),
        ("fr-FR,fr;q=0.9,ko;q=0.5", "ko"),
        ("en;q=0.2, ko;q=0.8", "ko"),
        ("fr, de", None),
        ("ko;q=0", None),
        ("", None),
        (None, None),
        ("ko;q=abc, en", "en"),
    ],
)
def test_accept_language_negotiation(header, expected):
    assert i18n.negotiate(header) == expected


def test_url_beats_memory_beats_browser():
    assert i18n.choose("en", "ko", "ko-KR") == "en"
    assert i18n.choose(None, "ko", "en-US") == "ko"
    assert i18n.choose(None, None, "ko-KR,ko;q=0.9") == "ko"
    assert i18n.choose("xx", None, None) == "en"  # an unknown ?lang= is ignored
    assert i18n.choose("<script>", "ko", None) == "ko"


def test_translator_korean_and_english():
    ko, en = i18n.translate("ko"), i18n.translate("en")
    assert ko("Map") == "지도"
    assert en("Map") == "Map"
    assert ko("a string nobody wrapped") == "a string nobody wrapped"
    assert i18n.translate("ko-KR").lang == "ko"


def test_numbers_and_dates_for_the_locale():
    assert i18n.number(12345, "en") == "12,345"
    assert i18n.number(12345, "ko") == "12,345"
    assert i18n.date_text(date(2021, 7, 14), "en") == "Jul 14, 2021"
    assert i18n.date_text(date(2021, 7, 14), "ko") == "2021년 7월 14일"
    assert i18n.date_text(date(2021, 7, 1), "ko", "month") == "2021년 7월"
    assert i18n.date_text(date(2021, 1, 1), "en", "year") == "2021"
    assert i18n.date_text(None, "ko") == ""


def test_catalog_covers_every_wrapped_string():
    """The catalog check: a wrapped interface string without a Korean translation fails here
    (run `python -m geo i18n update`, then translate the new entries in the .po)."""
    template = i18n.extract(REPO)
    assert len(template) > 5
    missing = i18n.untranslated(template, "ko")
    assert not missing, f"{len(missing)} string(s) have no Korean translation: {missing[:20]}"


def test_every_translation_keeps_its_fields():
    """A translation must use exactly the {fields} of its English message, or formatting breaks."""
    import string

    catalog = i18n.read_catalog("ko")
    bad = []
    for msg in catalog:
        if not msg.id or not msg.string:
            continue
        ids = msg.id if isinstance(msg.id, (tuple, list)) else (msg.id,)
        strs = msg.string if isinstance(msg.string, (tuple, list)) else (msg.string,)
        want = {f for _t, f, _s, _c in string.Formatter().parse(ids[-1]) if f}
        for s in strs:
            got = {f for _t, f, _s, _c in string.Formatter().parse(s) if f}
            if got != want:
                bad.append((ids[0], s))
    assert not bad, bad


def test_catalog_template_is_current():
    """messages.pot matches the sources (the .po is merged from it by `python -m geo i18n update`)."""
    from io import BytesIO

    from babel.messages.pofile import write_po

    buf = BytesIO()
    write_po(buf, i18n.extract(REPO), width=100, omit_header=True, sort_output=True, no_location=True)
    assert buf.getvalue().decode() == i18n.POT.read_text(encoding="utf-8"), "run `python -m geo i18n update`"
