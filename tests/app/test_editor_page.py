"""The Editor page in Streamlit's AppTest: login required, then upload → problems → diff → save,
table edits, adding a site, conflicts and history/restore, all against a private copy of the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.editing import auth
from geo.editing.login import USER_LIMIT, LoginStore
from geo.editing.store import Store, sha256
from tests.common import XSS_PAYLOADS, load_layer

REPO = Path(__file__).resolve().parents[2]
PAGE = str(REPO / "pages" / "6_editor.py")
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def editors():
    return {"alice": auth.hash_password(PASSWORD, rounds=4)}


@pytest.fixture
def root(data_dir, monkeypatch):
    monkeypatch.setenv("GEO_DATA_DIR", str(data_dir))
    monkeypatch.setenv(
        "GEO_CHECK_TIME_S", "120"
    )  # the page's checks, not the budget, are tested here (tests/geo/test_bounded.py)
    return data_dir


def page(secrets: dict | None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    return at.run()


def signed_in(editors) -> AppTest:
    at = page({"editors": editors})
    at.text_input(key="login_user").input("alice")
    at.text_input[1].input(PASSWORD)
    at.button[0].click()
    at.run()  # signed in: the page sends the browser for its session cookie and stops
    assert not at.exception and [b.label for b in at.get("link_button")] == ["Continue"], [e.value for e in at.error]
    at.run()  # the session (kept server-side) holds
    assert not at.exception and at.radio(key="editor_task"), [e.value for e in at.error]
    return at


def task(at, name: str) -> AppTest:
    at.radio(key="editor_task").set_value(name)
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at) -> str:
    parts = [
        str(e.value)
        for kind in ("markdown", "text", "code", "info", "warning", "error", "success", "caption")
        for e in getattr(at, kind)
    ]
    parts += [d.value.to_csv() for d in at.dataframe]
    return "\n".join(parts)


def upload(at, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="upload_file").set_value((name, content, "application/octet-stream"))
    at.run()
    assert not at.exception, at.exception
    return at


# ---------------------------------------------------------------- login


def test_no_editors_configured_explains_the_command(root):
    at = page({"other": {"x": 1}})
    assert not at.exception
    assert "python -m geo add-editor USERNAME" in [c.value for c in at.code]
    assert not at.main.radio and not at.dataframe and not at.text_input


def test_login_required_and_nothing_shown_before(root, editors):
    at = page({"editors": editors})
    assert not at.exception
    assert [t.label for t in at.text_input] == ["User name", "Password"]
    assert not at.main.radio and not at.dataframe and not at.data_editor and not at.file_uploader
    assert "secret" not in texts(at).lower()


@pytest.mark.parametrize("user, password", [("alice", "wrong password!"), ("mallory", PASSWORD), ("", "")])
def test_wrong_credentials_are_refused(root, editors, user, password):
    at = page({"editors": editors})
    at.text_input(key="login_user").input(user)
    at.text_input[1].input(password)
    at.button[0].click()
    at.run()
    assert "Wrong user name or password." in [e.value for e in at.error]
    assert not at.main.radio and not at.dataframe


def test_plaintext_entries_never_log_in(root):
    at = page({"editors": {"alice": PASSWORD}})
    assert "python -m geo add-editor USERNAME" in [c.value for c in at.code] and not at.text_input


def test_signed_in_editor_sees_everything_and_can_sign_out(root, editors):
    at = signed_in(editors)
    assert at.radio(key="editor_task").options == ["Upload a file", "Edit tables", "Add a site on the map", "History"]
    events = task(at, "Edit tables").data_editor[0].value
    secret = events[events["id"] == "2023-04-01-secret"]
    assert len(secret) == 1 and bool(secret["sensitive"].iloc[0]) is True
    token = at.session_state["editor_token"]
    [b for b in at.button if b.label == "Sign out"][0].click()
    at.run()
    assert not at.main.radio and [t.label for t in at.text_input] == ["User name", "Password"]
    assert LoginStore(root).session_user(token) is None  # ended on the server, not only in this page


def test_sign_in_is_throttled_across_sessions_and_says_when_it_unlocks(root, editors):
    for n in range(USER_LIMIT):
        at = page({"editors": editors})  # a fresh session each time, as a reload or a new websocket would be
        at.text_input(key="login_user").input("alice")
        at.text_input[1].input(f"wrong password {n}")
        at.button[0].click()
        at.run()
    at = page({"editors": editors})
    at.text_input(key="login_user").input("alice")
    at.text_input[1].input(PASSWORD)  # the right password does not get in while locked
    at.button[0].click()
    at.run()
    assert not at.main.radio and any("locked until" in e.value and "UTC" in e.value for e in at.error)
    log = (root / ".auth" / "signin.log").read_text()
    assert log.count('"failure"') == USER_LIMIT and '"refused-locked"' in log


# ---------------------------------------------------------------- upload


def test_upload_validate_diff_save(root, editors):
    at = signed_in(editors)
    doc = load_layer(root, "crossings")
    doc["features"][0]["properties"]["name_en"] = "Renamed bridge"
    doc["features"][0]["properties"]["notes"] = XSS_PAYLOADS[0]
    upload(at, "crossings.geojson", json.dumps(doc).encode())
    shown = texts(at)
    assert "HTML markup" in shown and "feature 0 (dandong-sinuiju) properties.notes" in shown
    changes = [d.value for d in at.dataframe if "change" in d.value.columns][0]
    assert set(changes["field"]) == {"name_en", "notes"} and set(changes["change"]) == {"changed"}
    save = at.button(key="upload_save")
    assert not save.disabled
    save.click()
    at.run()
    assert not at.exception
    assert any(s.value.startswith("Saved sites/crossings.geojson") for s in at.success)
    saved = json.loads((root / "sites" / "crossings.geojson").read_text(encoding="utf-8"))
    assert saved["features"][0]["properties"]["name_en"] == "Renamed bridge"
    assert saved["features"][0]["properties"]["notes"] == XSS_PAYLOADS[0]  # kept as text
    assert len(Store(root).versions("crossings")) == 1


@pytest.mark.parametrize(
    "name, content, fragment",
    [
        ("crossings.geojson", b"{not json", "malformed JSON"),
        ("crossings.geojson", '{"type": "FeatureCollection"}'.encode("utf-16"), "UTF-16"),
        ("crossings.geojson", b"", "empty"),
        ("crossings.geojson", b'{"a": NaN}', "NaN"),
        ("crossings.geojson", b"[" * 100 + b"]" * 100, "nested too deeply"),
        ("crossings.geojson", b'{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
        (
            "crossings.geojson",
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "name": "crossings",
                    "features": [
                        {
                            "type": "Feature",
                            "id": "x",
                            "geometry": {"type": "LineString", "coordinates": [[124, 40], [125, 41]]},
                            "properties": {},
                        }
                    ],
                }
            ).encode(),
            "not supported",
        ),
        ("events.csv", None, "not a real calendar date"),
    ],
)
def test_bad_uploads_are_explained_and_not_saved(root, editors, name, content, fragment):
    if content is None:
        content = (root / "events.csv").read_bytes().replace(b"2021-07-14,day", b"2023-13-45,day", 1)
    at = signed_in(editors)  # (signing in writes its own state in .auth/, not data)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".auth" not in p.parts}
    upload(at, name, content)
    shown = texts(at)
    assert fragment in shown and name in shown
    save = [b for b in at.button if b.key == "upload_save"]
    assert not save or save[0].disabled
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".auth" not in p.parts} == before


def test_upload_with_crs_is_reprojected_and_says_so(root, editors):
    from pyproj import Transformer

    doc = load_layer(root, "crossings")
    t = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    for f in doc["features"]:
        f["geometry"]["coordinates"] = list(t.transform(*f["geometry"]["coordinates"]))
    doc["crs"] = {"type": "name", "properties": {"name": "EPSG:3857"}}
    at = signed_in(editors)
    upload(at, "crossings.geojson", json.dumps(doc).encode())
    assert "reprojected to WGS-84" in texts(at)
    assert any(i.value == "This is exactly the current file; there is nothing to save." for i in at.info)


def test_conflict_shows_both_versions_and_saves_nothing(root, editors):
    at = signed_in(editors)
    doc = load_layer(root, "crossings")
    doc["features"][0]["properties"]["name_en"] = "Alice's name"
    upload(at, "crossings.geojson", json.dumps(doc).encode())
    # meanwhile, Bob saves another change to the same file
    store = Store(root)
    text, sha = store.read("crossings")
    store.save("crossings", text.replace("Tumen–Namyang bridge", "Bob's bridge"), sha, user="bob")
    after_bob = (root / "sites" / "crossings.geojson").read_bytes()
    at.button(key="upload_save").click()
    at.run()
    assert not at.exception
    assert any("changed by someone else" in e.value for e in at.error)
    codes = [c.value for c in at.code]
    assert any("Bob's bridge" in c and "Alice's name" not in c for c in codes)  # on disk
    assert any("Alice's name" in c and "Bob's bridge" not in c for c in codes)  # yours
    assert (root / "sites" / "crossings.geojson").read_bytes() == after_bob
    # starting again diffs against Bob's version; saving then works
    at.button(key="upload_restart").click()
    at.run()
    at.button(key="upload_save").click()
    at.run()
    assert "Alice's name" in (root / "sites" / "crossings.geojson").read_text(encoding="utf-8")


# ---------------------------------------------------------------- tables


def test_table_edit_is_validated_then_saved(root, editors):
    """Claims are edited like any other table: a qualifier without its number is refused, a fixed row saved."""
    at = task(signed_in(editors), "Edit tables")
    at.selectbox(key="table_part").set_value("claims")
    at.run()
    key = at.data_editor[0].key
    at.session_state[key] = {"edited_rows": {0: {"people": None}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert "qualifier 'about' needs the number the source states" in texts(at)
    assert at.button(key="table_save").disabled
    key = at.data_editor[0].key
    at.session_state[key] = {
        "edited_rows": {0: {"qualifier": "nearly", "people": 50}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.button(key="table_save").disabled
    at.button(key="table_save").click()
    at.run()
    assert not at.exception
    row = (root / "claims.csv").read_text(encoding="utf-8").splitlines()[1]
    assert row.startswith("2021-07-14-dandong-return--rfa-2021-07-20,") and ",nearly,50,," in row


def test_site_table_edit(root, editors):
    at = task(signed_in(editors), "Edit tables")
    at.selectbox(key="table_part").set_value("china-detention")
    at.run()
    key = at.data_editor[0].key
    assert key.startswith("editor_china-detention_")
    at.session_state[key] = {"edited_rows": {0: {"kind": "castle"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert "'castle' is not allowed; use one of: " in texts(at)


# ---------------------------------------------------------------- add a site


def fill_site_form(at, **values):
    if "layer" in values:  # outside the form: choosing it reruns and fits kind, country and precision
        at.selectbox(key="add_layer").set_value(values.pop("layer"))
        at.run()
    at.number_input(key="add_lon").set_value(values.pop("lon"))
    at.number_input(key="add_lat").set_value(values.pop("lat"))
    for key, value in values.items():
        widget = {
            "system": at.selectbox,
            "layer": at.selectbox,
            "kind": at.selectbox,
            "country": at.selectbox,
            "precision": at.selectbox,
            "radius": at.number_input,
            "sources": at.multiselect,
            "sensitive": at.checkbox,
            "notes": at.text_area,
        }.get(key, at.text_input)
        widget(key=f"add_{key}").set_value(value)
    [b for b in at.button if b.label == "Check this site"][0].click()
    at.run()
    assert not at.exception


def test_add_a_site(root, editors):
    from geo.editing.chinese_offsets import wgs84_to_gcj02, distance_m

    at = task(signed_in(editors), "Add a site on the map")
    gcj = wgs84_to_gcj02(124.8, 40.5)
    fill_site_form(
        at,
        lon=round(gcj[0], 6),
        lat=round(gcj[1], 6),
        system="GCJ-02",
        layer="china-detention",
        id="new-detention-site",
        name_en="New site",
        name_ko="새 시설",
        kind="detention-centre",
        country="CN",
        precision="town",
        radius=5000,
        sources=["newsweek-2023-12"],
        sensitive=True,
    )
    assert "Converted from GCJ-02" in texts(at)
    at.button(key="add_save").click()
    at.run()
    doc = load_layer(root, "china-detention")
    new = doc["features"][-1]
    assert new["id"] == "new-detention-site" and new["properties"]["sensitive"] is True
    assert distance_m(*new["geometry"]["coordinates"], 124.8, 40.5) < 0.5


def test_add_a_site_with_problems(root, editors):
    at = task(signed_in(editors), "Add a site on the map")
    fill_site_form(
        at,
        lon=129.85083,
        lat=42.95444,
        layer="crossings",
        id="Bad Id",
        name_en="X",
        name_ko="X",
        kind="border-crossing",
        country="CN",
        precision="facility",
        radius=0,
        sources=["newsweek-2023-12"],
    )
    shown = texts(at)
    assert "feature 2 (Bad Id) id" in shown and "feature 2 (Bad Id) properties.country" in shown
    assert at.button(key="add_save").disabled
    assert len(load_layer(root, "crossings")["features"]) == 2


@pytest.mark.parametrize("layer", ["crossings", "china-detention", "nk-facilities"])
def test_add_site_form_starts_from_choices_that_fit_the_layer(root, editors, layer):
    at = task(signed_in(editors), "Add a site on the map")
    if at.selectbox(key="add_layer").value != layer:
        at.selectbox(key="add_layer").set_value(layer)
        at.run()
    expected = {
        "crossings": ("border-crossing", "CN-KP"),
        "china-detention": ("detention-centre", "CN"),
        "nk-facilities": ("holding-centre", "KP"),
    }[layer]
    assert (at.selectbox(key="add_kind").value, at.selectbox(key="add_country").value) == expected
    # only what a person must supply is left: coordinates typed, names, an id, a source, a crossing's sides
    sides = {"side_cn": "Quanhe", "side_kp": "Wonjong"} if layer == "crossings" else {}
    fill_site_form(
        at,
        lon=130.3,
        lat=42.5,
        id="a-new-site",
        name_en="A new site",
        name_ko="새 장소",
        sources=["newsweek-2023-12"],
        **sides,
    )
    assert "No problems found." in texts(at), texts(at)
    assert not at.button(key="add_save").disabled


# ---------------------------------------------------------------- history


def test_history_and_restore(root, editors):
    store = Store(root)
    original, sha = store.read("sources")
    store.save("sources", original.replace("Newsweek,", "Newsweek Inc,", 1), sha, user="bob")
    at = task(signed_in(editors), "History")
    at.selectbox(key="history_part").set_value("sources")
    at.run()
    assert any("Newsweek Inc" in c.value for c in at.code)  # the line diff
    at.button(key="history_save").click()
    at.run()
    assert not at.exception
    assert (root / "sources.csv").read_text(encoding="utf-8") == original
    assert len(store.versions("sources")) == 2
    assert sha256(original.encode()) == store.read("sources")[1]
