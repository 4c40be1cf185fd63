import json
import re

from geo import mapbuild
from geo.assets import html_has_external_assets
from geo.query import Filters, filter_events, public_view, route_totals, site_totals
from tests.common import HOSTILE_NAME, hostile_copy


def layers(ds):
    ev = filter_events(ds, Filters())
    return site_totals(ds, ev), route_totals(ds, ev)


def render(ds, **kwargs):
    totals, routes = layers(ds)
    return mapbuild.full_map(ds, totals, routes, **kwargs).get_root().render()


def rows_of(group, attr="rows_json"):
    (element,) = group._children.values()
    return json.loads(getattr(element, attr).replace("<\\/", "</"))


def test_every_public_site_is_a_marker_row(fixture_ds):
    ds = public_view(fixture_ds)
    totals, _ = layers(ds)
    rows = rows_of(mapbuild.site_layer(ds, totals))
    classes = sorted(r[8] for r in rows)
    assert classes == sorted(f"site-marker site-{sid}" for sid in ds.sites.index)
    assert "secret-site" not in json.dumps(rows)
    approx = [r for r in rows if r[11]]
    assert len(approx) == 4 and all(r[5] for r in approx)  # dashed outline + uncertainty radius
    shenyang = next(r for r in rows if r[8].endswith("site-shenyang"))
    assert (shenyang[0], shenyang[1], shenyang[11]) == (41.7956, 123.4481, 10000)


def test_markers_sized_by_people_and_selected_site_ringed(fixture_ds):
    ds = public_view(fixture_ds)
    totals, _ = layers(ds)
    rows = {r[8].split("site-", 2)[-1]: r for r in rows_of(mapbuild.site_layer(ds, totals, selected="shenyang"))}
    assert rows["tumen-namyang"][2] > rows["shenyang"][2]  # about 300 returned against about 50
    assert rows["shenyang"][3] == "#ffd400" and rows["tumen-namyang"][3] != "#ffd400"


def test_layer_filter_limits_markers(fixture_ds):
    ds = public_view(fixture_ds)
    totals, _ = layers(ds)
    rows = rows_of(mapbuild.site_layer(ds, totals, frozenset({"crossings"})))
    assert sorted(r[8] for r in rows) == ["site-marker site-dandong-sinuiju", "site-marker site-tumen-namyang"]


def test_routes_draw_ranges_as_two_lines_coloured_by_kind(fixture_ds):
    from geo.styles import EVENT_KIND_COLOURS, EVENT_KIND_DASHES

    ds = public_view(fixture_ds)
    ev = filter_events(ds, Filters())
    _, routes = layers(ds)
    group = mapbuild.route_layer(ds, routes, events=ev)
    stops = rows_of(group, "stops_json")
    rows = rows_of(group)
    assert len(rows) == 3
    for stop_ids, high_w, low_w, n, _people, kind, colour, _count, dash in rows:
        assert len(stop_ids) >= 2 and high_w >= low_w >= 0 and n == 1
        assert kind == "Returned to North Korea" and colour == EVENT_KIND_COLOURS["repatriation"]
        assert dash is None and EVENT_KIND_DASHES["repatriation"] == ""  # returns: solid lines
    ids = list(ds.sites.index)
    by_stops = {tuple(ids[i] for i in r[0]): r for r in rows}
    # one event per route: its figure in its sources' words, with who states it
    assert by_stops[("shenyang", "dandong-sinuiju", "sinuiju-holding")][4] == "about 50 (Radio Free Asia)"
    up_to = by_stops[("dandong-sinuiju", "sinuiju-holding")]
    assert up_to[4] == "up to 200 (One Korea Network)" and up_to[2] == 0  # no floor: no dark core
    assert stops[ids.index("shenyang")][2] == "Shenyang detention (선양 구금시설)"


def test_route_kinds_differ_by_line_pattern_as_well_as_colour(fixture_ds):
    """WCAG 1.4.1: a transfer's line is dashed where a return's is solid, on the map and in the legend."""
    from geo.styles import EVENT_KIND_COLOURS, EVENT_KIND_DASHES

    ds = public_view(fixture_ds)
    _, routes = layers(ds)
    transfers = routes.assign(kind="transfer")
    rows = rows_of(mapbuild.route_layer(ds, transfers, events=filter_events(ds, Filters())))
    assert rows and all(r[6] == EVENT_KIND_COLOURS["transfer"] and r[8] == "10 6" for r in rows)
    assert len(set(EVENT_KIND_DASHES.values())) == len(EVENT_KIND_DASHES)
    html = render(ds)
    assert "dashArray: r[8]" in html
    assert f"stroke='{EVENT_KIND_COLOURS['transfer']}' stroke-width='3' stroke-dasharray='10 6'/>" in html
    assert f"stroke='{EVENT_KIND_COLOURS['repatriation']}' stroke-width='3'/>" in html


