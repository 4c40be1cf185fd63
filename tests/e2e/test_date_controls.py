"""The date controls as a reader uses them (issue 14): a preset, dates typed, the month slider; the
numbers follow and the URL keeps the range. At 1400×900, 1000×800 and 390×844."""

from __future__ import annotations

from tests.e2e.conftest import eventually, map_frame, screenshot, wait_until_idle
from tests.e2e.test_interactions import metric


def wait_events(page, n: str) -> None:
    page.wait_for_function(
        "n => [...document.querySelectorAll('[data-testid=stMetricValue]')].some(e => e.innerText.trim() === n)",
        arg=n,
        timeout=20000,
    )
    assert metric(page, "Events") == n


def sidebar(page):
    if page.size_id == "390x844":  # the sidebar is folded on a phone: open it
        page.locator(
            "[data-testid='stExpandSidebarButton'], [data-testid='stSidebarCollapsedControl'] button"
        ).first.click()
    bar = page.locator("[data-testid='stSidebar']")
    bar.get_by_text("Period").wait_for(timeout=20000)
    # the phone's sidebar slides in: a click aimed while it still moves lands beside the control
    eventually(
        lambda: bar.evaluate("e => e.getAnimations({subtree: true}).every(a => a.playState !== 'running')"),
        what="the sidebar settling",
    )
    return bar


def choose(page, select, option: str) -> None:
    """Open `select` and pick `option`; a click that a rerun swallowed (the list never opened) is tried again."""
    wanted = page.get_by_role("option", name=option)
    for _ in range(3):
        select.click()
        try:
            wanted.wait_for(timeout=5000)
        except Exception:
            page.keyboard.press("Escape")
            wait_until_idle(page)
            continue
        wanted.click()
        return
    raise AssertionError(f"the list with {option!r} did not open after three clicks")


def test_preset_typed_dates_and_slider(sized, server):
    page = sized
    page.goto(server.url, wait_until="domcontentloaded")
    map_frame(page)
    wait_until_idle(page)
    assert metric(page, "Events") == "4"
    bar = sidebar(page)
    choose(page, bar.locator("[data-testid='stSelectbox']").first, "Oct 2023 mass return")
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
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=stSidebar] [data-testid=stSelectbox]')]"
            ".some(e => (e.textContent + ' ' + [...e.querySelectorAll('input')].map(i => i.value + ' ' + (i.getAttribute('aria-label') || '')).join(' '))"
            ".includes('Dates chosen below'))",
            timeout=20000,
        )  # no preset now
    except Exception:
        screenshot(page, f"dates-typed2-{page.size_id}-FAILED")
        raise
    # the month slider: one key press is one month
    thumb = bar.locator("[data-testid='stSlider'] input[type='range']").first
    thumb.focus()
    thumb.press("ArrowRight")
    page.wait_for_url("**from=2022-02-01**", timeout=20000)
    screenshot(page, f"dates-slider-{page.size_id}")
