"""Place labels on the interactive map: towns and cities on both sides of the border, the provinces
and the Yalu and Tumen rivers (data/basemap/places.geojson, built by tools/places_build.py), named in
the interface language and decluttered by zoom and collision in the browser (geo/web/placelabels.js,
shared with the published map).

The data and the script travel inside the map's page (about 17 KB and 6 KB), so the labels show
offline, in the app, in its HTML export and in the published map alike. Nothing here imports streamlit.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from branca.element import Element, MacroElement
from jinja2 import Template

from .paths import BASEMAP_DIR
from .readers import read_json

LANGS = ("en", "ko", "zh")
SCRIPT_PATH = Path(__file__).resolve().parent / "web" / "placelabels.js"

# Dark text with a white halo reads on both countries' fills; rivers in the lakes' blue, provinces
# spaced and pale so they sit behind the towns.
CSS = """
.place-label{position:absolute;left:0;top:0;white-space:nowrap;pointer-events:none;color:#2f2f2f;
 font:11px/1.2 system-ui,-apple-system,"Segoe UI","Noto Sans CJK KR","Noto Sans KR","Malgun Gothic",sans-serif;
 text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff,0 0 4px #fff;transform-origin:50% 50%}
.place-label.place-capital{font-size:13px;font-weight:700;color:#1f1f1f}
.place-label.place-city{font-size:12px;font-weight:600}
.place-label.place-province{font-size:11px;letter-spacing:.14em;text-transform:uppercase;color:#8b8178;font-weight:600}
.place-label.place-river{font-size:11px;font-style:italic;letter-spacing:.06em;color:#2f6f9f}
.place-dot{position:absolute;left:0;top:0;width:5px;height:5px;margin:-2.5px 0 0 -2.5px;border-radius:50%;
 background:#4a4a4a;border:1px solid #fff;box-sizing:content-box;pointer-events:none}
.place-dot.place-dot-capital{width:7px;height:7px;margin:-3.5px 0 0 -3.5px;background:#fff;border:2px solid #2f2f2f}
.place-dot.place-dot-town{width:4px;height:4px;margin:-2px 0 0 -2px;background:#6b6b6b}
"""


@lru_cache(maxsize=None)
def places() -> dict:
    """The place labels as a GeoJSON dict (cached: the file ships with the code)."""
    return read_json(BASEMAP_DIR / "places.geojson")


@lru_cache(maxsize=None)
def script() -> str:
    return SCRIPT_PATH.read_text(encoding="utf-8")


def label_lang(lang: str | None) -> str:
    """The label language for an interface language: its own if the labels have it, else English."""
    return lang if lang in LANGS else "en"


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


class PlaceLabels(MacroElement):
    """The label layer of one map, in one language (the published map switches it in the page)."""

    _template = Template("""
{% macro script(this, kwargs) %}
{{ this.js }}
window.GeoPlaceLabels({{ this._parent.get_name() }}, {{ this.data_json }}, {{ this.lang|tojson }});
{% endmacro %}
""")

    def __init__(self, lang: str = "en"):
        super().__init__()
        self._name = "PlaceLabels"
        self.lang = label_lang(lang)
        self.data_json = _json(places())
        self.js = script().replace("</", "<\\/")

    def render(self, **kwargs):
        self._parent.get_root().header.add_child(Element(f"<style>{CSS}</style>"), name="place_labels_css")
        super().render(**kwargs)
