"""A self-contained HTML map: the app's interactive map in one file that opens offline.

Built on geo.mapbuild.base_map (the app's basemap and legend, embedded) with the public view only.
Its site and route layers are the export's own: each popup lists the site's events, each with its
figure as geo.evidence words it and its own sources (publisher, date, link), and the claims side by
side where sources disagree; markers and routes are sized by one event kind (ExportOptions.size_kind)
and the header says which. No figure adds people of different kinds. Leaflet's script and stylesheet
(and the images the stylesheet names) are inlined, so opening the file makes no network request at
all. Element ids are numbered in tree order, so the same input gives the same bytes.
"""

from __future__ import annotations

import base64
import json
import re

import pandas as pd

from .. import claims as rules
from .. import evidence, query
from .. import safe_html as h
from ..assets import LEAFLET_DIR, LEAFLET_URL_PATH, html_has_external_assets, leaflet_files
from ..errors import GeoError
from ..styles import (
    APPROX_DASH,
    COUNTRY_STROKES,
    KIND_COLOURS,
    KIND_SHAPES,
    MAX_RADIUS,
    MAX_WIDTH,
    MIN_RADIUS,
    MIN_WIDTH,
    ROUTE_COLOUR,
    scaled,
)
from . import wording

PLACEHOLDER = "geo-export-inline:/"
MAX_BYTES = 1_000_000
STYLE = """<style>
.geo-export-head{position:absolute;top:10px;left:54px;z-index:1000;max-width:min(560px,70vw);background:rgba(255,255,255,.92);
 padding:8px 12px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.25);font:13px/1.35 system-ui,sans-serif;color:#1a1a1a}
.geo-export-head h1{font-size:17px;margin:0 0 2px}.geo-export-head p{margin:0;color:#555}
.geo-export-head p.size{margin-top:3px;font-size:12px}
.site-popup .figures th{text-align:left;padding-right:6px;vertical-align:top}
.site-popup ol.events{margin:6px 0 0;padding-left:18px;max-height:260px;overflow:auto}
.site-popup ol.events li{margin:0 0 6px}.site-popup .claims{margin:2px 0 0;padding-left:14px;font-size:12px}
.geo-export-head .geo-play{display:flex;flex-wrap:wrap;gap:4px;align-items:center;margin:4px 0 2px;font:13px system-ui,sans-serif;float:none;
 border:0;box-shadow:none;background:none}
.geo-play button,.geo-play select{font:inherit;min-height:24px}
.geo-export-head .geo-play-date{font:700 26px/1.15 system-ui,sans-serif;color:#1a1a1a;margin:2px 0}
.geo-export-credits{position:absolute;bottom:52px;left:8px;z-index:1000;max-width:min(640px,55vw);background:rgba(255,255,255,.88);
 padding:3px 6px;font:10.5px/1.3 system-ui,sans-serif;color:#555;border-radius:3px}
</style>"""


def _css_with_images(css: str) -> str:
    def inline(match):
        name = match.group(1)
        path = LEAFLET_DIR / "images" / name
        if not path.is_file():
            return "url(data:,)"
        return "url(data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii") + ")"

    return re.sub(r"url\(images/([A-Za-z0-9_.-]+)\)", inline, css)


def _number_ids(root) -> None:
    stack, n = [root], 0
    while stack:
        el = stack.pop(0)
        if hasattr(el, "_id"):
            el._id = f"{n:08x}"
            n += 1
        stack.extend(getattr(el, "_children", {}).values())


def inline_assets(html: str) -> str:
    """Replace the placeholder <script src> and <link href> for Leaflet with the files' contents."""
    files = leaflet_files()
    js = files["leaflet.js"].decode("utf-8").replace("</script", "<\\/script")
    css = _css_with_images(files["leaflet.css"].decode("utf-8")).replace("</style", "<\\/style")
    base = re.escape(PLACEHOLDER + LEAFLET_URL_PATH)
    html, n_js = re.subn(rf'<script src="{base}leaflet\.js"></script>', lambda _: f"<script>{js}</script>", html)
    html, n_css = re.subn(
        rf'<link rel="stylesheet" href="{base}leaflet\.css"\s*/?>', lambda _: f"<style>{css}</style>", html
    )
    if n_js != 1 or n_css != 1 or PLACEHOLDER in html:
        raise GeoError("could not inline Leaflet into the HTML export (the map template changed?)")
    return html


