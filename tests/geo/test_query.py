from datetime import date

import pytest

from geo.errors import UsageError
from geo.query import (
    Filters,
    counted_events,
    filter_events,
    flat_table,
    joined_records,
    public_view,
    route_totals,
    site_totals,
    summarize,
    date_bounds,
)


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
    assert ids(filter_events(fixture_ds, Filters(confidence={"corroborated"}))) == [
        "2021-07-14-dandong-return",
        "2023-10-09-mass-return",
    ]
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
    assert s.events == 4 and not hasattr(s, "people_high")  # no total of people across kinds exists
    ret = s.kind("repatriation")
    # about 50, and more than 500 (HRW) – about 600 (TJWG): the sum of the stated ends, kept 'about'
    assert (ret["events"], ret["low"], ret["high"], ret["approx"], ret["unreported"]) == (
        2,
        50 + 500,
        50 + 600,
        True,
        0,
    )
    assert list(s.by_kind.index) == ["repatriation"]
    # when the umbrella is filtered out, its parts count: about 300 and up to 200 (no floor from it)
    parts_only = summarize(ev.drop(index="2023-10-09-mass-return")).kind("repatriation")
    assert (parts_only["low"], parts_only["high"], parts_only["low_open"]) == (50 + 300, 50 + 300 + 200, True)


def test_site_totals_count_each_event_once_per_site_and_kind(fixture_ds):
    ev = filter_events(fixture_ds, Filters())
    t = site_totals(fixture_ds, ev)
    dandong = t.loc[("dandong-sinuiju", "repatriation")]
    # about 50 (2021) + up to 200 (2023 part, whose umbrella names no site): 50–250, computed
    assert (dandong["events"], dandong["low"], dandong["high"], dandong["low_open"]) == (2, 50, 250, True)
    assert t.loc[("tumen-namyang", "repatriation"), "high"] == 300
    assert "secret-site" not in t.index.get_level_values("site")
    assert set(t.index.get_level_values("kind")) == {"repatriation"}


def test_site_totals_of_an_empty_selection_are_empty(fixture_ds):
    ev = filter_events(fixture_ds, Filters(kinds={"arrest"}))
    assert len(site_totals(fixture_ds, ev)) == 0 and len(route_totals(fixture_ds, ev)) == 0


def test_route_totals(fixture_ds):
    r = route_totals(fixture_ds, filter_events(fixture_ds, Filters()))
    routes = {
        (x.origin, x.crossing, x.destination, x.kind): (x.events, x.low, x.high, x.low_open) for x in r.itertuples()
    }
    assert routes == {
        ("tumen-detention", "tumen-namyang", "onsong-holding", "repatriation"): (1, 300, 300, False),
        (None, "dandong-sinuiju", "sinuiju-holding", "repatriation"): (1, 0, 200, True),
        ("shenyang", "dandong-sinuiju", "sinuiju-holding", "repatriation"): (1, 50, 50, False),
    }


def test_joined_records_resolve_sites_and_each_claims_source(fixture_ds):
    recs = {r["id"]: r for r in joined_records(fixture_ds, filter_events(fixture_ds, Filters()))}
    rec = recs["2021-07-14-dandong-return"]
    assert rec["origin"]["name_ko"] == "선양 구금시설" and rec["origin"]["precision"] == "town"
    assert rec["crossing"]["lon"] == 124.39058 and rec["crossing"]["lat"] == 40.11644
    assert [c["source"]["publisher"] for c in rec["claims"]] == ["Radio Free Asia", "Wikinews"]
    mass = recs["2023-10-09-mass-return"]
    assert mass["origin"] is None and mass["part_of"] is None
    assert mass["figure"]["text"] == "more than 500 (Human Rights Watch) – about 600 (TJWG)"
    assert mass["figure"]["basis"] == "sources disagree"
    assert [(c["attributed_to"], c["stated"]) for c in mass["claims"]] == [
        ("Human Rights Watch", "more than 500"),
        ("TJWG", "about 600"),
    ]


def test_flat_table_columns(fixture_ds):
    t = flat_table(fixture_ds, filter_events(fixture_ds, Filters()))
    row = t.set_index("id").loc["2021-07-14-dandong-return"]
    assert row["source_publishers"] == "Radio Free Asia | Wikinews"
    assert row["people"] == "about 50 (Radio Free Asia)" and row["people_basis"] == "as stated"
    assert (
        row["claims"] == "Radio Free Asia (2021-07-20): about 50 | Radio Free Asia (in Wikinews, 2021-07-26): about 50"
    )
    mass = t.set_index("id").loc["2023-10-09-mass-return"]
    assert (
        mass["claims"]
        == "Human Rights Watch (in Newsweek, 2023-12): more than 500 | TJWG (in Newsweek, 2023-12): about 600"
    )
    assert row["destination_name_en"] == "Sinuiju MSS holding centre"


def test_date_bounds(fixture_ds):
    assert date_bounds(fixture_ds) == (date(2021, 7, 14), date(2023, 10, 9))
