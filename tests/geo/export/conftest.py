"""Shared fixtures for the export tests: the fixture dataset, its scene, and a copy with every
sensitive record deleted (an export of either must be byte-identical)."""

from __future__ import annotations

import json
import re

import pytest

from tests.common import FIXTURE_DATA, copy_data, read_rows, write_rows

SENSITIVE_STRINGS = ["secret-site", "Secret site", "비밀", "秘密", "2023-04-01-secret", "A sensitive record"]


@pytest.fixture(scope="session")
def ds():
    from geo.dataset import load

    return load(FIXTURE_DATA)


@pytest.fixture(scope="session")
def scene(ds):
    from geo.export import scene as scene_mod
    from geo.query import Filters

    return scene_mod.build(ds, Filters())


@pytest.fixture(scope="session")
def stripped_data(tmp_path_factory):
    """The fixture data with the sensitive site and event (and the claims about it) removed from the files."""
    root = copy_data(tmp_path_factory.mktemp("stripped"))
    path = root / "sites" / "china-detention.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"] = [f for f in doc["features"] if not f["properties"]["sensitive"]]
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    rows = [r for r in read_rows(root / "events.csv") if r["sensitive"] != "true"]
    write_rows(root / "events.csv", rows)
    kept = {r["id"] for r in rows}
    write_rows(root / "claims.csv", [r for r in read_rows(root / "claims.csv") if r["event"] in kept])
    return root


@pytest.fixture(scope="session")
def stripped_ds(stripped_data):
    from geo.dataset import load

    return load(stripped_data)


def layer_strings(html_text: str) -> list[str]:
    """Every HTML string (tooltips, popups) the HTML export's own site and route layers carry: the
    JSON arguments of their script blocks."""
    out = []

    def walk(value):
        if isinstance(value, str):
            if "<" in value:
                out.append(value)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for args in re.findall(r"\}\)\(map_[0-9a-f]+, (.*?)\);\n", html_text):
        walk(json.loads("[" + args + "]"))
    return out


def site_popups(html_text: str) -> list[str]:
    return [s for s in layer_strings(html_text) if s.startswith("<div class='site-popup'>")]
