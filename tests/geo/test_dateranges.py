"""Date presets and the month slider (issue 14)."""

from datetime import date

from geo import dateranges as dr

LO, HI = date(2012, 3, 1), date(2026, 3, 31)


def test_presets_all_last_year_mass_return_and_each_year():
    ps = {p.key: (p.start, p.end) for p in dr.presets(LO, HI)}
    assert ps["all"] == (LO, HI)
    assert ps["last-12-months"] == (date(2025, 4, 1), HI)
    assert ps["2023-10-mass-return"] == (date(2023, 10, 1), date(2023, 10, 31))
    assert ps["year-2012"] == (LO, date(2012, 12, 31)) and ps["year-2026"] == (date(2026, 1, 1), HI)
    assert [p.key for p in dr.presets(LO, HI)][:3] == ["all", "last-12-months", "2023-10-mass-return"]
    assert dr.preset_of(date(2023, 10, 1), date(2023, 10, 31), LO, HI) == "2023-10-mass-return"
    assert dr.preset_of(date(2023, 10, 2), date(2023, 10, 31), LO, HI) is None


def test_presets_outside_the_data_are_not_offered():
    keys = [p.key for p in dr.presets(date(2021, 7, 14), date(2021, 12, 1))]
    assert "2023-10-mass-return" not in keys and keys[-1] == "year-2021"
    assert dr.presets(date(2024, 2, 29), date(2024, 2, 29))[0].key == "all"  # one day: no crash


def test_month_slider_steps_by_month_and_means_whole_months():
    stops = dr.months(LO, HI)
    assert len(stops) == 169 and stops[0] == date(2012, 3, 1) and stops[-1] == date(2026, 3, 1)
    assert dr.from_months(date(2023, 10, 1), date(2024, 2, 1), LO, HI) == (date(2023, 10, 1), date(2024, 2, 29))
    assert dr.to_months(date(2023, 10, 9), date(2024, 2, 3)) == (date(2023, 10, 1), date(2024, 2, 1))


def test_typed_dates_are_clamped_and_put_in_order():
    assert dr.clamp(date(2000, 1, 1), date(2030, 1, 1), LO, HI) == (LO, HI)
    assert dr.clamp(date(2020, 5, 1), date(2019, 1, 1), LO, HI) == (date(2019, 1, 1), date(2020, 5, 1))
