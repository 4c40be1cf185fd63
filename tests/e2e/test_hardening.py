"""Hardened settings: what the server refuses to serve and how it is configured."""

from __future__ import annotations

import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_config_is_hardened():
    cfg = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert cfg["server"]["enableXsrfProtection"] is True
    assert cfg["server"]["maxUploadSize"] <= 20
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["client"]["showErrorDetails"] == "none"
    assert cfg["server"]["fileWatcherType"] == "none"  # a served app does not reload (and it slowed every page open)
    assert cfg["runner"]["postScriptGC"] is False  # a full collection after every run: ~70% of the CPU under load


def test_static_serving_serves_vendored_assets_only(server):
    status, body = fetch(server.url + "/app/static/vendor/leaflet/1.9.4/leaflet.js")
    assert status == 200 and b"Leaflet" in body[:2000]
    assert not list((REPO / "static").rglob("*.toml")) and not list((REPO / "static").rglob("*.csv"))


@pytest.mark.parametrize(
    "path",
    [
        "/app/static/../.streamlit/secrets.toml",
        "/app/static/%2e%2e/.streamlit/secrets.toml",
        "/app/static/..%2f.streamlit%2fsecrets.toml",
        "/app/static/%2e%2e/%2e%2e/etc/passwd",
        "/app/static/../data/events.csv",
        "/app/static/../data/.history/",
        "/.streamlit/secrets.toml",
        "/data/events.csv",
    ],
)
def test_no_path_to_secrets_history_or_data(server, path):
    status, body = fetch(server.url + path)
    assert b"[editors]" not in body and b"root:x:" not in body and b"people_low" not in body
    assert status in (400, 403, 404) or b"<!doctype html>" in body.lower()  # the app shell, not the file
