"""Small folium maps for the Editor: the sites a candidate adds, changes or removes, and the map
an editor clicks to place a new site. Same offline base and escaping as the public map
(geo.mapbuild: vendored Leaflet, embedded basemap, every data string through safe_html)."""

from __future__ import annotations

import math

import folium

from .. import safe_html as h
from ..assets import APP_STATIC_URL
from ..mapbuild import BoundHtml, base_map
from .diff import ADDED, CHANGED, REMOVED, SitePoint

CHANGE_COLOURS = {ADDED: "#1a9850", CHANGED: "#f28e2b", REMOVED: "#7f7f7f"}


def _fit(m: folium.Map, points: list[tuple[float, float]]) -> None:
    if not points:
        return
    lats = [p[1] for p in points]
    lons = [p[0] for p in points]
    pad = 0.2
    m.fit_bounds([[min(lats) - pad, min(lons) - pad], [max(lats) + pad, max(lons) + pad]])


def review_map(points: list[SitePoint], static_url: str = APP_STATIC_URL) -> folium.Map:
    """Added (green), changed (orange, new position) and removed (grey, old position) sites."""
    m = base_map(static_url, online_tiles=True)
    group = folium.FeatureGroup(name="Changes", control=False)
    for p in points:
        marker = folium.CircleMarker(location=[p.lat, p.lon], radius=8, color="#222", weight=1.5,
                                     fill=True, fill_color=CHANGE_COLOURS[p.change], fill_opacity=0.9,
                                     dash_array="4 3" if p.change == REMOVED else None,
                                     class_name=f"change-marker change-{p.change}")
        marker.add_child(BoundHtml(f"<b>{h.text(p.change)}</b>: {h.text(p.name)}<br>"
                                   f"<span style='color:#777'>{h.text(p.id)} · {p.lon:.6f}, {p.lat:.6f}</span>", "tooltip"))
        marker.add_to(group)
    group.add_to(m)
    _fit(m, [(p.lon, p.lat) for p in points])
    return m


def pick_map(sites: list[tuple[str, float, float, str]], static_url: str = APP_STATIC_URL) -> folium.Map:
    """Existing sites (id, lon, lat, name) as small grey dots on the offline base map.

    The picked point goes in a separate layer (`picked_layer`, passed to st_folium as
    feature_group_to_add) so that a click does not rebuild the map and lose the view."""
    m = base_map(static_url, online_tiles=True)
    group = folium.FeatureGroup(name="Existing sites", control=False)
    for sid, lon, lat, name in sites:
        dot = folium.CircleMarker(location=[lat, lon], radius=4, color="#555", weight=1, fill=True,
                                  fill_color="#999", fill_opacity=0.8, class_name="existing-site")
        dot.add_child(BoundHtml(f"{h.text(name)}<br><span style='color:#777'>{h.text(sid)}</span>", "tooltip"))
        dot.add_to(group)
    group.add_to(m)
    return m


def picked_layer(picked: tuple[float, float] | None) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="New site", control=False)
    if picked:
        folium.CircleMarker(location=[picked[1], picked[0]], radius=9, color="#d7191c", weight=3, fill=False,
                            class_name="picked-point").add_to(group)
    return group


def clicked_point(returned: dict | None) -> tuple[float, float] | None:
    """(lon, lat) rounded to 6 decimals from st_folium's `last_clicked`, longitude wrapped into
    -180..180 (Leaflet reports 484.2 after panning once round the world); None if no click."""
    click = (returned or {}).get("last_clicked")
    if not isinstance(click, dict):
        return None
    try:
        lon, lat = float(click["lng"]), float(click["lat"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lat) > 90:
        return None
    lon = (lon + 180.0) % 360.0 - 180.0
    return round(lon, 6), round(lat, 6)
