"""The map page's shared views (issue 15, cheap sessions): what every session computes the same way is
computed once per data content hash, filters and language, and each session only looks it up."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from pages.shared import chrome
from tests.common import FIXTURE_DATA

REPO = Path(__file__).resolve().parents[2]


def session(monkeypatch, params=None) -> AppTest:
    monkeypatch.setenv("GEO_DATA_DIR", str(FIXTURE_DATA))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def test_two_sessions_with_the_same_filters_share_one_view(monkeypatch):
    built = []
    real = chrome.MapView.__init__

    def counting(self, *args, **kw):
        built.append(args[1:])
        real(self, *args, **kw)

    monkeypatch.setattr(chrome.MapView, "__init__", counting)
    chrome._views.clear()
    chrome._layer_scripts.clear()
    first, second = session(monkeypatch), session(monkeypatch)
    assert not first.exception and not second.exception
    assert len(built) == 1  # the second session only looked the view up
    assert [m.value for m in first.metric] == [m.value for m in second.metric]
    second.sidebar.pills[1].set_value(["corroborated"]).run()  # other filters: a view of their own
    assert len(built) == 2


def test_the_language_is_part_of_the_key(monkeypatch):
    chrome._views.clear()
    chrome._layer_scripts.clear()
    chrome._base_parts.clear()
    english, korean = session(monkeypatch), session(monkeypatch, {"lang": "ko"})
    assert not english.exception and not korean.exception
    langs = {key[-1] for key in chrome._views._values}
    assert langs == {"en", "ko"}
    # the same filters, two languages: each gets its own words, in the numbers' help and on the map
    assert english.metric[1].proto.help != korean.metric[1].proto.help
    scripts = {key[3]: value for key, value in chrome._layer_scripts._values.items()}
    assert scripts["en"] != scripts["ko"]
    assert "Returned to North Korea" in scripts["en"] and "Returned to North Korea" not in scripts["ko"]
    bases = {key[-1]: value["script"] for key, value in chrome._base_parts._values.items()}
    assert bases["en"] != bases["ko"]  # the legend


def test_a_view_is_computed_once_when_many_ask_at_once():
    calls = []

    def slow(*key):
        calls.append(key)
        time.sleep(0.2)
        return object()

    shared = chrome._Shared(slow, 4)
    out = []
    threads = [threading.Thread(target=lambda: out.append(shared("a", 1))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len({id(v) for v in out}) == 1


def test_shared_cache_is_bounded_least_recently_used_first():
    shared = chrome._Shared(lambda k: [k], 2)
    a = shared("a")
    shared("b")
    assert shared("a") is a  # a is now the most recent
    shared("c")  # b goes
    assert set(shared._values) == {("a",), ("c",)}


def test_a_changed_file_gives_a_new_key(tmp_path, monkeypatch):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    monkeypatch.setenv("GEO_DATA_DIR", str(data))
    before = chrome.data_key()
    sources = data / "sources.csv"
    sources.write_text(sources.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert chrome.data_key()[1] != before[1]
