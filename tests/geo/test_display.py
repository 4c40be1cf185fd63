"""Data made readable: dates in words, human column names, labels for codes, empty cells empty."""

from datetime import date

import pandas as pd

from geo import display
from geo.query import public_view


def test_dates_read_as_words_no_more_precise_than_known():
    d = pd.Timestamp("2021-07-14")
    assert display.event_date(d, "day") == "14 Jul 2021"
    assert display.event_date(d, "week") == "week of 14 Jul 2021"
    assert display.event_date(d, "month") == "Jul 2021"
    assert display.event_date(d, "year") == "2021"
    assert display.event_date(d, "day", "ko") == "2021년 7월 14일"
    assert display.event_date(None) == "" and display.event_date(pd.NaT) == ""
    assert display.stated_date("2023-12") == "Dec 2023" and display.stated_date("2021") == "2021"
    assert display.stated_date("2021-07-20") == "20 Jul 2021" and display.stated_date(None) == ""
    assert display.stated_date("spring 2020") == "spring 2020"
    assert display.event_date(date(2023, 10, 9)) == "9 Oct 2023"


def test_tables_have_human_columns_labels_and_no_none(fixture_ds):
    ds = public_view(fixture_ds)
    events = display.events_view(ds, ds.events)
    assert list(events.columns)[:3] == ["Date", "What happened", "People, as the sources state them"]
    text = events.to_csv(index=False)
    for raw in ("None", "nan", "death-in-custody", "single-source", "date_precision", "2021-07-14,"):
        assert raw not in text, raw
    assert "about 50 (Radio Free Asia)" in text  # worded by geo.evidence, unchanged
    assert "more than 500 (Human Rights Watch) – about 600 (TJWG)" in text
    sources, link, archived = display.sources_view(ds, list(ds.sources.index))
    assert "None" not in sources.drop(columns=[link, archived]).to_csv() and "Dec 2023" in sources.to_csv()
    sites = display.sites_view(ds.sites)
    assert "Kind of place" in sites.columns and "detention-centre" not in sites.to_csv()
