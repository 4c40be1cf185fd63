"""Where an app process spends its CPU under the load: py-spy samples the running Streamlit server
(`python -m geo bench --load --profile`), only while a thread holds the GIL (--gil: Python work, not
threads waiting for the lock), and each sample is put in one share:

- post-run garbage collection: Streamlit's gc.collect() after every script run (runner.postScriptGC);
- Streamlit elements and widgets: inside the st.* calls the page makes (building each element's
  message, widget state, the map component's arguments);
- the page's own code: app.py, pages/ and geo/ outside those calls (filters, cached views, wording);
- script runner: Streamlit around the page (starting and finishing runs, session state, fragments);
- server event loop: websocket messages, sessions, HTTP;
- other threads.

py-spy (pinned in requirements-dev.txt) reads the process from outside; it needs permission to
trace it (root, or ptrace allowed for the user). Without it the benchmark runs without a profile.
"""

from __future__ import annotations

import collections
import shutil
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARES = (
    "post-run garbage collection",
    "Streamlit elements and widgets",
    "the page's own code",
    "script runner",
    "server event loop",
    "other threads",
)


def pyspy() -> str | None:
    here = Path(sys.executable).with_name("py-spy")
    return str(here) if here.exists() else shutil.which("py-spy")


class Recorder:
    """py-spy record on one process, from start() until stop(); raw (collapsed) stacks into `out`."""

    def __init__(self, pid: int, out: Path, rate: int = 200):
        self.pid, self.out, self.rate = pid, out, rate
        self.proc: subprocess.Popen | None = None

    def start(self) -> bool:
        exe = pyspy()
        if exe is None:
            return False
        self.proc = subprocess.Popen(
            [
                exe,
                "record",
                "-p",
                str(self.pid),
                "-r",
                str(self.rate),
                "-f",
                "raw",
                "--gil",
                "--nonblocking",
                "-o",
                str(self.out),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return True

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)  # py-spy writes its file on SIGINT
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


PAGE_FUNCTIONS = ("map_page ", "selection ")  # app.py: the map page and its fragment


def _own(frame: str) -> bool:
    """A frame of the project's own code (py-spy names files relative to sys.path entries)."""
    name = frame.rsplit("(", 1)[-1]
    return name.startswith(("app.py", "shared/", "pages/", "geo/")) or "/geo/" in name or "/pages/" in name


def classify(frames: list[str]) -> str:
    """The share (one of SHARES) of one sampled stack, outermost frame first."""
    if any(f.startswith("ScriptRunner._run_script_thread ") for f in frames):
        if any(f.startswith("ScriptRunner._on_script_finished ") for f in frames) and frames[-1].startswith(
            ("ScriptRunner._on_script_finished ", "collect ")
        ):
            return SHARES[0]
        if any(f.startswith("gather_metrics.<locals>.wrapped_func ") for f in frames):
            return SHARES[1]
        if any(_own(f) for f in frames):
            return SHARES[2]
        return SHARES[3]
    if any(f.startswith("BaseEventLoop.run_forever ") for f in frames):
        return SHARES[4]
    return SHARES[5]


def _call_of(frames: list[str]) -> str | None:
    """The page's own call a sample sits under: the innermost project frame that called into Streamlit
    or did the work itself, named by function (e.g. 'filters (shared/chrome.py)')."""
    own = [f for f in frames if _own(f)]
    if not own:
        return None
    # the frame right under the page function (map_page or its fragment), else the innermost own frame
    page = [i for i, f in enumerate(own) if f.startswith(PAGE_FUNCTIONS)]
    if page and page[-1] + 1 < len(own):
        return own[page[-1] + 1].rsplit(":", 1)[0] + ")"
    if page:  # st.* calls written in the page function itself (numbers, captions, downloads)
        return own[page[-1]].split(" ", 1)[0] + "'s own st.* calls (app.py)"
    return own[-1].rsplit(":", 1)[0] + ")"


def summarise(path: Path) -> dict:
    """{'samples': n, 'shares': {share: fraction}, 'calls': [(call, fraction of all samples), …]}."""
    shares, calls, total = collections.Counter(), collections.Counter(), 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n, frames = int(count), stack.split(";")
        total += n
        share = classify(frames)
        shares[share] += n
        if share in SHARES[1:3]:
            call = _call_of(frames)
            if call:
                calls[call] += n
    if not total:
        return {"samples": 0, "shares": {}, "calls": []}
    return {
        "samples": total,
        "shares": {s: shares[s] / total for s in SHARES},
        "calls": [(c, n / total) for c, n in calls.most_common(6)],
    }
