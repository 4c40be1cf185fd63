"""How the interactive map behaves for a reader, in the app and in the HTML export alike.

One MacroElement added by mapbuild.base_map, core Leaflet only, no data text:

- the first click on a marker works: Leaflet focuses the map on mousedown, which scrolled the page
  that holds the map's iframe (the mouseup then landed elsewhere); the map is focused without
  scrolling instead;
- zoom stays where the basemap has something to show (MIN_ZOOM..MAX_ZOOM);
- the first view holds every site near the border; the far ends of the escape routes (southern
  China) are one click away (ShowAllSites), instead of shrinking the border to a few pixels;
- popups open inside the map and fully visible: clear of the zoom control, no wider or taller than
  the map (a phone's too), and the map pans to show them.

Nothing here imports streamlit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from .i18n import N_, translate

MIN_ZOOM, MAX_ZOOM = 4, 13  # the shipped basemap is drawn from 1:10m data: past 13 there is nothing more to see
POPUP_PAD_TOP_LEFT = (12, 76)  # below the zoom and layer controls (top left and right, 10 px margin + ~62 px)
POPUP_PAD_BOTTOM_RIGHT = (12, 12)
POPUP_MAX_WIDTH = 340


CORE_RADIUS_KM = 1200  # sites farther than this from the sites' median point are "far" (southern China's routes)


def _bounds(sites: pd.DataFrame) -> list[list[float]]:
    lat, lon = sites["lat"].astype(float), sites["lon"].astype(float)
    return [[float(lat.min()), float(lon.min())], [float(lat.max()), float(lon.max())]]


def far_from_core(sites: pd.DataFrame) -> pd.Series:
    """True for sites more than CORE_RADIUS_KM from the median of all sites' positions: the escape
    routes' far ends (Kunming, Nanning, Xishuangbanna), which would shrink the border to a few
    pixels if the first view had to hold them too."""
    lat, lon = sites["lat"].astype(float), sites["lon"].astype(float)
    lat0, lon0 = np.radians(lat.median()), np.radians(lon.median())
    la, lo = np.radians(lat), np.radians(lon)
    a = np.sin((la - lat0) / 2) ** 2 + np.cos(lat0) * np.cos(la) * np.sin((lo - lon0) / 2) ** 2
    return pd.Series(2 * 6371.0 * np.arcsin(np.sqrt(a)) > CORE_RADIUS_KM, index=sites.index)


def view_bounds(sites: pd.DataFrame, fallback) -> list[list[float]]:
    """[[south, west], [north, east]] around every site near the border region (the default view
    shows them all; far sites are one click away: ShowAllSites), or `fallback` when there is none."""
    if sites is None or not len(sites):
        return [list(fallback[0]), list(fallback[1])]
    far = far_from_core(sites)
    return _bounds(sites[~far] if (~far).any() else sites)


def all_sites_control(sites: pd.DataFrame, lang: str = "en"):
    """The 'every site' button when some sites lie outside the default view; None otherwise."""
    if sites is None or not len(sites):
        return None
    far = int(far_from_core(sites).sum())
    if not far:
        return None
    _ = translate(lang)
    label = _("All {n} sites", n=len(sites))
    hint = _.ngettext(
        "Zoom out to every site, including {far} far from the border",
        "Zoom out to every site, including {far} far from the border",
        far,
        far=far,
    )
    back = _("Border region")
    return ShowAllSites(_bounds(sites), view_bounds(sites, None), label, hint, back)


class ShowAllSites(MacroElement):
    """A button under the zoom control that toggles between the border region (the first view) and
    every site, so that the far ends of the escape routes are one click away. Words are the
    project's own (translated), never data."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
  var all = {{ this.all_bounds|tojson }}, core = {{ this.core_bounds|tojson }};
  var words = {{ this.words|tojson }};
  var Control = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function () {
      var box = L.DomUtil.create("div", "leaflet-bar show-all-sites");
      var a = L.DomUtil.create("a", "", box);
      a.href = "#"; a.setAttribute("role", "button");
      a.style.cssText = "width:auto;padding:0 8px;font:600 12px/30px system-ui,sans-serif;white-space:nowrap";
      var wide = false;
      function show() {
        a.textContent = wide ? words.back : words.label;
        a.title = wide ? words.back : words.hint;
        a.setAttribute("aria-label", a.title);
      }
      show();
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.on(a, "click", function (e) {
        L.DomEvent.preventDefault(e);
        wide = !wide;
        map.fitBounds(wide ? all : core, {padding: [24, 24]});
        show();
      });
      return box;
    }
  });
  new Control().addTo(map);
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, all_bounds, core_bounds, label: str, hint: str, back: str):
        super().__init__()
        self._name = "ShowAllSites"
        self.all_bounds, self.core_bounds = all_bounds, core_bounds
        self.words = {"label": label, "hint": hint, "back": back}


