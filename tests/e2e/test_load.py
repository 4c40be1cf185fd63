"""A bounded load test on loopback: 20 concurrent browser sessions open the map and move the
date filter. Zero errors allowed; the server's response times (p50/p95) and memory are reported."""

from __future__ import annotations

import asyncio
import statistics
import time

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, require_chromium

SESSIONS = 20
BUDGET_S = 110  # the whole test stays under two minutes


def rss_kb(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


async def one_session(browser, url: str, errors: list[str]) -> tuple[float, float]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    t0 = time.perf_counter()
    await page.goto(url, wait_until="domcontentloaded")
    frame = page.frame_locator("iframe[title*='streamlit_folium']").first
    await frame.locator("path.site-marker").first.wait_for(state="attached", timeout=90000)
    t_map = time.perf_counter() - t0
    thumb = page.locator("[data-testid='stSidebar'] [data-testid='stSlider'] input[type='range']").first
    await thumb.focus()
    t1 = time.perf_counter()
    await thumb.press("End")
    await page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMetricValue]')].some(e => e.innerText.trim() === '3')",
        timeout=60000)
    t_filter = time.perf_counter() - t1
    await context.close()
    return t_map, t_filter


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def test_twenty_concurrent_sessions(server, capsys):
    require_chromium()
    from playwright.async_api import async_playwright

    errors: list[str] = []

    async def main():
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return await asyncio.wait_for(
                    asyncio.gather(*(one_session(browser, server.url, errors) for _ in range(SESSIONS))), BUDGET_S)
            finally:
                await browser.close()

    rss_before = rss_kb(server.proc.pid, "VmRSS")
    started = time.perf_counter()
    results = asyncio.run(main())
    wall = time.perf_counter() - started
    maps = [r[0] for r in results]
    filters = [r[1] for r in results]
    peak = rss_kb(server.proc.pid, "VmHWM")
    with capsys.disabled():
        print(f"\n{SESSIONS} concurrent sessions on loopback in {wall:.1f} s, errors: {len(errors)}")
        print(f"  page open -> map drawn: p50 {statistics.median(maps):.2f} s, p95 {pct(maps, .95):.2f} s")
        print(f"  filter change -> numbers updated: p50 {statistics.median(filters):.2f} s, p95 {pct(filters, .95):.2f} s")
        print(f"  server memory: RSS before {rss_before / 1024:.0f} MB, peak {peak / 1024:.0f} MB")
    assert len(results) == SESSIONS
    assert errors == [], errors[:5]
