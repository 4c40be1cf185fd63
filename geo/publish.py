"""`python -m geo publish --out DIR`: the public map as a folder of static files.

No Python runs when someone views it: any web server or CDN serves the folder, and index.html opens
offline straight from disk. Everything a reader sees is decided here, by the same geo/ code as the
app and the exports, and shipped as data (data.js): each event's figure as geo.evidence words it (in
English and Korean), its sources and claims side by side (geo.export.html.event_item), labels and
colours from the schemas, the play-through windows from geo.timeplay, the data version from
geo.version. Every string from data is escaped here (geo.safe_html) into small HTML fragments; the
browser only filters precomputed rows by date and kind and puts the fragments in place.

In the browser:
- marker area follows one kind (styles.SIZE_KIND): the sum of that kind's largest stated figures at a
  site in the window, as the app's markers; other kinds are never added in. Headline and panel figures
  are event counts per kind and each event's own figure with its sources: the browser computes no
  worded figure and never adds people of different kinds;
- an umbrella event that a part names at the same site counts there through its part (as
  geo.query.site_totals does) — decided here, over all public events.

Public records only: geo.query.public_view, and only the sources that public records cite.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import evidence, i18n, placelabels, query, schemas, timeplay, version
from . import safe_html as h
from .assets import LEAFLET_DIR, LEAFLET_URL_PATH
from .basemap import LAYERS as BASEMAP_LAYERS
from .basemap import layer as basemap_layer
from .dataset import SITE_REFS, Dataset
from .downloads import events_csv, events_geojson
from .errors import UsageError
from .i18n import N_
from .region import BORDER_BOUNDS
from .styles import (
    APPROX_DASH,
    COUNTRY_STROKES,
    EVENT_KIND_COLOURS,
    KIND_COLOURS,
    KIND_SHAPES,
    shape_svg,
    MAX_RADIUS,
    MAX_WIDTH,
    MIN_RADIUS,
    MIN_WIDTH,
    ROUTE_COLOUR,
    SIZE_KIND,
)
from .texts import csv_safe

LANGS = ("en", "ko")
WEB_DIR = Path(__file__).parent / "web"
PANEL_EVENTS = 200  # events listed in a site panel at once (newest first); the downloads hold all

# Interface words of the published map, in English, translated through geo.i18n's catalogs like the app's
# (the Korean is in geo/locale/ko). {n} and {kind} are filled in the browser. Figures and data labels come
# from geo.claims and the schemas.
UI_WORDS = {
    "title": N_("Forced repatriations of North Koreans from China"),
    "lead": N_(
        "Where China hands North Koreans back, where they are held first and where they are taken: every "
        "event with what each source says about it."
    ),
    "from": N_("From date"),
    "to": N_("To date"),
    "kinds": N_("Event kinds"),
    "all": N_("All"),
    "none": N_("None"),
    "reset": N_("Show everything"),
    "events_n": N_("{n} events"),
    "event_1": N_("1 event"),
    "no_match": N_("No events match the filters: widen the dates or pick more kinds."),
    "in_selection": N_("In the selection"),
    "site_events": N_("{n} events through this site in the selection"),
    "site_sources": N_("Sources for the site itself"),
    "close": N_("Close"),
    "click_hint": N_("Click a site on the map to see its events, what each source says, and the sources."),
    "downloads": N_("Download the data"),
    "dl_events_csv": N_("Events (CSV)"),
    "dl_events_geojson": N_("Events (GeoJSON)"),
    "dl_sources_csv": N_("Sources (CSV)"),
    "embed": N_("Embed this map"),
    "size_note": N_(
        "Marker area: people {kind} in the selected period, as the sources state them (largest stated "
        "figures summed per site); other kinds are never added in. Faded: no events in the period."
    ),
    "kinds_note": N_("Kinds are never added up: the same people may be arrested, held and returned."),
    "more_events": N_("and {n} earlier events: narrow the dates to list them"),
    "share": N_("Link to this view"),
    "play": N_("Play"),
    "pause": N_("Pause"),
    "unit": N_("Step"),
    "speed": N_("Speed"),
    "units": {"month": N_("month"), "quarter": N_("quarter"), "year": N_("year")},
    "speeds": {"slow": N_("slow"), "normal": N_("normal"), "fast": N_("fast")},
    "noscript": N_("This map needs JavaScript; the data can be downloaded below."),
    "site_layers": N_("Sites"),
    "approx": N_("Dashed: approximate location (circle: its uncertainty)"),
}


def ui_words(lang: str) -> dict:
    """The published map's interface words in `lang` (geo.i18n catalogs; English where one is missing)."""
    _ = i18n.translate(lang)

    def words(table):
        return {k: words(v) if isinstance(v, dict) else _(v) for k, v in table.items()}

    return {**words(UI_WORDS), "lang_name": i18n.LANG_NAMES[lang]}