class MapBehaviour(MacroElement):
    """First click, zoom limits, popups inside the map (see the module docstring)."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
  map.setMinZoom({{ this.min_zoom }});
  map.setMaxZoom({{ this.max_zoom }});
  // focus without scrolling: the page around the map's iframe must not jump between mousedown and mouseup
  var kb = map.keyboard;
  if (kb) {
    var on = kb.enabled();
    if (on) { kb.disable(); }
    kb._onMouseDown = function () {
      if (!this._focused) {
        try { this._map._container.focus({preventScroll: true}); } catch (e) { this._map._container.focus(); }
      }
    };
    if (on) { kb.enable(); }
  }
  // popups: inside the map, clear of the zoom control, never larger than the map. The padding is a
  // default for every popup made after this (the layers come later); the size follows the map's.
  // (Leaflet's own autopan is animated and can be cut short by the next move: show() pans instead)
  L.Popup.mergeOptions({autoPan: false, keepInView: false,
                        autoPanPaddingTopLeft: L.point({{ this.pad_tl|tojson }}),
                        autoPanPaddingBottomRight: L.point({{ this.pad_br|tojson }})});
  function fit(popup) {
    var size = map.getSize();
    popup.options.maxWidth = Math.max(160, Math.min({{ this.max_width }}, size.x - {{ this.pad_tl[0] + this.pad_br[0] + 50 }}));
    popup.options.minWidth = Math.min(popup.options.minWidth || 50, popup.options.maxWidth);
    popup.options.maxHeight = Math.max(120, size.y - {{ this.pad_tl[1] + this.pad_br[1] + 60 }});
  }
  var showing = false;
  function show(p) {  // Leaflet's own autopan, in map coordinates, but without animation
    var size = map.getSize();
    if (!p || !p.isOpen() || !p._container || showing || size.x < 50 || size.y < 50) { return; }
    var panBy = map.panBy;
    showing = true;  // the pan's own moveend must not come back here
    map.panBy = function (offset, options) { return panBy.call(map, offset, L.extend({}, options, {animate: false})); };
    try {
      p.options.autoPan = true;
      p._adjustPan();
      p.options.autoPan = false;
      // what is left (the popup's box as drawn, e.g. after its content reflowed): at most a few lines
      var box = map.getContainer().getBoundingClientRect(), r = p._container.getBoundingClientRect();
      var tl = {{ this.pad_tl|tojson }}, dx = 0, dy = 0;
      if (r.top < box.top + tl[1]) { dy = r.top - box.top - tl[1]; }
      if (r.left < box.left + tl[0]) { dx = r.left - box.left - tl[0]; }
      if ((dx || dy) && Math.abs(dx) < box.width / 2 && Math.abs(dy) < box.height / 2) { map.panBy([Math.round(dx), Math.round(dy)]); }
    } finally { map.panBy = panBy; showing = false; }
  }
  function refit() {
    var p = map._popup;
    if (p && p.isOpen() && !showing) { fit(p); p.update(); show(p); }
  }
  map.on("popupopen", function (e) {
    e.popup._geoSettled = false;
    fit(e.popup);
    e.popup.update();
    show(e.popup);
    // its content may still grow (a font arriving, a table reflowing): show it whole again then
    if (window.ResizeObserver && e.popup._contentNode) {
      var popup = e.popup, seen = 0;
      popup._geoWatch && popup._geoWatch.disconnect();
      popup._geoWatch = new ResizeObserver(function () {
        var hgt = popup._contentNode.offsetHeight;
        if (hgt !== seen) { seen = hgt; if (!popup._geoSettled && popup.isOpen()) { popup.update(); show(popup); } }
      });
      popup._geoWatch.observe(popup._contentNode);
    }
  });
  map.on("popupclose", function (e) { if (e.popup._geoWatch) { e.popup._geoWatch.disconnect(); e.popup._geoWatch = null; } });
  // a popup opened while the map's frame was still taking its size, or before the page restored the
  // view (a shared link that selects a site): show it whole as things settle, until the reader first
  // touches the map (their own moves are left alone)
  function settle() { if (map._popup) { map._popup._geoSettled = true; } }
  L.DomEvent.on(map.getContainer(), "mousedown touchstart wheel keydown", settle);
  map.on("resize moveend zoomend", function () {
    var p = map._popup;
    if (p && p.isOpen() && !p._geoSettled) { refit(); }
  });
  if (window.ResizeObserver) {
    var last = "";
    new ResizeObserver(function () {
      var size = map.getContainer().clientWidth + "x" + map.getContainer().clientHeight;
      if (size !== last) { last = size; map.invalidateSize({pan: false}); refit(); }
    }).observe(map.getContainer());
  }
  map.whenReady(function () { setTimeout(refit, 0); });
  map.getContainer().classList.add("geo-map");
  var css = document.createElement("style");  // long words and tables wrap inside a narrow popup
  css.textContent = ".leaflet-popup-content{overflow-wrap:anywhere}.leaflet-popup-content table{max-width:100%}";
  document.head.appendChild(css);
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self):
        super().__init__()
        self._name = "MapBehaviour"
        self.min_zoom, self.max_zoom = MIN_ZOOM, MAX_ZOOM
        self.pad_tl, self.pad_br = list(POPUP_PAD_TOP_LEFT), list(POPUP_PAD_BOTTOM_RIGHT)
        self.max_width = POPUP_MAX_WIDTH


# --- words ----------------------------------------------------------------------------------------
# The interface words this module and the legend add; translated where shown (geo.i18n catalogs).
LEGEND_OPEN_FROM = 1100  # px of map width from which the legend starts open (narrower: folded)
WORDS = {
    "title": N_("Legend"),
    "kinds": N_("Markers: kind of place"),
    "rings": N_("Ring: where it is"),
    "approx": N_("Dashed: approximate location (dashed circle: how far off it may be)"),
    "sizes": N_("Marker size and route width"),
    "size": N_(
        "{kind}: people in the selected period, as the sources state them (area-true; other kinds are never added in)"
    ),
    "routes": N_("Routes: kind of event"),
    "width": N_("Width: largest figure stated; dark core: smallest"),
    "basemap": N_("Map"),
    "border": N_("Border"),
}


def words(lang: str = "en") -> dict:
    """The legend's words in `lang` ({kind} in "size" is filled in by the caller)."""
    _ = translate(lang)
    return {key: _(text) for key, text in WORDS.items()}


