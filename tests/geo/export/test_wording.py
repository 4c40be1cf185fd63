"""geo.export.wording: English and Korean text, dates and people ranges."""

from datetime import date

from geo.export import wording


def test_dates():
    assert wording.date_range(date(2021, 7, 14), date(2023, 10, 9), "en") == "14 Jul 2021 – 9 Oct 2023"
    assert wording.date_range(date(2021, 7, 14), date(2023, 10, 9), "ko") == "2021년 7월 14일 – 2023년 10월 9일"
    assert wording.date_range(date(2021, 7, 14), date(2021, 7, 14), "en") == "14 Jul 2021"
    assert wording.date_range(None, None, "en") == ""


def test_words_in_each_language():
    assert wording.word("events", "en", n=4) == "4 events"
    assert wording.word("events", "en", n=1) == "1 event"
    assert wording.word("events", "ko", n=4) == "사건 4건"
    assert wording.word("sources", "en+ko") == "Sources / 출처"
    assert wording.people(48, 50, "en") == "48–50 people"
    assert wording.people(300, 300, "ko") == "300명"
    assert wording.kind_label("holding-centre", "en+ko") == "Holding centre · 집결소"


def test_sources_grouped_by_publisher():
    pairs = [("Daily NK", "2012-03"), ("Daily NK", "2023-10"), ("Newsweek", "2023-12"), ("UPI", "")]
    assert wording.source_groups(pairs, "en") == ["Daily NK (2012-03, 2023-10)", "Newsweek (2023-12)", "UPI"]
    many = [("RFA", f"{y}-01-01") for y in range(2001, 2011)]
    assert wording.source_groups(many, "en") == ["RFA (10 reports, 2001–2010)"]
    assert wording.source_groups(many, "ko") == ["RFA (10건, 2001–2010)"]
