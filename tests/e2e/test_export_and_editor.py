"""The Export page downloads a real PNG; the Editor page demands a login, and a wrong password gets in
nowhere, while a right one (bcrypt hash in a secrets file of the test's own) opens the editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.common import copy_data
from tests.e2e.conftest import StreamlitServer, app_copy_with_editor, screenshot, wait_until_idle, watched_page


def test_export_page_downloads_a_png(page, server):
    page.goto(server.url + "/export", wait_until="domcontentloaded")
    button = page.get_by_role("button", name=__import__("re").compile(r"^Download PNG"))
    button.wait_for(timeout=120_000)
    wait_until_idle(page, timeout=120_000)
    screenshot(page, "export-page")
    with page.expect_download(timeout=60_000) as info:
        button.click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 50_000
    assert page.watch.external == []


@pytest.fixture
def editor_server(tmp_path_factory):
    """A server whose working copy has one editor: its own copy of the app, so the real secrets file is never touched."""
    root = app_copy_with_editor(tmp_path_factory.mktemp("editor-app"))
    data = copy_data(root / "work")
    srv = StreamlitServer(data, app_dir=root)
    yield srv
    srv.stop()


def test_editor_demands_a_login(browser, editor_server):
    page = watched_page(browser, editor_server.url)
    page.goto(editor_server.url + "/editor", wait_until="domcontentloaded")
    page.get_by_role("button", name="Sign in").wait_for(timeout=60_000)
    assert page.get_by_text("Upload a file").count() == 0
    page.get_by_role("textbox", name="User name").fill("alice")
    page.get_by_role("textbox", name="Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Wrong user name or password.").wait_for(timeout=30_000)
    wait_until_idle(page)
    assert page.get_by_text("Upload a file").count() == 0
    page.get_by_role("textbox", name="Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").first.wait_for(timeout=30_000)
    page.get_by_text("Upload a file").first.wait_for(timeout=30_000)
    screenshot(page, "editor-signed-in")
    page.context.close()