BASEMAP_STYLES = {
    "countries": {"color": "#9a9a9a", "weight": 0.8, "fillColor": "#f4f1ea", "fillOpacity": 1.0},
    "lakes": {"color": "#9cc3da", "weight": 0.5, "fillColor": "#cfe3ef", "fillOpacity": 1.0},
    "borders": {"color": "#4d4d4d", "weight": 1.6, "dashArray": "6 3", "fill": False},
}
COUNTRY_FILLS = {"CN": "#f4f1ea", "KP": "#ebe6f2"}


def _js_json(value) -> str:
    """JSON for a .js file: '</' and the two JavaScript line separators escaped (inert in any context)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _site_refs(events) -> list[list[str]]:
    """Each event's distinct known stops, in origin → crossing → destination order."""
    cols = [events[c].astype(object).to_numpy() for c in SITE_REFS]
    out = []
    for stops in zip(*cols):
        seen: list[str] = []
        for s in stops:
            if isinstance(s, str) and s not in seen:
                seen.append(s)
        out.append(seen)
    return out


def _source_item(src: dict, lang: str) -> str:
    from .export.html import POPUP_WORDS, _source_html

    title = f" — {h.text(src['title'])}" if src.get("title") else ""
    return f"<li>{_source_html(src, POPUP_WORDS[lang])}{title}</li>"


def _site_head(site: dict, lang: str) -> str:
    kind = schemas.labels("site", "kind", lang)[site["kind"]]
    country = schemas.labels("site", "country", lang).get(site["country"], site["country"])
    where = schemas.labels("site", "precision", lang)[site["precision"]]
    if site["precision"] != "facility":  # the app's popup words (geo.mapbuild), from the same catalog
        where += i18n.translate(lang)(", within about {m} m", m=i18n.number(int(site["uncertainty_m"]), lang))
    names = [site["name_ko"], site["name_en"]] if lang == "ko" else [site["name_en"], site["name_ko"]]
    zh = f" · {h.text(site['name_zh'])}" if site.get("name_zh") else ""
    note = evidence.note_text(site, lang)  # Korean notes where written, as in the app
    notes = f"<p class='notes'>{h.text(note)}</p>" if note else ""
    return (
        f"<h2>{h.text(names[0])}</h2><div class='alt-names'>{h.text(names[1])}{zh}</div>"
        f"<div class='muted'>{h.text(kind)} · {h.text(country)} · {h.text(where)}</div>{notes}"
    )


@dataclass
class Published:
    files: dict[str, bytes]
    version: version.DataVersion


