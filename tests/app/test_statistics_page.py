"""The Statistics page in Streamlit's AppTest: its charts carry the shipped figures and their sources,
every figure is listed with publisher, title, date and a safe link, and it degrades cleanly when the
data has no statistics or broken ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from geo.dataset import load
from tests.common import FIXTURE_DATA, XSS_PAYLOADS, read_rows, write_rows

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "pages" / "5_statistics.py"
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


def test_page_runs_on_the_shipped_data(page):
    assert not page.exception, page.exception
    assert page.title[0].value == "Statistics"
    assert [s.value for s in page.subheader] == ["Arrivals in South Korea", "Estimates: people held, hiding or returned",
                                                 "Every figure and its sources"]
    assert len(charts(page)) == 3


def test_arrivals_by_year_and_by_quarter(page):
    (_, years), (_, quarters), _ = charts(page)
    assert dict(zip(years["period_label"], years["value"])) == {"2019": 1047, "2020": 229}
    assert list(quarters["period_label"]) == ["2020 Q1", "2020 Q2", "2020 Q3", "2020 Q4", "2021 Q1", "2021 Q2"]
    assert list(quarters["value"]) == [135, 12, 48, 34, 31, 2]
    assert set(years["estimator"]) == {"South Korea's Ministry of Unification"}


def test_estimates_show_estimator_date_range_and_figure(page, shipped):
    _, _, (spec, data) = charts(page)
    expected = shipped.statistics[~shipped.statistics["measure"].eq("arrivals-south-korea").to_numpy()]
    assert sorted(data["id"]) == sorted(expected.index)
    row = data.set_index("id").loc["hrw-2021-07-held-jilin-liaoning"]
    assert (row["value_low"], row["value"], row["value_high"]) == (1170, 1170, 1287)
    assert row["figure"] == "at least 1,170" and row["stated"] == "2021-07-22"
    assert row["who"] == "Human Rights Watch (2021-07-22)"
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rule", "point", "text"]  # range line, stated figure, label


def test_every_chart_figure_shows_its_source(page):
    for spec, data in charts(page):
        assert {"cited_in", "estimator", "stated"} <= tooltip_fields(spec)
        assert data["cited_in"].str.len().gt(0).all()
    _, _, (_, data) = charts(page)
    row = data.set_index("id").loc["un-2023-10-imprisoned"]
    assert row["cited_in"] == "The Wall Street Journal (republished by Mint), 2023-10-13"


def test_source_table_lists_each_figure_with_publisher_title_date_and_safe_link(page, shipped):
    figures, sources = page.dataframe[0].value, page.dataframe[1].value
    assert len(figures) == len(shipped.statistics)
    assert list(sources.columns) == ["figure", "publisher", "title", "published", "link"]
    n_citations = sum(len(ids) for ids in shipped.statistics["sources"])
    assert len(sources) == n_citations
    urls = {u for u in shipped.sources["url"] if u}
    for link in sources["link"].dropna():
        assert link.startswith(("http://", "https://")) and link in urls
    assert sources["title"].str.contains("Concern About Fate of 50 North Korean Escapees").any()


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
    assert "statistics.csv:row 2 (arrivals-2019) column sources: source 'no-such-source' is not in sources.csv" in at.code[0].value
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
