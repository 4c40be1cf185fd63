"""The interactive folium map: an unchanging base (basemap, optional tiles) plus the layers
that follow the filters (sites sized by people, routes whose width shows the people range).

Split this way so Streamlit can keep the base mounted and swap only the feature groups.
Every string from data is escaped with safe_html before it goes into a popup or tooltip.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from . import basemap, display, evidence, mapux, placelabels, query, schemas
from .i18n import number, translate
from . import claims as rules
from . import safe_html as h
from .assets import APP_STATIC_URL, use_local_assets
from .dataset import Dataset
from .region import BORDER_BOUNDS
from .schemas import short_labels
from .styles import (
    APPROX_DASH,
    COUNTRY_STROKES,
    EVENT_KIND_COLOURS,
    EVENT_KIND_DASHES,
    KIND_COLOURS,
    KIND_SHAPES,
    MAX_RADIUS,
    MAX_WIDTH,
    MIN_RADIUS,
    MIN_WIDTH,
    ROUTE_COLOUR,
    SIZE_KIND,
    scaled,
    shape_svg,
)

ONLINE_TILES = "OpenStreetMap"


BASEMAP_STYLES = {
    "countries": {"color": "#9a9a9a", "weight": 0.8, "fillColor": "#f4f1ea", "fillOpacity": 1.0},
    "lakes": {"color": "#9cc3da", "weight": 0.5, "fillColor": "#cfe3ef", "fillOpacity": 1.0},
    "borders": {"color": "#4d4d4d", "weight": 1.6, "dashArray": "6 3", "fill": False},
}
COUNTRY_FILLS = {"CN": "#f4f1ea", "KP": "#ebe6f2"}


class VectorBasemap(MacroElement):
    """A shipped GeoJSON layer drawn non-interactively under everything else (in a pane of its own,
    between tiles and overlays).

    Core Leaflet only. In the app the file is fetched from Streamlit's static serving (so the map
    script that travels on every rerun stays small); in a standalone export it is embedded. Embedded
    JSON is made safe for <script> by escaping '</'.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
    var fills = {{ this.fills|tojson }};
    var pane = {{ this.pane|tojson }};  // a pane per layer, under the overlays (routes draw on a canvas of
    if (!map.getPane(pane)) {            // their own): the stacking order never depends on which file loads first
        map.createPane(pane).style.zIndex = {{ this.z_index }};
    }
    var layer = L.geoJSON(null, {
        pane: pane,
        interactive: false,
        style: function (f) {
            var s = Object.assign({}, {{ this.style|tojson }});
            if (f.properties && fills[f.properties.iso_a2]) { s.fillColor = fills[f.properties.iso_a2]; }
            return s;
        }
    }).addTo(map);
    {% if this.url %}
    fetch({{ this.url|tojson }}).then(function (r) { return r.json(); })
        .then(function (d) { layer.addData(d); });
    {% else %}
    layer.addData({{ this.data_json }});
    {% endif %}
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, name: str, url: str | None = None, data: dict | None = None, fills: dict | None = None):
        super().__init__()
        self._name = "VectorBasemap"
        self.pane = f"basemap-{name}"
        self.z_index = 350 + basemap.LAYERS.index(name)  # between tiles (200) and overlays (400), in LAYERS order
        self.url = url
        self.data_json = (
            json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/") if data else "null"
        )
        self.style = BASEMAP_STYLES[name]
        self.fills = fills or {}


class BoundHtml(MacroElement):
    """Bind a popup or tooltip whose HTML (already escaped by safe_html) is passed as a JSON string.

    folium's Popup needs jQuery and its Tooltip pastes text into a JavaScript template literal;
    this needs neither, and JSON encoding keeps backticks, ${} and </script> inert.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.{{ this.method }}({{ this.html|tojson }}, {{ this.options|tojson }});
{% endmacro %}
""")

    def __init__(self, html: str, kind: str, **options):
        super().__init__()
        self._name = "BoundHtml"
        self.html = html
        self.method = {"popup": "bindPopup", "tooltip": "bindTooltip"}[kind]
        self.options = options


