"""Keyboard only: reach the site list, choose Shenyang, read its events and sources; and the map is no
keyboard trap (Tab moves into it and out of it again)."""

from __future__ import annotations

from tests.e2e.conftest import map_frame, screenshot, wait_until_idle

ACTIVE_JS = """() => { let e = document.activeElement; while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
                       return e ? (e.getAttribute('aria-label') || e.getAttribute('title') || e.tagName) + '|' + e.tagName : ''; }"""


def tab_until(page, predicate, limit=80) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return True
    return False


def test_keyboard_only_journey_to_shenyang(page, server):
    page.goto(server.url + "/sites?lang=en", wait_until="domcontentloaded")
    page.locator("h1").first.wait_for(timeout=60000)
    wait_until_idle(page, timeout=120000)
    combo = (
        "() => { const e = document.activeElement; return !!e && e.getAttribute('role') === 'combobox' && "
        "(e.getAttribute('aria-label') || '').startsWith('Site'); }"
    )
    assert tab_until(page, combo), "the site list cannot be reached with Tab"
    page.keyboard.type("Shenyang")
    page.keyboard.press("Enter")
    page.get_by_text("event(s) through this site in the selection").wait_for(timeout=30000)
    page.get_by_text("Sources for the site itself").wait_for(timeout=30000)
    assert page.get_by_text("Shenyang detention · 선양 구금시설").count() >= 1
    screenshot(page, "keyboard-shenyang")


def test_map_is_no_keyboard_trap(page, server):
    page.goto(server.url + "/?lang=en", wait_until="domcontentloaded")
    map_frame(page)
    wait_until_idle(page, timeout=120000)
    in_map = "() => document.activeElement && document.activeElement.tagName === 'IFRAME'"
    assert tab_until(page, in_map), "Tab never reaches the map"
    out_of_map = "() => document.activeElement && document.activeElement.tagName !== 'IFRAME' && document.activeElement !== document.body"
    assert tab_until(page, out_of_map, limit=60), "Tab cannot leave the map (keyboard trap)"