POPUP_EVENTS = 15  # events listed per popup, newest first (keeps a 100k-event export near its 1 MB budget)
POPUP_WORDS = {
    "en": {
        "events": "Events",
        "sources": "Sources",
        "disagree": "Sources disagree:",
        "archived": "archived copy",
        "more": "and {n:,} earlier event(s) not listed: narrow the dates to see them",
        "no_kind": "no events of this kind",
        "approx": "approximate location, within about {m:,} m",
    },
    "ko": {
        "events": "사건",
        "sources": "출처",
        "disagree": "출처별 수치가 다름:",
        "archived": "보관본",
        "more": "이전 사건 {n:,}건은 생략: 기간을 좁혀 보십시오",
        "no_kind": "해당 종류 사건 없음",
        "approx": "대략적 위치, 약 {m:,} m 이내",
    },
}


def _source_html(src: dict, words: dict) -> str:
    """'Publisher, date' linked to the source's address (and its archived copy); every part escaped."""
    label = src.get("publisher", src["id"]) + (f", {src['published']}" if src.get("published") else "")
    out = h.link(label, src.get("url") or src.get("archive_url"))
    if src.get("url") and h.safe_url(src.get("archive_url")):
        out += " (" + h.link(words["archived"], src["archive_url"]) + ")"
    return out


def event_item(ds, event, figure: str, claims: pd.DataFrame, lang: str) -> str:
    """One event in a popup: date, kind, its figure (with who states it), then its own sources, or,
    where they disagree, each claim beside its source."""
    words = POPUP_WORDS[lang]
    records = evidence.claim_records(ds, claims, lang)
    head = (
        f"<b>{h.text(event.date.strftime('%Y-%m-%d'))}</b> · {h.text(wording.event_kind(event.kind, lang))}: "
        f"{h.text(figure)}"
    )
    if not bool(event.agree):
        rows = "".join(
            f"<li>{h.text(r['attributed_to'])}: <b>{h.text(r['stated'])}</b> — {_source_html(r['source'], words)}</li>"
            for r in records
        )
        return f"<li>{head}<div class='muted'>{h.text(words['disagree'])}</div><ul class='claims'>{rows}</ul></li>"
    seen, sources = set(), []
    for r in records:
        if r["source"]["id"] not in seen:
            seen.add(r["source"]["id"])
            sources.append(_source_html(r["source"], words))
    return f"<li>{head}<br><span class='muted'>{h.text(words['sources'])}: {'; '.join(sources)}</span></li>"