class MapKey(MacroElement):
    """A key in the map corner, folded on narrow maps (a <details> the reader opens). `title` and
    `body` are HTML built by the caller from the project's own constant words, never from data."""

    _template = Template("""
{% macro html(this, kwargs) %}
<details class="map-legend" style="position:absolute;z-index:1000;bottom:28px;right:10px;background:rgba(255,255,255,.94);
 padding:5px 9px;border-radius:4px;font:12px/1.45 system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.25);
 max-width:min(330px,calc(100% - 70px));max-height:calc(100% - 96px);overflow:auto">
<summary style="cursor:pointer;font-weight:600">{{ this.title }}</summary>
{{ this.body }}
</details>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
    var el = document.querySelector(".map-legend");
    var map = {{ this._parent.get_name() }};
    if (el && map && map.getContainer) {
        map.getContainer().appendChild(el);
        L.DomEvent.disableClickPropagation(el);
        L.DomEvent.disableScrollPropagation(el);
        // open on a wide map, folded on a narrow one (where it would cover the markers)
        el.open = map.getSize().x >= {{ this.open_from }};
        // on a narrow map, opened, it covers at most 45% of the map's height (it scrolls inside)
        if (map.getSize().x < {{ this.open_from }}) { el.style.boxSizing = "border-box"; el.style.maxHeight = "min(calc(100% - 96px), 45%)"; }
    }
})();
{% endmacro %}
""")

    def __init__(self, title: str, body: str):
        super().__init__()
        self._name = "Legend"
        self.title = title
        self.body = body
        self.open_from = mapux.LEGEND_OPEN_FROM


class Legend(MapKey):
    """The public map's key: what the marker colours, rings, dashes and sizes mean, the route colours
    and widths, and the basemap's China, North Korea and border, in plain words (mapux.LEGEND_WORDS).
    It says which event kind sizes the markers.

    Built only from the project's own constant labels (styles.py), never from data.
    """

    def __init__(self, size_kind: str = SIZE_KIND, lang: str = "en"):
        w = mapux.legend_words(lang)
        site_kinds, countries = schemas.labels("site", "kind", lang), schemas.labels("site", "country", lang)
        event_kinds, short = schemas.labels("events", "kind", lang), schemas.short_labels("events", "kind", lang)
        dot = "<span style='display:inline-block;width:11px;height:11px;border-radius:50%;background:{};border:2px {} {};margin-right:5px;vertical-align:-1px'></span>"
        area = "<span style='display:inline-block;width:18px;height:11px;background:{};border:1px solid #9a9a9a;margin-right:5px;vertical-align:-1px'></span>"
        line = "<span style='display:inline-block;width:18px;height:0;border-top:2px dashed #4d4d4d;margin-right:5px;vertical-align:3px'></span>"
        bar = (
            "<svg width='22' height='8' aria-hidden='true' style='margin-right:3px;vertical-align:0'>"
            "<line x1='0' y1='4' x2='22' y2='4' stroke='{}' stroke-width='3'{}/></svg>"
        )

        def section(heading, rows):
            return f"<div style='margin-top:4px'><b>{h.text(heading)}</b><br>" + "<br>".join(rows) + "</div>"

        kinds = [
            shape_svg(KIND_SHAPES[kind], colour, "#fff", r=5.5) + h.text(site_kinds[kind])
            for kind, colour in KIND_COLOURS.items()
        ]
        rings = [dot.format("#fff", "solid", stroke) + h.text(countries[c]) for c, stroke in COUNTRY_STROKES.items()]
        rings.append(dot.format("#fff", "dashed", "#555") + h.text(w["approx"]))
        size = [h.text(w["size"].format(kind=event_kinds[size_kind]))]
        routes = [
            " ".join(
                bar.format(
                    EVENT_KIND_COLOURS[k], f" stroke-dasharray='{EVENT_KIND_DASHES[k]}'" if EVENT_KIND_DASHES[k] else ""
                )
                + h.text(short[k])
                for k in ROUTE_KINDS
            ),
            h.text(w["width"]),
        ]
        base = [
            " ".join(
                [
                    area.format(COUNTRY_FILLS["CN"]) + h.text(countries["CN"]),
                    area.format(COUNTRY_FILLS["KP"]) + h.text(countries["KP"]),
                    line + h.text(w["border"]),
                ]
            )
        ]
        super().__init__(
            h.text(w["title"]),
            section(w["kinds"], kinds)
            + section(w["rings"], rings)
            + section(w["sizes"], size)
            + section(w["routes"], routes)
            + section(w["basemap"], base),
        )


