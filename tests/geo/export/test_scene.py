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
    assert not hasattr(scene, "people_low") and not hasattr(scene, "people_high")  # no total across kinds
    assert [k for k, _ in scene.by_kind] == ["repatriation"] and scene.size_kind == "repatriation"
    returns = dict(scene.by_kind)["repatriation"]
    assert returns["events"] == 2  # the umbrella counts once, not its parts too
    assert scene.data_version and scene.data_version[0].startswith("Data version")
    assert (scene.date_from, scene.date_to) == (date(2021, 7, 14), date(2023, 10, 9))
    assert [p for p, _ in scene.sources] == ["Newsweek", "Radio Free Asia", "Wikinews"]
    by_id = {s.id: s for s in scene.sites}
    assert by_id["shenyang"].approximate and not by_id["dandong-sinuiju"].approximate
    assert by_id["dandong-sinuiju"].involved
    # largest first, so big markers are drawn under small ones and labelled first
    highs = [s.size_high for s in scene.sites]
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


def test_sites_and_routes_follow_one_kind(ds, scene):
    by_id = {s.id: s for s in scene.sites}
    # one event: its own figure as geo.evidence words it (sources go to the credits); two: a labelled sum
    assert by_id["shenyang"].figure[0] == rules_text(ds, "2021-07-14-dandong-return")
    assert "computed: sum of 2 events" in by_id["dandong-sinuiju"].figure[0]
    assert "계산값" in by_id["dandong-sinuiju"].figure[1]
    assert all(r.kinds == ("repatriation",) for r in scene.routes)
    # sized by arrests instead: no arrest in the public data, so nothing has a size figure
    by_arrest = scene_mod.build(ds, Filters(), size_kind="arrest")
    assert by_arrest.size_kind == "arrest"
    assert all(s.size_high == 0 and not s.figure for s in by_arrest.sites)
    assert all(r.size_high == 0 for r in by_arrest.routes)
    assert by_arrest.by_kind == scene.by_kind  # the subtitle's sums do not depend on the size kind


def rules_text(ds, event_id):
    from geo import evidence

    return evidence.figure_texts(ds, ds.events.loc[[event_id]], "en", attributed=False).iloc[0]