def build(ds: Dataset, url: str = "./") -> Published:
    """Every file of the published folder (relative path → bytes), from the public view of `ds`."""
    from .export.html import event_item

    public = query.public_view(ds, False)
    events = query.filter_events(public, query.Filters()).sort_values("date", kind="stable")
    v = version.of(ds.root)
    sites = public.sites.drop(columns="geometry").reset_index(drop=True)
    index = {sid: i for i, sid in enumerate(sites["id"])}

    refs = _site_refs(events)
    by_id = dict(zip(events.index, refs))
    shadowed: dict[str, set] = {}  # umbrella id → sites a part of it names (counted through the part)
    for eid, part_of in zip(events.index, events["part_of"].to_numpy(dtype=object)):
        if isinstance(part_of, str) and part_of in by_id:
            shadowed.setdefault(part_of, set()).update(by_id[eid])

    grouped = evidence.claims_by_event(public, events.index)
    texts = {lang: evidence.figure_texts(public, events, lang, grouped=grouped) for lang in LANGS}
    empty = public.claims.iloc[:0]
    rows, site_size, route_size = [], [0] * len(sites), {}
    cited: list[str] = []
    for (eid, ev), stops in zip(zip(events.index, events.itertuples(index=False)), refs):
        claims = grouped.get(eid, empty)
        cited += [s for s in claims["source"] if s not in cited] + [s for s in ev.sources if s not in cited]
        html = {}
        for lang in LANGS:
            item = event_item(public, ev, texts[lang][eid], claims, lang)
            summary = ev.summary_ko if lang == "ko" and isinstance(ev.summary_ko, str) and ev.summary_ko else ev.summary
            html[lang] = item[: -len("</li>")] + f"<div class='summary'>{h.text(summary)}</div></li>"
        size = int(ev.people_high) if ev.kind == SIZE_KIND and bool(ev.has_figure) else 0
        sized = [index[s] for s in stops if s in index and s not in shadowed.get(eid, ())]
        route = [index[s] for s in stops if s in index]
        for i in sized:
            site_size[i] += size
        key = "-".join(map(str, route)) if len(route) >= 2 else ""
        if key:
            route_size[key] = route_size.get(key, 0) + size
        rows.append(
            {
                "id": eid,
                "d0": ev.date.strftime("%Y-%m-%d"),
                "d1": ev.date_end.strftime("%Y-%m-%d"),
                "kind": ev.kind,
                "sites": [index[s] for s in stops if s in index],
                "sized": sized,
                "size": size,
                "route": key,
                "html": html,
            }
        )

    site_rows = []
    for site in sites.to_dict("records"):
        approx = site["precision"] != "facility"
        for s in site["sources"]:
            if s not in cited:
                cited.append(s)
        site_rows.append(
            {
                "id": site["id"],
                "lat": round(float(site["lat"]), 6),
                "lon": round(float(site["lon"]), 6),
                "kind": site["kind"],
                "fill": KIND_COLOURS[site["kind"]],
                "stroke": COUNTRY_STROKES[site["country"]],
                "shape": KIND_SHAPES[site["kind"]],
                "dash": APPROX_DASH if approx else None,
                "radius_m": int(site["uncertainty_m"]) if approx else 0,
                "name": {"en": h.text(site["name_en"]), "ko": h.text(site["name_ko"])},
                "tip": {
                    "en": f"<b>{h.text(site['name_en'])}</b> / {h.text(site['name_ko'])}",
                    "ko": f"<b>{h.text(site['name_ko'])}</b> / {h.text(site['name_en'])}",
                },
                "head": {lang: _site_head(site, lang) for lang in LANGS},
                "sources": {
                    lang: "".join(
                        _source_item(evidence._source_ref(public.sources.loc[s], s), lang)
                        for s in site["sources"]
                        if s in public.sources.index
                    )
                    for lang in LANGS
                },
            }
        )

    lo, hi = query.date_bounds(public)
    kinds = list(schemas.enum("events", "kind"))
    meta = {
        "version": v.version,
        "as_of": v.as_of,
        "sha256": v.sha256,
        "licence": v.licence,
        "credit": {lang: v.credit_line(lang) for lang in LANGS},
        "from": lo.isoformat(),
        "to": hi.isoformat(),
        "size_kind": SIZE_KIND,
        "view": [list(BORDER_BOUNDS[0]), list(BORDER_BOUNDS[1])],
        "size_max": max(site_size, default=0),
        "route_max": max(route_size.values(), default=0),
        "radius": [MIN_RADIUS, MAX_RADIUS],
        "width": [MIN_WIDTH, MAX_WIDTH],
        "route_colour": ROUTE_COLOUR,
        "approx_dash": APPROX_DASH,
    }
    doc = {
        "meta": meta,
        "ui": {lang: ui_words(lang) for lang in LANGS},
        "kinds": [
            {
                "id": k,
                "colour": EVENT_KIND_COLOURS[k],
                "label": {lang: schemas.labels("events", "kind", lang)[k] for lang in LANGS},
            }
            for k in kinds
        ],
        "site_kinds": [
            {
                "id": k,
                "colour": c,
                "label": {lang: schemas.labels("site", "kind", lang)[k] for lang in LANGS},
                "shape": KIND_SHAPES[k],
                "icon": shape_svg(KIND_SHAPES[k], c, "#fff", r=5.5),
            }  # constants only
            for k, c in KIND_COLOURS.items()
        ],
        "sites": site_rows,
        "events": rows,
        "windows": timeplay.windows_json(lo, hi, LANGS),
        "speeds": timeplay.SPEEDS_MS,
    }
    basemap = {
        "styles": BASEMAP_STYLES,
        "fills": COUNTRY_FILLS,
        "layers": {name: basemap_layer(name) for name in BASEMAP_LAYERS},
        "places": placelabels.places(),
    }  # towns, provinces and rivers, named in each language

    files: dict[str, bytes] = {}
    files["data.js"] = f"window.GEO_PUBLISHED = {_js_json(doc)};\n".encode("utf-8")
    files["basemap.js"] = f"window.GEO_BASEMAP = {_js_json(basemap)};\n".encode("utf-8")
    for name in ("publish.js", "playthrough.js", "placelabels.js", "shapemarker.js", "publish.css"):
        files[name] = (WEB_DIR / name).read_bytes()
    files["placelabels.css"] = placelabels.CSS.encode("utf-8")  # the app's label style, one statement
    files["index.html"] = _index_html(v).encode("utf-8")
    for path in sorted(LEAFLET_DIR.rglob("*")):
        if path.is_file() and (path.suffix in (".js", ".css", ".png") or path.name == "LICENSE"):
            files[LEAFLET_URL_PATH + path.relative_to(LEAFLET_DIR).as_posix()] = path.read_bytes()
    files["downloads/events.csv"] = events_csv(public, events)
    files["downloads/events.geojson"] = events_geojson(public, events)
    files["downloads/sources.csv"] = _sources_csv(public, cited, v)
    snippet = embed_snippet(url, v)
    files["embed-snippet.html"] = snippet.encode("utf-8")
    files["embed.html"] = _embed_page(snippet, v).encode("utf-8")
    files["SHA256SUMS"] = "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())
    ).encode("ascii")
    return Published(files, v)


