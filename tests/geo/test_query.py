from datetime import date

import pytest

from geo.errors import UsageError
from geo.query import (Filters, counted_events, filter_events, flat_table, joined_records, public_view, route_totals,
                       site_totals, summarize, date_bounds)


def ids(frame):
    return sorted(frame.index)


def test_sensitive_events_are_left_out_by_default(fixture_ds):
    assert "2023-04-01-secret" not in ids(filter_events(fixture_ds, Filters()))
    assert "2023-04-01-secret" in ids(filter_events(fixture_ds, Filters(include_sensitive=True)))


def test_public_view_drops_sensitive_sites(fixture_ds):
    public = public_view(fixture_ds)
    assert "secret-site" not in public.sites.index
    assert "secret-site" in public_view(fixture_ds, include_sensitive=True).sites.index


def test_public_events_carry_no_sensitive_site_id_anywhere(fixture_ds):
    """Not in a row, and not in a categorical's categories either, which travel with any slice that is
    sent to the browser (Arrow is what st.dataframe sends)."""
    import pyarrow as pa
    cols = ["origin", "crossing", "destination"]
    assert "secret-site" in fixture_ds.events["origin"].cat.categories  # the full data knows the id
    events = public_view(fixture_ds).events
    for col in cols:
        assert "secret-site" not in set(events[col].dropna()) and "secret-site" not in events[col].cat.categories
    sent = pa.Table.from_pandas(events[cols].head(1))
    assert all("secret-site" not in sent.column(c).combine_chunks().dictionary.to_pylist() for c in cols)


def test_date_range_overlaps_coarse_periods(fixture_ds):
    # the sensitive month-precision event is dated 2023-04-01 and covers all of April 2023
    f = Filters(date_from=date(2023, 4, 20), date_to=date(2023, 4, 30), include_sensitive=True)
    assert ids(filter_events(fixture_ds, f)) == ["2023-04-01-secret"]
    f = Filters(date_from=date(2023, 5, 1), include_sensitive=True)
    assert "2023-04-01-secret" not in ids(filter_events(fixture_ds, f))


def test_reversed_range_is_a_usage_error():
    with pytest.raises(UsageError):
        Filters(date_from=date(2024, 1, 1), date_to=date(2023, 1, 1))


def test_kind_confidence_layer_and_site_filters(fixture_ds):
    assert ids(filter_events(fixture_ds, Filters(confidence={"corroborated"}))) == ["2021-07-14-dandong-return", "2023-10-09-mass-return"]
    assert ids(filter_events(fixture_ds, Filters(kinds={"arrest"}))) == []
    assert ids(filter_events(fixture_ds, Filters(site="shenyang"))) == ["2021-07-14-dandong-return"]
    only_nk = filter_events(fixture_ds, Filters(layers={"nk-facilities"}))
    assert "2023-10-09-mass-return" in only_nk.index  # no sites at all: not hidden by a layer filter
    with pytest.raises(UsageError):
        filter_events(fixture_ds, Filters(site="nowhere"))


def test_umbrella_counts_once_in_totals(fixture_ds):
    ev = filter_events(fixture_ds, Filters())
    assert sorted(counted_events(ev).index) == ["2021-07-14-dandong-return", "2023-10-09-mass-return"]
    s = summarize(ev)
    assert (s.events, s.people_low, s.people_high) == (4, 48 + 500, 50 + 600)
    assert s.by_kind == {"repatriation": (2, 548, 650)}
    # when the umbrella is filtered out, its parts count
    parts_only = ev.drop(index="2023-10-09-mass-return")
    assert summarize(parts_only).people_high == 50 + 300 + 200


def test_site_totals_count_each_event_once_per_site(fixture_ds):
    ev = filter_events(fixture_ds, Filters())
    t = site_totals(fixture_ds, ev)
    assert t.loc["dandong-sinuiju"].tolist() == [2, 49, 250, 49, 250]
    assert t.loc["tumen-namyang", "people_high"] == 300
    assert t.loc["secret-site", "events"] == 0


def test_route_totals(fixture_ds):
    r = route_totals(fixture_ds, filter_events(fixture_ds, Filters()))
    routes = {(x.origin, x.crossing, x.destination): (x.events, x.people_low, x.people_high) for x in r.itertuples()}
    assert routes == {
        ("tumen-detention", "tumen-namyang", "onsong-holding"): (1, 300, 300),
        (None, "dandong-sinuiju", "sinuiju-holding"): (1, 1, 200),
        ("shenyang", "dandong-sinuiju", "sinuiju-holding"): (1, 48, 50),
    }


def test_joined_records_resolve_sites_and_sources(fixture_ds):
    recs = {r["id"]: r for r in joined_records(fixture_ds, filter_events(fixture_ds, Filters()))}
    rec = recs["2021-07-14-dandong-return"]
    assert rec["origin"]["name_ko"] == "선양 구금시설" and rec["origin"]["precision"] == "town"
    assert rec["crossing"]["lon"] == 124.39058 and rec["crossing"]["lat"] == 40.11644
    assert [s["publisher"] for s in rec["sources"]] == ["Radio Free Asia", "Wikinews"]
    assert recs["2023-10-09-mass-return"]["origin"] is None and recs["2023-10-09-mass-return"]["part_of"] is None


def test_flat_table_columns(fixture_ds):
    t = flat_table(fixture_ds, filter_events(fixture_ds, Filters()))
    row = t.set_index("id").loc["2021-07-14-dandong-return"]
    assert row["source_publishers"] == "Radio Free Asia | Wikinews"
    assert row["destination_name_en"] == "Sinuiju MSS holding centre"


def test_date_bounds(fixture_ds):
    assert date_bounds(fixture_ds) == (date(2021, 7, 14), date(2023, 10, 9))
