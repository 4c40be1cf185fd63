"""Hostile claims: each broken one is named with its file, row and column; the data never loads."""

from __future__ import annotations

import pytest

from geo import query
from geo.dataset import check
from tests.common import add_claim, copy_data, edit_claim, edit_event, read_rows, write_rows


def messages(root):
    return [str(p) for p in check(root).problems if p.is_error]


@pytest.mark.parametrize(
    "changes, column, words",
    [
        ({"event": "no-such-event"}, "event", "event 'no-such-event' is not in events.csv"),
        ({"source": "no-such-source"}, "source", "source 'no-such-source' is not in sources.csv"),
        ({"qualifier": "about", "people": ""}, "people", "qualifier 'about' needs the number"),
        ({"qualifier": "not-given", "people": "5"}, "people", "states no number"),
        ({"qualifier": "range", "people": "60", "people_to": "50"}, "people_to", "must be above people 60"),
        ({"qualifier": "range", "people_to": ""}, "people_to", "a range needs its second number"),
        ({"qualifier": "about", "people_to": "70"}, "people_to", "only for qualifier range"),
        ({"qualifier": "roughly"}, "qualifier", "'roughly' is not one of"),
        ({"people": "-3"}, "people", "is below the minimum 0"),
        ({"date": "2021-07-14", "date_precision": ""}, "date_precision", "needs its precision"),
        ({"date": "2021-07-14", "date_precision": "month"}, "date", "first day of the month"),
        ({"sites": "atlantis"}, "sites", "site 'atlantis' does not exist"),
    ],
)
def test_a_broken_claim_is_named(tmp_path, changes, column, words):
    root = copy_data(tmp_path)
    edit_claim(
        root, 0, **{"qualifier": "range", "people": "48", "people_to": "50"} if "qualifier" not in changes else {}
    )
    edit_claim(root, 0, **changes)
    found = [m for m in messages(root) if "claims.csv:row 2 (2021-07-14-dandong-return--rfa-2021-07-20)" in m]
    assert any(f"column {column}" in m and words in m for m in found), found


def test_an_event_without_claims_is_an_error(tmp_path):
    root = copy_data(tmp_path)
    rows = [r for r in read_rows(root / "claims.csv") if r["event"] != "2023-10-09-tumen"]
    write_rows(root / "claims.csv", rows)
    assert any("events.csv:row 4 (2023-10-09-tumen) column id: no claim cites a source" in m for m in messages(root))


def test_duplicate_claim_ids_are_named(tmp_path):
    root = copy_data(tmp_path)
    first = read_rows(root / "claims.csv")[0]
    add_claim(root, **first)
    assert any("column id: duplicate id; first used on row 2" in m for m in messages(root))


def test_a_claim_dated_outside_its_event_is_a_warning(tmp_path):
    root = copy_data(tmp_path)
    edit_claim(root, 0, date="2019-01-01", date_precision="day")
    report = check(root)
    assert report.ok
    assert any("outside the event's date" in str(p) for p in report.problems)


def test_a_secondary_source_must_name_what_it_cites(tmp_path):
    root = copy_data(tmp_path)
    rows = read_rows(root / "sources.csv")
    rows[0]["role"], rows[0]["cites"] = "secondary", ""
    write_rows(root / "sources.csv", rows)
    assert any("a secondary source must name the primary it cites" in m for m in messages(root))


def test_a_source_without_any_address_is_warned_about(tmp_path):
    root = copy_data(tmp_path)
    rows = read_rows(root / "sources.csv")
    rows[2]["url"] = ""
    write_rows(root / "sources.csv", rows)
    warnings = [str(p) for p in check(root).problems if not p.is_error]
    assert any("wikinews-2021-07-26) column url: warning: no address" in w for w in warnings)


def test_claims_of_a_sensitive_event_never_reach_the_public_view(fixture_ds):
    assert "2023-04-01-secret" in set(fixture_ds.claims["event"])
    public = query.public_view(fixture_ds)
    assert "2023-04-01-secret" not in set(public.claims["event"])
    records = query.joined_records(public, query.filter_events(public, query.Filters()))
    assert all(c["id"] != "2023-04-01-secret--newsweek-2023-12" for r in records for c in r["claims"])


def test_a_claim_naming_a_sensitive_site_loses_that_site_in_public(tmp_path):
    from geo.dataset import load
    from tests.common import edit_feature

    root = copy_data(tmp_path)
    edit_feature(root, "crossings", 0, sensitive=True)  # dandong-sinuiju
    public = query.public_view(load(root))
    assert all("dandong-sinuiju" not in sites for sites in public.claims["sites"])


def test_changing_a_figure_changes_only_that_event(tmp_path):
    from geo.dataset import load

    root = copy_data(tmp_path)
    edit_event(root, 0, summary="changed")
    edit_claim(root, 0, qualifier="exact", people="47")
    ds = load(root)
    assert ds.events.loc["2021-07-14-dandong-return", ["people_low", "people_high"]].tolist() == [47, 50]
    assert ds.events.loc["2023-10-09-tumen", ["people_low", "people_high"]].tolist() == [300, 300]