def base_map(
    static_url: str = APP_STATIC_URL,
    online_tiles: bool = True,
    embed_basemap: bool = False,
    size_kind: str = SIZE_KIND,
    bounds=None,
    lang: str = "en",
    legend: bool = True,
) -> folium.Map:
    """The part of the map that never changes with the filters.

    embed_basemap: put the basemap into the page (standalone HTML) instead of fetching it from
    `static_url` + basemap/ (the app, where Streamlit serves static/). bounds: the default view,
    [[south, west], [north, east]] (mapux.view_bounds: every site); the border zone without it.
    legend: the public map's key (the Editor's maps bring their own: their colours mean changes).
    """
    (south, west), (north, east) = BORDER_BOUNDS
    m = folium.Map(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=6,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
    )
    m.options.update(minZoom=mapux.MIN_ZOOM, maxZoom=mapux.MAX_ZOOM)
    use_local_assets(m, static_url)
    m.add_child(mapux.MapBehaviour())
    m.add_child(ShapeMarkers())
    m.add_child(mapux.SpreadOverlaps())
    m.get_root().header.add_child(
        folium.Element(
            "<style>.leaflet-container{background:#cfe3ef}.site-popup{font:13px/1.4 system-ui,sans-serif;max-width:320px}"
            ".site-popup h4{margin:0 0 4px;font-size:14px}.site-popup .ko{color:#333}.site-popup .muted{color:#666}"
            # a phone's map is narrower than the scale bar and the credits side by side: the scale sits above them
            "@media (max-width:480px){.leaflet-bottom.leaflet-left{bottom:18px}}</style>"
        )
    )
    for name in basemap.LAYERS:
        fills = COUNTRY_FILLS if name == "countries" else None
        if embed_basemap:
            m.add_child(VectorBasemap(name, data=basemap.layer(name), fills=fills))
        else:
            m.add_child(VectorBasemap(name, url=f"{static_url}{basemap.STATIC_URL_PATH}{name}.geojson", fills=fills))
    m.add_child(placelabels.PlaceLabels(lang))
    if legend:
        m.add_child(Legend(size_kind, lang))
    if online_tiles:
        _ = translate(lang)
        folium.TileLayer(
            ONLINE_TILES, name=_("Online street map (needs internet)"), overlay=True, show=False, control=True
        ).add_to(m)
        folium.LayerControl(collapsed=True).add_to(m)
    view = bounds or [list(BORDER_BOUNDS[0]), list(BORDER_BOUNDS[1])]
    m.fit_bounds(view, padding=mapux.DEFAULT_VIEW_PADDING)
    if bounds:  # (the HTML export fits its own view afterwards)
        m.add_child(mapux.DefaultView(view))
    return m


def _names(site, lang: str = "en") -> str:
    zh = f" · {h.text(site['name_zh'])}" if site.get("name_zh") else ""
    first, second = ("name_ko", "name_en") if lang == "ko" else ("name_en", "name_ko")
    return f"<h4>{h.text(site[first])}</h4><div class='ko'>{h.text(site[second])}{zh}</div>"


SITE_ID_PREFIX = "site id: "
_SITE_ID = re.compile(re.escape(SITE_ID_PREFIX) + r"([a-z0-9]+(?:-[a-z0-9]+)*)")


def figure(ds: Dataset, events: pd.DataFrame | None, row, lang: str = "en") -> str:
    """A group's figure: one event in its sources' words, several as a labelled computed sum."""
    return evidence.total_text(ds, events, row, lang) if events is not None else rules.sum_text(row, lang)


