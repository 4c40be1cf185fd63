"""geo.export.play: the HTML export's play-through frames. Each unit steps through geo.timeplay's
windows of the export's dates (the app and the published map use the same); each window's numbers
are worded as the export's header words them; its markers and lines are sized by the export's own
rules, so a window holding every event of the selection looks exactly like the export itself."""

from __future__ import annotations

import json
from datetime import date

import pytest

from geo import query, timeplay
from geo.export import play
from geo.export import scene as scene_mod
from geo.export.html import render_html, route_rows, route_widths, site_radius, site_rows
from geo.export.options import ExportOptions
from geo.query import Filters


def _frames(ds, f: Filters, lang: str = "en"):
    public = query.public_view(ds, False)
    events = query.filter_events(public, f)
    scene = scene_mod.build(ds, f)
    site_ids = [s.id for s in reversed(scene.sites)]
    stops = [r.stops for r in reversed(scene.routes)]
    frames = play.frames(
        public,
        events,
        scene.date_from,
        scene.date_to,
        scene.size_kind,
        site_ids,
        stops,
        lang,
        site_radius,
        route_widths,
    )
    return frames, scene, public, events, site_ids


def test_windows_are_timeplays(ds):
    frames, scene, *_ = _frames(ds, Filters())
    assert set(frames) == set(timeplay.UNITS)
    for unit, rows in frames.items():
        assert [(date.fromisoformat(r[0]), date.fromisoformat(r[1])) for r in rows] == timeplay.steps(
            scene.date_from, scene.date_to, unit
        )
    assert frames["quarter"][0][2] == {"en": "2021 Q3"}


def test_numbers_follow_the_window(ds):
    frames, *_ = _frames(ds, Filters())
    quarters = {r[2]["en"]: r for r in frames["quarter"]}
    assert (
        quarters["2021 Q3"][3] == "14 Jul 2021 – 30 Sep 2021 · 1 event · Returned to North Korea: about 50 (one event)"
    )
    assert quarters["2021 Q4"][3] == "1 Oct 2021 – 31 Dec 2021 · No events in the period"
    assert quarters["2021 Q4"][4] == [] and quarters["2021 Q4"][5] == []  # nothing at any site, no line drawn
    # the mass return and its two parts: three events, its people counted once (the umbrella's figure)
    assert (
        quarters["2023 Q4"][3]
        == "1 Oct 2023 – 9 Oct 2023 · 3 events · Returned to North Korea: about 500–600 (one event)"
    )


def test_markers_and_lines_of_a_window(ds):
    frames, scene, public, events, site_ids = _frames(ds, Filters())
    q3 = next(r for r in frames["quarter"] if r[2]["en"] == "2021 Q3")
    july = events[events["date"] == "2021-07-14"].iloc[0]
    stops = [s for s in (july.origin, july.crossing, july.destination) if isinstance(s, str)]
    assert sorted(site_ids[i] for i, _ in q3[4]) == sorted(stops)  # the July 2021 return's three places
    assert max(r for _, r in q3[4]) == site_radius(1, 1)  # the largest of the window takes the largest size
    assert len(q3[5]) == 1  # its one line


def test_a_window_with_the_whole_selection_looks_like_the_export(ds):
    """The 2023 export's one year window holds all its events: the same sizes as the export's own layers."""
    f = Filters(date_from=date(2023, 1, 1), date_to=date(2023, 12, 31))
    frames, scene, public, events, site_ids = _frames(ds, f)
    (year,) = frames["year"]
    rows = site_rows(public, events, scene_mod.site_totals(public, events), scene, "en")
    assert {i: r for i, r in year[4]} == {i: row[2] for i, row in enumerate(rows) if row[6] > 0.5}
    _, lines = route_rows(public, query.route_totals(public, events), scene, "en")
    assert {i: (hw, lw) for i, hw, lw in year[5]} == {i: (row[1], row[2]) for i, row in enumerate(lines)}


def test_korean_labels_and_numbers(ds):
    frames, *_ = _frames(ds, Filters(), "ko")
    first = frames["quarter"][0]
    assert first[2] == {"ko": "2021년 3분기"}
    assert "사건 1건" in first[3]
    assert play.words("ko")["play"] == "재생" and play.words("ko")["units"]["month"] != "month"


@pytest.fixture(scope="module")
def html(ds) -> str:
    return render_html(ds, Filters(), ExportOptions(lang="en")).decode("utf-8")


def test_the_export_carries_the_control_and_its_frames(html):
    assert "window.GeoPlay = {attach: attach}" in html  # geo/web/playthrough.js, inlined
    assert "GeoPlay.attach(map" in html and "<p class='numbers'>" in html
    assert '"2021 Q3"' in html and "No events in the period" in html


def test_no_play_for_an_empty_export(ds):
    text = render_html(ds, Filters(date_from=date(2000, 1, 1), date_to=date(2000, 12, 31)), ExportOptions()).decode(
        "utf-8"
    )
    assert "GeoPlay" not in text


def test_the_play_data_is_bounded(ds, monkeypatch):
    """Past PLAY_BYTES the shorter steps are left out, judged before they are worked out; years stay."""
    full, *_ = _frames(ds, Filters())
    per_window = len(json.dumps(full["year"], ensure_ascii=False, separators=(",", ":")).encode()) / len(full["year"])
    monkeypatch.setattr(play, "PLAY_BYTES", int(per_window * (len(full["year"]) + len(full["quarter"]) / 2)))
    bounded, *_ = _frames(ds, Filters())
    assert list(bounded) == ["year"] and bounded["year"] == full["year"]
    assert list(full) == ["month", "quarter", "year"]  # the fixture's few years: every unit
