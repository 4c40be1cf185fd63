"""Speed at scale: 1k, 10k and 100k synthetic events from files to map HTML, against geopandas explore().

    python -m geo bench [--events N ...] [--sites M] [--seed S] [--repeat R] [--browser] [--no-export]

Every N gets a synthetic data directory (tools/synthetic.py) and fresh worker processes, so each measures
its own peak memory (peak RSS, VmHWM) and none warms another's caches. The code measured is the real
code, as the app and the exports call it:

- ours: dataset.check (load + validate), public_view + filter_events for the whole date range
  (join), site_totals + route_totals + summarize (aggregate), full_map(...).get_root().render()
  (map HTML, as the app builds it: the basemap is fetched from static/basemap/, not embedded).
  Then a filter change as the app reruns it (a new date range: filter_events + summarize +
  site_totals + route_totals, base_map + the two feature groups, st_folium's own server-side
  serialisation of map and groups, and the first page of the events table), and the static PNG
  export (geo.export). Each step is the best of --repeat runs (the machine is shared; the fastest
  run is the least disturbed) after a warm-up on a tiny data set (imports, schema validators,
  templates and the cached basemap are warm, as in the app).
- memory: one pass of the same pipeline in a fresh process; its peak RSS (VmHWM) is the peak memory.
- explore: the same public events joined to their site points (one point per event at its
  crossing, else its origin) as a GeoDataFrame, then gdf.explore(column="kind") rendered to HTML.

--browser also times the real app in headless Chromium: from page.goto() to the first visible
`.leaflet-interactive` element inside the streamlit-folium iframe, and a filter change (the date
slider's start thumb moved with the End key until the metrics change), on the largest data set and
on the smallest (what the framework costs whatever the data).

Unless --no-export, the export benchmark (benchmarks/export_bench.py, on the shipped data) runs too
and rewrites the README's "Export" section. The latest results, with a description of the machine,
are written to benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
README = Path(__file__).resolve().parent / "README.md"
DEFAULT_SIZES = (1_000, 10_000, 100_000)
FILTER_RANGE = (date(2010, 1, 1), date(2019, 12, 31))  # the "date slider moved" range
TABLE_PAGE_ROWS = 500  # pages/shared/chrome.py shows the events table a page at a time
PACKAGES = (
    "numpy",
    "pandas",
    "pyarrow",
    "geopandas",
    "shapely",
    "pyproj",
    "folium",
    "branca",
    "jinja2",
    "jsonschema",
    "matplotlib",
    "mapclassify",
    "streamlit",
    "streamlit-folium",
    "playwright",
)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SLIDER_THUMB = "[data-testid='stSidebar'] [data-testid='stSlider'] input[type='range']"
ST_FOLIUM_RETURNED = ["last_object_clicked_tooltip", "last_object_clicked_count"]  # as app.py asks

# The targets at 100k events on the 2-core machine.
TARGETS = {
    "pipeline_s": 1.0,  # load + validate + join + map HTML
    "html_kb": 500.0,
    "map_speedup": 20.0,  # map building (full_map + render) vs explore() (+ render)
    "filter_s": 0.3,
    "validate_s": 1.0,
    "peak_mb": 500.0,
    "browser_ms": 3000.0,
    "cold_export_s": 2.0,  # a fresh `python -m geo export --out x.png` (interpreter, imports, load, render, write)
}


# --------------------------------------------------------------------------- helpers


def _now() -> float:
    return time.perf_counter()


def _peak_mb() -> float:
    """Peak resident memory of this process so far, in MiB.

    VmHWM from /proc (Linux): ru_maxrss would also count the parent's memory at fork time, since
    Linux carries the old address space's high-water mark across exec.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _emit(result: dict) -> None:
    """A worker's result: one JSON line, last on stdout."""
    sys.stdout.write("\n" + json.dumps(result) + "\n")
    sys.stdout.flush()


# --------------------------------------------------------------------------- workers (run in subprocesses)


def _warm_up() -> None:
    """Imports (streamlit_folium too), schema validators, the basemap and the Jinja templates, on a tiny data set."""
    from geo import dataset, mapbuild, query
    from tools import synthetic

    with tempfile.TemporaryDirectory() as tmp:
        synthetic.write(synthetic.generate(50, 12, seed=1), Path(tmp))
        ds = query.public_view(dataset.load(Path(tmp)))
        events = query.filter_events(ds, query.Filters())
        mapbuild.full_map(ds, query.site_totals(ds, events), query.route_totals(ds, events)).get_root().render()
        _filter_change(ds, query.Filters())


class _StepTimer:
    """Wraps module functions to add up the time spent in them (the validation breakdown)."""

    def __init__(self):
        self.totals: dict[str, float] = {}
        self._undo = []

    def wrap(self, module, name: str, label: str, pick=None):
        original = getattr(module, name, None)
        if original is None:  # the lead renamed it: time what is there, never fail the benchmark
            return

        def timed(*args, **kwargs):
            t = _now()
            try:
                return original(*args, **kwargs)
            finally:
                key = pick(args, kwargs) if pick else label
                if key:
                    self.totals[key] = self.totals.get(key, 0.0) + _now() - t

        setattr(module, name, timed)
        self._undo.append((module, name, original))

    def restore(self):
        for module, name, original in reversed(self._undo):
            setattr(module, name, original)
        self._undo.clear()