def site_tooltip(site, stats, size_kind: str = SIZE_KIND, people: str | None = None, lang: str = "en") -> str:
    """Names, events and the sizing kind's figure. Only one kind's people: kinds are never added up.
    The site id rides along in a hidden element, never shown or read out: it is how a click is traced
    back to its site (streamlit-folium returns the tooltip's text content)."""
    _ = translate(lang)
    kind_label = schemas.labels("events", "kind", lang)[size_kind]
    approx = _(" (approximate location)") if site["precision"] != "facility" else ""
    size = {c: stats.get(f"size_{c}", 0) for c in rules.SUM_COLUMNS}
    if not size["events"]:
        people = _("no events of this kind: {kind}", kind=kind_label)
    else:
        people = f"{kind_label}: {people or rules.sum_text(size, lang)}"
    first, second = ("name_ko", "name_en") if lang == "ko" else ("name_en", "name_ko")
    count = _("{n} event(s) in the selected period", n=number(int(stats["events"]), lang))
    return (
        f"<b>{h.text(site[first])}</b> / {h.text(site[second])}{h.text(approx)}<br>"
        f"{h.text(count)}; {h.text(people)}<br>"
        f"<span class='site-ref' hidden aria-hidden='true'>{SITE_ID_PREFIX}{h.text(site['id'])}</span>"
    )


def site_from_tooltip(text: str | None) -> str | None:
    """The site id in a clicked marker's tooltip text (what streamlit-folium returns), if any."""
    found = _SITE_ID.search(text or "")
    return found.group(1) if found else None


SHORT_KIND_LABELS = short_labels("events", "kind")
ROUTE_KINDS = ("repatriation", "transfer")  # the kinds that move people between places (legend rows)
POPUP_EVENTS = 6  # events listed in a popup, newest first; the site panel lists them all


def source_links(ds: Dataset, source_ids, lang: str = "en") -> str:
    """Each source as 'Publisher (date)', linked when its address is a plain http(s) one; escaped."""
    out = []
    for sid in source_ids:
        if sid not in ds.sources.index:
            continue
        src = ds.sources.loc[sid]
        label = src["publisher"] + (f", {src['published']}" if src["published"] else "")
        out.append(h.link(label, src["url"] or src.get("archive_url")))
    return "; ".join(out)


def event_items(ds: Dataset, events: pd.DataFrame, limit: int = POPUP_EVENTS, lang: str = "en") -> str:
    """An HTML list of events (newest first): date, kind, the figure with who states it, its sources."""
    shown = events.iloc[::-1].iloc[:limit]
    if not len(shown):
        return ""
    _ = translate(lang)
    kinds = schemas.labels("events", "kind", lang)
    grouped = evidence.claims_by_event(ds, shown.index)
    texts = evidence.figure_texts(ds, shown, lang, grouped=grouped)
    items = []
    sources_word = h.text(_("Sources:"))
    for eid, ev in zip(shown.index, shown.itertuples(index=False)):
        items.append(
            f"<li><b>{h.text(display.event_date(ev.date, ev.date_precision, lang))}</b> · {h.text(kinds.get(ev.kind, ev.kind))}: "
            f"{h.text(texts[eid])}<br><span class='muted'>{sources_word} {source_links(ds, ev.sources, lang)}</span></li>"
        )
    more_text = _("{n} more event(s) in the site panel below the map.", n=number(len(events) - len(shown), lang))
    more = f"<p class='muted'>{h.text(more_text)}</p>" if len(events) > len(shown) else ""
    return f"<ul class='popup-events'>{''.join(items)}</ul>{more}"


