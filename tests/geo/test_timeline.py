from geo.query import Filters, filter_events
from geo.timeline import monthly_counts


def test_monthly_counts_count_umbrellas_once(fixture_ds):
    frame = monthly_counts(filter_events(fixture_ds, Filters()))
    rows = {(r.month.strftime("%Y-%m"), r.kind): (r.events, r.low, r.high, r.figure) for r in frame.itertuples()}
    assert rows == {
        ("2021-07", "repatriation"): (1, 50, 50, "about 50 (one event)"),
        ("2023-10", "repatriation"): (1, 500, 600, "about 500–600 (one event)"),
    }


def test_empty_selection(fixture_ds):
    assert monthly_counts(filter_events(fixture_ds, Filters(kinds={"transfer"}))).empty


def test_a_months_single_event_reads_as_its_sources_state_it(fixture_ds):
    frame = monthly_counts(filter_events(fixture_ds, Filters()), fixture_ds)
    assert (
        frame.set_index(frame["month"].dt.strftime("%Y-%m")).loc["2023-10", "figure"]
        == "more than 500 (Human Rights Watch) – about 600 (TJWG)"
    )
