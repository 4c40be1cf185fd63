"""Every page in Korean: it runs, and it shows no English interface text (the catalog's English
messages are looked for in everything the page sends to the browser, the map's popups and legend included)."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import i18n
from tests.common import FIXTURE_DATA

REPO = Path(__file__).resolve().parents[2]
PAGES = [
    "app.py",
    "pages/1_timeline.py",
    "pages/2_sites.py",
    "pages/5_about.py",
    "pages/4_export.py",
    "pages/3_statistics.py",
]
MIN_CHARS = 10  # shorter pieces ("Kind", "open") also occur inside other words and names


@pytest.fixture(autouse=True)
def fixture_data_env(monkeypatch):
    monkeypatch.setenv("GEO_DATA_DIR", str(FIXTURE_DATA))


def english_pieces() -> set[str]:
    """The literal parts of every translated message that differ from their translation."""
    out = set()
    catalog = i18n.read_catalog("ko")
    for msg in catalog:
        if not msg.id or not msg.string:
            continue
        english = msg.id if isinstance(msg.id, str) else msg.id[0]
        for literal, *_rest in string.Formatter().parse(english):
            for line in literal.splitlines():
                line = line.strip(" .,;:()—-*")
                if len(line) >= MIN_CHARS and line not in (
                    msg.string if isinstance(msg.string, str) else msg.string[0]
                ):
                    out.add(line)
    return out


def page_text(at: AppTest) -> str:
    """Everything the page's elements carry: text, labels, help, options, the map component's script."""
    parts = []

    def walk(node):
        children = getattr(node, "children", None)
        if children:
            for child in children.values():
                walk(child)
        proto = getattr(node, "proto", None)
        if proto is not None:
            if "arrow_data" in proto.DESCRIPTOR.fields_by_name:  # a table's cells are data, not interface
                proto = type(proto)()
                proto.CopyFrom(node.proto)
                proto.ClearField("arrow_data")
            parts.append(str(proto))

    walk(at._tree)
    return "\n".join(parts)


def run(page: str, lang: str, **params) -> AppTest:
    at = AppTest.from_file(str(REPO / page), default_timeout=120)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("page", PAGES)
def test_korean_page_shows_no_english_interface_text(page):
    at = run(page, "ko", **({"site": "shenyang-detention"} if page in ("app.py", "pages/2_sites.py") else {}))
    assert not at.exception, at.exception
    text = page_text(at)
    found = sorted(p for p in english_pieces() if p in text)
    assert not found, f"{page} in Korean shows English interface text: {found[:10]}"


def test_the_scan_would_see_english():
    """The check above is not vacuous: the English page holds many of the same pieces."""
    at = run("app.py", "en", site="shenyang-detention")
    text = page_text(at)
    assert len([p for p in english_pieces() if p in text]) > 10
