"""A self-contained HTML map: the app's interactive map in one file that opens offline.

Built with geo.mapbuild.full_map (the app's own map, with the basemap embedded) on the public view;
Leaflet's script and stylesheet (and the images the stylesheet names) are inlined, so opening the
file makes no network request at all. Element ids are numbered in tree order, so the same input
gives the same bytes.
"""

from __future__ import annotations

import base64
import re

from .. import query
from .. import safe_html as h
from ..assets import LEAFLET_DIR, LEAFLET_URL_PATH, html_has_external_assets, leaflet_files
from ..errors import GeoError
from . import wording

PLACEHOLDER = "geo-export-inline:/"
MAX_BYTES = 1_000_000
STYLE = """<style>
.geo-export-head{position:absolute;top:10px;left:54px;z-index:1000;max-width:min(560px,70vw);background:rgba(255,255,255,.92);
 padding:8px 12px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.25);font:13px/1.35 system-ui,sans-serif;color:#1a1a1a}
.geo-export-head h1{font-size:17px;margin:0 0 2px}.geo-export-head p{margin:0;color:#555}
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
    html, n_css = re.subn(rf'<link rel="stylesheet" href="{base}leaflet\.css"\s*/?>', lambda _: f"<style>{css}</style>", html)
    if n_js != 1 or n_css != 1 or PLACEHOLDER in html:
        raise GeoError("could not inline Leaflet into the HTML export (the map template changed?)")
    return html


def render_html(ds, filters, options) -> bytes:
    """The interactive map as one HTML file (bytes, UTF-8) with title, date range and sources."""
    import folium
    from dataclasses import replace
    from .. import mapbuild
    from . import scene as scene_mod

    f = replace(filters, include_sensitive=False)
    public = query.public_view(ds, False)
    events = query.filter_events(public, f)
    totals = query.site_totals(public, events)
    routes = query.route_totals(public, events)
    scene = scene_mod.build(ds, f)
    m = mapbuild.full_map(public, totals, routes, f.layers, static_url=PLACEHOLDER, online_tiles=False,
                          embed_basemap=True)
    if not scene.empty:
        from . import projection
        x0, y0, x1, y1 = scene.focus
        lons, lats = projection.unproject([x0, x1, x0, x1], [y0, y0, y1, y1])
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30))
    lang = options.lang
    sub = "ko" if lang == "ko" else "en"
    if options.title:
        title = options.title
    elif lang == "en+ko":
        title = f"{wording.TITLE['en']} · {wording.TITLE['ko']}"
    else:
        title = wording.TITLE[lang]
    parts = [wording.date_range(scene.date_from, scene.date_to, sub)]
    parts += ([wording.word("no_match", sub)] if scene.empty else
              [wording.word("events", sub, n=scene.events), wording.people(scene.people_low, scene.people_high, sub)])
    sources = "; ".join(wording.source_groups(scene.sources, sub))
    credits = (f"{wording.word('sources', sub)}: {sources}. " if sources else "") + wording.word("basemap", sub)
    root = m.get_root()
    root.title = h.text(title)  # branca puts it in <title> as it is
    root.header.add_child(folium.Element(STYLE))
    root.html.add_child(folium.Element(
        f"<div class='geo-export-head'><h1>{h.text(title)}</h1><p>{h.text(' · '.join(p for p in parts if p))}</p></div>"
        f"<div class='geo-export-credits'>{h.text(credits)}</div>"))
    _number_ids(root)
    html = root.render()
    # checked before Leaflet is inlined: its code holds an attribution <a href>, which loads nothing
    if html_has_external_assets(html.replace(PLACEHOLDER, "")):
        raise GeoError("the HTML export would load a file from the network; refusing to write it")
    return inline_assets(html).encode("utf-8")
