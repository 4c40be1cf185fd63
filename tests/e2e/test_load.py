"""A bounded load test on loopback: 20 concurrent sessions speak Streamlit's own websocket protocol
(the messages a browser sends), open the map and move the date slider five times each. Zero errors
allowed; the server's response times (request sent -> script finished, p50/p95) and its memory are
reported. Real-browser behaviour is covered by the other e2e tests; this one loads the server."""

from __future__ import annotations

import asyncio
import os
import statistics
import time

from tests.common import FIXTURE_DATA, run_async
from tests.e2e.conftest import StreamlitServer

SESSIONS = int(os.environ.get("LOAD_SESSIONS", "20"))
MOVES = 5
BUDGET_S = 110  # the whole exchange stays under two minutes; loopback only


def rss_kb(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


async def run_once(ws, slider_value=None, slider_id=None):
    """Send one rerun; return (seconds, slider proto, metrics, problems) when the script has finished."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    back = BackMsg()
    back.rerun_script.query_string = ""
    back.rerun_script.page_script_hash = ""
    if slider_value is not None:
        widget = back.rerun_script.widget_states.widgets.add()
        widget.id = slider_id
        widget.double_array_value.data.extend(slider_value)
    started = time.perf_counter()
    await ws.send(back.SerializeToString())
    slider, metrics, problems, has_map = None, {}, [], False
    while True:
        msg = ForwardMsg.FromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            el = msg.delta.new_element
            etype = el.WhichOneof("type")
            if etype == "slider":
                slider = el.slider
            elif etype == "metric":
                metrics[el.metric.label] = el.metric.body
            elif etype == "exception":
                problems.append(f"exception: {el.exception.message}")
            elif etype == "component_instance" and el.component_instance.component_name.endswith("st_folium"):
                has_map = True
        elif kind == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # the script asked for a rerun (st.rerun): the page is what the next run draws
            if msg.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                problems.append(f"script finished with status {msg.script_finished}")
            break
    if not has_map:
        problems.append("no map in the page")
    return time.perf_counter() - started, slider, metrics, problems


async def one_session(url: str) -> tuple[list[float], list[str]]:
    import websockets
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    times, problems = [], []
    async with websockets.connect(ws_url, subprotocols=["streamlit"], origin=url, max_size=None) as ws:
        seconds, slider, metrics, probs = await run_once(ws)
        times.append(seconds)
        problems += probs
        lo, hi = slider.min, slider.max
        seen = {metrics.get("Events")}
        for k in range(1, MOVES + 1):
            start = lo + (hi - lo) * k / (MOVES + 1)
            seconds, _, metrics, probs = await run_once(ws, [start, hi], slider.id)
            times.append(seconds)
            problems += probs
            seen.add(metrics.get("Events"))
        if len(seen) < 2:
            problems.append(f"moving the slider never changed the numbers: {seen}")
    return times, problems


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def test_twenty_concurrent_sessions(capsys):
    server = StreamlitServer(FIXTURE_DATA)
    try:
        rss_before = rss_kb(server.proc.pid, "VmRSS")

        async def main():
            return await asyncio.wait_for(
                asyncio.gather(*(one_session(server.url) for _ in range(SESSIONS)), return_exceptions=True), BUDGET_S)

        started = time.perf_counter()
        results = run_async(main())
        wall = time.perf_counter() - started
        peak = rss_kb(server.proc.pid, "VmHWM")
    finally:
        server.stop()
    errors = [f"{type(r).__name__}: {r}" for r in results if isinstance(r, BaseException)]
    ok = [r for r in results if not isinstance(r, BaseException)]
    errors += [p for _, probs in ok for p in probs]
    first = [times[0] for times, _ in ok]
    moves = [t for times, _ in ok for t in times[1:]]
    with capsys.disabled():
        print(f"\n{SESSIONS} concurrent sessions x {1 + MOVES} runs on loopback in {wall:.1f} s, errors: {len(errors)}")
        if first:
            print(f"  open the map (server, first run):  p50 {statistics.median(first):.2f} s, p95 {pct(first, .95):.2f} s")
            print(f"  move the date slider (server run): p50 {statistics.median(moves):.2f} s, p95 {pct(moves, .95):.2f} s")
        print(f"  server memory: RSS at start {rss_before / 1024:.0f} MB, peak {peak / 1024:.0f} MB")
    assert errors == [], errors[:5]
    assert len(ok) == SESSIONS
