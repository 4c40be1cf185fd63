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
    assert [label.split(" (")[0] for label in labels] == [
        "Download PNG",
        "Download SVG",
        "Download PDF",
        "Download HTML",
    ]
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


def test_labels_left_out_are_reported_as_the_command_line_reports_them(monkeypatch):
    """The shipped record at the 'story' size has more sites than room: the page names the labels it
    dropped and the ones the size leaves out, in the reader's language, as text."""
    monkeypatch.setenv("GEO_DATA_DIR", str(PAGE.parents[1] / "data"))
    at = AppTest.from_file(str(PAGE), default_timeout=240).run()
    at.selectbox(key="x_preset").set_value("story").run()
    assert not at.exception
    bodies = [h.proto.body for h in at.get("html")]
    assert any("No room for" in b and "A larger size may fit them." in b for b in bodies), bodies
    assert any("shown without a label" in b for b in bodies)


def test_no_label_note_when_every_label_fits(app):
    assert not any("No room for" in h.proto.body or "without a label" in h.proto.body for h in app.get("html"))
