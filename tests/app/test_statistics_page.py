"""The Statistics page in Streamlit's AppTest: its charts carry the shipped figures and their sources,
every figure is listed with publisher, title, date and a safe link, and it degrades cleanly when the
data has no statistics or broken ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from geo import statistics
from geo.dataset import load
from tests.common import FIXTURE_DATA, XSS_PAYLOADS, read_rows, write_rows

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "pages" / "3_statistics.py"
SHIPPED = REPO / "data"


def run_page(monkeypatch, data: Path) -> AppTest:
    monkeypatch.setenv("GEO_DATA_DIR", str(data))
    return AppTest.from_file(str(PAGE), default_timeout=60).run()


def charts(at: AppTest) -> list[tuple[dict, "pa.Table"]]:
    """Each Altair chart as (Vega-Lite spec, its data as a pandas frame)."""
    out = []
    for el in at.get("vega_lite_chart"):
        proto = el.proto
        assert len(proto.datasets) == 1
        frame = pa.ipc.open_stream(proto.datasets[0].data.data).read_all().to_pandas()
        out.append((json.loads(proto.spec), frame))
    return out


def tooltip_fields(spec: dict) -> set[str]:
    fields = set()
    for layer in spec.get("layer", [spec]):
        fields |= {t["field"] for t in layer.get("encoding", {}).get("tooltip", [])}
    return fields


@pytest.fixture(scope="module")
def shipped():
    return load(SHIPPED)


@pytest.fixture
def page(monkeypatch):
    return run_page(monkeypatch, SHIPPED)


def final_arrivals(shipped, kind):
    stats = shipped.statistics
    arrivals = stats[stats["measure"].eq("arrivals-south-korea").to_numpy() & stats["superseded_by"].isna().to_numpy()]
    return arrivals[statistics.period_kind(arrivals).eq(kind).to_numpy()]


def test_page_runs_on_the_shipped_data(page, shipped):
    assert not page.exception, page.exception
    assert page.title[0].value == "Statistics"
    assert [s.value for s in page.subheader] == [
        "Arrivals in South Korea",
        "Estimates: people held, hiding, arrested or returned",
        "Every figure and its sources",
    ]
    measures = set(shipped.statistics["measure"]) - {"arrivals-south-korea"}
    assert len(charts(page)) == 2 + len(measures)  # years, quarters, one chart per estimated measure


def test_arrivals_chart_shows_every_published_year_with_its_final_figure(page, shipped):
    (_, years), (_, quarters), *_ = charts(page)
    final_years = final_arrivals(shipped, "year")
    assert list(years["id"]) == list(final_years.sort_values("period_start").index)
    assert list(years["period_label"]) == [str(y) for y in range(1998, 2026)]  # first published year to 2025, each once
    assert dict(zip(years["period_label"], years["value"])) == {
        str(int(p.year)): v for p, v in zip(final_years["period_start"], final_years["value"])
    }
    by_year = dict(zip(years["period_label"], years["value"]))
    assert (by_year["2002"], by_year["2020"], by_year["2021"], by_year["2025"]) == (1138, 229, 63, 223)
    assert set(years["estimator"]) == {"South Korea's Ministry of Unification"}
    assert not set(years["id"]) & set(shipped.statistics["superseded_by"].dropna().index)
    q = dict(zip(quarters["period_label"], quarters["value"]))
    assert (q["2020 Q1"], q["2021 Q2"], q["2025 Q1"]) == (135, 5, 38)  # 2021 Q2: revised 5, not the first 2


def test_quarters_add_up_to_the_year_wherever_all_four_are_final(page):
    (_, years), (_, quarters), *_ = charts(page)
    by_year = dict(zip(years["period_label"], years["value"]))
    quarters = quarters.assign(year=quarters["period_label"].str[:4])
    complete = quarters.groupby("year").filter(lambda g: len(g) == 4).groupby("year")["value"].sum()
    assert list(complete.index) == ["2019", "2020", "2021", "2022", "2023"]
    for year, total in complete.items():
        assert by_year[year] == total, year


def test_superseded_first_announcements_are_listed_with_their_date_never_as_the_figure(page, shipped):
    stats = shipped.statistics
    first = stats[stats["superseded_by"].notna().to_numpy() & stats["measure"].eq("arrivals-south-korea").to_numpy()]
    table = page.dataframe[0].value
    assert list(table.columns) == [
        "period",
        "first announced",
        "revised to (figure shown)",
        "estimated by",
        "source(s)",
    ]
    assert len(table) == len(first)
    row = table[table["period"].eq("2021 Q2")].iloc[0]
    assert row["first announced"] == "2, stated 2021-07" and row["revised to (figure shown)"] == "5, stated 2022-01-20"
    row = table[table["period"].eq("2025")].iloc[0]
    assert row["first announced"] == "224, stated 2026-01-20" and row["revised to (figure shown)"].startswith("223, ")
    charted = set().union(*(set(data["id"]) for _, data in charts(page)))
    assert charted.isdisjoint(first.index)


def test_every_figure_is_listed_in_words_as_stated_with_estimator_and_sources(page, shipped):
    figures = page.dataframe[1].value
    assert list(figures.columns) == [
        "measure",
        "period",
        "figure",
        "estimated by",
        "stated",
        "first announcement, revised to",
        "source(s)",
        "notes",
    ]
    assert len(figures) == len(shipped.statistics)
    assert figures["estimated by"].str.len().gt(0).all() and figures["source(s)"].str.len().gt(0).all()
    words = set(figures["figure"])
    assert {"at least 1,170", "600 to 2,000", "up to 2,000", "about 2,000", "more than 8,000", "8,148"} <= words
    assert not figures["figure"].str.contains("–").any()  # no computed range anywhere
    revised = figures[figures["first announcement, revised to"].ne("")]
    assert len(revised) == shipped.statistics["superseded_by"].notna().sum()


def test_estimates_show_who_when_and_the_figure_as_stated(page, shipped):
    estimated = shipped.statistics[~shipped.statistics["measure"].eq("arrivals-south-korea").to_numpy()]
    rows = pd.concat([data for _, data in charts(page)[2:]]).set_index("id")
    assert sorted(rows.index) == sorted(estimated.index)
    for _, data in charts(page)[2:]:
        assert data["measure_label"].nunique() == 1  # one measure per chart, never compared on one axis
    row = rows.loc["hrw-2021-07-held-jilin-liaoning"]
    assert (row["value"], row["value_end"], row["figure"]) == (1170, 1170, "at least 1,170")
    assert row["stated"] == "2021-07-22" and row["who"].startswith("Human Rights Watch (2021-07-22)")
    stated_range = rows[rows["figure"].eq("600 to 2,000")].iloc[0]
    assert (stated_range["value"], stated_range["value_end"]) == (600, 2000)
    spec, _ = charts(page)[2]
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rule", "point", "text"]


def test_every_chart_figure_shows_its_source(page):
    for spec, data in charts(page):
        assert {"cited_in", "estimator", "stated", "figure"} <= tooltip_fields(spec)
        assert data["cited_in"].str.len().gt(0).all()
    rows = pd.concat([data for _, data in charts(page)[2:]]).set_index("id")
    assert rows.loc["un-2023-10-imprisoned", "cited_in"] == "The Wall Street Journal (republished by Mint), 2023-10-13"


def test_source_table_lists_each_figure_with_publisher_title_date_and_safe_link(page, shipped):
    sources = page.dataframe[2].value
    assert list(sources.columns) == ["figure", "publisher", "title", "published", "link"]
    n_citations = sum(len(ids) for ids in shipped.statistics["sources"])
    assert len(sources) == n_citations
    urls = {u for u in shipped.sources["url"] if u}
    for link in sources["link"].dropna():
        assert link.startswith(("http://", "https://")) and link in urls
    assert (
        sources["figure"]
        .str.contains("Held in Chinese custody, 22 July 2021: at least 1,170 \\(Human Rights Watch\\)")
        .any()
    )


def test_page_without_statistics_says_so(monkeypatch):
    at = run_page(monkeypatch, FIXTURE_DATA)  # the fixture data has no statistics.csv
    assert not at.exception
    assert any("no statistics" in i.value for i in at.info)
    assert charts(at) == []


def test_broken_statistics_stop_the_page_with_the_problem_listed(monkeypatch, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(SHIPPED, root, ignore=shutil.ignore_patterns("basemap"))
    rows = read_rows(root / "statistics.csv")
    rows[0]["sources"] = "no-such-source"
    write_rows(root / "statistics.csv", rows)
    at = run_page(monkeypatch, root)
    assert not at.exception
    assert at.error and "problem" in at.error[0].value
    assert (
        "statistics.csv:row 2 (arrivals-1998) column sources: source 'no-such-source' is not in sources.csv"
        in at.code[0].value
    )
    assert charts(at) == []


def test_hostile_text_stays_data(monkeypatch, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(SHIPPED, root, ignore=shutil.ignore_patterns("basemap"))
    rows = read_rows(root / "statistics.csv")
    for row in rows:
        row["estimator"] = row["estimator"] + " " + XSS_PAYLOADS[1]
        row["notes"] = XSS_PAYLOADS[0]
        row["period_label"] = row["period_label"] + XSS_PAYLOADS[2]
    write_rows(root / "statistics.csv", rows)
    at = run_page(monkeypatch, root)
    assert not at.exception
    for spec, _ in charts(at):
        assert "<script" not in json.dumps(spec) and "onerror" not in json.dumps(spec)  # text only in the data
    for md in at.markdown:
        assert "<script" not in md.value and "onerror" not in md.value
