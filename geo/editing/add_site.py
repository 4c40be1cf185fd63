"""The Editor's "add a site on the map": the sites already placed (for the picking map), and a new site
from the form, its coordinates converted to WGS-84 (GCJ-02 and BD-09 as Chinese map services give
them), added to its layer's canonical text. The page only draws the form and shows the result.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..messages import Msg
from ..errors import DataFileError
from ..paths import LAYERS
from . import chinese_offsets, records

FORM_FIELDS = (
    "id",
    "name_en",
    "name_ko",
    "name_zh",
    "kind",
    "country",
    "precision",
    "uncertainty_m",
    "side_cn",
    "side_kp",
    "sources",
    "notes",
    "sensitive",
)


def placed_sites(read) -> list[tuple[str, float, float, str]]:
    """(id, lon, lat, label) of every point site in every layer; `read(layer)` gives (text, sha) as
    Store.read does. A layer that cannot be read is left out (the page says so where it is edited)."""
    out = []
    for layer in LAYERS:
        text, _ = read(layer)
        try:
            frame = records.site_frame(records.layer_doc(text)) if text else None
        except (DataFileError, ValueError):
            frame = None
        if frame is None:
            continue
        for row in frame.itertuples(index=False):
            if isinstance(row.lon, (int, float)) and isinstance(row.lat, (int, float)):
                out.append((str(row.id), float(row.lon), float(row.lat), str(row.name_en or row.id)))
    return out


@dataclass(frozen=True)
class NewSite:
    row: dict  # the layer's columns, lon/lat in WGS-84 rounded to 6 decimals
    note: str  # what the conversion did ('' when the coordinates were WGS-84 already)


def new_site(form: dict, lon: float, lat: float, system: str) -> NewSite:
    """The row for a site entered in `system` ('WGS-84', 'GCJ-02' or 'BD-09'); ValueError for another system."""
    wlon, wlat = chinese_offsets.to_wgs84(float(lon), float(lat), system)
    note = ""
    if system != "WGS-84":
        moved = chinese_offsets.distance_m(float(lon), float(lat), wlon, wlat)
        note = Msg(
            "Converted from {system} to WGS-84: moved {metres:,.0f} m to {lon:.6f}, {lat:.6f}.",
            system=system,
            metres=moved,
            lon=wlon,
            lat=wlat,
        )
    row = {key: form.get(key) for key in FORM_FIELDS}
    row.update(
        lon=round(wlon, 6),
        lat=round(wlat, 6),
        uncertainty_m=int(form.get("uncertainty_m") or 0),
        sources=list(form.get("sources") or ()),
        sensitive=bool(form.get("sensitive")),
    )
    return NewSite(row, note)


def layer_text_with(base_text: str | None, layer: str, site: NewSite) -> str:
    """The layer's canonical text with the new site added; DataFileError or ValueError if it cannot be read."""
    return records.add_feature_text(base_text, layer, records.site_feature(site.row))
