"""Categorical palettes stay distinguishable with the common colour-vision deficiencies.

Each palette is passed through a simulation of protanopia, deuteranopia and tritanopia (the full-severity
matrices of Machado, Oliveira and Fernandes 2009, applied in linear RGB) and every pair of colours must stay
apart by a CIELAB distance (CIE76 ΔE) that people notice at a glance on a map."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from geo import schemas

SIMULATIONS = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
    "typical": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
}
MIN_DELTA_E = 12.0  # well above a just-noticeable difference (~2.3) for small map symbols
PALETTES = {
    "event kinds": schemas.colours("events", "kind"),
    "site kinds": schemas.colours("site", "kind"),
}


def _linear(srgb):
    srgb = np.asarray(srgb, dtype=float)
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb):
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear_rgb
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen_as(hex_colour: str, matrix) -> np.ndarray:
    rgb = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    return _lab(np.clip(np.asarray(matrix) @ _linear(rgb), 0, 1))


def closest_pair(palette: dict, matrix):
    return min(
        (
            (float(np.linalg.norm(seen_as(palette[a], matrix) - seen_as(palette[b], matrix))), a, b)
            for a, b in combinations(palette, 2)
        )
    )


@pytest.mark.parametrize("vision", SIMULATIONS)
@pytest.mark.parametrize("name", PALETTES)
def test_palette_distinguishable(name, vision):
    delta, a, b = closest_pair(PALETTES[name], SIMULATIONS[vision])
    assert delta >= MIN_DELTA_E, f"{name} with {vision}: {a} and {b} are only ΔE {delta:.1f} apart"


def test_the_simulation_can_fail():
    """Red and green, the classic confusion, collapse for deuteranopia."""
    delta, *_ = closest_pair({"red": "#d62728", "green": "#2ca02c"}, SIMULATIONS["deuteranopia"])
    assert delta < MIN_DELTA_E
