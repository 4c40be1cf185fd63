"""pages/4_export.py in Streamlit's AppTest: it renders a preview and offers the four downloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.common import FIXTURE_DATA

PAGE = Path(__file__).resolve().parents[3] / "pages" / "4_export.py"


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("GEO_DATA_DIR", str(FIXTURE_DATA))
    return AppTest.from_file(str(PAGE), default_timeout=180).run()


def test_page_runs_and_offers_every_format(app):
    assert not app.exception
    labels = [b.proto.label for b in app.get("download_button")]
    assert [label.split(" (")[0] for label in labels] == ["Download PNG", "Download SVG", "Download PDF", "Download HTML"]
    assert len(app.get("image")) == 1
    urls = [b.proto.url for b in app.get("download_button")]
    assert urls[0] and urls[3]  # PNG and HTML are ready; SVG and PDF are drawn when clicked (see the browser test)


def test_changing_options_rerenders(app):
    app.radio(key="x_lang").set_value("ko").run()
    assert not app.exception
    app.selectbox(key="x_preset").set_value("social").run()
    app.text_input(key="x_title").input("<b>Returns</b>").run()
    assert not app.exception
    assert len(app.get("download_button")) == 4


def test_downloads_in_a_real_browser(browser):
    """The page served by Streamlit: the PDF is drawn on click and every file downloads intact."""
    from tests.e2e.conftest import StreamlitServer
    from tests.geo.export.conftest import SENSITIVE_STRINGS
    server = StreamlitServer(FIXTURE_DATA)
    got = {}
    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(server.url + "/export")
        for fmt in ("PDF", "HTML"):
            button = page.get_by_text(f"Download {fmt}")
            button.wait_for(timeout=120_000)
            with page.expect_download(timeout=120_000) as download:
                button.click()
            got[fmt] = Path(download.value.path()).read_bytes()
    finally:
        context.close()
        server.stop()
    assert got["PDF"].startswith(b"%PDF-") and got["PDF"].rstrip().endswith(b"%%EOF")
    html = got["HTML"].decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert not any(s in html for s in SENSITIVE_STRINGS)