def site_popup(ds, site: dict, events: pd.DataFrame, kind_rows: pd.DataFrame, lang: str) -> str:
    """A site's popup: names, kind and location quality, each event kind's own figure (one event in
    its sources' words, several as a labelled computed sum; never added across kinds), and its events,
    newest first, each with its own sources."""
    words = POPUP_WORDS[lang]
    zh = f" · {h.text(site['name_zh'])}" if site.get("name_zh") else ""
    kind = wording.kind_label(site["kind"], lang)
    where = f" · {words['approx'].format(m=int(site['uncertainty_m']))}" if site["precision"] != "facility" else ""
    out = [
        f"<div class='site-popup'><h4>{h.text(site['name_en'])}</h4><div class='ko'>{h.text(site['name_ko'])}{zh}</div>",
        f"<div class='muted'>{h.text(kind + where)}</div>",
    ]
    shown = events.sort_values("date", ascending=False, kind="stable").iloc[:POPUP_EVENTS]
    grouped = evidence.claims_by_event(ds, shown.index)
    texts = evidence.figure_texts(ds, shown, lang, grouped=grouped)
    rows = []
    for k, row in kind_rows.iterrows():
        of_kind = shown[(shown["kind"] == k).to_numpy()]
        one = int(row["events"]) == 1 and len(of_kind) == 1
        figure = texts[of_kind.index[0]] if one else rules.sum_text(row, lang)
        rows.append(f"<tr><th>{h.text(wording.event_kind(k, lang))}</th><td>{h.text(figure)}</td></tr>")
    if rows:
        out.append(f"<table class='figures'>{''.join(rows)}</table>")
    if len(shown):
        empty = ds.claims.iloc[:0]
        items = "".join(
            event_item(ds, ev, texts[eid], grouped.get(eid, empty), lang)
            for eid, ev in zip(shown.index, shown.itertuples(index=False))
        )
        out.append(f"<div><b>{h.text(words['events'])} ({len(events):,})</b></div><ol class='events'>{items}</ol>")
        if len(events) > len(shown):
            out.append(f"<p class='muted'>{h.text(words['more'].format(n=len(events) - len(shown)))}</p>")
    out.append("</div>")
    return "".join(out)


def _json(value) -> str:
    """JSON for inside <script>: escaped text never holds a raw '<', and '</' is escaped anyway."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _layer_element(name: str, rows, stops=None):
    """The export's site or route layer as one compact JSON array turned into Leaflet objects in the
    browser (one folium object per marker would cost boilerplate each). Popup and tooltip HTML is
    built and escaped on the server; JSON keeps backticks, ${} and </script> inert."""
    from branca.element import MacroElement
    from jinja2 import Template

    sites_js = """
(function (map, rows) {
  var group = L.featureGroup().addTo(map), kept = (map.geoExport = map.geoExport || {}).sites = [];
  rows.forEach(function (r) {
    var circle = null;
    if (r[9]) {
      circle = L.circle([r[0], r[1]], {radius: r[9], color: r[5], weight: 1, dashArray: DASH, fill: true, fillOpacity: 0.06,
                        interactive: false, className: "uncertainty-circle"}).addTo(group);
    }
    var marker = (L.shapeMarker || L.circleMarker)([r[0], r[1]], {radius: r[2], color: r[3], weight: 2, dashArray: r[4],
                   fill: true, fillColor: r[5], fillOpacity: r[6], className: "site-marker shape-" + r[10], shape: r[10]})
      .bindTooltip(r[7], {sticky: true}).bindPopup(r[8], {maxWidth: 380}).addTo(group);
    kept.push({marker: marker, circle: circle, radius: r[2], opacity: r[6]});  // for the play-through's steps
  });
})({{ this._parent.get_name() }}, {{ this.rows_json }});
""".replace("DASH", json.dumps(APPROX_DASH))
    routes_js = """
