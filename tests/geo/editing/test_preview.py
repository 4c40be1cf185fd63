"""The Editor's small maps: local assets only, data strings escaped."""

from geo.assets import external_links
from geo.editing.diff import SitePoint
import pytest

from geo.editing.preview import clicked_point, pick_map, picked_layer, review_map
from tests.common import XSS_PAYLOADS


def test_review_map_escapes_and_stays_local():
    points = [SitePoint("a", "added", 124.4, 40.1, XSS_PAYLOADS[0]), SitePoint("b", "removed", 129.8, 42.9, "B")]
    m = review_map(points)
    html = m.get_root().render()
    assert not external_links(m)
    assert "<script>window.__xss" not in html and "change-added" in html and "change-removed" in html


def test_pick_map_shows_sites_and_the_picked_point():
    m = pick_map([("s", 124.4, 40.1, XSS_PAYLOADS[1])])
    html = m.get_root().render()
    assert not external_links(m)
    assert "existing-site" in html and 'onerror="window' not in html
    picked_layer((125.0, 41.0)).add_to(m)
    assert "picked-point" in m.get_root().render()


@pytest.mark.parametrize(
    "returned, point",
    [
        ({"last_clicked": {"lat": 40.51234567, "lng": 124.81234567}}, (124.812346, 40.512346)),
        ({"last_clicked": {"lat": 40.5, "lng": 124.8 + 360}}, (124.8, 40.5)),
        ({"last_clicked": {"lat": 40.5, "lng": -235.2}}, (124.8, 40.5)),
        ({"last_clicked": None}, None),
        ({"last_clicked": {"lat": "x", "lng": 1}}, None),
        ({"last_clicked": {"lat": 95, "lng": 1}}, None),
        ({}, None),
        (None, None),
    ],
)
def test_clicked_point(returned, point):
    got = clicked_point(returned)
    assert got == point if point is None else got == pytest.approx(point, abs=1e-9)


def test_layers_stay_out_of_the_layer_control():
    # a FeatureGroup listed in folium's LayerControl inside st_folium breaks its script ("setZIndex" of
    # undefined) and the map iframe collapses to zero height; ours are never listed
    import folium

    m = pick_map([("s", 124.4, 40.1, "S")])
    groups = [c for c in m._children.values() if isinstance(c, folium.FeatureGroup)]
    groups += [picked_layer((1.0, 2.0))]
    groups += [
        c
        for c in review_map([SitePoint("a", "added", 124.4, 40.1, "A")])._children.values()
        if isinstance(c, folium.FeatureGroup)
    ]
    assert len(groups) == 3 and not any(g.control for g in groups)


def test_editor_maps_carry_their_own_key_not_the_public_legend():
    from geo.editing.preview import CHANGE_COLOURS
    from geo.schemas import colours

    review = review_map([SitePoint("a", "changed", 124.4, 40.1, "A")]).get_root().render()
    public_words = "Routes: kind of event"  # a heading of the public legend
    assert public_words not in review and "changed (new position)" in review and "removed (old position)" in review
    pick = pick_map([("s", 124.4, 40.1, "S")]).get_root().render()
    assert public_words not in pick and "existing site" in pick and "the new site" in pick
    # a change colour never doubles as a site kind's colour (orange used to mean both)
    site_colours = {c.lower() for c in colours("site", "kind").values()}
    assert not site_colours & {c.lower() for c in CHANGE_COLOURS.values()}


def test_editor_map_key_in_korean():
    html = review_map([SitePoint("a", "added", 124.4, 40.1, "A")], lang="ko").get_root().render()
    assert "추가" in html and "변경 사항" in html and "changed (new position)" not in html
