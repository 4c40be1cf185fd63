"""geo.statistics_view: the Statistics page's rows, worded as stated, in the reader's language, with
every figure's sources; first announcements shown with what replaced them; no figure computed."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import statistics_view as view
from geo.dataset import check
from tests.geo.test_statistics import GOOD, row, write_stats


@pytest.fixture
def loaded(data_dir):
    write_stats(data_dir)
    ds = check(data_dir).dataset
    return ds.statistics, ds.sources


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_figure_is_worded_as_stated_in_the_language(loaded, lang):
    stats, sources = loaded
    frame = view.display_frame(stats, sources, lang).set_index("id")
    assert len(frame) == len(GOOD)
    figure = frame.at["held-about-1100", "figure"]
    assert figure == ("about 1,100" if lang == "en" else "약 1,100명")
    assert frame.at["hiding-range", "value"] == 600 and frame.at["hiding-range", "value_end"] == 2000
    assert frame.at["held-about-1100", "value_end"] == 1100  # no range from "about"
    label = frame.at["held-about-1100", "measure_label"]
    assert label == ("Held in Chinese custody" if lang == "en" else view.measure_label("detained-in-china", "ko"))
    assert lang == "en" or label != "Held in Chinese custody"
    assert frame.at["arrivals-2020-q2-first", "superseded"] and not frame.at["arrivals-2020-q2", "superseded"]
    assert frame.at["held-about-1100", "notes"] == "a note, with a comma" and frame.at["arrivals-2020", "notes"] == ""
    assert (
        frame.at["arrivals-2020", "period_kind"] == "year" and frame.at["arrivals-2020-q1", "period_kind"] == "quarter"
    )


def test_first_announcements_name_what_replaced_them(loaded):
    stats, sources = loaded
    frame = view.display_frame(stats, sources, "en")
    first = view.first_announcements(frame, "en")
    assert first.to_dict("records") == [
        {
            "period": "2020 Q2",
            "first announced": "10, stated 2020-07-10",
            "revised to (figure shown)": "12, stated 2021-01-20",
            "estimated by": row("x")["estimator"],
            "source(s)": first["source(s)"].iloc[0],
        }
    ]
    assert first["source(s)"].iloc[0]  # 'Publisher, date'


def test_arrival_charts_show_only_figures_in_force_and_every_year(loaded):
    stats, sources = loaded
    frame = view.display_frame(stats, sources, "en")
    quarters = view.arrivals_by(frame, "quarter", "en")
    assert list(quarters["id"]) == ["arrivals-2020-q1", "arrivals-2020-q2"]  # the first announcement is not charted
    assert list(quarters["order"]) == [0, 1] and "period_start" not in quarters  # plain types only
    assert list(view.arrivals_by(frame, "year", "en")["id"]) == ["arrivals-2020"]
    assert view.sources_named(quarters)


def test_years_no_source_quotes_are_gaps_in_the_readers_language():
    data = pd.DataFrame(
        {
            "id": ["a", "b"],
            "measure_label": ["Arrivals"] * 2,
            "period_label": ["2018", "2021"],
            "figure": ["1,137", "63"],
            "value": [1137, 63],
            "value_end": [1137, 63],
            "estimator": ["MOU"] * 2,
            "stated": ["2019", "2022"],
            "cited_in": ["x", "y"],
            "notes": ["", ""],
            "order": [0, 1],
        }
    )
    out = view.every_year(data)
    assert list(out["period_label"]) == ["2018", "2019", "2020", "2021"] and list(out["order"]) == [0, 1, 2, 3]
    assert out["value"].isna().tolist() == [False, True, True, False]
    assert out.loc[1, "figure"] == "no figure quoted"
    assert view.every_year(data, "ko").loc[1, "figure"] not in ("no figure quoted", "")
    quarters = data.assign(period_label=["2018 Q1", "2021 Q3"])
    assert view.every_year(quarters) is quarters  # only whole years are filled in


def test_estimates_one_chart_per_measure_and_who_said_it(data_dir):
    write_stats(
        data_dir,
        GOOD
        + [
            row(
                "held-again",
                measure="detained-in-china",
                start="2023-11-01",
                end="2023-11-30",
                label="November 2023",
                qualifier="about",
                value="900",
                estimator="TJWG",
                stated="2023-12",
                sources="newsweek-2023-12",
            )
        ],
    )
    ds = check(data_dir).dataset
    frame = view.display_frame(ds.statistics, ds.sources, "en")
    charts = dict(view.estimates(frame))
    assert "arrivals-south-korea" not in charts
    assert set(charts) == {"detained-in-china", "repatriated-cumulative", "hiding-in-china", "arrested-in-china"}
    held = charts["detained-in-china"]
    # one estimator, one date, two periods: the period tells the rows apart
    assert sorted(held["who"]) == ["TJWG (2023-12): December 2023", "TJWG (2023-12): November 2023"]
    assert charts["arrested-in-china"]["who"].tolist() == ["Human Rights Watch (2024-01)"]


def test_table_and_sources_of_each_figure(loaded):
    stats, sources = loaded
    frame = view.display_frame(stats, sources, "en")
    table = view.every_figure(frame)
    assert list(table.columns) == [
        "measure",
        "period",
        "figure",
        "estimated by",
        "stated",
        "first announcement, revised to",
        "source(s)",
        "notes",
    ]
    assert len(table) == len(GOOD)
    links = view.figure_sources(stats, sources, frame)
    assert list(links.columns) == ["figure", "publisher", "title", "published", "link"]
    assert "Held in Chinese custody, December 2023: about 1,100 (TJWG)" in set(links["figure"])
    assert all(link == "" or link.startswith(("http://", "https://")) for link in links["link"].fillna(""))
