"""Timeline and Statistics charts (issue 14): each event kind in its one colour (Okabe–Ito, from the
schema) in every chart, counts on whole-number axes, arrivals over every year from first to last
(tests/app/test_statistics_page.py checks the shipped years, 1998-2025)."""

from __future__ import annotations

import json


from geo.styles import EVENT_KIND_COLOURS
from tests.app.test_pages import fixture_data_env, run_app  # noqa: F401  (autouse fixture)


def specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def _walk(spec):
    yield spec
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            yield from _walk(part)


def test_timeline_charts_share_one_distinct_colour_per_kind_and_count_in_whole_numbers():
    at = run_app("pages/1_timeline.py")
    assert not at.exception
    charts = specs(at)
    assert len(charts) == 2
    colours = list(EVENT_KIND_COLOURS.values())
    assert len(set(c.lower() for c in colours)) == len(colours)  # distinct
    assert "#D55E00" in colours and "#0072B2" in colours  # Okabe–Ito
    for chart in charts:
        ranges = [p["encoding"]["color"]["scale"]["range"] for p in _walk(chart) if "color" in p.get("encoding", {})]
        assert ranges and all(r == colours for r in ranges)
        axes = [p["encoding"]["y"].get("axis", {}) for p in _walk(chart) if "y" in p.get("encoding", {})]
        assert any(a.get("tickMinStep") == 1 and a.get("format") == ",d" for a in axes), axes
