import re

from geo import mapbuild
from geo.assets import html_has_external_assets
from geo.query import Filters, filter_events, public_view, route_totals, site_totals
from tests.common import HOSTILE_NAME, hostile_copy


def render(ds):
    ev = filter_events(ds, Filters())
    return mapbuild.full_map(ds, site_totals(ds, ev), route_totals(ds, ev)).get_root().render()


def test_map_has_every_public_site_and_route(fixture_ds):
    html = render(public_view(fixture_ds))
    for sid in public_view(fixture_ds).sites.index:
        assert f"site-marker site-{sid}" in html
    assert "site-secret-site" not in html and "Secret site" not in html
    assert html.count("route-line route-high") == 3
    assert html.count("uncertainty-circle") == 4


def test_map_loads_no_cdn_asset(fixture_ds):
    html = render(public_view(fixture_ds))
    assert not html_has_external_assets(html)
    assert "/app/static/vendor/leaflet/1.9.4/leaflet.js" in html
    assert "$(" not in html  # no jQuery needed anywhere


def test_korean_names_in_tooltips_and_popups(fixture_ds):
    html = render(public_view(fixture_ds))
    assert "\\uc120\\uc591" in html or "선양" in html  # 선양 (Shenyang), JSON-escaped or raw


def test_hostile_text_never_reaches_the_page_as_markup(tmp_path):
    from geo.dataset import load
    ds = public_view(load(hostile_copy(tmp_path)))
    html = render(ds)
    assert HOSTILE_NAME[:20] not in html  # the payload never appears verbatim
    assert "<script>window.__xss" not in html
    assert "<img src=x onerror" not in html
    assert "`${window" not in html
    assert html.count("</script>") == html.count("<script")  # no payload closed a script tag early


def test_site_id_round_trips_through_the_tooltip(fixture_ds):
    site = public_view(fixture_ds).sites.loc["dandong-sinuiju"]
    tip = mapbuild.site_tooltip(site, {"events": 1, "people_low": 1, "people_high": 2})
    plain = re.sub(r"<[^>]+>", "", tip)
    assert mapbuild.site_from_tooltip(plain) == "dandong-sinuiju"
    assert mapbuild.site_from_tooltip("no id here") is None and mapbuild.site_from_tooltip(None) is None


def test_range_drawn_as_two_lines(fixture_ds):
    ds = public_view(fixture_ds)
    ev = filter_events(ds, Filters())
    group = mapbuild.route_layer(ds, route_totals(ds, ev))
    lines = [c for c in group._children.values()]
    # 3 routes; every route has a low figure > 0, so each has a pale high line and a dark low line
    assert len(lines) == 6
    weights = sorted(c.options["weight"] for c in lines)
    assert weights[0] < weights[-1]