def site_popup(site, stats, kind_rows=None, items: str = "", figures: dict | None = None, lang: str = "en") -> str:
    """The site's names, kind, location quality, each event kind's computed figure (never added
    across kinds), and its latest events each with its own sources."""
    _ = translate(lang)
    rows = [
        (_("Kind"), schemas.labels("site", "kind", lang).get(site["kind"], site["kind"])),
        (_("Country"), schemas.labels("site", "country", lang).get(site["country"], site["country"])),
        (
            _("Location"),
            schemas.labels("site", "precision", lang)[site["precision"]]
            + (
                _(", within about {m} m", m=number(site["uncertainty_m"], lang))
                if site["precision"] != "facility"
                else ""
            ),
        ),
    ]
    if site.get("side_cn"):
        rows.append((_("Sides"), _("{cn} (China) – {kp} (North Korea)", cn=site["side_cn"], kp=site["side_kp"])))
    rows.append((_("Selected period"), _("{n} event(s)", n=number(int(stats["events"]), lang))))
    if kind_rows is not None:
        kinds = schemas.labels("events", "kind", lang)
        for kind, row in kind_rows.iterrows():
            rows.append((kinds.get(kind, kind), (figures or {}).get(kind) or rules.sum_text(row, lang)))
    body = "".join(
        f"<tr><th style='text-align:left;padding-right:6px'>{h.text(k)}</th><td>{h.text(v)}</td></tr>" for k, v in rows
    )
    note = evidence.note_text(site, lang)
    notes = f"<p class='muted'>{h.text(note)}</p>" if note else ""
    hint = _("Click shows all its events and sources below the map.")
    return (
        f"<div class='site-popup'>{_names(site, lang)}<table>{body}</table>{items}{notes}"
        f"<p class='muted'>{h.text(hint)}</p></div>"
    )


def _json(value) -> str:
    """JSON for inside <script>: escaped text never holds a raw '<', and '</' is escaped anyway."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


SHAPE_SCRIPT = Path(__file__).resolve().parent / "web" / "shapemarker.js"


class ShapeMarkers(MacroElement):
    """Defines L.ShapeMarker (geo/web/shapemarker.js) in the map's script, before any site marker is made."""

    _template = Template("""
{% macro script(this, kwargs) %}
{{ this.js }}
{% endmacro %}
""")

    def __init__(self):
        super().__init__()
        self._name = "ShapeMarkers"
        self.js = shape_script()


@lru_cache(maxsize=None)
def shape_script() -> str:
    return SHAPE_SCRIPT.read_text(encoding="utf-8").replace("</", "<\\/")


class _SiteRows(MacroElement):
    """All site markers of a layer as one compact JSON array, turned into Leaflet objects in the
    browser: one folium object per marker would cost ~0.4 KB of boilerplate each and a Jinja render."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (group, rows) {
  rows.forEach(function (r) {
    if (r[11]) {
      L.circle([r[0], r[1]], {radius: r[11], color: r[6], weight: 1, dashArray: {{ this.dash|tojson }}, fill: true,
                fillOpacity: 0.06, interactive: false, className: "uncertainty-circle"}).addTo(group);
    }
    var marker = (L.shapeMarker || L.circleMarker)([r[0], r[1]], {radius: r[2], color: r[3], weight: r[4],
                   dashArray: r[5], fill: true, fillColor: r[6], fillOpacity: r[7], className: r[8] + " shape-" + r[13],
                   shape: r[13]})
      .bindTooltip(r[9], {sticky: true}).bindPopup(r[10], {maxWidth: 340}).addTo(group);
    if (r[12]) {
      // the selected site: a click selects it and the rerun redraws the markers, which would close the
      // popup it just opened; reopen it on the new marker, without panning the map again
      // (mapux pans only when the popup would not show whole: a popup already in view stays put)
      var reopen = function () { group._map.whenReady(function () { marker.openPopup(); }); };
      if (group._map) { reopen(); } else { group.once("add", reopen); }
    }
  });
})({{ this._parent.get_name() }}, {{ this.rows_json }});
{% endmacro %}
""")

    def __init__(self, rows):
        super().__init__()
        self._name = "SiteRows"
        self.dash = APPROX_DASH
        self.rows_json = _json(rows)


