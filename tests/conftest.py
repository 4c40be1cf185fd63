"""Shared pytest fixtures: a private copy of the fixture data for every test that changes it."""

from __future__ import annotations


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
