"""The app's play-through (issue 14) in AppTest: Play shows the first window of the chosen dates (the
numbers and the date on the map follow) with the map's base unchanged (only the layers are swapped),
the URL keeps the reader's own range, Pause restores it; the step advances on the speed's interval;
the controls and the date on the map in Korean."""

from __future__ import annotations

from tests.app.test_pages import fixture_data_env, map_args, run_app  # noqa: F401  (autouse fixture)


def _events(at) -> str:
    return {m.label: m.value for m in at.metric}[at.metric[0].label]


def test_play_shows_one_window_and_pause_restores_the_range():
    at = run_app()
    assert _events(at) == "4"
    before = map_args(at)
    at.button(key="play_button").click().run()
    assert not at.exception
    assert at.session_state["play_on"] and at.session_state["play_index"] == 0
    assert _events(at) == "1"  # 2021 Q3: the July 2021 return only
    playing = map_args(at)
    assert '"2021 Q3"' in playing["feature_group"]
    assert playing["script"] == before["script"]  # the same base: the mounted map stays, only its layers change
    assert playing["feature_group"] != before["feature_group"]
    assert "from" not in at.query_params and "to" not in at.query_params  # the URL keeps the range chosen (all dates)
    at.selectbox(key="play_unit").set_value("year").run()
    assert '"2021"' in map_args(at)["feature_group"] and at.session_state["play_index"] == 0
    at.button(key="play_button").click().run()
    assert not at.session_state["play_on"]
    assert _events(at) == "4"
    assert "2021 Q3" not in map_args(at)["feature_group"]
    assert map_args(at)["script"] == before["script"]


def test_each_step_shows_its_window_and_the_last_step_stops():
    at = run_app(params={"from": "2023-07-01", "to": "2023-12-31"})
    at.button(key="play_button").click().run()
    assert '"2023 Q3"' in map_args(at)["feature_group"] and _events(at) == "0"
    at.session_state["play_index"] = 1  # what the timer's step does (the timer itself: tests/e2e/test_playthrough.py)
    at.run()
    assert '"2023 Q4"' in map_args(at)["feature_group"] and _events(at) != "0"  # the October 2023 mass return
    at.session_state["play_index"] = 2  # past the last window: stopped, the reader's own range again
    at.run()
    assert not at.session_state["play_on"] and "2023 Q" not in map_args(at)["feature_group"]
    assert at.query_params["from"] == "2023-07-01"


def test_korean_controls_and_date():
    at = run_app(params={"lang": "ko"})
    assert not at.exception
    assert at.button(key="play_button").label == "시간 순서로 재생"
    assert at.selectbox(key="play_unit").label == "단위"
    at.button(key="play_button").click().run()
    assert at.button(key="play_button").label == "일시 정지"
    assert (
        '"2021\\ub144 3\\ubd84\\uae30"' in map_args(at)["feature_group"]
        or "2021년 3분기" in map_args(at)["feature_group"]
    )


def test_play_windows_are_cached_apart_from_the_readers_views():
    """A reader playing month by month must not push every other reader's shared views out."""
    from datetime import date

    from pages.shared import chrome

    for cache in (chrome._views, chrome._play_views, chrome._layer_scripts, chrome._play_layer_scripts):
        cache.clear()
    at = run_app()
    at.selectbox(key="play_unit").set_value("month").run()
    at.button(key="play_button").click().run()
    for index in range(1, 4):
        at.session_state["play_index"] = index
        at.run()
    assert not at.exception
    july = (date(2021, 7, 14), date(2021, 7, 31))
    assert [key[2][:2] for key in chrome._views._values] == [(date(2021, 7, 14), date(2023, 10, 9))]  # the reader's own
    assert july in [key[2][:2] for key in chrome._play_views._values] and len(chrome._play_views) == 4
    assert len(chrome._layer_scripts) == 1 and len(chrome._play_layer_scripts) == 4