def _validation_breakdown(root: Path) -> dict:
    """One extra dataset.check with its parts timed: site layers, each table, cross-file checks, typing."""
    from geo import dataset

    timer = _StepTimer()
    timer.wrap(dataset, "_read_sites", "sites")
    for name in ("read_table", "_read_table"):
        timer.wrap(dataset, name, "", pick=lambda a, k: f"read+columns {a[1] if len(a) > 1 else k.get('table', '?')}")
    timer.wrap(dataset, "_event_checks", "event cross-checks")
    timer.wrap(dataset, "_typed_events", "typing events")
    try:
        t = _now()
        dataset.check(root)
        total = _now() - t
    finally:
        timer.restore()
    out = {k: round(v, 4) for k, v in timer.totals.items()}
    out["total"] = round(total, 4)
    # "validating the events": parsing events.csv, checking its columns and its cross-file rules
    out["validate events"] = round(
        timer.totals.get("read+columns events", 0.0) + timer.totals.get("event cross-checks", 0.0), 4
    )
    return out


def _export_png(ds, f):
    """Time the static PNG export (geo.export.render(ds, filters, ExportOptions(), 'png')) if geo.export exists.

    Returns (seconds, bytes, note); seconds is None when the export is not available or fails.
    """
    try:
        from geo.export import ExportOptions, render
    except Exception as exc:  # not there yet, or broken: say so, do not fail the benchmark
        return None, None, f"geo.export not importable ({type(exc).__name__}: {exc})"
    try:
        from dataclasses import replace

        render(
            ds, replace(f, date_from=f.date_to), ExportOptions(), "png"
        )  # warm-up on one day: fonts, basemap, matplotlib
        t = _now()
        data = render(ds, f, ExportOptions(), "png")
        return _now() - t, len(data), "geo.export.render(ds, filters, ExportOptions(), 'png'), default preset"
    except Exception as exc:
        return None, None, f"geo.export.render failed: {type(exc).__name__}: {exc}"


def _st_folium_server(base, groups) -> dict | None:
    """Everything st_folium does on the server for one rerun (render the map, serialise it and the
    feature groups to JS, hash it), with its frontend call replaced by a capture of its arguments.
    None when streamlit_folium is not installed."""
    try:
        import streamlit_folium as sf
    except Exception:
        return None
    captured: dict = {}
    original = sf._component_func
    sf._component_func = lambda **kwargs: captured.update(kwargs)
    try:
        sf.st_folium(
            base,
            key="map",
            height=560,
            use_container_width=True,
            feature_group_to_add=groups,
            returned_objects=ST_FOLIUM_RETURNED,
        )
    finally:
        sf._component_func = original
    return captured


def _payload_bytes(captured: dict | None) -> int | None:
    """What st_folium sends the browser per rerun: the map's script, header, HTML and the feature groups."""
    if captured is None:
        return None
    return sum(len((captured.get(k) or "").encode("utf-8")) for k in ("script", "header", "html", "feature_group"))


def _filter_change(ds, f2, page_rows: int = TABLE_PAGE_ROWS) -> tuple[dict, dict]:
    """One app rerun after the date slider moved (app.py map_page minus Streamlit's own widgets)."""
    from geo import mapbuild, query

    t0 = _now()
    ev = query.filter_events(ds, f2)
    query.summarize(ev)
    tot = query.site_totals(ds, ev)
    rt = query.route_totals(ds, ev)
    t1 = _now()
    base = mapbuild.base_map()
    groups = [mapbuild.route_layer(ds, rt), mapbuild.site_layer(ds, tot, f2.layers, None)]
    t2 = _now()
    captured = _st_folium_server(base, groups)
    t3 = _now()
    query.flat_table(ds, ev.iloc[:page_rows])
    t4 = _now()
    times = {"filter_compute": t1 - t0, "filter_groups": t2 - t1, "filter_serialise": t3 - t2, "filter_table": t4 - t3}
    return times, {
        "events": int(len(ev)),
        "routes": int(len(rt)),
        "payload_bytes": _payload_bytes(captured),
        "serialised": captured is not None,
    }


