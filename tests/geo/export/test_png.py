"""geo.export.png: the minimal PNG writer gives files any decoder reads back exactly."""

import io

import numpy as np
from PIL import Image

from geo.export import png


def test_round_trip_and_metadata():
    rng = np.random.default_rng(1)
    rgba = rng.integers(0, 256, size=(37, 53, 4), dtype=np.uint8)
    data = png.encode(rgba, 300, {"Software": "python -m geo export"})
    image = Image.open(io.BytesIO(data))
    image.verify()
    image = Image.open(io.BytesIO(data))
    assert image.mode == "RGB" and image.size == (53, 37)
    assert np.array_equal(np.asarray(image), rgba[:, :, :3])
    assert image.info["Software"] == "python -m geo export"
    assert round(image.info["dpi"][0]) == 300


def test_deterministic():
    rgba = np.full((10, 10, 4), 200, dtype=np.uint8)
    assert png.encode(rgba, 100) == png.encode(rgba, 100)
