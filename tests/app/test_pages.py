"""Every page runs in Streamlit's AppTest against the fixture data; the map's generated script is
checked for its sites, its escaping and the absence of any CDN link; filters round-trip via the URL."""

from __future__ import annotations

import json
import re

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.common import FIXTURE_DATA, hostile_copy

REPO = Path(__file__).resolve().parents[2]
PAGES = ["pages/1_timeline.py", "pages/2_sites.py", "pages/5_about.py"]


@pytest.fixture(autouse=True)
def fixture_data_env(monkeypatch):
    monkeypatch.setenv("GEO_DATA_DIR", str(FIXTURE_DATA))


def run_app(path="app.py", params=None) -> AppTest:
    at = AppTest.from_file(str(REPO / path), default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def map_args(at) -> dict:
    comps = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    assert len(comps) == 1
    return json.loads(comps[0].proto.json_args)


def test_home_page_runs_and_summarises(fixture_data_env):
    at = run_app()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Events"] == "4"
    assert metrics["Returned to North Korea"] == "~550–650"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(page):
    at = run_app(page)
    assert not at.exception, at.exception
    assert at.title


def test_pages_run_through_navigation():
    """Each page, reached through app.py's navigation, draws its own page (its title) with the app's
    filters in the sidebar, not the map page again."""
    at = run_app()
    assert at.title[0].value == "Forced repatriations of North Koreans from China"
    for page, title in zip(PAGES, ("Timeline", "Sites", "About & sources")):
        at.switch_page(page).run()
        assert not at.exception
        assert at.title[0].value == title


def test_map_script_has_sites_and_no_remote_assets():
    args = map_args(run_app())
    layers = args["feature_group"]
    for sid in ["dandong-sinuiju", "tumen-namyang", "shenyang", "tumen-detention", "sinuiju-holding", "onsong-holding"]:
        assert f"site-{sid}" in layers
    assert "secret-site" not in layers and "Secret site" not in layers
    everything = args["script"] + args["header"] + layers + " ".join(args["js_links"] + args["css_links"])
    assert not re.search(r"""(src|href)\s*=\s*["']https?://""", everything)
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"])
    assert args["returned_objects"] == ["last_object_clicked_tooltip", "last_object_clicked_count"]


def test_base_map_is_stable_across_filter_changes():
    at = run_app()
    before = map_args(at)
    at.sidebar.pills[1].set_value(["corroborated"]).run()
    after = map_args(at)
    assert before["script"] == after["script"]  # same base script: the map is not remounted
    assert before["feature_group"] != after["feature_group"]  # only the layers changed


def test_query_parameters_round_trip():
    at = run_app(params={"from": "2023-01-01", "confidence": "single-source", "site": "tumen-namyang"})
    assert not at.exception
    assert at.sidebar.date_input[0].value.isoformat() == "2023-01-01"
    assert at.sidebar.pills[1].value == ["single-source"]
    assert {m.label: m.value for m in at.metric}["Events"] == "2"
    assert any("Tumen–Namyang bridge" in h.proto.body for h in at.get("html"))  # data text: escaped HTML, not Markdown
    # change a filter: the URL follows
    at.sidebar.pills[0].set_value(["repatriation", "arrest"]).run()
    assert at.query_params["kind"] in (
        ["arrest,repatriation"],
        "arrest,repatriation",
    )  # one spelling: sorted (geo.filterparams)
    assert at.query_params["site"] in (["tumen-namyang"], "tumen-namyang")
    assert at.query_params["from"] in (["2023-01-01"], "2023-01-01")


def _param(at, key):
    value = at.query_params.get(key) if hasattr(at.query_params, "get") else None
    return value[0] if isinstance(value, list) else value


def test_date_presets_typed_dates_and_month_slider_agree_and_go_into_the_url():
    from datetime import date

    at = run_app()  # the fixture's events run from 2021-07-14 to 2023-10-09
    assert not at.exception
    preset = at.sidebar.selectbox[0]
    assert preset.value == "all" and "Oct 2023 mass return" in preset.options and "Year 2022" in preset.options
    preset.set_value("2023-10-mass-return").run()
    assert _param(at, "from") == "2023-10-01" and _param(at, "to") is None  # the month, up to the data's last day
    assert {m.label: m.value for m in at.metric}["Events"] == "3"  # of 4
    assert at.sidebar.date_input[0].value == date(2023, 10, 1)
    # a typed date: the preset says "dates chosen below", the slider follows by month
    at.sidebar.date_input[0].set_value(date(2021, 7, 20)).run()
    assert at.sidebar.selectbox[0].value == "custom" and _param(at, "from") == "2021-07-20"
    months = at.sidebar.slider[0]
    assert (
        months.value == (date(2021, 7, 20), date(2023, 10, 9)) and months.proto.step == 31 * 86400 * 1_000_000
    )  # 31 days
    at.sidebar.date_input[1].set_value(date(2022, 12, 31)).run()
    assert _param(at, "to") == "2022-12-31" and at.sidebar.date_input[0].value == date(2021, 7, 20)
    # the month slider: the thumb moved snaps to its month, the other keeps its date
    at.sidebar.slider[0].set_value((date(2021, 9, 3), date(2022, 12, 31))).run()
    assert (_param(at, "from"), _param(at, "to")) == ("2021-09-01", "2022-12-31")
    assert at.sidebar.date_input[0].value == date(2021, 9, 1)
    # back to everything: the URL holds no dates
    at.sidebar.selectbox[0].set_value("all").run()
    assert _param(at, "from") is None and _param(at, "to") is None


def test_bad_query_parameters_fall_back_to_defaults():
    at = run_app(params={"from": "2023-13-45", "kind": "<script>", "site": "nowhere"})
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Events"] == "4"


def test_hostile_data_renders_as_text(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_DATA_DIR", str(hostile_copy(tmp_path)))
    at = run_app(params={"site": "shenyang"})
    assert not at.exception
    layers = map_args(at)["feature_group"]
    assert "<script>window.__xss" not in layers and "<img src=x onerror" not in layers


def test_invalid_data_shows_problems_not_a_traceback(tmp_path, monkeypatch):
    from tests.common import copy_data, edit_event

    root = copy_data(tmp_path)
    edit_event(root, 0, date="2023-13-45")
    monkeypatch.setenv("GEO_DATA_DIR", str(root))
    at = run_app()
    assert not at.exception
    assert "problem" in at.error[0].value
    assert "column date" in at.code[0].value


@pytest.fixture
def counted_checks(tmp_path, monkeypatch) -> list:
    """A copy of the fixture data as the data directory; the list records every read-and-validate."""
    import shutil
    from geo import dataset as dataset_mod

    root = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, root)
    monkeypatch.setenv("GEO_DATA_DIR", str(root))
    calls = []
    real_check = dataset_mod.check
    monkeypatch.setattr(dataset_mod, "check", lambda *a, **k: calls.append(a) or real_check(*a, **k))
    return calls


def test_warm_up_loads_the_data_the_first_visit_uses(counted_checks):
    """chrome.warm_up (serve.py's start-up hook) reads and validates the data once; the first visitor's
    run finds it cached."""
    from pages.shared import chrome

    chrome.warm_up()  # outside any script run, as at start-up
    assert len(counted_checks) == 1
    at = run_app()
    assert not at.exception
    assert len(counted_checks) == 1  # the page reused what the warm-up loaded
    assert {m.label: m.value for m in at.metric}["Events"] == "4"


def test_warm_up_survives_invalid_data(tmp_path, monkeypatch):
    from pages.shared import chrome

    (tmp_path / "events.csv").write_text("not,a\nvalid,file\n", encoding="utf-8")
    monkeypatch.setenv("GEO_DATA_DIR", str(tmp_path))
    chrome.warm_up()  # the page shows the problems later; start-up goes on
    at = run_app()
    assert not at.exception and "problem" in at.error[0].value


def test_serve_py_serves_app_py_and_runs_the_warm_up_at_start_up(counted_checks):
    """serve.py builds an st.App around app.py whose start-up hook, run here as the server runs it,
    does the warm-up above."""
    import importlib.util
    import streamlit as st
    from tests.common import run_async

    spec = importlib.util.spec_from_file_location("serve_under_test", REPO / "serve.py")
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)
    assert isinstance(serve.app, st.App) and serve.app.script_path.name == "app.py"

    async def start_up():
        async with serve._lifespan(serve.app):
            pass

    run_async(start_up())
    assert len(counted_checks) == 1
    at = run_app()
    assert not at.exception and len(counted_checks) == 1


def test_events_table_is_built_only_once_unfolded():
    at = run_app()
    expanders = [e for e in at.expander if "Events in the selection" in e.label]
    assert len(expanders) == 1 and len(expanders[0].dataframe) == 0  # folded: nothing built or sent
    at.session_state["table_open"] = True
    at.run()
    table = [e for e in at.expander if "Events in the selection" in e.label][0].dataframe[0].value
    assert len(table) == 4 and "Summary" in table.columns and "Date" in table.columns


def test_language_from_url_and_switch():
    at = run_app(params={"lang": "ko"})
    assert not at.exception
    assert at.title[0].value == "중국의 탈북민 강제북송"
    radio = at.sidebar.radio(key="ui_lang")
    assert radio.value == "ko"
    radio.set_value("en").run()
    assert at.title[0].value == "Forced repatriations of North Koreans from China"
    assert at.query_params["lang"] in (["en"], "en")


def test_language_kept_across_pages():
    at = run_app(params={"lang": "ko"})
    at.switch_page("pages/5_about.py").run()
    assert not at.exception
    assert at.session_state["lang"] == "ko"
    assert at.query_params["lang"] in (["ko"], "ko")