def worker_ours(root: Path, repeat: int) -> dict:
    from geo import dataset, mapbuild, query

    _warm_up()
    steps = {
        k: []
        for k in (
            "check",
            "join",
            "aggregate",
            "map_build",
            "map_render",
            "filter_compute",
            "filter_groups",
            "filter_serialise",
            "filter_table",
        )
    }
    html = ""
    cpu = []
    after: dict = {}
    for _ in range(repeat):
        c0 = time.process_time()
        t0 = _now()
        report = dataset.check(root)
        t1 = _now()
        if report.dataset is None:
            return {
                "error": f"{len(report.errors)} validation error(s); first: {report.errors[0] if report.errors else '?'}"
            }
        ds = query.public_view(report.dataset)
        lo, hi = query.date_bounds(ds)
        f = query.Filters(date_from=lo, date_to=hi)
        events = query.filter_events(ds, f)
        t2 = _now()
        totals = query.site_totals(ds, events)
        routes = query.route_totals(ds, events)
        summary = query.summarize(events)
        t3 = _now()
        m = mapbuild.full_map(ds, totals, routes)
        t4 = _now()
        html = m.get_root().render()
        t5 = _now()
        cpu.append(time.process_time() - c0)
        for key, value in zip(
            ("check", "join", "aggregate", "map_build", "map_render"), (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)
        ):
            steps[key].append(value)
        # a filter change: the date slider moved
        f2 = query.Filters(date_from=max(FILTER_RANGE[0], lo), date_to=min(FILTER_RANGE[1], hi))
        times, after = _filter_change(ds, f2)
        for key, value in times.items():
            steps[key].append(value)
    base_html = len(mapbuild.base_map().get_root().render().encode("utf-8"))
    t = _now()
    standalone = mapbuild.full_map(ds, totals, routes, embed_basemap=True).get_root().render()
    standalone_s = _now() - t
    first_payload = _payload_bytes(
        _st_folium_server(mapbuild.base_map(), [mapbuild.route_layer(ds, routes), mapbuild.site_layer(ds, totals)])
    )
    breakdown = _validation_breakdown(root)
    png_s, png_bytes, png_how = _export_png(ds, f)
    best = {k: min(v) for k, v in steps.items()}
    return {
        "events_total": int(len(report.dataset.events)),
        "events_public": int(len(ds.events)),
        "events_in_range": int(len(events)),
        "events_counted": int(summary.events),
        "sites": int(len(ds.sites)),
        "routes": int(len(routes)),
        "routes_after_filter": after["routes"],
        "events_after_filter": after["events"],
        "steps": best,
        "runs": {k: [round(x, 4) for x in v] for k, v in steps.items()},
        "pipeline_s": best["check"] + best["join"] + best["aggregate"] + best["map_build"] + best["map_render"],
        "pipeline_cpu_s": min(cpu),
        "map_s": best["map_build"] + best["map_render"],
        "filter_s": best["filter_compute"] + best["filter_groups"] + best["filter_serialise"] + best["filter_table"],
        "filter_serialised": after["serialised"],
        "html_bytes": len(html.encode("utf-8")),
        "html_base_bytes": base_html,
        "standalone_bytes": len(standalone.encode("utf-8")),
        "standalone_s": standalone_s,
        "payload_bytes": first_payload,
        "filter_payload_bytes": after["payload_bytes"],
        "validation": breakdown,
        "png_s": png_s,
        "png_bytes": png_bytes,
        "png_how": png_how,
        "worker_peak_mb": _peak_mb(),
    }


def worker_memory(root: Path) -> dict:
    """Peak memory of one pass, in a fresh process: check → join → aggregate → map HTML → filter change."""
    from geo import dataset, mapbuild, query

    after_imports = _peak_mb()
    ds = query.public_view(dataset.load(root))
    lo, hi = query.date_bounds(ds)
    events = query.filter_events(ds, query.Filters(date_from=lo, date_to=hi))
    totals, routes = query.site_totals(ds, events), query.route_totals(ds, events)
    query.summarize(events)
    html = mapbuild.full_map(ds, totals, routes).get_root().render()
    _filter_change(ds, query.Filters(date_from=max(FILTER_RANGE[0], lo), date_to=min(FILTER_RANGE[1], hi)))
    return {"imports_mb": after_imports, "peak_mb": _peak_mb(), "html_bytes": len(html)}


def joined_points(ds, events):
    """The explore() input: one point per event at its crossing, else its origin, with the event's fields."""
    import geopandas as gpd

    site = events["crossing"].where(events["crossing"].notna(), events["origin"])
    keep = site.notna().to_numpy()
    ev, site = events[keep], site[keep]
    pts = ds.sites.reindex(site.to_numpy())
    return gpd.GeoDataFrame(
        {
            "id": ev["id"].to_numpy(),
            "date": ev["date"].dt.strftime("%Y-%m-%d").to_numpy(),
            "kind": ev["kind"].to_numpy(),
            "people_low": ev["people_low"].to_numpy(),
            "people_high": ev["people_high"].to_numpy(),
            "confidence": ev["confidence"].to_numpy(),
            "site": pts["name_en"].to_numpy(),
            "summary": ev["summary"].to_numpy(),
        },
        geometry=gpd.points_from_xy(pts["lon"].to_numpy(), pts["lat"].to_numpy()),
        crs="EPSG:4326",
    )


