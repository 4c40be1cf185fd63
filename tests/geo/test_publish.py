"""The published map's files: public records only, every data string escaped, the same wording as the app."""

import json
from pathlib import Path

import pytest

from geo import dataset, publish
from geo.cli import main
from geo.errors import UsageError
from tests.common import FIXTURE_DATA, XSS_PAYLOADS, hostile_copy


def _data(files) -> dict:
    text = files["data.js"].decode("utf-8")
    return json.loads(text[len("window.GEO_PUBLISHED = ") :].rstrip().rstrip(";"))


@pytest.fixture(scope="module")
def built():
    return publish.build(dataset.load(FIXTURE_DATA))


def test_folder_has_the_map_its_assets_downloads_embed_and_checksums(built):
    files = built.files
    for name in (
        "index.html",
        "data.js",
        "basemap.js",
        "publish.js",
        "playthrough.js",
        "placelabels.js",
        "shapemarker.js",
        "placelabels.css",
        "publish.css",
        "vendor/leaflet/1.9.4/leaflet.js",
        "vendor/leaflet/1.9.4/leaflet.css",
        "downloads/events.csv",
        "downloads/events.geojson",
        "downloads/sources.csv",
        "embed-snippet.html",
        "embed.html",
        "SHA256SUMS",
    ):
        assert name in files, name
    sums = files["SHA256SUMS"].decode()
    assert all(f"  {name}\n" in sums for name in files if name != "SHA256SUMS")
    html = files["index.html"].decode()
    assert "http://" not in html and "https://" not in html and "Content-Security-Policy" in html


def test_place_labels_travel_with_the_map(built):
    """The app's label layer (script, style, names in English, Korean and Chinese) is in the folder and
    loaded by the page."""
    from geo import placelabels

    text = built.files["basemap.js"].decode("utf-8")
    basemap = json.loads(text[len("window.GEO_BASEMAP = ") :].rstrip().rstrip(";"))
    assert basemap["places"] == placelabels.places() and len(basemap["places"]["features"]) > 40
    assert built.files["placelabels.js"] == placelabels.SCRIPT_PATH.read_bytes()
    assert built.files["placelabels.css"].decode() == placelabels.CSS
    html = built.files["index.html"].decode()
    assert html.index('src="placelabels.js"') < html.index('src="publish.js"') and 'href="placelabels.css"' in html


def test_no_sensitive_record_anywhere(built):
    for name, data in built.files.items():
        text = data.decode("utf-8", "replace")
        assert "2023-04-01-secret" not in text and "secret-site" not in text, name
        assert "must never be public" not in text, name


def test_rows_carry_the_evidence_wording_in_both_languages(built):
    doc = _data(built.files)
    item = next(e for e in doc["events"] if e["id"] == "2021-07-14-dandong-return")
    assert "about 50" in item["html"]["en"] and "약 50" in item["html"]["ko"]
    assert item["size"] == 50 and item["kind"] == "repatriation"
    assert {k["id"] for k in doc["kinds"]} >= {"repatriation", "arrest"}
    assert doc["meta"]["credit"]["en"].startswith("Data version")
    assert doc["windows"]["quarter"][0][0] == doc["meta"]["from"]
    # only the size kind sizes markers: an arrest never adds to a site's size
    assert all(e["size"] == 0 for e in doc["events"] if e["kind"] != "repatriation")


def test_hostile_text_is_escaped_in_every_file(tmp_path):
    files = publish.build(dataset.load(hostile_copy(tmp_path))).files
    for name, data in files.items():
        if name.startswith(("vendor/", "downloads/")):  # downloads are data (CSV, GeoJSON), never HTML
            continue
        text = data.decode("utf-8", "replace")
        for payload in XSS_PAYLOADS:
            assert payload not in text, (name, payload)
    assert "&lt;script&gt;" in files["data.js"].decode()


def test_embed_snippet_names_the_version_and_refuses_script_urls(built):
    snippet = built.files["embed-snippet.html"].decode()
    assert "<iframe" in snippet and "clamp(" in snippet and built.version.short_hash in snippet
    assert (
        publish.embed_snippet("https://example.org/map", built.version).count("https://example.org/map/index.html") == 2
    )
    with pytest.raises(UsageError):
        publish.embed_snippet("javascript:alert(1)", built.version)


def test_command_writes_and_replaces_only_a_published_folder(tmp_path, capsys):
    out = tmp_path / "map"
    assert main(["publish", "--data", str(FIXTURE_DATA), "--out", str(out)]) == 0
    assert (out / "index.html").is_file() and "published" in capsys.readouterr().out
    assert main(["publish", "--data", str(FIXTURE_DATA), "--out", str(out)]) == 0  # a republish replaces it
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep")
    assert main(["publish", "--data", str(FIXTURE_DATA), "--out", str(other)]) == 2
    assert (other / "mine.txt").read_text() == "keep"


def test_interface_words_come_from_the_catalogs(built):
    """The published map's words go through geo.i18n like the app's: the same title, every word in Korean."""
    from geo import i18n

    doc = _data(built.files)
    en, ko = doc["ui"]["en"], doc["ui"]["ko"]
    assert en.keys() == ko.keys() == publish.ui_words("en").keys()
    assert ko["title"] == i18n.translate("ko")(publish.UI_WORDS["title"]) != en["title"]
    flat = [(k, en[k], ko[k]) for k in en if isinstance(en[k], str) and k != "lang_name"]
    flat += [(f"{k}.{n}", en[k][n], ko[k][n]) for k in en if isinstance(en[k], dict) for n in en[k]]
    assert [k for k, e, o in flat if e == o] == []  # nothing left in English
    assert "{n}" in ko["events_n"] and "{kind}" in ko["size_note"]  # the browser fills these
    heads = [s["head"] for s in doc["sites"]]
    assert any("within about" in h["en"] for h in heads)  # approximate sites: the app's words, in Korean too
    assert not any("within about" in h["ko"] for h in heads) and any("오차 약" in h["ko"] for h in heads)


def test_published_map_draws_each_site_kind_in_its_shape(built):
    """The published map's markers and legend take each kind's shape from the schema, with the app's script."""
    from geo.styles import KIND_SHAPES

    doc = json.loads(built.files["data.js"].decode().split("=", 1)[1].rstrip().rstrip(";"))
    assert all(s["shape"] == KIND_SHAPES[s["kind"]] for s in doc["sites"])
    assert [k["shape"] for k in doc["site_kinds"]] == list(KIND_SHAPES.values())
    assert all(f"shape-{k['shape']}" in k["icon"] for k in doc["site_kinds"])
    html = built.files["index.html"].decode()
    assert html.index('src="shapemarker.js"') < html.index('src="publish.js"')
    assert built.files["shapemarker.js"] == (Path(publish.__file__).parent / "web" / "shapemarker.js").read_bytes()
