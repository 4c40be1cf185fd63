from geo.query import Filters, filter_events
from geo.timeline import monthly_counts


def test_monthly_counts_count_umbrellas_once(fixture_ds):
    frame = monthly_counts(filter_events(fixture_ds, Filters()))
    rows = {(r.month.strftime("%Y-%m"), r.kind): (r.events, r.people_low, r.people_high) for r in frame.itertuples()}
    assert rows == {("2021-07", "repatriation"): (1, 48, 50), ("2023-10", "repatriation"): (1, 500, 600)}


def test_empty_selection(fixture_ds):
    assert monthly_counts(filter_events(fixture_ds, Filters(kinds={"transfer"}))).empty
