"""The Editor in Korean shows no English interface text, through a whole editing journey: the sign-in
form, a bad upload's problems, a good upload's changes and save, the history of versions, the tables and
the add-a-site form with its problems.

Two nets, because a string nobody wrapped is in no catalog: (1) the catalog's English messages (as the
public pages' test looks for them) anywhere the page sends to the browser, the map components included;
(2) any run of three English words in the page's own text (labels, help, captions, messages), data
tables and code blocks left out. The interface columns of the problem and change tables (severity, place,
message, kind of change) are checked too: their file names, ids and values stay as in the data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.editing import auth
from tests.app.test_korean_pages import english_pieces
from tests.common import load_layer

REPO = Path(__file__).resolve().parents[2]
PAGE = str(REPO / "pages" / "6_editor.py")
PASSWORD = "correct horse battery"
ENGLISH_RUN = re.compile(
    r"\b[A-Za-z][a-z]+(?:[;:]? [A-Za-z][a-z]+){2,}\b"
)  # three English words, spaced (a list of field names has commas)
# the interface's own columns of the Editor's tables (the others hold file names, ids and values)
INTERFACE_COLUMNS = ("severity", "where", "problem", "change")


@pytest.fixture(scope="module")
def editors():
    return {"alice": auth.hash_password(PASSWORD, rounds=4)}


@pytest.fixture
def root(data_dir, monkeypatch):
    monkeypatch.setenv("GEO_DATA_DIR", str(data_dir))
    monkeypatch.setenv("GEO_CHECK_TIME_S", "120")
    return data_dir


def _strings(at: AppTest, components: bool) -> str:
    """The text of every element: data tables' cells, code blocks, st.text (data) and, unless asked,
    the map components (script and data) left out."""
    parts = []

    def walk(node):
        for child in (getattr(node, "children", None) or {}).values():
            walk(child)
        proto = getattr(node, "proto", None)
        if proto is None:
            return
        kind = getattr(node, "type", "")
        if kind in ("code", "text") or (kind in ("component_instance", "iframe") and not components):
            return
        if "arrow_data" in proto.DESCRIPTOR.fields_by_name:
            proto = type(proto)()
            proto.CopyFrom(node.proto)
            proto.ClearField("arrow_data")
        parts.append(str(proto))

    walk(at._tree)
    text = "\n".join(parts)
    text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
    return re.sub(r"""style=\\?["'][^"'\\]*\\?["']""", " ", text)


def _table_text(at: AppTest) -> str:
    cells = []
    for frame in at.dataframe:
        for column in INTERFACE_COLUMNS:
            if column in frame.value.columns:
                cells += [str(v) for v in frame.value[column]]
    return "\n".join(cells)


def english_shown(at: AppTest) -> list[str]:
    """English interface text the page shows: catalog pieces, English word runs, English table words."""
    assert not at.exception, at.exception
    everything = _strings(at, components=True) + "\n" + _table_text(at)
    found = {p for p in english_pieces() if p in everything}
    found |= set(ENGLISH_RUN.findall(_strings(at, components=False)))
    found |= set(ENGLISH_RUN.findall(_table_text(at)))
    return sorted(found)


def journey(root, editors, lang: str):
    """(state name, AppTest) at each step of an editing session in `lang`."""
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.secrets["editors"] = editors
    at.query_params["lang"] = lang
    at.run()
    yield "sign-in form", at
    at.text_input(key="login_user").input("alice")
    at.text_input[1].input(PASSWORD)
    at.button[0].click()
    at.run()
    at.run()  # signed in: the session (kept server-side) holds
    assert not at.exception and at.radio(key="editor_task"), [e.value for e in at.error]
    bad = (root / "events.csv").read_bytes().replace(b"2021-07-14,day", b"2023-13-45,day", 1)
    at.file_uploader(key="upload_file").set_value(("events.csv", bad, "text/csv"))
    at.run()
    yield "a bad upload's problems", at
    doc = load_layer(root, "crossings")
    doc["features"][0]["properties"]["name_en"] = "Renamed bridge"
    doc["features"][0]["properties"]["notes"] = "<b>markup</b> in a note"
    at.file_uploader(key="upload_file").set_value(("crossings.geojson", json.dumps(doc).encode(), "application/json"))
    at.selectbox(key="upload_part").set_value("crossings")  # the chooser keeps the last file's part
    at.run()
    yield "a good upload's changes", at
    at.button(key="upload_save").click()
    at.run()
    yield "saved", at
    at.radio(key="editor_task").set_value("History")
    at.run()
    at.selectbox(key="history_part").set_value("crossings")
    at.run()
    yield "history", at
    at.radio(key="editor_task").set_value("Edit tables")
    at.run()
    yield "tables", at
    at.radio(key="editor_task").set_value("Add a site on the map")
    at.run()
    at.number_input(key="add_lon").set_value(124.5)
    at.number_input(key="add_lat").set_value(40.2)
    at.selectbox(key="add_system").set_value("GCJ-02")
    at.text_input(key="add_id").input("Bad Id")
    next(b for b in at.button if b.label in ("Check this site", "이 장소 검사")).click()
    at.run()
    yield "a new site's problems", at


def test_the_korean_editor_shows_no_english_interface_text(root, editors):
    seen = []
    for state, at in journey(root, editors, "ko"):
        seen.append(state)
        found = english_shown(at)
        assert not found, f"the Korean Editor ({state}) shows English interface text: {found[:10]}"
        if state == "a bad upload's problems":
            problems = [f.value for f in at.dataframe if "problem" in f.value.columns][0]
            assert "'2023-13-45': 달력에 없는 날짜입니다" in set(problems["problem"])  # the value as in the data
            assert "2행 (2021-07-14-dandong-return) date 열" in set(problems["where"])
            assert set(problems["file"]) == {"events.csv"}
        if state == "saved":
            assert any(s.value.startswith("sites/crossings.geojson을(를) 저장했습니다") for s in at.success)
        if state == "a new site's problems":
            assert any("GCJ-02에서 WGS-84로 변환했습니다" in i.value for i in at.info)
    assert len(seen) == 7


def test_the_scan_would_see_english(root, editors):
    """Not vacuous: the same journey in English is full of what the Korean one must not show."""
    for state, at in journey(root, editors, "en"):
        assert english_shown(at), state
