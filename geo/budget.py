"""Running a piece of work (a validation) within a time and memory budget, in a process of its own.

The Editor checks uploaded and edited files here, so that:
- a hostile file can cost at most `time_s` seconds and `memory_mb` MB of memory more than an idle
  worker; past either limit the worker is killed and OverBudget says which limit was hit;
- the work runs outside the server process, so the public pages keep their speed (and the server
  its memory) while an editor validates a big file.

Workers are forked from a forkserver that has already imported the validation code, so a job
starts in milliseconds; `prestart()` (called at server start-up) starts that forkserver early.
Memory is the worker's resident set growth, polled every 20 ms. Nothing here imports streamlit.
"""

from __future__ import annotations

import multiprocessing as mp
import threading
import time

TIME_S = 10.0
MEMORY_MB = 300
PRELOAD = ["geo.editing.upload"]
POLL_S = 0.02

_lock = threading.Lock()
_ctx = None


class OverBudget(Exception):
    """The work was stopped: `limit` is 'time' or 'memory' (or 'crash' when the worker died)."""

    def __init__(self, limit: str, seconds: float, memory_mb: float, time_s: float, budget_mb: float) -> None:
        self.limit, self.seconds, self.memory_mb = limit, seconds, memory_mb
        self.time_s, self.budget_mb = time_s, budget_mb
        what = {
            "time": f"it took longer than {time_s:g} s",
            "memory": f"it needed more than {budget_mb:g} MB of memory",
            "crash": "the checking process stopped unexpectedly",
        }[limit]
        super().__init__(f"checking was stopped because {what}")


def _context():
    global _ctx
    with _lock:
        if _ctx is None:
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            _ctx = ctx
        return _ctx


def _noop() -> None:
    return None


def prestart() -> None:
    """Start the forkserver (it imports the validation code once) so that the first check is quick."""
    run(_noop, time_s=120, memory_mb=1024)


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _worker(conn, fn, args, kwargs) -> None:
    conn.send(("started", None))
    try:
        result = ("ok", fn(*args, **kwargs))
    except BaseException as exc:  # handed to the caller, who raises it
        result = ("error", exc)
    try:
        conn.send(result)
    except Exception as exc:  # an exception or result that does not pickle
        conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        conn.close()


def limits() -> tuple[float, float]:
    """The budget: TIME_S and MEMORY_MB, or GEO_CHECK_TIME_S / GEO_CHECK_MEMORY_MB from the environment
    (for a slower machine, or a test suite sharing a busy one)."""
    import os

    try:
        return (
            float(os.environ.get("GEO_CHECK_TIME_S", TIME_S)),
            float(os.environ.get("GEO_CHECK_MEMORY_MB", MEMORY_MB)),
        )
    except ValueError:
        return TIME_S, MEMORY_MB


def run(fn, *args, time_s: float | None = None, memory_mb: float | None = None, **kwargs):
    """fn(*args, **kwargs) in a worker process; its result, or its exception re-raised, or OverBudget.

    `fn`, the arguments and the result must pickle; `fn` must be importable (a module-level function).
    The clock starts with this call (handing the arguments over counts too); only the forkserver's own
    first start is outside it, which prestart() does at server start-up.
    """
    default_time, default_memory = limits()
    time_s = default_time if time_s is None else time_s
    memory_mb = default_memory if memory_mb is None else memory_mb
    ctx = _context()
    clock = time.monotonic()
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(sender, fn, args, kwargs), daemon=True)
    proc.start()
    sender.close()
    started = base = None
    peak = 0.0
    try:
        while True:
            if receiver.poll(POLL_S):
                try:
                    status, value = receiver.recv()
                except (EOFError, OSError):
                    status, value = "crash", None
                if status == "started":
                    started = clock
                    base = _rss_mb(proc.pid)
                    continue
                if status == "ok":
                    return value
                if status == "error":
                    raise value
                raise OverBudget("crash", _since(started), peak, time_s, memory_mb)
            if started is None:
                if not proc.is_alive():
                    raise OverBudget("crash", 0.0, 0.0, time_s, memory_mb)
                if time.monotonic() - clock > time_s:
                    raise OverBudget("time", time.monotonic() - clock, 0.0, time_s, memory_mb)
                continue
            grown = _rss_mb(proc.pid) - base
            peak = max(peak, grown)
            if grown > memory_mb:
                raise OverBudget("memory", _since(started), grown, time_s, memory_mb)
            if time.monotonic() - started > time_s:
                raise OverBudget("time", _since(started), peak, time_s, memory_mb)
            if not proc.is_alive() and not receiver.poll(0):
                raise OverBudget("crash", _since(started), peak, time_s, memory_mb)
    finally:
        receiver.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)


def _since(started) -> float:
    return 0.0 if started is None else time.monotonic() - started
