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
    assert not hasattr(wording, "people")  # figures are worded by geo.claims, per kind
    assert wording.kind_label("holding-centre", "en+ko") == "Holding centre · 집결소"


def test_sources_grouped_by_publisher():
    pairs = [("Daily NK", "2012-03"), ("Daily NK", "2023-10"), ("Newsweek", "2023-12"), ("UPI", "")]
    assert wording.source_groups(pairs, "en") == ["Daily NK (2012-03, 2023-10)", "Newsweek (2023-12)", "UPI"]
    many = [("RFA", f"{y}-01-01") for y in range(2001, 2011)]
    assert wording.source_groups(many, "en") == ["RFA (10 reports, 2001–2010)"]
    assert wording.source_groups(many, "ko") == ["RFA (10건, 2001–2010)"]


def _sums(events, low, high, approx=False, unreported=0):
    return {
        "events": events,
        "low": low,
        "high": high,
        "approx": approx,
        "low_open": False,
        "high_open": False,
        "unreported": unreported,
    }


def test_kind_sums_are_labelled_and_per_kind():
    by_kind = (("repatriation", _sums(7, 750, 850, approx=True)), ("arrest", _sums(2, 12, 12, unreported=1)))
    assert wording.kind_sums(by_kind, "en") == [
        "Returned to North Korea: about 750–850 (computed: sum of 7 events)",
        "Arrested in China: 12 (computed: sum of 2 events; no figure for 1 of them)",
    ]
    assert wording.kind_sums(by_kind, "ko")[0] == "북송: 약 750–850 (계산값: 사건 7건의 합)"


def test_site_figure_names_the_size_kind():
    class Site:
        figure = ("share of 500–600 not reported", "500–600 중 일부 (수치 보도 없음)")
        other_events = 0

    assert wording.site_figure(Site, "repatriation", "en") == "return: share of 500–600 not reported"
    assert wording.site_figure(Site, "repatriation", "ko").startswith("북송: 500–600 중 일부")
    Site.figure, Site.other_events = (), 2
    assert wording.site_figure(Site, "repatriation", "en") == "2 events of other kinds"
