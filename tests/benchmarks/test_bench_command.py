"""`python -m geo bench`: the command is registered and its report has the promised shape (no timings run)."""

from __future__ import annotations

import re

import pytest

from geo.cli import main
from benchmarks import bench, export_bench


def _fake(n, ours_s=0.5, explore_s=10.0):
    steps = {
        "check": ours_s / 2,
        "join": 0.01,
        "aggregate": 0.04,
        "map_build": 0.02,
        "map_render": ours_s / 2 - 0.07,
        "filter_compute": 0.1,
        "filter_groups": 0.02,
        "filter_serialise": 0.03,
        "filter_table": 0.02,
    }
    return {
        "n": n,
        "ours": {
            "steps": steps,
            "pipeline_s": ours_s,
            "pipeline_cpu_s": ours_s,
            "map_s": 0.2,
            "filter_s": 0.17,
            "filter_serialised": True,
            "html_bytes": 400 * 1024,
            "html_base_bytes": 8 * 1024,
            "standalone_bytes": 680 * 1024,
            "standalone_s": 0.1,
            "payload_bytes": 390 * 1024,
            "filter_payload_bytes": 300 * 1024,
            "png_s": None,
            "png_how": "n/a",
            "peak_mb": 300.0,
            "baseline_mb": 160.0,
            "events_public": n,
            "sites": 80,
            "routes": 100,
            "events_after_filter": n // 2,
            "routes_after_filter": 90,
            "validation": {"validate events": 0.3, "total": 0.4},
        },
        "explore": {"map_s": explore_s, "html_bytes": 30_000_000, "peak_mb": 900.0},
    }


def _browser(ms=2500.0):
    return {
        "visits_ms": [ms, ms - 500],
        "painted_ms": [ms - 200, None],
        "script_done_ms": [ms + 100, ms - 400],
        "first_ms": ms,
        "median_ms": ms - 250,
        "worst_ms": ms,
        "painted_median_ms": ms - 200,
        "ready_s": 3.2,
        "server_peak_mb": 400.0,
        "filter": [{"metrics_ms": 250.0, "done_ms": 300.0}, {"error": "Timeout"}],
    }


INFO = {
    "cpu": "test",
    "nproc": 2,
    "ram": "1 GiB",
    "python": "3",
    "os": "x",
    "packages": {},
    "chromium": "-",
    "load": (0.5, 0.4, 0.3),
    "load_end": (0.6, 0.5, 0.4),
}


def test_final_line_has_the_promised_shape():
    line = bench.final_line([_fake(1000, 0.1, 0.5), _fake(100_000)])
    assert re.fullmatch(r"100000 events: ours 0\.50 s, explore\(\) 10\.00 s, speed-up 20\.0×, map HTML 400 KB", line)


def test_both_speed_ups_are_reported():
    lines = bench.ratio_lines([_fake(1000, 0.1, 0.5), _fake(100_000)])
    assert len(lines) == 2
    assert "map building 0.200 s vs explore() 10.00 s = 50×" in lines[1]  # the ≥ 20× target: map building alone
    assert "whole pipeline 0.50 s vs explore() = 20.0×" in lines[1]  # the final line's ratio


def test_table_and_targets_render(tmp_path):
    results = [_fake(1000, 0.1, 0.5), _fake(100_000)]
    table = bench.text_table(results)
    assert table.splitlines()[0].split()[0] == "events" and "100,000" in table and "n/a" in table  # no PNG export
    targets = bench.target_lines(results, {100_000: _browser()})
    assert len(targets) == 7 and all(met is True for _, _, met in targets)
    assert bench.target_lines(results, {100_000: _browser(3500.0)})[-1][2] is False
    assert bench.target_lines(results, None)[-1][0].startswith("peak memory")  # no browser run, no browser target
    readme = tmp_path / "README.md"
    bench.write_readme(results, INFO, {100_000: _browser(), 1000: _browser(900.0)}, readme)
    text = readme.read_text(encoding="utf-8")
    assert bench.final_line(results) in text
    assert "metrics changed after 250 ms" in text and "## Machine" in text and "0.50, 0.40, 0.30" in text
    assert "compact_layers" not in text and "proposal" not in text.lower()  # the prototypes are gone