def test_popups_list_each_event_with_its_own_sources(fixture_ds):
    ds = public_view(fixture_ds)
    ev = filter_events(ds, Filters())
    totals, _ = layers(ds)
    rows = {r[8].split("site-", 2)[-1]: r for r in rows_of(mapbuild.site_layer(ds, totals, events=ev))}
    popup = rows["dandong-sinuiju"][10]
    assert "Returned to North Korea</th><td>about 50–250 (computed: sum of 2 events)" in popup
    assert "14 Jul 2021</b> · Returned to North Korea: about 50 (Radio Free Asia)" in popup
    assert "9 Oct 2023</b> · Returned to North Korea: up to 200 (One Korea Network)" in popup
    assert 'href="https://www.newsweek.com/' in popup and 'rel="noopener noreferrer"' in popup
    assert "Returned to North Korea: about 50 (Radio Free Asia)" in rows["shenyang"][9]  # the tooltip
    # a crossing that is only an unreported part of the umbrella says so, never 1–N
    tumen = rows["tumen-namyang"][10]
    assert "about 300 (TJWG)" in tumen and "1–" not in tumen


def test_legend_says_which_kind_sizes_the_markers(fixture_ds):
    html = render(public_view(fixture_ds))
    assert "Marker size and route width</b><br>Returned to North Korea: people in the selected period" in html


def test_map_loads_no_cdn_asset_and_fetches_the_basemap_locally(fixture_ds):
    html = render(public_view(fixture_ds))
    assert not html_has_external_assets(html)
    assert "/app/static/vendor/leaflet/1.9.4/leaflet.js" in html
    assert 'fetch("/app/static/basemap/countries.geojson")' in html
    assert "$(" not in html  # no jQuery needed anywhere
    assert len(html) < 60_000  # the basemap is not in the page


def test_embedded_basemap_for_standalone_html(fixture_ds):
    html = render(public_view(fixture_ds), embed_basemap=True)
    assert "fetch(" not in html and '"iso_a2":"KP"' in html


def test_korean_names_in_tooltips_and_popups(fixture_ds):
    html = render(public_view(fixture_ds))
    assert "선양 구금시설" in html and "조중우의교" in html


def test_hostile_text_never_reaches_the_page_as_markup(tmp_path):
    from geo.dataset import load

    html = render(public_view(load(hostile_copy(tmp_path))))
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


def test_empty_selection_draws_nothing(fixture_ds):
    ds = public_view(fixture_ds)
    ev = filter_events(ds, Filters(kinds={"transfer"}))
    assert rows_of(mapbuild.route_layer(ds, route_totals(ds, ev))) == []
    assert all(r[7] == 0.35 for r in rows_of(mapbuild.site_layer(ds, site_totals(ds, ev))))


def test_each_site_kind_is_drawn_in_its_own_shape(fixture_ds):
    """Markers differ by shape per kind (schema x-shapes), in the rows, their class names and the legend."""
    from geo.styles import KIND_SHAPES

    ev = filter_events(fixture_ds, Filters())
    rows = mapbuild.site_rows(fixture_ds, site_totals(fixture_ds, ev))
    kinds = fixture_ds.sites["kind"].to_dict()
    assert len(set(kinds.values())) >= 3
    for row in rows:
        sid = re.search(r"site-marker site-(\S+)", row[8]).group(1)
        assert row[13] == KIND_SHAPES[kinds[sid]]
    html = (
        mapbuild.full_map(fixture_ds, site_totals(fixture_ds, ev), route_totals(fixture_ds, ev), events=ev)
        .get_root()
        .render()
    )
    assert html.index("L.ShapeMarker = ") < html.index("L.shapeMarker ||")  # defined before the markers are made
    for kind, shape in KIND_SHAPES.items():  # every kind in the legend, in its shape, before its label
        assert re.search(
            rf'class="legend-shape shape-{shape}"[^<]*>(?:<[^>]*>)*?</svg>{re.escape(mapbuild.schemas.labels("site", "kind")[kind])}',
            html,
        )
