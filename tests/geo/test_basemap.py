"""geo.basemap: the shipped vector basemap, and its byte-identical copies under static/."""

import pytest

from geo import basemap


def test_basemap_layers_cover_the_border():
    countries = {f["properties"]["iso_a2"] for f in basemap.layer("countries")["features"]}
    assert {"CN", "KP"} <= countries
    with pytest.raises(ValueError):
        basemap.layer("oceans")


def test_static_basemap_copies_match_the_data():
    from geo.paths import BASEMAP_DIR, STATIC_DIR

    for name in basemap.LAYERS:
        assert (STATIC_DIR / basemap.STATIC_URL_PATH / f"{name}.geojson").read_bytes() == (
            BASEMAP_DIR / f"{name}.geojson"
        ).read_bytes()
