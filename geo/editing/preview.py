"""Small folium maps for the Editor: the sites a candidate adds, changes or removes, and the map
an editor clicks to place a new site. Same offline base and escaping as the public map
(geo.mapbuild: vendored Leaflet, embedded basemap, every data string through safe_html)."""

from __future__ import annotations

import math

import folium

from .. import safe_html as h
from ..assets import APP_STATIC_URL
from ..i18n import translate
from ..mapbuild import BoundHtml, MapKey, base_map
from .diff import ADDED, CHANGED, REMOVED, SitePoint

# The Editor's maps carry no public legend: here colour means a change, never a site kind, so these
# colours are kept apart from the site kinds' (orange, blue, purple, brown, dark red in the schema).
CHANGE_COLOURS = {ADDED: "#1a9850", CHANGED: "#e6ab02", REMOVED: "#9e9e9e"}
EXISTING_FILL, PICKED_STROKE = "#bdbdbd", "#d7191c"
_DOT = (
    "<span style='display:inline-block;width:11px;height:11px;border-radius:50%;background:{fill};"
    "border:2px {line} {stroke};margin-right:5px;vertical-align:-1px'></span>"
)


def change_words(lang: str = "en") -> dict[str, str]:
    """What each change is called on the review map (its key and tooltips)."""
    _ = translate(lang)
    return {ADDED: _("added"), CHANGED: _("changed (new position)"), REMOVED: _("removed (old position)")}


def review_key(lang: str = "en") -> MapKey:
    """The review map's own key: the three change colours, nothing of the public legend."""
    _ = translate(lang)
    words = change_words(lang)
    rows = [
        _DOT.format(fill=CHANGE_COLOURS[c], line="dashed" if c == REMOVED else "solid", stroke="#222")
        + h.text(words[c])
        for c in (ADDED, CHANGED, REMOVED)
    ]
    return MapKey(h.text(_("Changes")), "<br>".join(rows))


def pick_key(lang: str = "en") -> MapKey:
    """The placing map's key: existing sites and the point being placed."""
    _ = translate(lang)
    rows = [
        _DOT.format(fill=EXISTING_FILL, line="solid", stroke="#555") + h.text(_("existing site")),
        _DOT.format(fill="#fff", line="solid", stroke=PICKED_STROKE) + h.text(_("the new site")),
    ]
    return MapKey(h.text(_("Key")), "<br>".join(rows))


def _fit(m: folium.Map, points: list[tuple[float, float]]) -> None:
    if not points:
        return
    lats = [p[1] for p in points]
    lons = [p[0] for p in points]
    pad = 0.2
    m.fit_bounds([[min(lats) - pad, min(lons) - pad], [max(lats) + pad, max(lons) + pad]])


def review_map(points: list[SitePoint], static_url: str = APP_STATIC_URL, lang: str = "en") -> folium.Map:
    """Added (green), changed (gold, new position) and removed (grey, dashed, old position) sites."""
    m = base_map(static_url, online_tiles=True, legend=False, lang=lang)
    m.add_child(review_key(lang))
    words = change_words(lang)
    group = folium.FeatureGroup(name="Changes", control=False)
    for p in points:
        marker = folium.CircleMarker(
            location=[p.lat, p.lon],
            radius=8,
            color="#222",
            weight=1.5,
            fill=True,
            fill_color=CHANGE_COLOURS[p.change],
            fill_opacity=0.9,
            dash_array="4 3" if p.change == REMOVED else None,
            class_name=f"change-marker change-{p.change}",
        )
        marker.add_child(
            BoundHtml(
                f"<b>{h.text(words[p.change])}</b>: {h.text(p.name)}<br>"
                f"<span style='color:#777'>{h.text(p.id)} · {p.lon:.6f}, {p.lat:.6f}</span>",
                "tooltip",
            )
        )
        marker.add_to(group)
    group.add_to(m)
    _fit(m, [(p.lon, p.lat) for p in points])
    return m


def pick_map(
    sites: list[tuple[str, float, float, str]], static_url: str = APP_STATIC_URL, lang: str = "en"
) -> folium.Map:
    """Existing sites (id, lon, lat, name) as small grey dots on the offline base map.

    The picked point goes in a separate layer (`picked_layer`, passed to st_folium as
    feature_group_to_add) so that a click does not rebuild the map and lose the view."""
    m = base_map(static_url, online_tiles=True, legend=False, lang=lang)
    m.add_child(pick_key(lang))
    group = folium.FeatureGroup(name="Existing sites", control=False)
    for sid, lon, lat, name in sites:
        dot = folium.CircleMarker(
            location=[lat, lon],
            radius=4,
            color="#555",
            weight=1,
            fill=True,
            fill_color=EXISTING_FILL,
            fill_opacity=0.9,
            class_name="existing-site",
        )
        dot.add_child(BoundHtml(f"{h.text(name)}<br><span style='color:#777'>{h.text(sid)}</span>", "tooltip"))
        dot.add_to(group)
    group.add_to(m)
    return m


def picked_layer(picked: tuple[float, float] | None) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="New site", control=False)
    if picked:
        folium.CircleMarker(
            location=[picked[1], picked[0]],
            radius=9,
            color=PICKED_STROKE,
            weight=3,
            fill=False,
            class_name="picked-point",
        ).add_to(group)
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
