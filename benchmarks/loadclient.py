"""A client that speaks Streamlit's own websocket protocol (the messages a browser sends): open the map
page and move the date slider, timing the open (websocket connection -> the first run's script finished)
and each slider move (request sent -> script finished). Used by the
load benchmark (benchmarks/load_bench.py) and the load and replica tests. Loopback only."""

from __future__ import annotations

import time

MOVES = 5


def rss_kb(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


async def run_once(ws, slider_value=None, slider_id=None, fragment_id=""):
    """Send one rerun; return (seconds, slider proto, metrics, problems, the slider's fragment) when the
    script has finished. A slider drawn by a fragment (st.fragment) is moved as a browser moves it: the
    rerun names that fragment, so only the fragment runs."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    back = BackMsg()
    back.rerun_script.query_string = ""
    back.rerun_script.page_script_hash = ""
    if slider_value is not None:
        widget = back.rerun_script.widget_states.widgets.add()
        widget.id = slider_id
        widget.double_array_value.data.extend(slider_value)
        back.rerun_script.fragment_id = fragment_id
    started = time.perf_counter()
    await ws.send(back.SerializeToString())
    slider, metrics, problems, has_map, fragment = None, {}, [], False, ""
    while True:
        msg = ForwardMsg.FromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            el = msg.delta.new_element
            etype = el.WhichOneof("type")
            if etype == "slider":
                slider, fragment = el.slider, msg.delta.fragment_id
            elif etype == "metric":
                metrics[el.metric.label] = el.metric.body
            elif etype == "exception":
                problems.append(f"exception: {el.exception.message}")
            elif etype == "component_instance" and el.component_instance.component_name.endswith("st_folium"):
                has_map = True
        elif kind == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # the script asked for a rerun (st.rerun): the page is what the next run draws
            if msg.script_finished not in (
                ForwardMsg.FINISHED_SUCCESSFULLY,
                ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
            ):
                problems.append(f"script finished with status {msg.script_finished}")
            break
    if not has_map:
        problems.append("no map in the page")
    return time.perf_counter() - started, slider, metrics, problems, fragment


async def one_session(
    url: str, moves: int = MOVES, headers: dict | None = None, think: tuple[float, float] | None = None, seed: int = 0
) -> tuple[list[float], list[str]]:
    """Open the map, then move the slider `moves` times: at once after each answer (closed loop), or
    with `think` = (least, most) seconds of a reader's pause before each move (uniform, from `seed`)."""
    import asyncio
    import random

    import websockets

    pause = random.Random(seed)
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    times, problems = [], []
    opened = time.perf_counter()  # the open counts from the connection on, as a browser's would
    async with websockets.connect(
        ws_url, subprotocols=["streamlit"], origin=url, max_size=None, additional_headers=headers or {}
    ) as ws:
        _, slider, metrics, probs, fragment = await run_once(ws)
        times.append(time.perf_counter() - opened)
        problems += probs
        lo, hi = slider.min, slider.max
        seen = {metrics.get("Events")}
        for k in range(1, moves + 1):
            if think:
                await asyncio.sleep(pause.uniform(*think))
            start = lo + (hi - lo) * k / (moves + 1)
            seconds, _, metrics, probs, _ = await run_once(ws, [start, hi], slider.id, fragment)
            times.append(seconds)
            problems += probs
            seen.add(metrics.get("Events"))
        if len(seen) < 2:
            problems.append(f"moving the slider never changed the numbers: {seen}")
    return times, problems


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]