def test_the_report_without_explore_or_browser():
    results = [_fake(1000)]
    results[0]["explore"] = {"error": "skipped"}
    assert bench.final_line(results).endswith("explore() n/a s, speed-up n/a×, map HTML 400 KB")
    assert bench.ratio_lines(results) == []
    assert [met for _, _, met in bench.target_lines(results, None)][2] is None


def test_write_readme_keeps_the_export_section(tmp_path):
    readme = tmp_path / "README.md"
    export = "## Export\n\nexport numbers | 1.23 s\n"
    readme.write_text(
        "# Benchmarks\n\nold results\n\n" + export + "\n## Later\n\nkept? no: bench owns the rest\n", encoding="utf-8"
    )
    bench.write_readme([_fake(100_000)], INFO, None, readme)
    text = readme.read_text(encoding="utf-8")
    assert "old results" not in text and text.count("## Export") == 1 and "export numbers | 1.23 s" in text
    export_bench.write_section("## Export\n\nnew export numbers\n", readme)  # what the bench's export run does
    text = readme.read_text(encoding="utf-8")
    assert "new export numbers" in text and "1.23 s" not in text and bench.final_line([_fake(100_000)]) in text


def test_write_readme_keeps_the_history_section(tmp_path):
    """Before/after records of earlier runs survive the rewrite, word for word."""
    readme = tmp_path / "README.md"
    history = "<!-- history -->\n## History\n\nbefore 17.6 s, after 4.2 s\n<!-- /history -->"
    readme.write_text("# Benchmarks\n\nold results\n\n" + history + "\n", encoding="utf-8")
    bench.write_readme([_fake(100_000)], INFO, None, readme)
    text = readme.read_text(encoding="utf-8")
    assert "old results" not in text and text.count(history) == 1


def test_the_export_section_stops_before_a_kept_section(tmp_path):
    """Rewriting the Export section leaves the marker of the load section after it (it used to swallow it,
    and the next bench run then dropped the load section)."""
    readme = tmp_path / "README.md"
    load = "<!-- load-bench -->\n## Load\n\nload numbers\n<!-- /load-bench -->\n"
    readme.write_text("# Benchmarks\n\n## Export\n\nold export\n\n" + load, encoding="utf-8")
    export_bench.write_section("## Export\n\nnew export\n", readme)
    text = readme.read_text(encoding="utf-8")
    assert "new export" in text and "old export" not in text and load in text
    bench.write_readme([_fake(100_000)], INFO, None, readme)
    assert load.strip() in readme.read_text(encoding="utf-8")


def test_export_section_shape():
    m = {
        "data": None,
        "repeat": 2,
        "load": (0.1, 0.2, 0.3),
        "when": "now",
        "startup": [0.5, 0.6],
        "cold": [(1.5, 1.4), (1.6, 1.5)],
        "warm": {
            "warm PNG 1600×1000 (same filters)": ([0.4, 0.45], [0.4, 0.4], 300_000),
            "warm HTML (self-contained)": ([0.1, 0.1], [0.1, 0.1], 500_000),
            "_events": 35,
            "_sites": 30,
        },
    }
    text = export_bench.section_text(m)
    assert (
        text.startswith("## Export\n") and "≤ 2.0 s: met" in text and "≤ 0.5 s: met" in text and "≤ 1 MB: met" in text
    )


@pytest.mark.parametrize("argv", [["bench", "--events", "0"], ["bench", "--repeat", "0"], ["bench", "--sites", "2"]])
def test_bench_usage_errors(argv, capsys):
    assert main(argv) == 2


def test_the_workers_run_for_real_on_a_small_data_set(tmp_path):
    """Ours and the explore() baseline, each in its own process as the bench runs them: a missing
    dependency of the baseline fails here, not silently as 'n/a' in the published numbers."""
    from tools import synthetic

    root = tmp_path / "data"
    synthetic.write(synthetic.generate(300, sites=12), root)
    ours = bench.run_worker("ours", root, repeat=1)
    explore = bench.run_worker("explore", root, repeat=1)
    assert "error" not in ours and "error" not in explore, (ours.get("error"), explore.get("error"))
    assert ours["html_bytes"] > 0 and explore["html_bytes"] > 0 and explore["points"] > 0