legend_words = words


SPREAD_GAP = 3  # px between spread markers


class SpreadOverlaps(MacroElement):
    """Sites that fall within a few pixels of each other at the current zoom are spread on a small
    ring around their common centre, each joined by a thin leader line to where it really is, so each
    stays separately clickable at every zoom (what Leaflet.markercluster calls spiderfying; written
    here for circle markers, core Leaflet only). Recomputed on every zoom and whenever markers are
    added (the app swaps its site layer on each rerun); uncertainty circles and routes keep the true
    positions."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
  var legs = L.layerGroup().addTo(map), pending = null;
  function markers() {
    var out = [];
    map.eachLayer(function (l) {
      if (l instanceof L.CircleMarker && !(l instanceof L.Circle) && /(^| )site-marker( |$)/.test(l.options.className || "")) {
        if (!l._geoTrue) { l._geoTrue = l.getLatLng(); }
        out.push(l);
      }
    });
    return out;
  }
  function spread() {
    pending = null;
    legs.clearLayers();
    var all = markers(), seen = [];
    all.forEach(function (m) { m._geoPt = map.latLngToLayerPoint(m._geoTrue); });
    all.forEach(function (m) {  // greedy groups: a marker joins the first group it touches
      var r = m.getRadius(), hit = null;
      for (var i = 0; i < seen.length && !hit; i++) {
        for (var j = 0; j < seen[i].length; j++) {
          var o = seen[i][j];
          if (m._geoPt.distanceTo(o._geoPt) < r + o.getRadius() + {{ this.gap }}) { hit = seen[i]; break; }
        }
      }
      if (hit) { hit.push(m); } else { seen.push([m]); }
    });
    seen.forEach(function (group) {
      if (group.length < 2) { group[0].setLatLng(group[0]._geoTrue); return; }
      var c = L.point(0, 0), big = 0;
      group.forEach(function (m) { c = c.add(m._geoPt); big = Math.max(big, m.getRadius()); });
      c = c.divideBy(group.length);
      // a ring wide enough that neighbours do not touch
      var ring = Math.max(big * 1.4 + {{ this.gap }}, (2 * big + {{ this.gap }}) / (2 * Math.sin(Math.PI / group.length)));
      group.forEach(function (m, k) {
        var a = -Math.PI / 2 + 2 * Math.PI * k / group.length;
        var at = map.layerPointToLatLng(c.add(L.point(Math.cos(a) * ring, Math.sin(a) * ring)));
        m.setLatLng(at);
        L.polyline([m._geoTrue, at], {color: "#444", weight: 1, opacity: 0.8, interactive: false,
                                       className: "spread-leg"}).addTo(legs);
        L.circleMarker(m._geoTrue, {radius: 2, color: "#444", weight: 1, fillOpacity: 1, interactive: false,
                                     className: "spread-anchor"}).addTo(legs);
      });
    });
  }
  function later() { if (!pending) { pending = setTimeout(spread, 0); } }
  map.on("zoomend viewreset", spread);
  map.on("layeradd", function (e) {
    var l = e.layer;
    if (l instanceof L.CircleMarker && /(^| )site-marker( |$)/.test(l.options.className || "")) { later(); }
  });
  map.whenReady(later);
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self):
        super().__init__()
        self._name = "SpreadOverlaps"
        self.gap = SPREAD_GAP


DEFAULT_VIEW_PADDING = (40, 40)  # pixels: the largest marker's radius (22) and then some, so no marker is cut


class DefaultView(MacroElement):
    """Keep the default view (every site) while the map's frame takes its size. The view is fitted
    once when the map is made; an iframe that is then resized (a phone's layout settling, a busy
    machine where the frame gets its width late) kept the old top-left and zoom, and a marker could
    fall outside the map. Until the reader first touches or zooms the map, and while no popup is
    open, every resize fits the bounds again."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map, bounds, pad) {
  var box = map.getContainer(), touched = false, fitting = false, last = box.clientWidth + "x" + box.clientHeight;
  L.DomEvent.on(box, "mousedown touchstart wheel keydown", function () { touched = true; });
  // a zoom made by someone else once the map has settled (the first fit may still be animating): theirs to keep
  var settled = false;
  setTimeout(function () { settled = true; }, 1500);
  map.on("zoomend", function () { if (!fitting && settled) { touched = true; } });
  function again() {
    if (touched || (map._popup && map._popup.isOpen()) || box.clientWidth < 50 || box.clientHeight < 50) { return; }
    fitting = true;
    try { map.fitBounds(bounds, {padding: L.point(pad), animate: false}); } finally { fitting = false; }
  }
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      var size = box.clientWidth + "x" + box.clientHeight;
      if (size !== last) { last = size; map.invalidateSize({pan: false}); again(); }
    }).observe(box);
  }
  map.whenReady(function () { setTimeout(again, 0); });
})({{ this._parent.get_name() }}, {{ this.bounds|tojson }}, {{ this.padding|tojson }});
{% endmacro %}
""")

    def __init__(self, bounds, padding=DEFAULT_VIEW_PADDING):
        super().__init__()
        self._name = "DefaultView"
        self.bounds = [list(map(float, bounds[0])), list(map(float, bounds[1]))]
        self.padding = list(padding)


class PlayDate(MacroElement):
    """The play-through's current window, large on the map (empty: nothing shown). Added to a layer
    that the app swaps on every step, so the mounted map is never rebuilt. Text set with textContent."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (group, text) {
  function show(map) {
    var box = map.getContainer(), el = box.querySelector(".geo-play-date");
    if (!el) {
      el = document.createElement("div");
      el.className = "geo-play-date";
      el.setAttribute("aria-live", "polite");
      el.style.cssText = "position:absolute;z-index:800;top:10px;left:50%;transform:translateX(-50%);pointer-events:none;" +
        "font:700 26px/1.1 system-ui,sans-serif;color:#222;text-shadow:0 0 3px #fff,0 0 6px #fff,0 0 9px #fff;white-space:nowrap";
      box.appendChild(el);
    }
    el.textContent = text;
    el.style.display = text ? "" : "none";
  }
  if (group._map) { show(group._map); } else { group.once("add", function () { show(group._map); }); }
})({{ this._parent.get_name() }}, {{ this.text|tojson }});
{% endmacro %}
""")

    def __init__(self, text: str = ""):
        super().__init__()
        self._name = "PlayDate"
        self.text = text
