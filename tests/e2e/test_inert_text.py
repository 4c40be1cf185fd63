"""Markdown in data text, in a real browser: a site's name with an image and a link, a publisher
with an image in the Statistics caption. Nothing is fetched from outside, no link or picture is
made, and a person reads the characters exactly as they are in the file."""

from __future__ import annotations

import json
import shutil

import pytest

from geo.paths import SHIPPED_DATA
from tests.common import read_rows, write_rows
from tests.e2e.conftest import StreamlitServer, screenshot, wait_until_idle, watched_page

PIXEL = "![tracker](http://127.0.0.2:9/pixel.png)"
LINK = "[click](https://evil.example/)"
STYLE = "**bold** :red[red] $x$ www.evil.example"


@pytest.fixture(scope="module")
def markdown_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("markdown") / "data"
    shutil.copytree(SHIPPED_DATA, root, ignore=shutil.ignore_patterns(".history", ".auth"))
    site = None
    for path in sorted((root / "sites").glob("*.geojson")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for feature in doc["features"]:
            feature["properties"]["name_en"] = f"{feature['properties']['name_en']} {PIXEL} {LINK}"
            feature["properties"]["name_ko"] = STYLE
            site = site or (feature["id"] if not feature["properties"]["sensitive"] else None)
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    rows = read_rows(root / "sources.csv")
    for row in rows:
        row["publisher"] = f"{row['publisher']} {PIXEL}"
    write_rows(root / "sources.csv", rows)
    srv = StreamlitServer(root)
    srv.site = site
    yield srv
    srv.stop()


def assert_inert(page):
    assert page.watch.external == [], page.watch.external  # the browser asked no outside address for anything
    assert page.locator("[data-testid='stMain'] img[src*='127.0.0.2']").count() == 0
    assert page.locator("[data-testid='stMain'] a[href*='evil.example']").count() == 0


def test_site_name_with_markdown_is_shown_as_text(browser, markdown_server):
    page = watched_page(browser, markdown_server.url)
    try:
        page.goto(f"{markdown_server.url}/?site={markdown_server.site}", wait_until="domcontentloaded")
        heading = page.locator("[data-testid='stMain'] h3.data-text").first
        heading.wait_for(timeout=30000)
        wait_until_idle(page)
        heading.scroll_into_view_if_needed()
        screenshot(page, "inert-site-heading")
        shown = heading.inner_text()
        assert PIXEL in shown and LINK in shown and STYLE in shown
        assert_inert(page)
    finally:
        page.context.close()


def test_publisher_with_markdown_is_shown_as_text_on_statistics(browser, markdown_server):
    page = watched_page(browser, markdown_server.url)
    try:
        page.goto(f"{markdown_server.url}/statistics", wait_until="domcontentloaded")
        caption = page.locator("p.data-text", has_text="Source:").first
        caption.wait_for(timeout=30000)
        wait_until_idle(page)
        caption.scroll_into_view_if_needed()
        screenshot(page, "inert-statistics-caption")
        assert PIXEL in caption.inner_text()
        assert_inert(page)
    finally:
        page.context.close()
