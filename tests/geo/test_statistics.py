"""geo/statistics.py: statistics.csv is read, checked (columns from its JSON Schema, plus ids, sources,
low ≤ high, period order and the numbers rule) and joined into the Dataset by geo.dataset.check."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo import statistics
from geo.dataset import Dataset, check
from geo.errors import InvalidData
from geo.query import public_view
from tests.common import write_rows

HEADER = ["id", "measure", "period_start", "period_end", "period_label", "qualifier", "value", "value_low",
          "value_high", "estimator", "stated", "sources", "notes"]
GOOD = [
    dict(id="arrivals-2020", measure="arrivals-south-korea", period_start="2020-01-01", period_end="2020-12-31",
         period_label="2020", qualifier="exact", value="229", value_low="229", value_high="229",
         estimator="Ministry of Unification", stated="2021-07-20", sources="rfa-2021-07-20", notes=""),
    dict(id="arrivals-2020-q1", measure="arrivals-south-korea", period_start="2020-01-01", period_end="2020-03-31",
         period_label="2020 Q1", qualifier="exact", value="135", value_low="135", value_high="135",
         estimator="Ministry of Unification", stated="2021-07-20", sources="rfa-2021-07-20", notes=""),
    dict(id="held-about-1100", measure="detained-in-china", period_start="2023-12-01", period_end="2023-12-31",
         period_label="December 2023", qualifier="about", value="1100", value_low="990", value_high="1210",
         estimator="TJWG", stated="2023-12", sources="newsweek-2023-12;wikinews-2021-07-26", notes="a note, with a comma"),
    dict(id="returned-in-the-past", measure="repatriated-cumulative", period_start="", period_end="2023-10-13",
         period_label="all years", qualifier="more-than", value="8000", value_low="8000", value_high="8800",
         estimator="NKDB", stated="2023-10-13", sources="newsweek-2023-12", notes=""),
]


def write_stats(root, rows=None, **changes_to_first):
    rows = [dict(r) for r in (rows or GOOD)]
    rows[0].update(changes_to_first)
    return write_rows(root / "statistics.csv", rows, HEADER)


def messages(root):
    return [str(p) for p in check(root, today=date(2026, 1, 1)).problems]


def test_good_file_loads_into_the_dataset(data_dir):
    write_stats(data_dir)
    report = check(data_dir)
    assert report.problems == []
    stats = report.dataset.statistics
    assert list(stats.index) == [r["id"] for r in GOOD]
    assert stats.loc["held-about-1100", "sources"] == ("newsweek-2023-12", "wikinews-2021-07-26")
    assert stats.loc["held-about-1100", "period_end"] == pd.Timestamp("2023-12-31")
    assert pd.isna(stats.loc["returned-in-the-past", "period_start"])
    assert stats.loc["arrivals-2020", "notes"] is None
    assert stats["value_high"].dtype == "int64"


def test_no_statistics_file_means_no_statistics(data_dir):
    report = check(data_dir)
    assert report.ok and report.dataset.statistics is None
    assert statistics.of(report.dataset).empty


def test_dataset_field_defaults_to_none(fixture_ds):
    assert Dataset(fixture_ds.root, fixture_ds.sites, fixture_ds.events, fixture_ds.sources).statistics is None


def test_statistics_of_a_view_built_without_the_field_reads_the_directory(data_dir):
    write_stats(data_dir)
    ds = check(data_dir).dataset
    view = Dataset(ds.root, ds.sites, ds.events, ds.sources, ds.warnings)  # as public_view builds it today
    assert list(statistics.of(view).index) == list(ds.statistics.index)
    assert list(statistics.of(public_view(ds)).index) == list(ds.statistics.index)


@pytest.mark.parametrize("change,fragment", [
    (dict(id="arrivals-2020-q1"), "row 3 (arrivals-2020-q1) column id: duplicate id; first used on row 2"),
    (dict(sources="rfa-2021-07-20;nope"), "row 2 (arrivals-2020) column sources: source 'nope' is not in sources.csv"),
    (dict(value_low="300", value_high="229", qualifier="range", value="300"),
     "row 2 (arrivals-2020) column value_high: value_high 229 is below value_low 300"),
    (dict(period_start="2021-01-01"), "row 2 (arrivals-2020) column period_end: period_end 2020-12-31 is before period_start 2021-01-01"),
    (dict(measure="arrivals"), "column measure: 'arrivals' is not one of: arrivals-south-korea"),
    (dict(qualifier="roughly"), "column qualifier: 'roughly' is not one of: exact, about"),
    (dict(value="lots"), "column value: 'lots' is not a whole number"),
    (dict(period_end="2020-02-30"), "column period_end: '2020-02-30' is not a real calendar date"),
    (dict(period_end="2020-12"), "column period_end: '2020-12' is not a date written YYYY-MM-DD"),
    (dict(stated="July 2021"), "column stated: 'July 2021' is not a date written YYYY, YYYY-MM or YYYY-MM-DD"),
    (dict(stated="2027"), "column stated: 2027 is in the future"),
    (dict(estimator=""), "column estimator: is empty; a value is required"),
    (dict(sources=""), "column sources: is empty; a value is required"),
])
def test_each_problem_names_file_row_and_column(data_dir, change, fragment):
    write_stats(data_dir, **change)
    found = messages(data_dir)
    assert any(fragment in m and "statistics.csv:" in m for m in found), found
    assert check(data_dir, today=date(2026, 1, 1)).dataset is None


@pytest.mark.parametrize("qualifier,value,low,high,ok", [
    ("exact", 229, 229, 229, True), ("exact", 229, 228, 229, False),
    ("about", 1100, 990, 1210, True), ("about", 50, 45, 55, True), ("about", 1100, 1000, 1200, False),
    ("nearly", 50, 45, 50, True), ("more-than", 670, 670, 737, True), ("at-least", 1170, 1170, 1287, True),
    ("at-least", 1170, 1170, 1170, False), ("up-to", 200, 1, 200, True), ("up-to", 200, 0, 200, True),
    ("up-to", 200, 5, 200, False), ("range", 600, 600, 2000, True), ("range", 600, 500, 2000, False),
])
def test_ranges_follow_the_numbers_rule(data_dir, qualifier, value, low, high, ok):
    write_stats(data_dir, qualifier=qualifier, value=str(value), value_low=str(low), value_high=str(high))
    found = [m for m in messages(data_dir) if "column value_low" in m]
    assert (found == []) is ok, found
    if not ok:
        assert "data/README.md, Numbers" in found[0]


def test_wrong_header_is_reported_not_raised(data_dir):
    rows = [{k: v for k, v in r.items() if k != "notes"} for r in GOOD]
    write_rows(data_dir / "statistics.csv", rows, HEADER[:-1])
    assert any("statistics.csv:row 1 (header): missing column(s): notes" in m for m in messages(data_dir))


@pytest.mark.parametrize("content,fragment", [(b"", "file is empty"), (b"\xff\xfeid", "UTF-16"),
                                              (b'id,measure\n"unclosed', "malformed CSV")])
def test_unreadable_file_is_one_clear_problem(data_dir, content, fragment):
    (data_dir / "statistics.csv").write_bytes(content)
    found = messages(data_dir)
    assert any("statistics.csv" in m and fragment in m for m in found), found


def test_override_checks_a_candidate_file_against_the_directory(data_dir, tmp_path):
    candidate = write_rows(tmp_path / "candidate.csv", [dict(GOOD[0], sources="nope")], HEADER)
    report = check(data_dir, overrides={"statistics": candidate})
    assert [p.path for p in report.errors] == [str(candidate)]


def test_load_raises_invalid_data_and_reads_empty_when_absent(data_dir):
    assert statistics.load(data_dir).empty
    write_stats(data_dir, value="x")
    with pytest.raises(InvalidData):
        statistics.load(data_dir)


def test_helpers_label_periods_and_figures(data_dir):
    write_stats(data_dir)
    ds = check(data_dir).dataset
    kinds = statistics.period_kind(ds.statistics)
    assert kinds.to_dict() == {"arrivals-2020": "year", "arrivals-2020-q1": "quarter",
                               "held-about-1100": "other", "returned-in-the-past": "other"}
    assert statistics.stated_as("at-least", 1170) == "at least 1,170"
    assert statistics.stated_as("range", 600, 2000) == "600 to 2,000"
    labels = statistics.source_labels(ds.statistics, ds.sources)
    assert labels["held-about-1100"].count(";") == 1
    cited = statistics.cited(ds.statistics, ds.sources)
    assert len(cited) == 5 and set(cited.columns) >= {"publisher", "title", "published", "url"}

