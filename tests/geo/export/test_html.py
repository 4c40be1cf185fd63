"""geo.export.html: one self-contained HTML file that opens offline with zero network requests,
shows the app's interactive map, stays under 1 MB and never carries a sensitive record."""

from __future__ import annotations

import re

import pytest

from geo.export.html import MAX_BYTES, render_html
from geo.export.options import ExportOptions
from geo.query import Filters
from tests.common import XSS_PAYLOADS, hostile_copy
from tests.geo.export.conftest import SENSITIVE_STRINGS, site_popups


@pytest.fixture(scope="module")
def html(ds) -> bytes:
    return render_html(ds, Filters(), ExportOptions(lang="en+ko"))


def test_self_contained(html):
    text = html.decode("utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", text, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=", text, re.I)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?://[^"']*\.(?:js|css)""", text, re.I)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text, re.I)
    assert "L.map(" in text or "L.map (" in text
    assert "leafletjs.com" in text  # Leaflet itself is inlined


def test_small_and_deterministic(ds, html):
    assert len(html) <= MAX_BYTES
    assert render_html(ds, Filters(), ExportOptions(lang="en+ko")) == html


def test_title_dates_and_sources(html):
    text = html.decode("utf-8")
    assert "<title>Forced repatriations of North Koreans from China · 중국의 탈북민 강제북송</title>" in text
    assert "14 Jul 2021 – 9 Oct 2023" in text
    assert "Radio Free Asia (2021-07-20)" in text and "Natural Earth" in text
    assert "Data version" in text  # which data the figures come from


def test_subtitle_gives_each_kind_its_own_computed_figure(html):
    text = html.decode("utf-8")
    assert "4 events · Returned to North Korea: " in text and "(computed: sum of 2 events)" in text
    assert "Marker area and route width: Returned to North Korea" in text
    assert " people" not in text.split("geo-export-head", 1)[1].split("</div>", 1)[0]


def test_popups_list_each_event_with_its_own_sources(html):
    popups = site_popups(html.decode("utf-8"))
    assert len(popups) >= 5
    dandong = next(p for p in popups if "Sino-Korean Friendship Bridge" in p)
    assert dandong.count("<li>") >= 2  # both returns through the bridge, each on its own
    assert "Events (2)" in dandong
    # each event names its own sources, linked where they have an address
    assert "Radio Free Asia, 2021-07-20" in dandong and "Wikinews, 2021-07-26" in dandong
    assert '<a href="https://www.newsweek.com/' in dandong and 'rel="noopener noreferrer"' in dandong
    assert "(computed: sum of 2 events)" in dandong  # the kind's figure at the site says it is computed


def test_sensitive_records_never_appear(ds, stripped_ds, html):
    text = html.decode("utf-8")
    for s in SENSITIVE_STRINGS:
        assert s not in text
    leaky = render_html(ds, Filters(include_sensitive=True), ExportOptions(lang="en+ko"))
    stripped = render_html(stripped_ds, Filters(), ExportOptions(lang="en+ko"))

    def unhashed(data: bytes) -> bytes:  # the data version's hash is of the data directory, which differs
        return re.sub(rb"sha256 [0-9a-f]+", b"sha256 ~", data)

    assert leaky == html and unhashed(html) == unhashed(stripped)


def test_hostile_text_is_escaped(tmp_path):
    from geo.dataset import load

    ds = load(hostile_copy(tmp_path))
    text = render_html(ds, Filters(), ExportOptions(title=XSS_PAYLOADS[0])).decode("utf-8")
    for payload in XSS_PAYLOADS[:2]:
        assert payload not in text
