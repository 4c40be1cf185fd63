"""Export benchmark (not a test): how fast `python -m geo export` makes a map.

    .venv/bin/python benchmarks/export_bench.py [--data DIR] [--repeat N] [--readme PATH|none]

- cold: a fresh process running `python -m geo export --out x.png` (1600×1000, default preset):
  interpreter start, imports, loading and validating the data, rendering and writing. Target ≤ 2 s.
- warm: a second render in the same process (`geo.export.render(ds, filters, options, 'png')`), with
  the basemap, fonts and projection already loaded; no result cache is involved (a different filter
  is timed too). Target ≤ 0.5 s.
- the other formats warm (SVG, PDF, HTML, A4 print PNG) and the HTML size (budget 1 MB).

Wall times are the best of --repeat runs (the machine may be shared; the fastest run is the least
disturbed), with the median and the CPU time beside them. Prints a table and rewrites the "Export"
section of benchmarks/README.md. `python -m geo bench` runs it too (measure() and
section_text() below), so the section stays current with the rest of the README.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = Path(__file__).resolve().parent / "README.md"
TARGETS = {"cold": 2.0, "warm": 0.5, "html_bytes": 1_000_000}


def cold_runs(data: str | None, repeat: int) -> list[tuple[float, float]]:
    """(wall, cpu) seconds of `python -m geo export --out x.png` in fresh processes."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "geo", "export", "--out", str(Path(tmp) / "x.png")]
        if data:
            cmd += ["--data", data]
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        subprocess.run(cmd, cwd=REPO, env=env, capture_output=True)  # file-system caches warm, like a second run
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
            wall = time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if proc.returncode != 0:
                raise SystemExit(f"export failed: {proc.stderr}")
            out.append((wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)))
    return out


def startup_runs(repeat: int) -> list[float]:
    """Wall seconds of `python -m geo export --help`: interpreter, the CLI and every command's imports."""
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "geo", "export", "--help"],
            cwd=REPO,
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        out.append(time.perf_counter() - t)
    return out


def timed(fn, repeat: int) -> tuple[list[float], list[float], object]:
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        c, t = time.process_time(), time.perf_counter()
        result = fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return walls, cpus, result


def warm_runs(data: str | None, repeat: int) -> dict:
    sys.path.insert(0, str(REPO))
    from geo import dataset
    from geo.export import ExportOptions, render
    from geo.paths import data_dir
    from geo.query import Filters, date_bounds

    ds = dataset.load(data_dir(data))
    f = Filters()
    lo, hi = date_bounds(ds)
    other = Filters(date_from=date(max(lo.year, 2020), 1, 1), date_to=hi)
    render(ds, f, ExportOptions(), "png")  # the first render in this process: imports, basemap, fonts
    res = {}
    cases = [
        ("warm PNG 1600×1000 (same filters)", lambda: render(ds, f, ExportOptions(), "png")),
        ("warm PNG 1600×1000 (other filters)", lambda: render(ds, other, ExportOptions(), "png")),
        ("warm PNG 1600×1000, en+ko labels", lambda: render(ds, f, ExportOptions(lang="en+ko"), "png")),
        ("warm SVG", lambda: render(ds, f, ExportOptions(), "svg")),
        ("warm PDF", lambda: render(ds, f, ExportOptions(), "pdf")),
        ("warm PNG A4 print 3508×2480", lambda: render(ds, f, ExportOptions(preset="a4"), "png")),
        ("warm HTML (self-contained)", lambda: render(ds, f, ExportOptions(), "html")),
    ]
    for name, fn in cases:
        walls, cpus, data_ = timed(fn, repeat)
        res[name] = (walls, cpus, len(data_))
    res["_events"] = len(ds.events)
    res["_sites"] = len(ds.sites)
    return res


def fmt(values: list[float]) -> str:
    return f"{min(values):.2f} s (median {statistics.median(values):.2f})"


def table(rows: list[tuple[str, str, str, str, str]]) -> str:
    head = ("measurement", "wall: best (median)", "CPU", "size", "target")
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(5)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    return "\n".join([line, sep, *body])


