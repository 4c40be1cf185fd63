from datetime import date

import pytest

from geo import timeplay


def test_quarters_cover_the_range_clipped_at_both_ends():
    out = timeplay.steps(date(2023, 2, 15), date(2023, 11, 2), "quarter")
    assert out == [
        (date(2023, 2, 15), date(2023, 3, 31)),
        (date(2023, 4, 1), date(2023, 6, 30)),
        (date(2023, 7, 1), date(2023, 9, 30)),
        (date(2023, 10, 1), date(2023, 11, 2)),
    ]


def test_months_cross_a_year_and_years_are_whole():
    months = timeplay.steps(date(2023, 11, 1), date(2024, 2, 29), "month")
    assert [a.month for a, _ in months] == [11, 12, 1, 2] and months[1][1] == date(2023, 12, 31)
    assert timeplay.steps(date(2012, 3, 1), date(2014, 1, 1), "year")[-1] == (date(2014, 1, 1), date(2014, 1, 1))


def test_reversed_range_gives_no_windows_and_unknown_unit_is_refused():
    assert timeplay.steps(date(2024, 1, 1), date(2023, 1, 1)) == []
    with pytest.raises(ValueError):
        timeplay.steps(date(2023, 1, 1), date(2024, 1, 1), "week")


def test_labels_in_both_languages_and_windows_as_data():
    w = (date(2023, 10, 1), date(2023, 12, 31))
    assert timeplay.label(w, "quarter") == "2023 Q4" and timeplay.label(w, "quarter", "ko") == "2023년 4분기"
    assert timeplay.label(w, "month") == "2023-10"
    data = timeplay.windows_json(date(2023, 1, 5), date(2023, 3, 1))
    assert data["quarter"] == [["2023-01-05", "2023-03-01", {"en": "2023 Q1", "ko": "2023년 1분기"}]]
    assert "GeoPlay" in timeplay.control_js()
