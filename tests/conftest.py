"""Shared pytest fixtures: a private copy of the fixture data for every test that changes it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.common import FIXTURE_DATA, copy_data


@pytest.fixture
def data_dir(tmp_path):
    """A writable copy of tests/fixtures/data."""
    return copy_data(tmp_path)


@pytest.fixture(scope="session")
def fixture_data():
    """The read-only fixture data directory."""
    return FIXTURE_DATA


@pytest.fixture(scope="session")
def fixture_ds():
    from geo.dataset import load
    return load(FIXTURE_DATA)


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_chromium() -> None:
    """Skip without Debian's chromium on a developer machine; in CI (CI=true) fail instead."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run (Playwright's sync API allows one driver per thread)."""
    require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