SECTION = re.compile(r"^## Export\n.*?(?=^## |^<!-- |\Z)", re.S | re.M)  # up to the next heading or kept section


def read_section(path: Path) -> str | None:
    """The README's current '## Export' section (up to the next '## ' heading), if it has one."""
    if not path.exists():
        return None
    found = SECTION.search(path.read_text(encoding="utf-8"))
    return found.group(0).rstrip() + "\n" if found else None


def write_section(text: str, path: Path) -> None:
    """Replace (or add) the '## Export' section of the README, leaving the rest alone."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    section = text.rstrip() + "\n"
    new = SECTION.sub(lambda _: section + "\n", old) if SECTION.search(old) else old.rstrip() + "\n\n" + section
    path.write_text(new.rstrip() + "\n", encoding="utf-8")


def measure(data: str | None = None, repeat: int = 5) -> dict:
    """Every export measurement: start-up, cold processes, warm renders; plus the machine's load."""
    load = os.getloadavg()
    startup = startup_runs(repeat)
    cold = cold_runs(data, repeat)
    warm = warm_runs(data, repeat)
    return {
        "data": data,
        "repeat": repeat,
        "load": load,
        "startup": startup,
        "cold": cold,
        "warm": warm,
        "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def result_table(m: dict) -> str:
    cold_wall = [w for w, _ in m["cold"]]
    cold_cpu = [c for _, c in m["cold"]]
    rows = [
        ("start-up only (`python -m geo export --help`)", fmt(m["startup"]), "", "", ""),
        (
            "cold process: `python -m geo export --out x.png`",
            fmt(cold_wall),
            f"{min(cold_cpu):.2f} s",
            "",
            f"≤ {TARGETS['cold']:.1f} s: {'met' if min(cold_wall) <= TARGETS['cold'] else 'NOT met'}",
        ),
    ]
    for name, value in m["warm"].items():
        if name.startswith("_"):
            continue
        walls, cpus, size = value
        target = ""
        if name.startswith("warm PNG 1600×1000 (same"):
            target = f"≤ {TARGETS['warm']:.1f} s: {'met' if min(walls) <= TARGETS['warm'] else 'NOT met'}"
        if "HTML" in name:
            target = f"≤ 1 MB: {'met' if size <= TARGETS['html_bytes'] else 'NOT met'}"
        rows.append((name, fmt(walls), f"{min(cpus):.2f} s", f"{size / 1024:,.0f} KB", target))
    return table(rows)


def machine_line(m: dict) -> str:
    load = m["load"]
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the start"
    )


def section_text(m: dict) -> str:
    """The README's '## Export' section for one measure() result."""
    warm = m["warm"]
    return "\n".join(
        [
            "## Export",
            "",
            f"`benchmarks/export_bench.py` ({m['when']}; data: "
            f"{m['data'] or 'the shipped data/'}, {warm['_events']} events, {warm['_sites']} sites). Best of "
            f"{m['repeat']} runs, median in brackets; CPU = user+system time of the best run's process (cold) or thread (warm).",
            "",
            result_table(m),
            "",
            "- *cold*: a fresh `python -m geo export --out x.png` (default preset, 1600×1000): interpreter start, imports "
            "(only the export command's own: pandas, pyarrow, matplotlib, shapely, pyproj; not geopandas), loading and validating the "
            "data, drawing and writing the file.",
            "- *warm*: `geo.export.render(...)` again in the same process: the basemap (parsed and projected once), fonts "
            "and the projection are cached; the map itself is drawn anew (no result cache; 'other filters' proves it).",
            f"- machine: {machine_line(m)}.",
        ]
    )


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", help="data directory (default: the shipped data/)")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--readme", default=str(README), help="README to update, or 'none'")
    args = p.parse_args(argv)

    m = measure(args.data, args.repeat)
    print(result_table(m))
    print(
        f"\ndata: {args.data or 'data/ (shipped)'}: {m['warm']['_events']} events, {m['warm']['_sites']} sites; "
        f"{machine_line(m)}"
    )
    if args.readme.lower() != "none":
        write_section(section_text(m), Path(args.readme))
        print(f"updated the Export section of {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
