"""The site panel, events table and Sites page speak to people (issue 14): human column names,
dates in words, labels for codes, empty cells empty, figures as geo.evidence words them."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.common import FIXTURE_DATA

REPO = Path(__file__).resolve().parents[2]
RAW = ("date_precision", "people_low", "people_high", "name_en", "origin_name_en", "people_basis")


@pytest.fixture(autouse=True)
def fixture_data_env(monkeypatch):
    monkeypatch.setenv("GEO_DATA_DIR", str(FIXTURE_DATA))


def frames(at):
    return [df.value for df in at.dataframe]


def test_site_panel_tables_read_as_words():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["site"] = "shenyang"
    at.run()
    assert not at.exception
    texts = [t.value for t in at.text]
    assert any(
        t.startswith("14 Jul 2021 · Returned to North Korea · about 50 (Radio Free Asia) · corroborated") for t in texts
    )
    for frame in frames(at):
        assert not set(RAW) & set(frame.columns), list(frame.columns)
        assert "None" not in frame.astype(str).to_csv()
    claims = frames(at)[0]
    assert list(claims.columns)[:3] == ["Figure as stated", "Said by", "Publisher"]
    assert "20 Jul 2021" in claims.to_csv()


def test_sites_page_has_human_columns():
    at = AppTest.from_file(str(REPO / "pages/2_sites.py"), default_timeout=60).run()
    assert not at.exception
    sites = frames(at)[0]
    assert "Kind of place" in sites.columns and "kind" not in sites.columns
    assert "detention-centre" not in sites.astype(str).to_csv()


def test_empty_selection_says_so_and_the_url_keeps_it_empty():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["kind"] = "none"
    at.run()
    assert not at.exception
    assert at.session_state["f_kinds"] == []
    assert any("No event matches these filters. No event kind is selected." in i.value for i in at.info)
    assert at.query_params["kind"] == "none"  # a shared link keeps the empty filter, not "everything"
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["kind"] = "nonsense"
    at.run()
    assert len(at.session_state["f_kinds"]) > 1 and not at.info  # a link naming no known kind shows every kind
