"""geo.export.scene: what a static export shows, always from the public view."""

from datetime import date

from geo.export import scene as scene_mod
from geo.query import Filters


def test_public_view_only(ds):
    sc = scene_mod.build(ds, Filters(include_sensitive=True))  # the flag is ignored
    ids = {s.id for s in sc.sites}
    assert "secret-site" not in ids
    assert sc.events == 4  # the sensitive arrest is not counted
    assert all("secret" not in "".join(r.stops) for r in sc.routes)


def test_totals_sources_and_dates(scene):
    assert (scene.people_low, scene.people_high) == (548, 650)
    assert (scene.date_from, scene.date_to) == (date(2021, 7, 14), date(2023, 10, 9))
    assert [p for p, _ in scene.sources] == ["Newsweek", "Radio Free Asia", "Wikinews"]
    by_id = {s.id: s for s in scene.sites}
    assert by_id["shenyang"].approximate and not by_id["dandong-sinuiju"].approximate
    assert by_id["dandong-sinuiju"].involved
    # largest first, so big markers are drawn under small ones and labelled first
    highs = [s.people_high for s in scene.sites]
    assert highs == sorted(highs, reverse=True)


def test_focus_covers_involved_sites_and_falls_back(ds, scene):
    x0, y0, x1, y1 = scene.focus
    assert all(x0 <= s.x <= x1 and y0 <= s.y <= y1 for s in scene.sites if s.involved)
    empty = scene_mod.build(ds, Filters(date_from=date(1990, 1, 1), date_to=date(1990, 12, 31)))
    assert empty.empty and empty.events == 0 and not empty.routes
    ex0, ey0, ex1, ey1 = empty.focus
    assert ex1 - ex0 > 500_000  # the border region
    assert (empty.date_from, empty.date_to) == (date(1990, 1, 1), date(1990, 12, 31))


def test_layers_filter_markers(ds):
    sc = scene_mod.build(ds, Filters(layers=frozenset({"crossings"})))
    assert {s.id for s in sc.sites} == {"dandong-sinuiju", "tumen-namyang"}
