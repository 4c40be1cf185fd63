"""benchmarks/serverprofile.py: py-spy's raw stacks sorted into the load benchmark's CPU shares, and the
load report that prints them."""

from __future__ import annotations

from benchmarks import load_bench
from benchmarks.serverprofile import SHARES, classify, summarise

RUN = "Thread.run (threading.py:982);ScriptRunner._run_script_thread (streamlit/runtime/scriptrunner/script_runner.py:400)"
PAGE = RUN + ";ScriptRunner._run_script (streamlit/runtime/scriptrunner/script_runner.py:700);map_page (app.py:20)"
LOOP = "Runner.run (asyncio/runners.py:118);BaseEventLoop.run_forever (asyncio/base_events.py:607)"


def test_each_stack_lands_in_one_share():
    assert (
        classify(
            (RUN + ";ScriptRunner._on_script_finished (streamlit/runtime/scriptrunner/script_runner.py:1055)").split(
                ";"
            )
        )
        == "post-run garbage collection"
    )
    widget = (
        PAGE + ";selection (app.py:40);filters (shared/chrome.py:425);gather_metrics.<locals>.wrapped_func (x.py:1)"
    )
    assert classify(widget.split(";")) == "Streamlit elements and widgets"
    assert classify((PAGE + ";fingerprint (geo/fingerprint.py:30)").split(";")) == "the page's own code"
    assert (
        classify((RUN + ";SessionState.on_script_finished (streamlit/runtime/state/session_state.py:1)").split(";"))
        == "script runner"
    )
    assert classify((LOOP + ";WebSocket.send (starlette/websockets.py:92)").split(";")) == "server event loop"
    assert (
        classify(["PollingPathWatcher._schedule.<locals>.task (streamlit/watcher/polling_path_watcher.py:91)"])
        == "other threads"
    )


def test_summary_shares_and_the_page_calls_under_them(tmp_path):
    raw = tmp_path / "profile.txt"
    raw.write_text(
        "\n".join(
            [
                PAGE
                + ";selection (app.py:40);filters (shared/chrome.py:425);gather_metrics.<locals>.wrapped_func (x.py:1) 6",
                PAGE
                + ";selection (app.py:60);shared_map (shared/chrome.py:327);gather_metrics.<locals>.wrapped_func (x.py:1) 2",
                PAGE + ";selection (app.py:50);gather_metrics.<locals>.wrapped_func (x.py:1) 1",
                LOOP + ";WebSocket.send (starlette/websockets.py:92) 1",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = summarise(raw)
    assert out["samples"] == 10
    assert out["shares"]["Streamlit elements and widgets"] == 0.9 and out["shares"]["server event loop"] == 0.1
    assert set(out["shares"]) == set(SHARES)
    assert out["calls"] == [
        ("filters (shared/chrome.py)", 0.6),
        ("shared_map (shared/chrome.py)", 0.2),
        ("selection's own st.* calls (app.py)", 0.1),
    ]


def test_the_report_says_where_the_cpu_goes_and_keeps_the_closed_loop_as_the_measure():
    one = {
        "setup": "one app process",
        "sessions": 50,
        "moves": 5,
        "errors": 0,
        "open_p50": 2.0,
        "open_p95": 2.5,
        "move_p50": 1.2,
        "move_p95": 1.5,
        "cpu_s": 6.0,
        "peak_mb": 230,
        "alone_open": 0.1,
        "alone_move": 0.08,
        "profile": {"samples": 10, "shares": {s: 0.1 for s in SHARES}, "calls": [("filters (shared/chrome.py)", 0.3)]},
    }
    paced = dict(
        one, setup="one app process, readers pause 1–5 s before each move", open_p95=0.4, move_p95=0.3, profile=None
    )
    text = load_bench.report(
        [one, paced],
        {
            "nproc": 2,
            "cpu": "x",
            "ram": "1 GiB",
            "os": "Linux",
            "python": "3.11",
            "chromium": "c",
            "load": (1.0, 1.0, 1.0),
        },
    )
    assert "20 ms of CPU per run (6.0 s over 300 runs)" in text
    assert "50 × 20 ms = 1.0 s" in text
    assert "Streamlit elements and widgets 10%" in text and "filters (shared/chrome.py) 30%" in text
    assert "**not met**" in text  # judged on the closed loop, never on the row with pauses
    assert "| one app process, readers pause 1–5 s before each move | 50 | 5 |" in text
