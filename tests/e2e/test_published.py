"""The published map (python -m geo publish) in Chromium, from file:// and from a plain local web server:
filters, the play-through, the site panel, the language switch, deep links, no request outside its own
folder, hostile text stays text, and the embed snippet inside a newsroom's page. Timings live in the benchmark."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from geo import dataset, publish
from tests.common import FIXTURE_DATA, hostile_copy
from tests.e2e.conftest import ARTIFACTS, eventually, free_port, stop_process, wait_for_http


class StaticServer:
    """`python -m http.server` on loopback, serving one folder; stopped by the fixture."""

    def __init__(self, root):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1", "--directory", str(root)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_http(self.url + "/", self.proc, 20, "the static file server", pause=0.1)
        except RuntimeError:
            self.stop()
            raise

    def stop(self):
        stop_process(self.proc)


@pytest.fixture(scope="module")
def site_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("published")
    publish.write(publish.build(dataset.load(FIXTURE_DATA)), root / "map")
    publish.write(publish.build(dataset.load(hostile_copy(tmp_path_factory.mktemp("hostile")))), root / "hostile")
    snippet = (root / "map" / "embed-snippet.html").read_text().replace('src="./index.html"', 'src="map/index.html"')
    (root / "article.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'><meta name='viewport' "
        "content='width=device-width,initial-scale=1'><title>Article</title></head><body "
        "style='max-width:1200px;margin:0 auto;font-family:serif'><h1>News</h1><p>Text "
        f"before.</p>{snippet}<p>Text after.</p></body></html>",
        encoding="utf-8",
    )
    srv = StaticServer(root)
    yield root, srv
    srv.stop()
    shutil.rmtree(root, ignore_errors=True)


def open_map(browser, base: str, query: str = "", folder: str = "map", size=(1400, 900)):
    """A page on the published map; every request outside its folder is recorded and refused."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    pg = context.new_page()
    pg.outside, pg.errors, pg.dialogs = [], [], []
    own = f"{base}/{folder}/"
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))

    def route(r):
        if r.request.url.startswith(own) or r.request.url.startswith(("data:", "about:")):
            r.continue_()
        else:
            pg.outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg.goto(f"{own}index.html{query}")
    pg.wait_for_selector("body.ready", timeout=20000)
    return pg


def view(pg) -> dict:
    return pg.evaluate("window.GEO_VIEW")


@pytest.fixture(params=["file", "http"])
def base(request, site_root):
    root, srv = site_root
    return ("file://" + str(root)) if request.param == "file" else srv.url


def test_map_filters_panel_language_and_play(browser, base):
    pg = open_map(browser, base)
    try:
        everything = view(pg)
        assert everything["events"] >= 3 and pg.locator("path.site-marker").count() >= 5
        zoom = everything["zoom"]
        # dates: the 2023 mass return only
        pg.fill("#from", "2023-10-01")
        pg.dispatch_event("#from", "change")
        pg.fill("#to", "2023-10-31")
        pg.dispatch_event("#to", "change")
        oct23 = view(pg)
        assert 0 < oct23["events"] < everything["events"] and oct23["from"] == "2023-10-01"
        # kinds: none selected says so and shows no event
        for box in pg.locator("#kinds input").all():
            box.uncheck()
        assert view(pg)["events"] == 0 and pg.locator(".counts .empty").is_visible()
        pg.click("#reset")
        assert view(pg)["events"] == everything["events"]
        # the site panel: each event with its own sources
        pg.click("path.site-0", force=True)
        panel = pg.locator("#panel")
        panel.wait_for(state="visible")
        assert panel.locator("h2").inner_text() and view(pg)["site"]
        # place names on the map, then in Korean with the language switch
        assert pg.locator(".place-label", has_text="Dandong").first.is_visible()
        pg.click(".langs button[data-lang=ko]")
        assert pg.locator("#title").inner_text() == "중국의 탈북민 강제북송"
        eventually(lambda: pg.locator(".place-label", has_text="단둥").first.is_visible(), what="Korean place names")
        assert pg.locator(".place-label", has_text="Dandong").count() == 0
        assert "사건" in pg.locator("#counts").inner_text()
        # the play-through steps the window, keeps the zoom, shows the date large
        pg.select_option(".geo-play-speed", "fast")
        pg.click(".geo-play-button")
        playing = eventually(
            lambda: (lambda v: v if v["from"] != everything["from"] or v["to"] != everything["to"] else None)(view(pg)),
            what="the play-through stepping the window",
        )
        assert pg.locator(".geo-play-date").is_visible() and "분기" in pg.locator(".geo-play-date").inner_text()
        assert playing["zoom"] == zoom
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"published-{base.split(':')[0]}-playing-ko.png"))
        pg.click(".geo-play-button")
        assert pg.outside == [] and pg.errors == [], (pg.outside, pg.errors)
    finally:
        pg.context.close()


