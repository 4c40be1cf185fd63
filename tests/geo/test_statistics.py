"""geo/statistics.py: statistics.csv is read, checked (columns from its JSON Schema, plus ids, sources,
period order, value_to only for a stated range, superseded_by naming a row of the same measure and
period) and joined into the Dataset by geo.dataset.check. Figures are stored and worded as their sources
state them: no range is ever computed from a qualifier."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo import schemas, statistics
from geo.dataset import Dataset, check
from geo.errors import InvalidData
from geo.query import public_view
from tests.common import write_rows

HEADER = [
    "id",
    "measure",
    "period_start",
    "period_end",
    "period_label",
    "qualifier",
    "value",
    "value_to",
    "estimator",
    "stated",
    "sources",
    "superseded_by",
    "notes",
]
MOU = "South Korea's Ministry of Unification"


def row(
    id,
    measure="arrivals-south-korea",
    start="2020-01-01",
    end="2020-12-31",
    label="2020",
    qualifier="exact",
    value="229",
    value_to="",
    estimator=MOU,
    stated="2021-01-20",
    sources="rfa-2021-07-20",
    superseded_by="",
    notes="",
):
    return dict(
        id=id,
        measure=measure,
        period_start=start,
        period_end=end,
        period_label=label,
        qualifier=qualifier,
        value=value,
        value_to=value_to,
        estimator=estimator,
        stated=stated,
        sources=sources,
        superseded_by=superseded_by,
        notes=notes,
    )


GOOD = [
    row("arrivals-2020"),
    row("arrivals-2020-q1", end="2020-03-31", label="2020 Q1", value="135"),
    row(
        "arrivals-2020-q2-first",
        start="2020-04-01",
        end="2020-06-30",
        label="2020 Q2",
        value="10",
        stated="2020-07-10",
        superseded_by="arrivals-2020-q2",
        notes="first announcement",
    ),
    row("arrivals-2020-q2", start="2020-04-01", end="2020-06-30", label="2020 Q2", value="12"),
    row(
        "held-about-1100",
        measure="detained-in-china",
        start="2023-12-01",
        end="2023-12-31",
        label="December 2023",
        qualifier="about",
        value="1100",
        estimator="TJWG",
        stated="2023-12",
        sources="newsweek-2023-12;wikinews-2021-07-26",
        notes="a note, with a comma",
    ),
    row(
        "returned-in-the-past",
        measure="repatriated-cumulative",
        start="",
        end="2023-10-13",
        label="all years",
        qualifier="more-than",
        value="8000",
        estimator="NKDB",
        stated="2023-10-13",
        sources="newsweek-2023-12",
    ),
    row(
        "hiding-range",
        measure="hiding-in-china",
        start="",
        end="2021-07-22",
        label="2021",
        qualifier="range",
        value="600",
        value_to="2000",
        estimator="TJWG",
        stated="2021-07",
        sources="newsweek-2023-12",
    ),
    row(
        "arrested-2023",
        measure="arrested-in-china",
        start="2023-01-01",
        end="2023-12-31",
        label="2023",
        qualifier="at-least",
        value="1170",
        estimator="Human Rights Watch",
        stated="2024-01",
        sources="newsweek-2023-12",
    ),
]
IDS = [r["id"] for r in GOOD]
S = "statistics.csv:"


def write_stats(root, rows=None, at=0, **changes):
    rows = [dict(r) for r in (rows or GOOD)]
    rows[at].update(changes)
    return write_rows(root / "statistics.csv", rows, HEADER)


def messages(root):
    return [str(p) for p in check(root, today=date(2026, 1, 1)).problems]


def test_header_is_the_schemas_columns():
    assert schemas.columns("statistics") == HEADER


def test_good_file_loads_into_the_dataset_as_stated(data_dir):
    write_stats(data_dir)
    report = check(data_dir)
    assert report.errors == [] and [p for p in report.problems if p.path.endswith("statistics.csv")] == []
    stats = report.dataset.statistics
    assert list(stats.index) == IDS
    assert stats.loc["held-about-1100", "sources"] == ("newsweek-2023-12", "wikinews-2021-07-26")
    assert stats.loc["held-about-1100", "period_end"] == pd.Timestamp("2023-12-31")
    assert pd.isna(stats.loc["returned-in-the-past", "period_start"])
    assert stats.loc["arrivals-2020", "notes"] is None
    # stored as stated: one number, a second only for a stated range, nothing computed from "about"
    assert stats["value"].dtype == "int64" and str(stats["value_to"].dtype) == "Int64"
    assert (stats.loc["held-about-1100", "qualifier"], stats.loc["held-about-1100", "value"]) == ("about", 1100)
    assert pd.isna(stats.loc["held-about-1100", "value_to"])
    assert (stats.loc["hiding-range", "value"], stats.loc["hiding-range", "value_to"]) == (600, 2000)
    assert stats.loc["arrivals-2020-q2-first", "superseded_by"] == "arrivals-2020-q2"
    assert stats.loc["arrivals-2020-q2", "superseded_by"] is None
    assert not {"value_low", "value_high"} & set(stats.columns)


def test_no_statistics_file_means_no_statistics(data_dir):
    report = check(data_dir)
    assert report.ok and report.dataset.statistics is None
    assert statistics.of(report.dataset).empty
    assert list(statistics.empty().columns) == HEADER


def test_dataset_field_defaults_to_none(fixture_ds):
    assert Dataset(fixture_ds.root, fixture_ds.sites, fixture_ds.events, fixture_ds.sources).statistics is None


def test_statistics_of_a_view_built_without_the_field_reads_the_directory(data_dir):
    write_stats(data_dir)
    ds = check(data_dir).dataset
    view = Dataset(ds.root, ds.sites, ds.events, ds.sources, ds.warnings)  # as public_view builds it today
    assert list(statistics.of(view).index) == IDS
    assert list(statistics.of(public_view(ds)).index) == IDS


@pytest.mark.parametrize("measure", sorted(statistics.MEASURE_LABELS))
def test_every_measure_of_the_schema_is_accepted_and_labelled(data_dir, measure):
    assert set(statistics.MEASURE_LABELS) == set(schemas.schema("statistics")["properties"]["measure"]["enum"])
    write_stats(data_dir, measure=measure)
    assert [m for m in messages(data_dir) if S in m] == []
    assert check(data_dir).dataset.statistics.loc["arrivals-2020", "measure"] == measure


@pytest.mark.parametrize(
    "qualifier,value,to,words",
    [
        ("exact", 229, None, "229"),
        ("about", 1100, None, "about 1,100"),
        ("nearly", 50, None, "nearly 50"),
        ("more-than", 8000, None, "more than 8,000"),
        ("at-least", 1170, None, "at least 1,170"),
        ("up-to", 200, None, "up to 200"),
        ("range", 600, 2000, "600 to 2,000"),
        ("exact", 2000, pd.NA, "2,000"),
    ],
)
def test_every_figure_is_worded_as_stated(qualifier, value, to, words):
    assert statistics.stated_as(qualifier, value, to) == words


# --- hostile inputs: each problem names file, row, id and column -------------------------------------------------


@pytest.mark.parametrize(
    "at,change,fragment",
    [
        (1, dict(id="arrivals-2020"), "row 3 (arrivals-2020) column id: duplicate id; first used on row 2"),
        (
            0,
            dict(sources="rfa-2021-07-20;nope"),
            "row 2 (arrivals-2020) column sources: source 'nope' is not in sources.csv",
        ),
        (
            0,
            dict(period_start="2021-01-01"),
            "row 2 (arrivals-2020) column period_end: period_end 2020-12-31 is before period_start 2021-01-01",
        ),
        # value_to: only, and always, for a stated range, and above value
        (
            0,
            dict(qualifier="range"),
            "row 2 (arrivals-2020) column value_to: a stated range needs its second number in value_to",
        ),
        (0, dict(value_to="300"), "row 2 (arrivals-2020) column value_to: value_to is only for qualifier range"),
        (4, dict(value_to="1210"), "row 6 (held-about-1100) column value_to: value_to is only for qualifier range"),
        (
            6,
            dict(value_to="600"),
            "row 8 (hiding-range) column value_to: a range runs low to high: value_to 600 must be above value 600",
        ),
        (6, dict(value_to="50"), "row 8 (hiding-range) column value_to: a range runs low to high"),
        (6, dict(value_to="many"), "row 8 (hiding-range) column value_to: 'many' is not a whole number"),
        # superseded_by: another row, same measure, same period
        (
            2,
            dict(superseded_by="nope"),
            "row 4 (arrivals-2020-q2-first) column superseded_by: superseded_by 'nope' is not another row",
        ),
        (
            2,
            dict(superseded_by="arrivals-2020-q2-first"),
            "row 4 (arrivals-2020-q2-first) column superseded_by: superseded_by 'arrivals-2020-q2-first' is not another row",
        ),
        (
            2,
            dict(superseded_by="arrivals-2020"),
            "row 4 (arrivals-2020-q2-first) column superseded_by: superseded_by 'arrivals-2020' counts another measure or period",
        ),
        (
            2,
            dict(superseded_by="arrivals-2020-q1"),
            "column superseded_by: superseded_by 'arrivals-2020-q1' counts another measure or period",
        ),
        (
            2,
            dict(measure="detained-in-china"),
            "column superseded_by: superseded_by 'arrivals-2020-q2' counts another measure or period",
        ),
        (
            3,
            dict(superseded_by="arrivals-2020-q2-first"),
            "row 5 (arrivals-2020-q2) column superseded_by: superseded_by 'arrivals-2020-q2-first' is itself revised by 'arrivals-2020-q2'",
        ),
        (2, dict(superseded_by="Arrivals 2020"), "row 4 (arrivals-2020-q2-first) column superseded_by:"),
        # columns from the schema
        (
            0,
            dict(measure="arrivals"),
            "row 2 (arrivals-2020) column measure: 'arrivals' is not one of: arrivals-south-korea",
        ),
        (0, dict(qualifier="roughly"), "row 2 (arrivals-2020) column qualifier: 'roughly' is not one of: exact, about"),
        (0, dict(qualifier="fewer-than"), "column qualifier: 'fewer-than' is not one of"),
        (0, dict(value="lots"), "row 2 (arrivals-2020) column value: 'lots' is not a whole number"),
        (0, dict(value="-5"), "row 2 (arrivals-2020) column value:"),
        (0, dict(value=""), "row 2 (arrivals-2020) column value: is empty; a value is required"),
        (0, dict(period_end="2020-02-30"), "column period_end: '2020-02-30' is not a real calendar date"),
        (0, dict(period_end="2020-12"), "column period_end: '2020-12' is not a date written YYYY-MM-DD"),
        (0, dict(stated="July 2021"), "column stated: 'July 2021' is not a date written YYYY, YYYY-MM or YYYY-MM-DD"),
        (0, dict(stated="2027"), "row 2 (arrivals-2020) column stated: 2027 is in the future"),
        (0, dict(estimator=""), "row 2 (arrivals-2020) column estimator: is empty; a value is required"),
        (0, dict(sources=""), "row 2 (arrivals-2020) column sources: is empty; a value is required"),
        (0, dict(period_label=""), "row 2 (arrivals-2020) column period_label: is empty; a value is required"),
    ],
)
def test_each_problem_names_file_row_and_column(data_dir, at, change, fragment):
    write_stats(data_dir, at=at, **change)
    found = messages(data_dir)
    assert any(fragment in m and S in m for m in found), found
    assert check(data_dir, today=date(2026, 1, 1)).dataset is None


def test_a_revision_of_the_same_period_by_another_row_is_accepted(data_dir):
    """The first announcement and its revision count the same thing: both load, the revision is final."""
    write_stats(data_dir)
    stats = check(data_dir).dataset.statistics
    first, final = stats.loc["arrivals-2020-q2-first"], stats.loc["arrivals-2020-q2"]
    assert (first["measure"], first["period_start"], first["period_end"]) == (
        final["measure"],
        final["period_start"],
        final["period_end"],
    )
    assert (first["value"], first["stated"], final["value"]) == (10, "2020-07-10", 12)


def test_wrong_header_is_reported_not_raised(data_dir):
    rows = [{k: v for k, v in r.items() if k != "superseded_by"} for r in GOOD]
    write_rows(data_dir / "statistics.csv", rows, [h for h in HEADER if h != "superseded_by"])
    assert any("statistics.csv:row 1 (header): missing column(s): superseded_by" in m for m in messages(data_dir))


def test_old_computed_range_columns_are_refused(data_dir):
    rows = [dict(r, value_low=r["value"], value_high=r["value"]) for r in GOOD]
    write_rows(data_dir / "statistics.csv", rows, HEADER + ["value_low", "value_high"])
    found = messages(data_dir)
    assert any("statistics.csv:row 1 (header)" in m and "value_low" in m for m in found), found


@pytest.mark.parametrize(
    "content,fragment", [(b"", "file is empty"), (b"\xff\xfeid", "UTF-16"), (b'id,measure\n"unclosed', "malformed CSV")]
)
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


def test_helpers_label_periods_and_cite_each_source(data_dir):
    write_stats(data_dir)
    ds = check(data_dir).dataset
    kinds = statistics.period_kind(ds.statistics)
    assert kinds.to_dict() == {
        "arrivals-2020": "year",
        "arrivals-2020-q1": "quarter",
        "arrivals-2020-q2-first": "quarter",
        "arrivals-2020-q2": "quarter",
        "held-about-1100": "other",
        "returned-in-the-past": "other",
        "hiding-range": "other",
        "arrested-2023": "year",
    }
    labels = statistics.source_labels(ds.statistics, ds.sources)
    assert labels["held-about-1100"] == "Newsweek, 2023-12; Wikinews, 2021-07-26"
    assert labels["arrivals-2020"].startswith("Radio Free Asia, ")
    cited = statistics.cited(ds.statistics, ds.sources)
    assert len(cited) == sum(len(s.split(";")) for s in (r["sources"] for r in GOOD))
    assert set(cited.columns) >= {"publisher", "title", "published", "url"}
