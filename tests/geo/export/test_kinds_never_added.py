"""Issue 11: no figure an export displays adds people of different event kinds.

A site with a return (sources disagree: "more than 40" and "about 50") and an arrest ("about 13"):
neither the static export (title, subtitle, legend, labels, credits) nor the HTML export (head,
tooltips, popups) may show 53 or 63 (the site's return + arrest), nor 553 or 663 (every return + the
arrest); each kind keeps its own figure, and the popup shows the disagreeing claims side by side.
"""

from __future__ import annotations

import re

import pytest

from geo.dataset import load
from geo.export import html as html_mod
from geo.export import scene as scene_mod
from geo.export import static
from geo.export.options import ExportOptions
from geo.query import Filters
from tests.common import copy_data, read_rows, write_rows
from tests.geo.export.conftest import layer_strings, site_popups

SUMS = ("53", "63", "553", "663")
RETURN = "2021-07-14-dandong-return"
ARREST = "2021-06-02-shenyang-arrest"


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    root = copy_data(tmp_path_factory.mktemp("kinds"))
    events = read_rows(root / "events.csv")
    arrest = dict(
        events[0],
        id=ARREST,
        date="2021-06-02",
        date_precision="day",
        kind="arrest",
        origin="shenyang",
        crossing="",
        destination="",
        part_of="",
        confidence="single-source",
        summary="Arrested in Shenyang before the July return.",
        summary_ko="",
        sensitive="false",
    )
    write_rows(root / "events.csv", [arrest, *events])
    claims = [c for c in read_rows(root / "claims.csv") if c["event"] != RETURN]
    base = {"said_by": "", "people_to": "", "date": "", "date_precision": "", "sites": "", "note": ""}
    claims += [
        {
            **base,
            "id": f"{RETURN}--rfa-2021-07-20",
            "event": RETURN,
            "source": "rfa-2021-07-20",
            "qualifier": "about",
            "people": "50",
        },
        {
            **base,
            "id": f"{RETURN}--wikinews-2021-07-26",
            "event": RETURN,
            "source": "wikinews-2021-07-26",
            "qualifier": "more-than",
            "people": "40",
        },
        {
            **base,
            "id": f"{ARREST}--rfa-2021-07-20",
            "event": ARREST,
            "source": "rfa-2021-07-20",
            "qualifier": "about",
            "people": "13",
        },
    ]
    write_rows(root / "claims.csv", claims)
    return load(root)


def _numbers(text: str) -> set[str]:
    """Whole numbers as displayed (thousands separators kept, decimals and ids left out)."""
    return set(re.findall(r"(?<![\d.,\w-])\d{1,3}(?:,\d{3})*(?![\d.\w])", text))


def assert_no_sum(texts):
    for text in texts:
        assert not _numbers(text) & set(SUMS), f"a sum across kinds is displayed: {text!r}"


def test_the_data_is_what_the_test_needs(ds):
    ev = ds.events
    assert ev.loc[RETURN, "kind"] == "repatriation" and ev.loc[ARREST, "kind"] == "arrest"
    assert not ev.loc[RETURN, "agree"]
    assert (ev.loc[RETURN, "people_low"], ev.loc[RETURN, "people_high"]) == (40, 50)


@pytest.mark.parametrize("lang", ["en", "ko", "en+ko"])
@pytest.mark.parametrize("size_kind", ["repatriation", "arrest"])
def test_static_export_never_shows_a_sum_across_kinds(ds, lang, size_kind):
    sc = scene_mod.build(ds, Filters(), size_kind)
    info = static.RenderInfo()
    static.render(sc, ExportOptions(lang=lang, size_kind=size_kind, dpi=40), "png", info=info)
    texts = info.texts
    assert any("Returned to North Korea" in t or "북송" in t for t in texts)  # the subtitle, per kind
    assert any("Arrested in China" in t or "체포" in t for t in texts)
    assert_no_sum(texts)
    assert not any(re.search(r"\d+\s*people", t) for t in texts)  # never "N events · X–Y people"
    shenyang = next(s for s in sc.sites if s.id == "shenyang")
    assert shenyang.events == 2 and shenyang.size_events == 1
    assert shenyang.size_high == (50 if size_kind == "repatriation" else 13)


def test_static_subtitle_and_labels_word_each_kind(ds):
    sc = scene_mod.build(ds, Filters())
    info = static.RenderInfo()
    static.render(sc, ExportOptions(lang="en", dpi=40), "png", info=info)
    joined = " ".join(info.texts)
    assert "Arrested in China: about 13 (one event)" in joined
    assert "Returned to North Korea: 540–about 650 (computed: sum of 2 events)" in joined or re.search(
        r"Returned to North Korea: [^·]*\(computed: sum of 2 events\)", joined
    )
    # the label of the site: the return's figure as its sources state it, both ends attributed to nobody here
    assert "return: more than 40 – about 50" in joined.replace("\n", " ")
    assert "Marker area: Returned to North Korea" in joined


@pytest.mark.parametrize("lang", ["en", "ko", "en+ko"])
def test_html_export_never_shows_a_sum_across_kinds(ds, lang):
    text = html_mod.render_html(ds, Filters(), ExportOptions(lang=lang)).decode("utf-8")
    start = text.index("<div class='geo-export-head'>")
    shown = [text[start : text.index("</div>", text.index("geo-export-credits"))]]
    layers = layer_strings(text)
    assert len(site_popups(text)) >= 5 and len(layers) > len(site_popups(text))  # tooltips, popups, routes
    shown += layers
    assert_no_sum(re.sub(r"<[^>]+>", " ", t) for t in shown)


def test_html_popup_shows_each_kind_and_the_claims_side_by_side(ds):
    text = html_mod.render_html(ds, Filters(), ExportOptions()).decode("utf-8")
    popup = next(p for p in site_popups(text) if "Shenyang" in p)
    assert "Returned to North Korea</th><td>more than 40 (Wikinews) – about 50 (Radio Free Asia)" in popup
    assert "Arrested in China</th><td>about 13 (Radio Free Asia)" in popup
    assert "Sources disagree:" in popup
    side = popup.split("Sources disagree:", 1)[1]
    assert "Radio Free Asia: <b>about 50</b> — " in side and ">Radio Free Asia, 2021-07-20</a>" in side
    assert "Wikinews: <b>more than 40</b> — " in side and ">Wikinews, 2021-07-26</a>" in side
