import hashlib

import folium

from geo.assets import LEAFLET_DIR, asset_links, external_links, leaflet_files, use_local_assets
from geo.paths import STATIC_DIR


def test_folium_defaults_are_replaced_by_local_leaflet():
    m = folium.Map()
    assert external_links(m)  # folium's defaults point at CDNs
    use_local_assets(m)
    assert external_links(m) == []
    assert asset_links(m) == [
        "/app/static/vendor/leaflet/1.9.4/leaflet.js",
        "/app/static/vendor/leaflet/1.9.4/leaflet.css",
    ]


def test_vendored_files_match_their_checksums():
    sums = (STATIC_DIR / "vendor" / "SHA256SUMS").read_text().split("\n")
    checked = 0
    for line in filter(None, sums):
        digest, name = line.split(maxsplit=1)
        path = STATIC_DIR / "vendor" / name.lstrip("*")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, name
        checked += 1
    assert checked >= 3


def test_leaflet_files_are_real():
    files = leaflet_files()
    assert b"Leaflet" in files["leaflet.js"][:2000] and len(files["leaflet.js"]) > 100_000
    assert b".leaflet-container" in files["leaflet.css"]
    assert (LEAFLET_DIR / "images" / "layers.png").exists()
