"""A return and an arrest at one site: no displayed string anywhere holds their sum."""

from __future__ import annotations

import json
import re

import pytest

from geo import dataset, downloads, mapbuild, query
from geo.timeline import monthly_counts
from tests.common import add_claim, copy_data, read_rows, write_rows

RETURNED, ARRESTED = 4311, 1789
SUM = re.compile(r"(?<![\d.,\\])6,?100(?![\d.,])")  # 4,311 + 1,789, written either way, as a number of its own


@pytest.fixture
def two_kinds(tmp_path):
    """Fixture data cut to two events at the Tumen detention site: 41 returned, 17 arrested."""
    root = copy_data(tmp_path)
    events = [r for r in read_rows(root / "events.csv") if r["id"] == "2021-07-14-dandong-return"]
    ret = dict(
        events[0],
        id="2022-05-01-return",
        date="2022-05-01",
        origin="tumen-detention",
        crossing="tumen-namyang",
        destination="onsong-holding",
        summary="A return.",
    )
    arr = dict(
        events[0],
        id="2022-04-01-arrest",
        date="2022-04-01",
        kind="arrest",
        origin="",
        crossing="",
        destination="tumen-detention",
        summary="An arrest.",
    )
    write_rows(root / "events.csv", [arr, ret])
    header = list(read_rows(root / "claims.csv")[0])
    write_rows(root / "claims.csv", [], fieldnames=header)
    add_claim(root, id="r1", event="2022-05-01-return", source="rfa-2021-07-20", qualifier="exact", people=RETURNED)
    add_claim(root, id="a1", event="2022-04-01-arrest", source="newsweek-2023-12", qualifier="exact", people=ARRESTED)
    return dataset.load(root)


def shown(text: str) -> None:
    found = SUM.search(text)
    assert found is None, f"a sum across kinds is displayed: …{text[max(0, found.start() - 80) : found.end() + 80]}…"


def test_map_popups_tooltips_and_routes_never_add_kinds(two_kinds):
    ds = two_kinds
    ev = query.filter_events(ds, query.Filters())
    html = mapbuild.full_map(ds, query.site_totals(ds, ev), query.route_totals(ds, ev), events=ev).get_root().render()
    shown(html)
    assert "Returned to North Korea: 4,311" in html and "Arrested in China: 1,789" in html


def test_summary_timeline_downloads_and_events_never_add_kinds(two_kinds):
    ds = two_kinds
    ev = query.filter_events(ds, query.Filters())
    summary = query.summarize(ev)
    assert not hasattr(summary, "people_low") and not hasattr(summary, "people_high")
    assert summary.kind("repatriation")["high"] == RETURNED and summary.kind("arrest")["high"] == ARRESTED
    shown(monthly_counts(ev).to_csv())
    shown(downloads.events_csv(ds, ev).decode())
    shown(downloads.events_geojson(ds, ev).decode())
    shown(json.dumps(query.joined_records(ds, ev)))
    totals = query.site_totals(ds, ev)
    assert set(totals.loc["tumen-detention"].index) == {"repatriation", "arrest"}