def worker_explore(root: Path) -> dict:
    import geopandas  # noqa: F401  (import outside the timings)
    import mapclassify  # noqa: F401
    from geo import dataset, query

    ds = query.public_view(dataset.load(root))
    lo, hi = query.date_bounds(ds)
    events = query.filter_events(ds, query.Filters(date_from=lo, date_to=hi))
    t0 = _now()
    gdf = joined_points(ds, events)
    t1 = _now()
    m = gdf.explore(column="kind")
    t2 = _now()
    html = m.get_root().render()
    t3 = _now()
    return {
        "points": int(len(gdf)),
        "join_s": t1 - t0,
        "explore_s": t2 - t1,
        "render_s": t3 - t2,
        "map_s": t3 - t1,
        "html_bytes": len(html.encode("utf-8")),
        "peak_mb": _peak_mb(),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_peak_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


_METRICS_JS = (
    "() => [...document.querySelectorAll('[data-testid=stMetricValue]')].map(e => e.innerText.trim()).join('|')"
)
_IDLE_JS = "() => !document.querySelector('[data-testid=stStatusWidget]')"


def _slider_change(page, timeout_ms: float) -> dict:
    """Move the date slider's start thumb to the end (keyboard End) and time the app's answer:
    until the metrics show new numbers, and until the rerun is over."""
    before = page.evaluate(_METRICS_JS)
    thumb = page.locator(SLIDER_THUMB).first
    thumb.focus()
    t = _now()
    thumb.press("End")
    page.wait_for_function(f"before => ({_METRICS_JS})() !== before", arg=before, timeout=timeout_ms)
    metrics_ms = (_now() - t) * 1000.0
    page.wait_for_function(_IDLE_JS, timeout=timeout_ms)
    return {
        "metrics_ms": metrics_ms,
        "done_ms": (_now() - t) * 1000.0,
        "metrics_before": before,
        "metrics_after": page.evaluate(_METRICS_JS),
    }


# In the page: at every animation frame until the map frame (same origin) holds a marker or route,
# look for one; the frame that finds it is the paint a person sees. In ms since navigation started.
_PAINT_PROBE_JS = """
(() => {
  if (window.top !== window) return;
  const look = () => {
    for (const f of document.querySelectorAll("iframe[title*='streamlit_folium']")) {
      try {
        if (f.contentDocument && f.contentDocument.querySelector('.leaflet-interactive')) {
          window.__mapPaintedMs = performance.now();
          return;
        }
      } catch (e) { /* not readable (yet) */ }
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();
"""


def browser_time(root: Path, timeout_s: float = 120.0, visits: int = 5) -> dict:
    """Milliseconds from page.goto() to a visible map marker, for the first visit after the server
    became ready and for later ones; then a filter change in the browser (the date slider moved by
    keyboard).

    Each visit is a new browser context (a new Streamlit session, an empty browser cache). Playwright
    sees the marker a little after it is painted (it polls from outside a busy page), so the in-page
    paint time is reported too. Also reported: how long the server took to become ready (serve.py
    loads the data before it accepts visitors), when the page's script finished (the download buttons
    are its last elements) and the server's peak memory.
    """
    from playwright.sync_api import sync_playwright
    import urllib.request

    port = _free_port()
    env = dict(os.environ, GEO_DATA_DIR=str(root))
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO_ROOT / "serve.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    result: dict = {"visits_ms": [], "painted_ms": [], "script_done_ms": [], "filter": []}
    timeout_ms = timeout_s * 1000
    started = _now()
    try:
        deadline = _now() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or _now() > deadline:
                log.seek(0)
                return {"error": "streamlit did not start: " + log.read().decode("utf-8", "replace")[-500:]}
            time.sleep(0.2)
        result["ready_s"] = _now() - started
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for _ in range(visits):
                    context = browser.new_context(viewport={"width": 1400, "height": 1000})
                    context.add_init_script(_PAINT_PROBE_JS)
                    page = context.new_page()
                    t = _now()
                    page.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
                    frame_el = page.wait_for_selector("iframe[title*='streamlit_folium']", timeout=timeout_ms)
                    frame = frame_el.content_frame()
                    frame.wait_for_selector(".leaflet-interactive", state="visible", timeout=timeout_ms)
                    result["visits_ms"].append((_now() - t) * 1000.0)
                    result["painted_ms"].append(page.evaluate("() => window.__mapPaintedMs ?? null"))
                    result["markers"] = frame.eval_on_selector_all(".leaflet-interactive", "els => els.length")
                    # let this session's script finish, so the next step does not share the server with it
                    page.wait_for_selector("[data-testid='stDownloadButton']", timeout=timeout_ms)
                    page.wait_for_function(_IDLE_JS, timeout=timeout_ms)
                    result["script_done_ms"].append((_now() - t) * 1000.0)
                    try:
                        result["filter"].append(_slider_change(page, timeout_ms))
                    except Exception as exc:  # report, keep the page-open numbers
                        result["filter"].append(
                            {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"}
                        )
                    context.close()
            finally:
                browser.close()
        result["server_peak_mb"] = _server_peak_mb(proc.pid)
    except Exception as exc:
        result["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    if result["visits_ms"]:
        result["first_ms"] = result["visits_ms"][0]
        result["median_ms"] = statistics.median(result["visits_ms"])
        result["worst_ms"] = max(result["visits_ms"])
        painted = [p for p in result["painted_ms"] if p is not None]
        result["painted_median_ms"] = statistics.median(painted) if painted else None
    changes = [c for c in result["filter"] if "metrics_ms" in c]
    if changes:
        result["filter_metrics_ms"] = min(c["metrics_ms"] for c in changes)
        result["filter_done_ms"] = min(c["done_ms"] for c in changes)
    return result


def _worker_main(argv) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("kind", choices=("ours", "memory", "explore", "browser"))
    p.add_argument("root")
    p.add_argument("--repeat", type=int, default=3)
    a = p.parse_args(argv)
    root = Path(a.root)
    if a.kind == "ours":
        _emit(worker_ours(root, a.repeat))
    elif a.kind == "memory":
        _emit(worker_memory(root))
    elif a.kind == "explore":
        _emit(worker_explore(root))
    else:
        _emit(browser_time(root))
    return 0


def run_worker(kind: str, root: Path, repeat: int = 3, timeout: float = 900) -> dict:
    cmd = [sys.executable, "-m", "benchmarks.bench", "--worker", kind, str(root), "--repeat", str(repeat)]
    try:
        proc = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"{kind} worker timed out after {timeout:.0f} s"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        return {"error": f"{kind} worker failed (exit {proc.returncode}): {tail[0]}"}
    return json.loads(lines[-1])


# --------------------------------------------------------------------------- machine and report


def machine() -> dict:
    from importlib import metadata

    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    chromium = "?"
    try:
        chromium = (
            subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=20).stdout.strip() or "?"
        )
    except (OSError, subprocess.SubprocessError):
        chromium = "not found"
    return {
        "nproc": os.cpu_count(),
        "ram": ram,
        "cpu": cpu,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "packages": versions,
        "chromium": chromium,
        "load": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def _f(value, digits=2, unit=""):
    if value is None:
        return "n/a"
    return f"{value:.{digits}f}{unit}"


COLUMNS = [
    "events",
    "load+validate s",
    "join s",
    "aggregate s",
    "map HTML s",
    "HTML KB",
    "ours total s",
    "filter change s",
    "PNG export s",
    "cold export s",
    "explore() s",
    "explore HTML KB",
    "map ×",
    "total ×",
    "peak MB ours",
    "peak MB explore",
]


def _explore_s(e: dict) -> float | None:
    return e.get("map_s") if e and "error" not in e else None


def rows(results: list[dict]) -> list[list[str]]:
    out = []
    for r in results:
        o, e = r.get("ours", {}), r.get("explore", {})
        if "error" in o:
            out.append([f"{r['n']:,}", o["error"]] + [""] * (len(COLUMNS) - 2))
            continue
        s = o["steps"]
        ex = _explore_s(e)
        out.append(
            [
                f"{r['n']:,}",
                _f(s["check"]),
                _f(s["join"], 3),
                _f(s["aggregate"], 3),
                _f(o["map_s"], 3),
                f"{o['html_bytes'] / 1024:,.0f}",
                _f(o["pipeline_s"]),
                _f(o["filter_s"], 3),
                _f(o.get("png_s")),
                _f((r.get("cold_export") or {}).get("wall_s")),
                _f(ex),
                f"{e['html_bytes'] / 1024:,.0f}" if ex else "n/a",
                f"{ex / o['map_s']:,.0f}×" if ex else "n/a",
                f"{ex / o['pipeline_s']:,.1f}×" if ex else "n/a",
                _f(o.get("peak_mb"), 0),
                f"{e['peak_mb']:,.0f}" if ex else "n/a",
            ]
        )
    return out


def text_table(results: list[dict]) -> str:
    body = rows(results)
    widths = [max(len(c), *(len(row[i]) for row in body)) for i, c in enumerate(COLUMNS)]
    lines = ["  ".join(c.rjust(w) for c, w in zip(COLUMNS, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.rjust(w) for v, w in zip(row, widths)) for row in body]
    return "\n".join(lines)


def markdown_table(results: list[dict]) -> str:
    body = rows(results)
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---:|" * len(COLUMNS)]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines)


def final_line(results: list[dict]) -> str:
    """The issue's summary line: ours = load + validate + join + aggregate + map HTML; explore() = its
    map + render; speed-up = explore() / ours."""
    big = max(results, key=lambda r: r["n"])
    o, e = big.get("ours", {}), big.get("explore", {})
    ours = o.get("pipeline_s")
    ex = _explore_s(e)
    speed = f"{ex / ours:.1f}" if ours and ex else "n/a"
    kb = f"{o['html_bytes'] / 1024:.0f}" if "html_bytes" in o else "n/a"
    return f"{big['n']} events: ours {_f(ours)} s, explore() {_f(ex)} s, speed-up {speed}×, map HTML {kb} KB"


def ratio_lines(results: list[dict]) -> list[str]:
    """Both speed-ups per N: map building alone (the ≥ 20× target) and the whole pipeline (the final line)."""
    out = []
    for r in results:
        o, ex = r.get("ours", {}), _explore_s(r.get("explore", {}))
        if "error" in o or not ex:
            continue
        out.append(
            f"{r['n']:>7,} events: map building {o['map_s']:.3f} s vs explore() {ex:.2f} s = "
            f"{ex / o['map_s']:,.0f}×; whole pipeline {o['pipeline_s']:.2f} s vs explore() = {ex / o['pipeline_s']:,.1f}×"
        )
    return out


def _kb(b) -> str:
    return f"{b / 1024:,.0f} KB" if b is not None else "n/a"


def target_lines(results: list[dict], browser: dict | None) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) at the largest N."""
    big = max(results, key=lambda r: r["n"])
    o, e = big.get("ours", {}), big.get("explore", {})
    if "error" in o:
        return [("all targets", o["error"], False)]
    ex = _explore_s(e)
    val = o["validation"]
    s = o["steps"]
    out = [
        (
            f"load + validate + join/aggregate + map HTML ≤ {TARGETS['pipeline_s']} s",
            f"{o['pipeline_s']:.2f} s (load+validate {s['check']:.2f}, join {s['join']:.3f}, "
            f"aggregate {s['aggregate']:.3f}, map HTML {o['map_s']:.3f}; CPU time {o['pipeline_cpu_s']:.2f} s)",
            o["pipeline_s"] <= TARGETS["pipeline_s"],
        ),
        (
            f"map HTML ≤ {TARGETS['html_kb']:.0f} KB",
            f"{_kb(o['html_bytes'])} as the app builds it (page furniture {_kb(o['html_base_bytes'])}, sites and routes "
            f"{_kb(o['html_bytes'] - o['html_base_bytes'])}; the basemap is a cached static file); standalone with the "
            f"basemap embedded {_kb(o.get('standalone_bytes'))}; st_folium sends {_kb(o.get('payload_bytes'))} per run",
            o["html_bytes"] / 1024 <= TARGETS["html_kb"],
        ),
        (
            f"map building ≥ {TARGETS['map_speedup']:.0f}× faster than explore()",
            f"{ex / o['map_s']:.0f}× (full_map + render {o['map_s']:.3f} s vs explore() + render {ex:.2f} s)"
            if ex
            else "n/a",
            (ex / o["map_s"] >= TARGETS["map_speedup"]) if ex else None,
        ),
        (
            f"filter change ≤ {TARGETS['filter_s']} s server side",
            f"{o['filter_s']:.3f} s (filter+aggregate {s['filter_compute']:.3f}, base map + feature groups "
            f"{s['filter_groups']:.3f}, st_folium serialising {s['filter_serialise']:.3f}"
            + ("" if o.get("filter_serialised", True) else " (streamlit_folium missing: not measured)")
            + f", table page {s['filter_table']:.3f})",
            o["filter_s"] <= TARGETS["filter_s"],
        ),
        (
            f"validating {big['n']:,} events ≤ {TARGETS['validate_s']} s",
            f"{val['validate events']:.2f} s for events.csv (parse, columns, cross-file); "
            f"whole data directory incl. typing {val['total']:.2f} s",
            val["validate events"] <= TARGETS["validate_s"],
        ),
        (
            f"peak memory ≤ {TARGETS['peak_mb']:.0f} MB",
            f"{_f(o.get('peak_mb'), 0)} MB (peak RSS, VmHWM, of one pass in a fresh "
            f"process; {_f(o.get('baseline_mb'), 0)} MB of it after the imports)",
            o["peak_mb"] <= TARGETS["peak_mb"] if o.get("peak_mb") else None,
        ),
    ]
    cold = big.get("cold_export") or {}
    if "wall_s" in cold:
        out.append(
            (
                f"cold `python -m geo export --out x.png` of {big['n']:,} events ≤ {TARGETS['cold_export_s']:.0f} s",
                f"{cold['wall_s']:.2f} s (best of {cold['runs']}, median {cold['median_s']:.2f} s; CPU time "
                f"{cold['cpu_s']:.2f} s; explore() alone {_f(ex)} s on the same events)",
                cold["wall_s"] <= TARGETS["cold_export_s"],
            )
        )
    if browser is not None:
        b = browser.get(big["n"], {})
        target = f"page open → visible map ≤ {TARGETS['browser_ms'] / 1000:.0f} s"
        if "first_ms" in b:
            out.append(
                (
                    target,
                    f"median {b['median_ms']:.0f} ms over {len(b['visits_ms'])} visits (first visit after "
                    f"the server became ready {b['first_ms']:.0f} ms, worst {b['worst_ms']:.0f} ms; painted in the "
                    f"page after {_f(b.get('painted_median_ms'), 0)} ms, median)",
                    b["median_ms"] <= TARGETS["browser_ms"] and b["first_ms"] <= TARGETS["browser_ms"],
                )
            )
        else:
            out.append((target, b.get("error", "n/a"), False))
    return out


def browser_lines(browser: dict | None) -> list[str]:
    out = []
    for n, b in sorted((browser or {}).items(), reverse=True):
        if b.get("visits_ms"):
            line = (
                f"{n:,} events: server ready {b['ready_s']:.1f} s after launch (data loaded); "
                + ", ".join(f"{v:,.0f} ms" for v in b["visits_ms"])
                + " to a visible map as Playwright sees it (first visit, then each a new session); painted in the page after "
                + ", ".join("n/a" if v is None else f"{v:,.0f} ms" for v in b["painted_ms"])
                + "; script finished after "
                + ", ".join(f"{v:,.0f} ms" for v in b["script_done_ms"])
            )
            changes = [c for c in b.get("filter", []) if "metrics_ms" in c]
            if changes:
                line += (
                    "; date slider moved (End key): metrics changed after "
                    + ", ".join(f"{c['metrics_ms']:,.0f} ms" for c in changes)
                    + ", rerun over after "
                    + ", ".join(f"{c['done_ms']:,.0f} ms" for c in changes)
                )
            else:
                errors = [c.get("error") for c in b.get("filter", []) if c.get("error")]
                line += f"; filter change n/a ({errors[0] if errors else 'not measured'})"
            out.append(line + f"; server peak memory {_f(b.get('server_peak_mb'), 0)} MB")
        else:
            out.append(f"{n:,} events: {b.get('error', 'n/a')}")
    return out


def write_readme(results, info, browser, path: Path = README) -> None:
    """Rewrite the README with these results; an existing "## Export" section (benchmarks/export_bench.py)
    is kept as it is."""
    from benchmarks import export_bench

    export_section = export_bench.read_section(path)
    big = max(results, key=lambda r: r["n"])
    o = big.get("ours", {})
    val = o.get("validation", {})
    lines = [
        "# Benchmarks",
        "",
        "`python -m geo bench` (code: `benchmarks/bench.py`) generates synthetic data directories with",
        "`python -m geo synth` (`tools/synthetic.py`: 80 sites, events 1998–2024 weighted to recent years) and times",
        "the real pipeline from files to map HTML against geopandas `explore()` of the same events. This file is",
        "rewritten by every run (the Export section by `benchmarks/export_bench.py`, which the bench also runs);",
        "timings live here, never in tests.",
        "",
        f"## Latest results ({datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')})",
        "",
        markdown_table(results),
        "",
        "```",
        final_line(results),
        "```",
        "",
        "Columns: *load+validate* = `geo.dataset.check` (read and validate every file, build typed frames); *join* =",
        "`public_view` + `filter_events` for the whole date range; *aggregate* = `site_totals` + `route_totals` +",
        "`summarize`; *map HTML* = `full_map(...)` + `get_root().render()` as the app builds it (compact layer rows;",
        "the basemap is fetched from `static/basemap/`, not embedded); *ours total* = the sum; *filter change* = an app",
        f"rerun after the date slider moved ({FILTER_RANGE[0]} – {FILTER_RANGE[1]}): `filter_events` + `summarize` +",
        "`site_totals` + `route_totals`, `base_map` + the route and site feature groups, st_folium's server-side",
        "serialisation of map and groups (its frontend call captured), and `flat_table` of the first table page;",
        "*PNG export* = `geo.export.render(..., 'png')`; *cold export* = a fresh `python -m geo export --out x.png` of",
        "that data directory (interpreter start, imports, load and validate, draw, write; best of `--repeat`);",
        "*explore()* = `gdf.explore(column='kind')` + render of a",
        "GeoDataFrame with one point per public event at its crossing, else its origin (building that frame is",
        "not counted); *map ×* = explore() / our map HTML step; *total ×* = explore() / ours total (the final line);",
        "*peak MB* = peak RSS (VmHWM) of one pass in a fresh process per N and side. Times are the best of `--repeat`",
        "runs after a warm-up (the machine is shared with other work; see the load average below).",
        "",
        f"## Targets at {big['n']:,} events",
        "",
        "| target | measured | met |",
        "|---|---|---|",
    ]
    for target, measured, met in target_lines(results, browser):
        lines.append(f"| {target} | {measured} | {'yes' if met else 'n/a' if met is None else '**no**'} |")
    lines += ["", "Speed-ups against explore():", ""]
    lines += [f"- {line.strip()}" for line in ratio_lines(results)]
    lines += ["", "Validation breakdown at the largest N (one timed `dataset.check`):", ""]
    lines += [f"- {k}: {v:.3f} s" for k, v in val.items()]
    if o.get("png_how"):
        lines += [
            "",
            f"Static PNG export: {o['png_how']}" + (f", {o['png_bytes'] / 1024:.0f} KB" if o.get("png_bytes") else ""),
        ]
    if browser:
        lines += [
            "",
            "## Browser",
            "",
            "The real app (`streamlit run serve.py`) in headless Chromium (Playwright): from `page.goto()` to the",
            "first visible `.leaflet-interactive` inside the streamlit-folium iframe, as Playwright sees it (it polls",
            "from outside the page, a little after the paint), and as the page itself records it (the animation frame",
            "after the first marker or route entered the map's DOM, since navigation start). Then the sidebar's date",
            "slider start thumb moved with the End key until the metrics change, and until the rerun is over. Each",
            "visit is a new browser context: a new Streamlit session with an empty browser cache. The first visit",
            "comes right after the server became ready; serve.py loads the data before that. The small data set",
            "shows what the framework and this machine cost whatever the data.",
            "",
        ]
        lines += [f"- {line}" for line in browser_lines(browser)]
    lines += ["", "Per-N details (routes drawn, events after the filter change, HTML sizes):", ""]
    for r in results:
        o = r.get("ours", {})
        if "error" in o:
            continue
        lines.append(
            f"- {r['n']:,} events: {o['events_public']:,} public, {o['sites']} public sites, {o['routes']} routes; "
            f"filter change keeps {o['events_after_filter']:,} events / {o['routes_after_filter']} routes; "
            f"map HTML {_kb(o['html_bytes'])} (page furniture {_kb(o['html_base_bytes'])}), standalone with "
            f"the basemap embedded {_kb(o.get('standalone_bytes'))} in {_f(o.get('standalone_s'), 3)} s; "
            f"st_folium payload {_kb(o.get('payload_bytes'))}, after the filter change {_kb(o.get('filter_payload_bytes'))}"
        )
    pk = info["packages"]
    lines += [
        "",
        "## Machine",
        "",
        f"- CPU: {info['cpu']}, {info['nproc']} cores (nproc)",
        f"- RAM: {info['ram']}",
        f"- OS: {info['os']}; Python {info['python']}; {info['chromium']}",
        f"- load average (1, 5, 15 min) at the start: {', '.join(f'{x:.2f}' for x in info['load']) if info.get('load') else '?'}; "
        f"at the end: {', '.join(f'{x:.2f}' for x in info['load_end']) if info.get('load_end') else '?'} "
        f"({info['nproc']} cores: above {info['nproc']}, other work was competing for the CPU)",
        "- packages: " + ", ".join(f"{k} {v}" for k, v in pk.items()),
        "",
    ]
    if export_section:
        lines += [export_section.rstrip(), ""]
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    # kept as they are: `geo bench --load`'s section, and the record of earlier runs (before/after a change)
    for start, end in (("<!-- load-bench -->", "<!-- /load-bench -->"), ("<!-- history -->", "<!-- /history -->")):
        if start in old and end in old:
            lines += [old[old.index(start) : old.index(end) + len(end)], ""]
    path.write_text("\n".join(lines), encoding="utf-8")


# --------------------------------------------------------------------------- driver


def cold_export(root: Path, repeat: int) -> dict:
    """A fresh `python -m geo export --out x.png --data root` per run (benchmarks/export_bench.py's cold run):
    best and median wall seconds, and the CPU seconds of the best run."""
    from benchmarks import export_bench

    try:
        runs = export_bench.cold_runs(str(root), repeat)
    except (Exception, SystemExit) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    best = min(runs)
    return {"wall_s": best[0], "cpu_s": best[1], "median_s": statistics.median(w for w, _ in runs), "runs": len(runs)}


def run(
    sizes=DEFAULT_SIZES,
    sites: int | None = None,
    seed: int | None = None,
    repeat: int = 3,
    browser: bool = False,
    explore: bool = True,
    workdir: Path | None = None,
    readme: Path | None = README,
    export: bool = True,
    out=sys.stdout,
) -> int:
    from tools import synthetic

    sites = synthetic.DEFAULT_SITES if sites is None else sites
    seed = synthetic.DEFAULT_SEED if seed is None else seed
    info = machine()
    print(
        f"machine: {info['cpu']}, {info['nproc']} cores, {info['ram']} RAM, Python {info['python']}, "
        f"load average {' '.join(f'{x:.2f}' for x in info['load'] or ())}",
        file=out,
    )
    tmp = None
    if workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="geo-bench-")
        workdir = Path(tmp.name)
    results, browser_result = [], None
    try:
        for n in sorted(set(sizes)):
            root = Path(workdir) / f"events-{n}"
            t = _now()
            synthetic.write(synthetic.generate(n, sites, seed), root)
            gen_s = _now() - t
            print(f"{n:>7,} events: generated in {gen_s:.1f} s; timing ours…", file=out, flush=True)
            r = {"n": n, "generate_s": gen_s, "ours": run_worker("ours", root, repeat)}
            mem = run_worker("memory", root)
            if "error" not in r["ours"]:
                r["ours"]["peak_mb"] = mem.get("peak_mb")
                r["ours"]["baseline_mb"] = mem.get("imports_mb")
            if export:
                print(f"{n:>7,} events: timing a cold `python -m geo export`…", file=out, flush=True)
                r["cold_export"] = cold_export(root, repeat)
            if explore:
                print(f"{n:>7,} events: timing explore()…", file=out, flush=True)
                r["explore"] = run_worker("explore", root)
            else:
                r["explore"] = {"error": "skipped"}
            results.append(r)
        if browser:
            browser_result = {}
            for n in sorted({max(r["n"] for r in results), min(r["n"] for r in results)}, reverse=True):
                print(f"{n:>7,} events: timing the app in headless Chromium…", file=out, flush=True)
                browser_result[n] = run_worker("browser", Path(workdir) / f"events-{n}")
    finally:
        if tmp is not None:
            tmp.cleanup()
    info["load_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    print("", file=out)
    print(text_table(results), file=out)
    print("", file=out)
    for r in results:
        o = r.get("ours", {})
        if "png_how" in o and o.get("png_s") is None:
            print(f"PNG export n/a at {r['n']:,}: {o['png_how']}", file=out)
            break
    for line in ratio_lines(results):
        print(line, file=out)
    print("", file=out)
    for target, measured, met in target_lines(results, browser_result):
        print(f"[{'ok' if met else 'n/a' if met is None else 'MISS'}] {target}: {measured}", file=out)
    for line in browser_lines(browser_result):
        print(f"browser: {line}", file=out)
    if readme is not None:
        write_readme(results, info, browser_result, Path(readme))
        print(f"results written to {readme}", file=out)
    if export:
        from benchmarks import export_bench

        print("\nexport benchmark (benchmarks/export_bench.py, shipped data)…", file=out, flush=True)
        try:
            m = export_bench.measure()
        except (Exception, SystemExit) as exc:  # report it, keep the results above
            print(f"export benchmark failed: {exc}", file=out)
        else:
            print(export_bench.result_table(m), file=out)
            if readme is not None:
                export_bench.write_section(export_bench.section_text(m), Path(readme))
                print(f"Export section of {readme} updated", file=out)
    print(final_line(results), file=out)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        sys.exit(_worker_main(sys.argv[2:]))
    from geo.cli import main

    sys.exit(main(["bench", *sys.argv[1:]]))
