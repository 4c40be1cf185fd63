"""Vendored web assets: point folium at local copies so the map never asks a CDN.

The app serves static/ through Streamlit's static serving at /app/static/; a standalone HTML
export inlines the same files. `external_links()` is the guard used by tests and exports.
"""

from __future__ import annotations

import re

import folium

from .paths import STATIC_DIR

LEAFLET_VERSION = "1.9.4"
LEAFLET_DIR = STATIC_DIR / "vendor" / "leaflet" / LEAFLET_VERSION
APP_STATIC_URL = "/app/static/"
LEAFLET_URL_PATH = f"vendor/leaflet/{LEAFLET_VERSION}/"

_EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["'](https?:)?//""", re.I)


def use_local_assets(m: folium.Map, static_url: str = APP_STATIC_URL) -> folium.Map:
    """Replace folium's CDN links (Leaflet, jQuery, Bootstrap, icon fonts) with local Leaflet only.

    The map uses only core Leaflet (circle markers, polylines, GeoJSON), so nothing else loads.
    """
    base = static_url + LEAFLET_URL_PATH
    m.default_js = [("leaflet", base + "leaflet.js")]
    m.default_css = [("leaflet_css", base + "leaflet.css")]
    return m


def asset_links(m: folium.Map) -> list[str]:
    """Every JS/CSS URL any element of the map will load."""
    links: list[str] = []
    stack = [m]
    while stack:
        el = stack.pop()
        links += [u for _, u in getattr(el, "default_js", [])]
        links += [u for _, u in getattr(el, "default_css", [])]
        stack.extend(getattr(el, "_children", {}).values())
    return links


def external_links(m: folium.Map) -> list[str]:
    return [u for u in asset_links(m) if re.match(r"^(https?:)?//", u)]


def html_has_external_assets(html: str) -> bool:
    """True if rendered HTML still loads a script or stylesheet from another host."""
    return bool(_EXTERNAL.search(html))


def leaflet_files() -> dict[str, bytes]:
    return {name: (LEAFLET_DIR / name).read_bytes() for name in ("leaflet.js", "leaflet.css")}