class _RouteRows(MacroElement):
    """All routes as one compact JSON array; site names and positions are sent once, not per route.

    Drawn on one canvas, not as SVG: at 100k events there are hundreds of routes, two lines each,
    and a DOM node per line is what made the map slow to appear. The pale line (high figure) carries
    the tooltip; the dark core (low figure) lets the pointer through to it.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
(function (group, stops, rows) {
  var canvas = L.canvas({padding: 0.5, tolerance: 3});
  group.on("remove", function () { canvas.remove(); });  // a rerun replaces the group: take its canvas too
  rows.forEach(function (r) {
    var pts = r[0].map(function (i) { return [stops[i][0], stops[i][1]]; });
    var label = "<b>" + r[0].map(function (i) { return stops[i][2]; }).join(" \\u2192 ") + "<\\/b><br>" + r[5] + ": " +
                r[4] + "<br><span style='color:#666'>" + r[7] + "<\\/span>";
    L.polyline(pts, {color: r[6], weight: r[1], opacity: 0.3, renderer: canvas, dashArray: r[8],
                     className: "route-line route-high"}).bindTooltip(label, {sticky: true}).addTo(group);
    if (r[2]) {
      L.polyline(pts, {color: r[6], weight: r[2], opacity: 0.9, renderer: canvas, interactive: false, dashArray: r[8],
                       className: "route-line route-low"}).addTo(group);
    }
  });
})({{ this._parent.get_name() }}, {{ this.stops_json }}, {{ this.rows_json }});
{% endmacro %}
""")

    def __init__(self, stops, rows):
        super().__init__()
        self._name = "RouteRows"
        self.stops_json = _json(stops)
        self.rows_json = _json(rows)


def site_layer(
    ds: Dataset,
    totals: pd.DataFrame,
    layers: frozenset | None = None,
    selected: str | None = None,
    events: pd.DataFrame | None = None,
    size_kind: str = SIZE_KIND,
    lang: str = "en",
) -> folium.FeatureGroup:
    """Sites as circle markers coloured by kind, outlined by country, sized by the people of ONE
    event kind (size_kind) in the period: area-true, as the sources state them.

    totals: query.site_totals (per site and kind). events: the selection, for each popup's list of
    events with their own sources (None: popups give the figures only). Approximate locations get a
    dashed outline and a dashed circle of their uncertainty radius. Tooltip and popup HTML are built
    (and escaped) here, on the server.
    """
    return site_group(site_rows(ds, totals, layers, selected, events, size_kind, lang))


def site_group(rows: list) -> folium.FeatureGroup:
    """A fresh feature group for site rows (site_rows): cheap, so rows can be shared between sessions
    while each session's map gets objects of its own (st_folium changes the objects it is given)."""
    group = folium.FeatureGroup(name="Sites")
    group.add_child(_SiteRows(rows))
    return group


def site_rows(
    ds: Dataset,
    totals: pd.DataFrame,
    layers: frozenset | None = None,
    selected: str | None = None,
    events: pd.DataFrame | None = None,
    size_kind: str = SIZE_KIND,
    lang: str = "en",
) -> list:
    """The site layer's rows (plain lists and escaped strings): what site_layer draws."""
    sites = ds.sites if layers is None else ds.sites[ds.sites["layer"].isin(layers).to_numpy()]
    summary = query.site_summary(ds, totals, size_kind)
    largest = float(summary.loc[sites.index, "size_high"].max()) if len(sites) else 0.0
    stats_of = summary.to_dict("index")
    rows = []
    for site in sites.drop(columns="geometry").to_dict("records"):
        sid = site["id"]
        stats = stats_of[sid]
        approx = site["precision"] != "facility"
        items, figures, people = "", {}, None
        kind_rows = query.kinds_at(totals, sid)
        if events is not None and stats["events"]:
            items = event_items(ds, events[query.touches_site(events, sid)], lang=lang)
            figures = {kind: figure(ds, events, row, lang) for kind, row in kind_rows.iterrows()}
            people = figures.get(size_kind)
        rows.append(
            [
                round(float(site["lat"]), 6),
                round(float(site["lon"]), 6),
                round(scaled(float(stats["size_high"]), largest, MIN_RADIUS, MAX_RADIUS), 2),
                "#ffd400" if sid == selected else COUNTRY_STROKES[site["country"]],
                4 if sid == selected else 2,
                APPROX_DASH if approx else None,
                KIND_COLOURS[site["kind"]],
                0.85 if int(stats["events"]) else 0.35,
                f"site-marker site-{sid}",
                site_tooltip(site, stats, size_kind, people, lang),
                site_popup(site, stats, kind_rows, items, figures, lang),
                int(site["uncertainty_m"]) if approx else 0,
                1 if sid == selected else 0,
                KIND_SHAPES[site["kind"]],
            ]
        )
    return rows


