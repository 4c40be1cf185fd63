"""The filtered events as files a reader can take away: CSV and GeoJSON.

Each event carries its figure as derived from its claims, every claim with its source, and the data
version (geo.version) it came from: a figure quoted from a download can be traced back.
"""

from __future__ import annotations

import json

import pandas as pd

from . import version
from .dataset import SITE_REFS, Dataset
from .query import flat_table, joined_records
from .texts import csv_safe


def events_csv(ds: Dataset, events: pd.DataFrame) -> bytes:
    """Text cells that a spreadsheet would run as a formula get a leading ' (geo.texts.csv_safe); the
    data version each row comes from is a column of its own."""
    table = flat_table(ds, events)
    table["data_version"] = version.of(ds.root).credit_line()
    return csv_safe(table).to_csv(index=False, lineterminator="\n").encode("utf-8")


def events_geojson(ds: Dataset, events: pd.DataFrame) -> bytes:
    """One feature per event: a LineString through its known stops, a Point when only one is known,
    and no geometry when none is (RFC 7946 allows null geometry)."""
    features = []
    for rec in joined_records(ds, events):
        stops = [rec[c] for c in SITE_REFS if rec[c]]
        coords = [[s["lon"], s["lat"]] for s in stops]
        if len(coords) >= 2:
            geometry = {"type": "LineString", "coordinates": coords}
        elif coords:
            geometry = {"type": "Point", "coordinates": coords[0]}
        else:
            geometry = None
        props = {k: v for k, v in rec.items() if k != "id"}
        features.append({"type": "Feature", "id": rec["id"], "geometry": geometry, "properties": props})
    v = version.of(ds.root)
    doc = {
        "type": "FeatureCollection",
        "metadata": {
            "data_version": v.version,
            "as_of": v.as_of,
            "sha256": v.sha256,
            "licence": v.licence,
            "credit": v.credit_line(),
        },
        "features": features,
    }
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
