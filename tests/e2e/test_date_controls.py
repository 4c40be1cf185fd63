"""The date controls as a reader uses them (issue 14): a preset, dates typed, the month slider; the
numbers follow and the URL keeps the range. At 1400×900, 1000×800 and 390×844."""

from __future__ import annotations

from tests.e2e.conftest import map_frame, screenshot, wait_until_idle
from tests.e2e.test_interactions import metric


def wait_events(page, n: str) -> None:
    page.wait_for_function("n => [...document.querySelectorAll('[data-testid=stMetricValue]')].some(e => e.innerText.trim() === n)",
                           arg=n, timeout=20000)
    assert metric(page, "Events") == n


def sidebar(page):
    if page.size_id == "390x844":  # the sidebar is folded on a phone: open it
        page.locator("[data-testid='stExpandSidebarButton'], [data-testid='stSidebarCollapsedControl'] button").first.click()
    bar = page.locator("[data-testid='stSidebar']")
    bar.get_by_text("Period").wait_for(timeout=20000)
    return bar


def test_preset_typed_dates_and_slider(sized, server):
    page = sized
    page.goto(server.url, wait_until="domcontentloaded")
    map_frame(page)
    wait_until_idle(page)
    assert metric(page, "Events") == "4"
    bar = sidebar(page)
    bar.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="Oct 2023 mass return").click()
    page.wait_for_url("**from=2023-10-01**", timeout=20000)
    wait_events(page, "3")
    screenshot(page, f"dates-preset-{page.size_id}")
    # typed: the start date, segment by segment as a keyboard user does
    bar.get_by_role("spinbutton", name="year, Start date").click()
    page.keyboard.type("2022")
    page.keyboard.type("01")
    page.keyboard.type("01")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    try:
        page.wait_for_url("**from=2022-01-01**", timeout=20000)
    except Exception:
        screenshot(page, f"dates-typed-{page.size_id}-FAILED")
        raise
    try:
        page.wait_for_function("() => [...document.querySelectorAll('[data-testid=stSidebar] [data-testid=stSelectbox]')]"
                               ".some(e => (e.textContent + ' ' + [...e.querySelectorAll('input')].map(i => i.value + ' ' + (i.getAttribute('aria-label') || '')).join(' '))"
                               ".includes('Dates chosen below'))", timeout=20000)  # no preset now
    except Exception:
        screenshot(page, f"dates-typed2-{page.size_id}-FAILED")
        raise
    # the month slider: one key press is one month
    thumb = bar.locator("[data-testid='stSlider'] input[type='range']").first
    thumb.focus()
    thumb.press("ArrowRight")
    page.wait_for_url("**from=2022-02-01**", timeout=20000)
    screenshot(page, f"dates-slider-{page.size_id}")