def route_layer(
    ds: Dataset, routes: pd.DataFrame, kind: str | None = None, events: pd.DataFrame | None = None, lang: str = "en"
) -> folium.FeatureGroup:
    """Routes origin → crossing → destination, one line per route and event kind, coloured by kind
    (`kind`: only that one); a pale wide line for the largest figure stated and a dark line inside it
    for the smallest, so a range reads as a range. Kinds are never added together."""
    return route_group(*route_rows(ds, routes, kind, events, lang))


def route_group(stops_table: list, rows: list) -> folium.FeatureGroup:
    """A fresh feature group for route rows (route_rows); see site_group."""
    group = folium.FeatureGroup(name="Routes")
    group.add_child(_RouteRows(stops_table, rows))
    return group


def route_rows(
    ds: Dataset, routes: pd.DataFrame, kind: str | None = None, events: pd.DataFrame | None = None, lang: str = "en"
) -> tuple[list, list]:
    """The route layer's stops table and rows (plain lists and escaped strings): what route_layer draws."""
    if kind is not None and len(routes):
        routes = routes[routes["kind"].eq(kind).to_numpy()]
    largest = float(routes["high"].max()) if len(routes) else 0.0
    sites = ds.sites
    index = {sid: i for i, sid in enumerate(sites.index)}
    stops_table = [
        [
            round(float(lat), 6),
            round(float(lon), 6),
            f"{h.text(ko)} ({h.text(en)})" if lang == "ko" else f"{h.text(en)} ({h.text(ko)})",
        ]
        for lat, lon, en, ko in zip(sites["lat"], sites["lon"], sites["name_en"], sites["name_ko"])
    ]
    kinds = schemas.labels("events", "kind", lang)
    _ = translate(lang)
    rows = []
    for route in routes.to_dict("records"):
        stops = [
            index[s] for s in (route["origin"], route["crossing"], route["destination"]) if s is not None and s in index
        ]
        if len(stops) < 2:
            continue
        low = 0 if route["low_open"] else route["low"]
        high_w = scaled(float(route["high"]), largest, MIN_WIDTH, MAX_WIDTH)
        low_w = scaled(float(low), largest, MIN_WIDTH * 0.6, MAX_WIDTH) if low else 0
        rows.append(
            [
                stops,
                round(high_w, 2),
                round(max(low_w * 0.55, 1.0), 2) if low_w else 0,
                int(route["events"]),
                h.text(figure(ds, events, route, lang)),
                h.text(kinds.get(route["kind"], route["kind"])),
                EVENT_KIND_COLOURS.get(route["kind"], ROUTE_COLOUR),
                h.text(_("{n} event(s)", n=number(int(route["events"]), lang))),
                EVENT_KIND_DASHES.get(route["kind"]) or None,  # each kind its own pattern, not colour alone
            ]
        )
    return stops_table, rows


def full_map(
    ds: Dataset,
    totals: pd.DataFrame,
    routes: pd.DataFrame,
    layers=None,
    selected=None,
    static_url: str = APP_STATIC_URL,
    online_tiles: bool = True,
    embed_basemap: bool = False,
    events: pd.DataFrame | None = None,
    size_kind: str = SIZE_KIND,
    lang: str = "en",
) -> folium.Map:
    """Base plus both layers in one map: for standalone HTML, benchmarks and tests."""
    m = base_map(static_url, online_tiles, embed_basemap, size_kind, lang=lang)
    route_layer(ds, routes, events=events, lang=lang).add_to(m)
    site_layer(ds, totals, layers, selected, events, size_kind, lang).add_to(m)
    return m