def _sources_csv(public: Dataset, cited: list[str], v) -> bytes:
    frame = public.sources.loc[[s for s in cited if s in public.sources.index]].reset_index(drop=True)
    frame = frame.sort_values("id", kind="stable") if "id" in frame else frame
    frame["data_version"] = v.credit_line()
    return csv_safe(frame).to_csv(index=False, lineterminator="\n").encode("utf-8")


def _index_html(v) -> str:
    template = (WEB_DIR / "index.html").read_text(encoding="utf-8")
    ui = ui_words("en")
    return (
        template.replace("{{TITLE}}", h.text(ui["title"]))
        .replace("{{LEAD}}", h.text(ui["lead"]))
        .replace("{{NOSCRIPT}}", h.text(ui["noscript"]))
        .replace("{{CREDIT}}", h.text(v.credit_line()))
        .replace("{{LEAFLET}}", LEAFLET_URL_PATH)
    )


CREDIT_TEXT = "Map: Forced repatriations of North Koreans from China"


def embed_snippet(url: str, v) -> str:
    """What a newsroom pastes into an article: a responsive iframe (its height follows the page's width,
    within bounds) and a visible credit line naming the data version. `url` is where the folder is served
    (its index.html); every part is escaped."""
    base = url if url.endswith((".html", "/")) else url + "/"
    src = base + ("" if base.endswith(".html") else "index.html")
    if not (src.startswith(("https://", "http://", "./", "../")) or "/" not in src.split("?")[0]):
        raise UsageError(f"--url {url!r}: give an http(s) address or a relative path")
    return (
        '<figure class="nk-repatriation-map" style="margin:1.5em 0;padding:0;width:100%">\n'
        f'  <iframe src="{h.text(src)}" title="{h.text(ui_words("en")["title"])}" loading="lazy"\n'
        '    style="display:block;width:100%;height:clamp(440px,75vw,760px);border:0"\n'
        '    referrerpolicy="no-referrer" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>\n'
        '  <figcaption style="font:12px/1.4 system-ui,sans-serif;color:#555;margin-top:4px">\n'
        f"    {h.text(CREDIT_TEXT)} · {h.text(v.credit_line())} · {h.text(v.licence)} ·\n"
        f'    <a href="{h.text(src)}" target="_blank" rel="noopener">open full map</a>\n'
        "  </figcaption>\n"
        "</figure>\n"
    )


def _embed_page(snippet: str, v) -> str:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><meta name='viewport' "
        "content='width=device-width,initial-scale=1'><title>Embed the map</title>"
        "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:900px;margin:2em auto;padding:0 1em}"
        "pre{background:#f4f4f4;padding:1em;white-space:pre-wrap;word-break:break-all}</style></head><body>"
        "<h1>Embed the map in an article</h1><p>Paste this into the article's HTML. The map's height follows the "
        "width of the page (440–760 px); the credit line names the data version the figures come from. "
        "If the map is served elsewhere, replace the address in both places.</p>"
        f"<pre id='snippet'>{h.text(snippet)}</pre><h2>Preview</h2>{snippet}</body></html>"
    )


def write(published: Published, out: Path) -> list[Path]:
    """Write the folder: into a fresh sibling first, then swap it in, so a reader never gets half a map.
    An existing folder is replaced only if it is a published map (it has our SHA256SUMS and index.html)."""
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not ((out / "SHA256SUMS").is_file() and (out / "index.html").is_file()):
        raise UsageError(f"{out} exists and is not a published map; give an empty or new folder")
    tmp = out.with_name(f".{out.name}.publishing")
    if tmp.exists():
        shutil.rmtree(tmp)
    for name, data in published.files.items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    old = out.with_name(f".{out.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    if old.exists():
        shutil.rmtree(old)
    return [out / name for name in published.files]