def test_deep_link_restores_site_dates_kind_and_language(browser, base):
    pg = open_map(browser, base, "?site=dandong-sinuiju&from=2021-07-14&to=2021-12-31&kind=repatriation&lang=ko")
    try:
        v = view(pg)
        assert (v["site"], v["from"], v["to"], v["kinds"], v["lang"]) == (
            "dandong-sinuiju",
            "2021-07-14",
            "2021-12-31",
            ["repatriation"],
            "ko",
        )
        assert pg.locator("#panel").is_visible() and "약 50" in pg.locator("#panel").inner_text()
        pg.screenshot(path=str(ARTIFACTS / f"published-{base.split(':')[0]}-deeplink.png"))
        if base.startswith("http"):  # a file:// page may not rewrite its URL; a served one keeps it in step
            pg.click("#reset")
            assert "site=dandong-sinuiju" in pg.url and "from=" not in pg.url
        assert pg.outside == [] and pg.errors == []
    finally:
        pg.context.close()


def test_hostile_text_stays_text(browser, base):
    pg = open_map(browser, base, folder="hostile")
    try:
        for i in range(pg.locator("path.site-marker").count()):
            pg.locator("path.site-marker").nth(i).dispatch_event("click")
            pg.locator("path.site-marker").nth(i).dispatch_event("mouseover")  # the tooltip, with hostile names
        pg.click(".langs button[data-lang=ko]")
        assert "<script>" in pg.locator("#panel").inner_text()  # shown as text
        assert pg.evaluate("window.__xss") is None and pg.dialogs == []
        assert pg.locator("#panel script, #panel img, #panel svg").count() == 0
        assert pg.outside == []
    finally:
        pg.context.close()


def test_phone_shows_the_map_first(browser, site_root):
    root, srv = site_root
    pg = open_map(browser, srv.url, size=(390, 844))
    try:
        box = pg.locator("#map").bounding_box()
        assert box["y"] < 150 and box["height"] > 400
        pg.screenshot(path=str(ARTIFACTS / "published-phone.png"))
    finally:
        pg.context.close()


def test_embed_snippet_in_an_article(browser, site_root):
    root, srv = site_root
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    outside = []
    context.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(srv.url) else (outside.append(r.request.url), r.abort()),
    )
    try:
        pg.goto(srv.url + "/article.html")
        frame = pg.frame_locator("figure.nk-repatriation-map iframe")
        frame.locator("body.ready").wait_for(timeout=20000)
        assert frame.locator("path.site-marker").count() >= 5
        caption = pg.locator("figure.nk-repatriation-map figcaption")
        assert caption.is_visible() and "Data version" in caption.inner_text()
        wide = pg.locator("figure.nk-repatriation-map iframe").bounding_box()["height"]
        pg.set_viewport_size({"width": 600, "height": 900})
        narrow = pg.locator("figure.nk-repatriation-map iframe").bounding_box()["height"]
        assert wide > narrow >= 440
        pg.set_viewport_size({"width": 1200, "height": 900})
        pg.locator("figure.nk-repatriation-map").scroll_into_view_if_needed()
        pg.screenshot(path=str(ARTIFACTS / "published-embed.png"), full_page=True)
        assert outside == []
    finally:
        context.close()
