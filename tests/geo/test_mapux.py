"""The map's first view: every site near the border, the far ends of the escape routes one click away."""

from __future__ import annotations

import pandas as pd

from geo import mapux


def sites(*points):
    return pd.DataFrame([{"lon": lon, "lat": lat} for lon, lat in points], index=[f"s{i}" for i in range(len(points))])


BORDER = [(124.4, 40.1), (129.8, 42.9), (126.2, 41.8), (123.4, 41.8), (120.38, 36.07)]  # Qingdao stays near
SOUTH = [(102.71, 25.04), (108.32, 22.82)]  # Kunming, Nanning


def test_first_view_holds_the_border_sites_and_leaves_the_far_south_out():
    frame = sites(*BORDER, *SOUTH)
    assert mapux.far_from_core(frame).tolist() == [False] * 5 + [True] * 2
    (south, west), (north, east) = mapux.view_bounds(frame, None)
    assert (south, west, north, east) == (36.07, 120.38, 42.9, 129.8)


def test_without_far_sites_the_view_is_every_site_and_no_button():
    frame = sites(*BORDER)
    assert mapux.view_bounds(frame, None) == [[36.07, 120.38], [42.9, 129.8]]
    assert mapux.all_sites_control(frame) is None
    assert mapux.view_bounds(sites(), [[1, 2], [3, 4]]) == [[1, 2], [3, 4]]


def test_the_button_toggles_between_the_border_and_every_site_in_the_reader_language():
    frame = sites(*BORDER, *SOUTH)
    control = mapux.all_sites_control(frame, "en")
    assert control.all_bounds == [[22.82, 102.71], [42.9, 129.8]]
    assert control.core_bounds == mapux.view_bounds(frame, None)
    assert control.words["label"] == "All 7 sites" and "2 far from the border" in control.words["hint"]
    korean = mapux.all_sites_control(frame, "ko").words
    assert korean["label"] == "모든 장소 7곳" and korean["back"] == "국경 지역"
