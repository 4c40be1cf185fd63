"""WCAG 2.2 AA, checked by axe-core (vendored, tests/vendor/axe-core) in the real browser: every page in
English and Korean, the map inside its frame, and the standalone HTML export. A serious or critical
violation fails the test; each run writes what axe found to test-artifacts/axe-*.json."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.e2e.conftest import ARTIFACTS, map_frame, screenshot, wait_until_idle

AXE_DIR = Path(__file__).resolve().parents[1] / "vendor" / "axe-core"
PAGES = ["", "timeline", "sites", "statistics", "export", "about", "editor"]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("serious", "critical")


def axe_source() -> str:
    data = (AXE_DIR / "axe.min.js").read_bytes()
    expected = (AXE_DIR / "SHA256SUMS").read_text().split()[0]
    assert hashlib.sha256(data).hexdigest() == expected, "tests/vendor/axe-core/axe.min.js does not match SHA256SUMS"
    return data.decode("utf-8")


def run_axe(target, context: str = "document") -> list[dict]:
    """axe's violations in a page or frame (axe is injected first; frames are checked on their own)."""
    if not target.evaluate("() => typeof window.axe !== 'undefined'"):
        target.add_script_tag(content=axe_source())
    result = target.evaluate(
        """async ([context, tags]) => {
             const r = await axe.run(context === 'document' ? document : document.querySelector(context),
                                     {runOnly: {type: 'tag', values: tags}, iframes: false, resultTypes: ['violations']});
             return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary + ' :: ' + n.html.slice(0, 160))}));
           }""",
        [context, TAGS],
    )
    return result


def blocking(violations) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]


def record(name: str, violations) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(violations, indent=1, ensure_ascii=False))


SETTLED_JS = """() => !document.querySelector("[data-testid='stElementContainer'][data-stale='true']")
  && document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming?.().iterations === Infinity)"""


def settle(page, timeout=120000):
    """Idle, with no element left from an earlier run (Streamlit fades those: data-stale) and no fade
    still running: axe would measure a faded element's colours half-transparent."""
    wait_until_idle(page, timeout=timeout)
    page.wait_for_function(SETTLED_JS, timeout=timeout)


def open_page(page, server, path: str, lang: str):
    page.goto(f"{server.url}/{path}?lang={lang}", wait_until="domcontentloaded")
    page.locator("h1").first.wait_for(timeout=60000)
    settle(page)
    if path == "":
        map_frame(page)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_axe_violation(page, server, path, lang):
    open_page(page, server, path, lang)
    page.wait_for_function("l => document.documentElement.lang === l", arg=lang, timeout=20000)  # WCAG 3.1.1
    # not while a rerun shows the previous elements faded (their colours would be measured half-transparent)
    settle(page)
    violations = run_axe(page)
    for _retry in range(4):  # a late rerun can still show faded (stale) elements: measure again once it is over
        if not blocking(violations):
            break
        settle(page)
        violations = run_axe(page)
    name = f"{path or 'map'}-{lang}"
    if path == "":
        frame = next(f for f in page.frames if "streamlit_folium" in f.url)
        violations += [dict(v, id="map-frame:" + v["id"]) for v in run_axe(frame)]
    record(name, violations)
    screenshot(page, f"a11y-{name}")
    assert not blocking(violations), json.dumps(blocking(violations), indent=1, ensure_ascii=False)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_html_export_has_no_serious_axe_violation(browser, tmp_path, lang):
    from geo import dataset
    from geo.export import ExportOptions, render
    from geo.query import Filters, public_view
    from tests.common import FIXTURE_DATA

    ds = public_view(dataset.check(FIXTURE_DATA).dataset)
    out = tmp_path / f"map-{lang}.html"
    out.write_bytes(render(ds, Filters(), ExportOptions(lang=lang), "html"))
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    try:
        pg.goto(out.as_uri())
        pg.locator("path.site-marker").first.wait_for(state="attached", timeout=30000)
        violations = run_axe(pg)
        record(f"export-html-{lang}", violations)
        assert not blocking(violations), json.dumps(blocking(violations), indent=1, ensure_ascii=False)
    finally:
        context.close()
