"""geo.export.labels: deterministic, collision-free placement (Dandong and Sinuiju are 2 km apart)."""

import itertools

import numpy as np

from geo.export.labels import Box, Request, candidate_box, line_samples, place, place_in_area

BOUNDS = Box(0, 0, 800, 500)


def _overlaps(boxes):
    return [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlap(b) > 0]


def test_candidate_boxes_touch_their_side():
    r = Request("a", 100, 100, 5, 40, 10)
    east = candidate_box(r, (1, 0), 8)
    assert east.x0 == 108 and east.y0 == 95
    north = candidate_box(r, (0, 1), 8)
    assert north.y0 == 108 and north.x0 == 80


def test_two_points_two_km_apart_get_separate_labels():
    # Dandong and Sinuiju: 4 px apart at regional scale
    reqs = [Request("dandong", 400, 250, 8, 120, 30), Request("sinuiju", 403, 246, 8, 140, 30)]
    markers = {r.key: Box(r.x - 8, r.y - 8, r.x + 8, r.y + 8) for r in reqs}
    out = place(reqs, [], BOUNDS, marker_boxes=markers)
    boxes = [out["dandong"].box, out["sinuiju"].box]
    assert not _overlaps(boxes)
    for b in boxes:
        for m in markers.values():
            assert b.overlap(m) == 0


def test_many_labels_never_overlap_and_are_deterministic():
    rng = np.random.default_rng(7)
    pts = rng.uniform([50, 50], [750, 450], size=(40, 2))
    reqs = [Request(f"s{i}", x, y, 6, 90, 24) for i, (x, y) in enumerate(pts)]
    markers = {r.key: Box(r.x - 6, r.y - 6, r.x + 6, r.y + 6) for r in reqs}
    furniture = [Box(0, 0, 200, 60)]
    first = place(reqs, furniture, BOUNDS, marker_boxes=markers)
    again = place(reqs, furniture, BOUNDS, marker_boxes=markers)
    assert first == again
    placed = [p.box for p in first.values() if p]
    assert len(placed) >= 25
    assert not _overlaps(placed)
    for b in placed:
        assert b.outside(BOUNDS) == 0 and b.overlap(furniture[0]) == 0
        assert all(b.overlap(m) == 0 for m in markers.values())


def test_compact_form_then_leave_out():
    wall = [Box(0, 0, 800, 240), Box(0, 262, 800, 500), Box(0, 0, 380, 500), Box(470, 0, 800, 500)]
    r = Request("a", 400, 250, 3, 60, 40, compact=(60, 10))
    out = place([r], wall, BOUNDS)
    assert out["a"] is not None and out["a"].compact
    assert place([Request("b", 400, 250, 3, 300, 300)], wall, BOUNDS)["b"] is None


def test_labels_avoid_route_lines_when_they_can():
    route = line_samples([np.array([[400.0, 250.0], [700.0, 250.0]])])
    out = place([Request("a", 400, 250, 5, 80, 16)], [], BOUNDS, soft_points=route)
    assert out["a"].box.contains(route) == 0


def test_area_label_prefers_first_free_anchor():
    box = place_in_area(50, 10, [(100, 100), (300, 300)], [Box(60, 80, 140, 120)], BOUNDS)
    assert box == Box(275, 295, 325, 305)
    assert place_in_area(50, 10, [(10, 10)], [], BOUNDS) is None  # would cross the edge


def test_point_grid_counts_like_brute_force():
    from geo.export.labels import PointGrid

    rng = np.random.default_rng(3)
    pts = rng.uniform([0, 0], [800, 500], size=(3000, 2))
    grid = PointGrid(pts, BOUNDS, cell=1.0)
    boxes = [Box(10, 10, 200, 120), Box(400, 300, 401, 301), Box(-50, -50, 900, 900), Box(700, 0, 800, 40)]
    counts = grid.count(np.array([(b.x0, b.y0, b.x1, b.y1) for b in boxes]))
    for b, n in zip(boxes, counts):
        assert abs(int(n) - b.contains(pts)) <= max(3, b.contains(pts) * 0.03)  # cell-edge rounding only