(function (map, stops, rows) {
  var group = L.featureGroup().addTo(map);
  var canvas = L.canvas({padding: 0.5, tolerance: 3});
  var kept = (map.geoExport = map.geoExport || {}).routes = [];
  map.geoExport.routeGroup = group;
  rows.forEach(function (r) {
    var pts = r[0].map(function (i) { return [stops[i][0], stops[i][1]]; });
    var high = L.polyline(pts, {color: COLOUR, weight: r[1], opacity: 0.3, renderer: canvas, className: "route-line route-high"})
      .bindTooltip(r[3], {sticky: true}).addTo(group), low = null;
    if (r[2]) {
      low = L.polyline(pts, {color: COLOUR, weight: r[2], opacity: 0.9, renderer: canvas, interactive: false,
                             className: "route-line route-low"}).addTo(group);
    }
    kept.push({high: high, low: low, highWidth: r[1], lowWidth: r[2]});  // for the play-through's steps
  });
})({{ this._parent.get_name() }}, {{ this.stops_json }}, {{ this.rows_json }});
""".replace("COLOUR", json.dumps(ROUTE_COLOUR))

    if name == "play":

        class Play(MacroElement):
            _template = Template(
                "{% macro script(this, kwargs) %}" + PLAY_JS + "({{ this._parent.get_name() }}, "
                "{{ this.frames_json }}, {{ this.words_json }}, {{ this.speeds_json }}, "
                "{{ this.lang_json }}, {{ this.min_radius }});{% endmacro %}"
            )

            def __init__(self):
                super().__init__()
                self._name = "ExportPlay"
                self.frames_json, self.words_json, self.speeds_json, self.lang_json = (_json(v) for v in rows)
                self.min_radius = MIN_RADIUS

        return Play()

    class Layer(MacroElement):
        _template = Template(
            "{% macro script(this, kwargs) %}" + (sites_js if name == "sites" else routes_js) + "{% endmacro %}"
        )

        def __init__(self):
            super().__init__()
            self._name = "ExportSites" if name == "sites" else "ExportRoutes"
            self.rows_json = _json(rows)
            self.stops_json = _json(stops or [])

    return Layer()


PLAY_JS = """
(function (map, frames, words, speeds, lang, minRadius) {
  // geo.export.play decided every window's numbers, markers and lines; this swaps them in (the map stays)
  var ex = map.geoExport, head = document.querySelector(".geo-export-head .numbers");
  var whole = head ? head.textContent : "", byWindow = {}, windows = {};
  Object.keys(frames).forEach(function (unit) {
    windows[unit] = frames[unit].map(function (f) { byWindow[f[0] + "|" + f[1]] = f; return [f[0], f[1], f[2]]; });
  });
  function line(layer, width, opacity) {
    if (!layer) { return; }
    if (width) {
      layer.setStyle({weight: width, opacity: opacity});
      if (!ex.routeGroup.hasLayer(layer)) { ex.routeGroup.addLayer(layer); }
    } else if (ex.routeGroup.hasLayer(layer)) {
      ex.routeGroup.removeLayer(layer);  // hidden lines leave the map: no tooltip from a line not drawn
    }
  }
  function show(sites, routes, numbers) {
    ex.sites.forEach(function (s, i) {
      var r = sites[i];
      s.marker.setRadius(r === undefined ? minRadius : r);
      s.marker.setStyle({fillOpacity: r === undefined ? 0.35 : 0.85});
      if (s.circle) { s.circle.setStyle(r === undefined ? {opacity: 0, fillOpacity: 0} : {opacity: 1, fillOpacity: 0.06}); }
    });
    ex.routes.forEach(function (r, i) { var w = routes[i] || [0, 0]; line(r.high, w[0], 0.3); line(r.low, w[1], 0.9); });
    if (head) { head.textContent = numbers; }
  }
  function step(from, to) {
    var f = byWindow[from + "|" + to], sites = {}, routes = {};
    if (!f) { return; }
    f[4].forEach(function (s) { sites[s[0]] = s[1]; });
    f[5].forEach(function (r) { routes[r[0]] = [r[1], r[2]]; });
    show(sites, routes, f[3]);
  }
  function whole_selection() {
    var sites = {}, routes = {};
    ex.sites.forEach(function (s, i) { if (s.opacity > 0.5) { sites[i] = s.radius; } });
    ex.routes.forEach(function (r, i) { routes[i] = [r.highWidth, r.lowWidth]; });
    show(sites, routes, whole);
  }
  var unit = windows.quarter ? "quarter" : Object.keys(windows)[0];  // (a long range of many sites: fewer units)
  var control = window.GeoPlay.attach(map, {windows: windows, words: words, speeds: speeds, unit: unit, lang: lang,
                                            position: "topright", onStep: step, onStop: whole_selection});
  // the control and the window's date, large, in the title card above the numbers they step (the card
  // sits over the map's top left: nothing of it covers the card, a marker or the map's own controls)
  var box = map.getContainer().querySelector(".geo-play"), big = map.getContainer().querySelector(".geo-play-date");
  if (head) {
    if (box) { head.parentNode.insertBefore(box, head); }
    if (big) { head.parentNode.insertBefore(big, head); }
  }
  window.GEO_PLAY = control;
})"""


def site_radius(high: float, largest: float) -> float:
    """A marker's radius for a site with events: area-true to the size kind's largest stated figure."""
    return round(scaled(high, largest, MIN_RADIUS, MAX_RADIUS), 2)


def route_widths(high: float, low: float, largest: float) -> tuple[float, float]:
    """A line's two widths: the pale one for the largest figure stated, the dark one inside it for the
    smallest (0: none)."""
    high_w = scaled(float(high), largest, MIN_WIDTH, MAX_WIDTH)
    low_w = scaled(float(low), largest, MIN_WIDTH * 0.6, MAX_WIDTH) if low else 0
    return round(high_w, 2), round(max(low_w * 0.55, 1.0), 2) if low_w else 0


def site_rows(public, events: pd.DataFrame, totals: pd.DataFrame, scene, lang: str) -> list:
    """One row per site marker: position, size (the size kind's figure only), style, tooltip, popup."""
    marks = {m.id: m for m in scene.sites}
    largest = max((m.size_high for m in scene.sites if m.involved), default=0)
    kind_name = wording.event_kind(scene.size_kind, lang)
    rows = []
    for site in public.sites.drop(columns="geometry").loc[[m.id for m in reversed(scene.sites)]].to_dict("records"):
        sid = site["id"]
        m = marks[sid]
        approx = site["precision"] != "facility"
        here = events[query.touches_site(events, sid)] if m.involved else events.iloc[:0]
        if m.figure:
            figure = f"{kind_name}: {m.figure[1 if lang == 'ko' else 0]}"
        else:
            figure = f"{kind_name}: {POPUP_WORDS[lang]['no_kind']}"
        tooltip = (
            f"<b>{h.text(site['name_en'])}</b> / {h.text(site['name_ko'])}<br>"
            f"{h.text(wording.word('events', lang, n=m.events))}; {h.text(figure)}"
        )
        rows.append(
            [
                round(float(site["lat"]), 6),
                round(float(site["lon"]), 6),
                site_radius(float(m.size_high), largest) if m.involved else MIN_RADIUS,
                COUNTRY_STROKES[site["country"]],
                APPROX_DASH if approx else None,
                KIND_COLOURS[site["kind"]],
                0.85 if m.involved else 0.35,
                tooltip,
                site_popup(public, site, here, query.kinds_at(totals, sid), lang),
                int(site["uncertainty_m"]) if approx and m.involved else 0,
                KIND_SHAPES[site["kind"]],
            ]
        )
    return rows


def route_rows(public, routes: pd.DataFrame, scene, lang: str) -> tuple[list, list]:
    """Route lines (widths: the size kind's figures only) and a tooltip naming each kind's own figure."""
    index = {sid: i for i, sid in enumerate(public.sites.index)}
    stops_table = [
        [round(float(lat), 6), round(float(lon), 6)] for lat, lon in zip(public.sites["lat"], public.sites["lon"])
    ]
    names = public.sites["name_en"].to_dict()
    figures: dict = {}
    for r in routes.to_dict("records"):
        stops = tuple(s for s in (r["origin"], r["crossing"], r["destination"]) if s is not None and s in index)
        figures.setdefault(stops, []).append(f"{wording.event_kind(r['kind'], lang)}: {rules.sum_text(r, lang)}")
    largest = max((r.size_high for r in scene.routes), default=0)
    rows = []
    for r in reversed(scene.routes):  # widest drawn first, under the others
        high_w, low_w = route_widths(r.size_high, r.size_low, largest)
        tooltip = f"<b>{' → '.join(h.text(names[s]) for s in r.stops)}</b><br>" + "<br>".join(
            h.text(t) for t in figures.get(r.stops, [])
        )
        rows.append([[index[s] for s in r.stops], high_w, low_w, tooltip])
    return stops_table, rows


def render_html(ds, filters, options) -> bytes:
    """The interactive map as one HTML file (bytes, UTF-8) with title, date range, each kind's
    computed figure, which kind sizes the markers, and the sources."""
    import folium
    from dataclasses import replace
    from .. import mapbuild
    from . import scene as scene_mod

    f = replace(filters, include_sensitive=False)
    public = query.public_view(ds, False)
    events = query.filter_events(public, f)
    totals = scene_mod.site_totals(public, events)
    routes = query.route_totals(public, events)
    scene = scene_mod.build(ds, f, options.size_kind)
    lang = options.lang
    sub = "ko" if lang == "ko" else "en"
    m = mapbuild.base_map(PLACEHOLDER, False, True, lang=sub)
    stops, rows = route_rows(public, routes, scene, sub)
    m.add_child(_layer_element("routes", rows, stops))
    m.add_child(_layer_element("sites", site_rows(public, events, totals, scene, sub)))
    if not scene.empty:  # the play-through: geo.timeplay's windows of the export's dates, each decided here
        from .. import timeplay
        from . import play

        frames = play.frames(
            public,
            events,
            scene.date_from,
            scene.date_to,
            scene.size_kind,
            [s.id for s in reversed(scene.sites)],
            [r.stops for r in reversed(scene.routes)],
            sub,
            site_radius,
            route_widths,
        )
        m.add_child(_layer_element("play", (frames, {sub: play.words(sub)}, timeplay.SPEEDS_MS, sub)))
    if not scene.empty:
        from . import projection

        x0, y0, x1, y1 = scene.focus
        lons, lats = projection.unproject([x0, x1, x0, x1], [y0, y0, y1, y1])
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30))
    if options.title:
        title = options.title
    elif lang == "en+ko":
        title = f"{wording.TITLE['en']} · {wording.TITLE['ko']}"
    else:
        title = wording.TITLE[lang]
    parts = wording.subtitle_parts(scene, sub)  # events, then each kind's own computed sum: never one total
    size = (
        f"{wording.word('size_both', sub, kind=wording.event_kind(scene.size_kind, sub))} "
        f"({wording.word('size_note', sub)})"
    )
    sources = "; ".join(wording.source_groups(scene.sources, sub))
    credits = (
        (f"{wording.word('sources', sub)}: {sources}. " if sources else "")
        + wording.word("basemap", sub)
        + (f". {scene.version_text(sub)}" if scene.version_text(sub) else "")
    )
    root = m.get_root()
    root.title = h.text(title)  # branca puts it in <title> as it is
    root.header.add_child(folium.Element(STYLE))
    if not scene.empty:  # the published map's play control (geo/web/playthrough.js), inlined: no request
        from .. import timeplay

        root.header.add_child(
            folium.Element("<script>" + timeplay.control_js().replace("</script", "<\\/script") + "</script>")
        )
    root.html.add_child(
        folium.Element(
            f"<div class='geo-export-head'><h1>{h.text(title)}</h1><p class='numbers'>{h.text(' · '.join(parts))}</p>"
            f"<p class='size'>{h.text(size)}</p></div>"
            f"<div class='geo-export-credits'>{h.text(credits)}</div>"
        )
    )
    _number_ids(root)
    html = root.render()
    # WCAG 2.2 AA: the document says its language (3.1.1; 'en+ko' labels are English first) and lets readers
    # zoom (1.4.4: folium's viewport forbids it)
    html = html.replace("<html>", f'<html lang="{"ko" if lang == "ko" else "en"}">', 1)
    html = re.sub(r",\s*maximum-scale=1\.0,\s*user-scalable=no", "", html, count=1)
    # checked before Leaflet is inlined: its code holds an attribution <a href>, which loads nothing
    if html_has_external_assets(html.replace(PLACEHOLDER, "")):
        raise GeoError("the HTML export would load a file from the network; refusing to write it")
    return inline_assets(html).encode("utf-8")
