import csv
import io
import json

from geo.downloads import events_csv, events_geojson
from geo.query import Filters, filter_events


def test_csv_download_round_trips(fixture_ds):
    rows = list(csv.DictReader(io.StringIO(events_csv(fixture_ds, filter_events(fixture_ds, Filters())).decode())))
    assert len(rows) == 4 and rows[0]["id"] == "2021-07-14-dandong-return"
    assert all(r["id"] != "2023-04-01-secret" for r in rows)


def test_geojson_download_geometries(fixture_ds):
    doc = json.loads(events_geojson(fixture_ds, filter_events(fixture_ds, Filters())))
    by_id = {f["id"]: f for f in doc["features"]}
    assert by_id["2021-07-14-dandong-return"]["geometry"]["type"] == "LineString"
    assert len(by_id["2021-07-14-dandong-return"]["geometry"]["coordinates"]) == 3
    assert by_id["2023-10-09-mass-return"]["geometry"] is None
    assert by_id["2023-10-09-tumen"]["properties"]["part_of"] == "2023-10-09-mass-return"
