"""Deterministic label placement: candidate positions around each point, greedy by priority.

All geometry is in display pixels. A label is a box of measured (rendered) size; each candidate is
scored by its overlap with labels already placed and with obstacles (markers, map furniture, the
map's edge), plus a small cost for covering route lines and for sitting far from its point (far
candidates get a leader line). The cheapest candidate without hard overlap wins; a label with no
free candidate is left out rather than drawn over another. Same input, same output.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# preference order: right, upper right, lower right, left, upper left, lower left, above, below
DIRECTIONS = ((1, 0), (1, 1), (1, -1), (-1, 0), (-1, 1), (-1, -1), (0, 1), (0, -1))
# further out, leader lines may also leave at the angles in between
EXTRA_ANGLES = (22.5, -22.5, 157.5, -157.5, 67.5, 112.5, -67.5, -112.5)


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def grow(self, pad: float) -> "Box":
        return Box(self.x0 - pad, self.y0 - pad, self.x1 + pad, self.y1 + pad)

    def overlap(self, other: "Box") -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0

    def outside(self, bounds: "Box") -> float:
        """Area of this box that lies outside `bounds`."""
        return self.width * self.height - self.overlap(bounds)

    def nearest(self, x: float, y: float) -> tuple[float, float]:
        return min(max(x, self.x0), self.x1), min(max(y, self.y0), self.y1)

    def contains(self, pts: np.ndarray) -> int:
        if not len(pts):
            return 0
        inside = (pts[:, 0] >= self.x0) & (pts[:, 0] <= self.x1) & (pts[:, 1] >= self.y0) & (pts[:, 1] <= self.y1)
        return int(inside.sum())


@dataclass(frozen=True)
class Request:
    key: str
    x: float  # anchor point, px
    y: float
    radius: float  # marker radius, px: candidates start beyond it
    width: float  # rendered label size, px
    height: float
    compact: tuple | None = None  # (width, height) of a shorter form, tried when the full one does not fit


@dataclass(frozen=True)
class Placement:
    key: str
    box: Box
    direction: tuple[int, int]
    leader: bool  # far from its point: draw a line to it
    compact: bool = False  # the shorter form was used

    @property
    def ha(self) -> str:
        return {1: "left", -1: "right", 0: "center"}[self.direction[0]]


def candidate_box(r: Request, direction, distance: float) -> Box:
    """The label box `distance` px from the anchor in `direction`, touching that point with its near side.

    `direction` is one of DIRECTIONS, or an angle in degrees (the box then sits on that ray, its
    alignment taken from the nearest compass side).
    """
    if isinstance(direction, tuple):
        dx, dy = direction
        if dx and dy:
            ox, oy = dx * distance * math.sqrt(0.5), dy * distance * math.sqrt(0.5)
        else:
            ox, oy = dx * distance, dy * distance
    else:
        a = math.radians(direction)
        ox, oy = math.cos(a) * distance, math.sin(a) * distance
        dx = 1 if ox > 1e-9 else -1 if ox < -1e-9 else 0
        dy = 1 if oy > 1e-9 else -1 if oy < -1e-9 else 0
        if abs(oy) > abs(ox) * 2.4:
            dx = 0
        elif abs(ox) > abs(oy) * 2.4:
            dy = 0
    px, py = r.x + ox, r.y + oy
    x0 = px if dx > 0 else px - r.width if dx < 0 else px - r.width / 2
    y0 = py if dy > 0 else py - r.height if dy < 0 else py - r.height / 2
    return Box(x0, y0, x0 + r.width, y0 + r.height)


def _side(direction) -> tuple[int, int]:
    if isinstance(direction, tuple):
        return direction
    a = math.radians(direction)
    ox, oy = math.cos(a), math.sin(a)
    dx = 0 if abs(oy) > abs(ox) * 2.4 else (1 if ox > 0 else -1)
    dy = 0 if abs(ox) > abs(oy) * 2.4 else (1 if oy > 0 else -1)
    return dx, dy


def _areas(c: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Overlap area of each candidate (M×4) with each box (K×4), summed per candidate."""
    if not len(boxes):
        return np.zeros(len(c))
    w = np.minimum(c[:, None, 2], boxes[None, :, 2]) - np.maximum(c[:, None, 0], boxes[None, :, 0])
    h = np.minimum(c[:, None, 3], boxes[None, :, 3]) - np.maximum(c[:, None, 1], boxes[None, :, 1])
    return (np.clip(w, 0, None) * np.clip(h, 0, None)).sum(axis=1)


def _inside(c: np.ndarray, pts: np.ndarray) -> np.ndarray:
    if not len(pts):
        return np.zeros(len(c))
    x, y = pts[None, :, 0], pts[None, :, 1]
    return ((x >= c[:, None, 0]) & (x <= c[:, None, 2]) & (y >= c[:, None, 1]) & (y <= c[:, None, 3])).sum(axis=1)


class PointGrid:
    """Points binned on a pixel grid with a summed-area table: how many fall in a box, in O(1) per box.

    Route lines are sampled into thousands of points; counting them per candidate box this way keeps
    placement fast with hundreds of routes.
    """

    def __init__(self, pts: np.ndarray, bounds: Box, cell: float = 2.0):
        self.x0, self.y0, self.cell = bounds.x0, bounds.y0, cell
        nx = max(1, int(math.ceil(bounds.width / cell)) + 1)
        ny = max(1, int(math.ceil(bounds.height / cell)) + 1)
        grid = np.zeros((ny + 1, nx + 1), dtype=np.int64)
        if len(pts):
            ix = np.floor((pts[:, 0] - self.x0) / cell).astype(int) + 1
            iy = np.floor((pts[:, 1] - self.y0) / cell).astype(int) + 1
            ok = (ix >= 1) & (ix <= nx) & (iy >= 1) & (iy <= ny)
            np.add.at(grid, (iy[ok], ix[ok]), 1)
        self.table = grid.cumsum(axis=0).cumsum(axis=1)
        self.nx, self.ny = nx, ny

    def count(self, c: np.ndarray) -> np.ndarray:
        """Points inside each box (M×4: x0, y0, x1, y1)."""
        if not len(c):
            return np.zeros(0)

        def col(v):
            return np.clip(np.floor((v - self.x0) / self.cell).astype(int) + 1, 0, self.nx)

        def row(v):
            return np.clip(np.floor((v - self.y0) / self.cell).astype(int) + 1, 0, self.ny)

        x0, x1 = col(c[:, 0]) - 1, col(c[:, 2])
        y0, y1 = row(c[:, 1]) - 1, row(c[:, 3])
        x0, y0 = np.clip(x0, 0, None), np.clip(y0, 0, None)
        t = self.table
        return t[y1, x1] - t[y0, x1] - t[y1, x0] + t[y0, x0]


def _arr(boxes) -> np.ndarray:
    return np.array([(b.x0, b.y0, b.x1, b.y1) for b in boxes], dtype=float).reshape(-1, 4)


def _segment_points(x0, y0, x1, y1, step=3.0) -> np.ndarray:
    n = max(2, int(math.hypot(x1 - x0, y1 - y0) / step) + 1)
    t = np.linspace(0.0, 1.0, n)
    return np.column_stack([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t])


def line_samples(lines: list[np.ndarray], step: float = 3.0) -> np.ndarray:
    """Points every `step` px along polylines (display coordinates): what labels should not cover.

    A segment shared by several routes is sampled once.
    """
    segments = {
        (round(a[0], 1), round(a[1], 1), round(b[0], 1), round(b[1], 1))
        for xy in lines
        for a, b in zip(xy[:-1], xy[1:])
    }
    parts = [_segment_points(x0, y0, x1, y1, step) for x0, y0, x1, y1 in sorted(segments)]
    return np.concatenate(parts) if parts else np.zeros((0, 2))


def _crosses(a, b, segments) -> bool:
    """True if segment a–b properly crosses any of `segments` ((x0, y0, x1, y1) each)."""

    def orient(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    for x0, y0, x1, y1 in segments:
        c, d = (x0, y0), (x1, y1)
        if (orient(a, b, c) * orient(a, b, d) < 0) and (orient(c, d, a) * orient(c, d, b) < 0):
            return True
    return False


def _best(
    r: Request,
    hard: np.ndarray,
    placed: np.ndarray,
    bounds: Box,
    soft: PointGrid,
    soft_boxes: np.ndarray,
    gap: float,
    rings: tuple[float, ...],
    pad: float,
    leaders: list,
    leader_pts: np.ndarray,
):
    """The cheapest candidate for one label: (box, direction, leader, hard cost)."""
    cands = []
    for ring, extra in enumerate(rings):
        dirs = list(DIRECTIONS) + (list(EXTRA_ANGLES) if ring >= 2 else [])
        for order, direction in enumerate(dirs):
            cands.append((candidate_box(r, direction, r.radius + gap + extra), direction, ring, order))
    c = _arr([b for b, *_ in cands])
    g = c + np.array([-pad, -pad, pad, pad])
    area = (g[:, 2] - g[:, 0]) * (g[:, 3] - g[:, 1])
    inside = _areas(g, _arr([bounds]))
    hard_cost = (area - inside) * 4 + _areas(g, placed) * 4 + _areas(c, hard) + _inside(c, leader_pts) * 50
    soft_cost = soft.count(c) * 12 + _areas(c, soft_boxes) * 0.5
    rank = np.array([ring * 40 + order * 2 for _, _, ring, order in cands], dtype=float)
    base = hard_cost * 1000 + soft_cost + rank
    best, best_cost = None, math.inf
    for i in np.argsort(base, kind="stable"):
        if base[i] >= best_cost:
            break
        box, direction, ring, _ = cands[i]
        cost, hard_i = base[i], hard_cost[i]
        if ring > 0 and hard_i == 0:
            lx, ly = box.nearest(r.x, r.y)
            lead = _segment_points(r.x, r.y, lx, ly)
            lead = lead[np.hypot(lead[:, 0] - r.x, lead[:, 1] - r.y) > r.radius + 1]
            crossing_labels = _inside(placed + np.array([-1, -1, 1, 1]), lead).sum() if len(placed) else 0
            crossing_marks = _inside(hard + np.array([1, 1, -1, -1]), lead).sum() if len(hard) else 0
            hard_i = crossing_labels * 10 + (100 if _crosses((r.x, r.y), (lx, ly), leaders) else 0)
            cost = hard_i * 1000 + base[i] + crossing_marks * 40
        if cost < best_cost:
            best, best_cost = (box, _side(direction), ring > 0, hard_i), cost
    return best


def place(
    requests: list[Request],
    obstacles: list[Box],
    bounds: Box,
    soft_points: np.ndarray | None = None,
    gap: float = 3.0,
    rings: tuple[float, ...] = (0.0, 10.0, 24.0, 42.0),
    pad: float = 2.0,
    marker_boxes: dict[str, Box] | None = None,
    soft_boxes: list[Box] | None = None,
) -> dict[str, Placement | None]:
    """Place labels in the order given (highest priority first); None for a label that does not fit.

    `obstacles` are hard (never covered); `marker_boxes` maps request keys to their own marker, which
    is an obstacle to every other label (and to leader lines); `soft_points` are sampled route lines
    and `soft_boxes` minor symbols (covering them costs a little). A label whose full form does not
    fit anywhere is tried in its compact form before it is left out.
    """
    pts = soft_points if soft_points is not None else np.zeros((0, 2))
    soft = PointGrid(pts, bounds.grow(max(rings, default=0) + 200))
    marker_boxes = marker_boxes or {}
    soft_arr = _arr(soft_boxes or [])
    placed: list[Box] = []
    leaders: list[tuple] = []
    leader_pts = np.zeros((0, 2))
    out: dict[str, Placement | None] = {}
    for r in requests:
        hard = _arr(list(obstacles) + [b for k, b in marker_boxes.items() if k != r.key])
        forms = [(r, False)]
        if r.compact:
            forms.append((Request(r.key, r.x, r.y, r.radius, *r.compact), True))
        out[r.key] = None
        for form, compact in forms:
            box, direction, leader, cost_hard = _best(
                form, hard, _arr(placed), bounds, soft, soft_arr, gap, rings, pad, leaders, leader_pts
            )
            if cost_hard == 0:
                placed.append(box)
                out[r.key] = Placement(r.key, box, direction, leader, compact)
                if leader:
                    lx, ly = box.nearest(r.x, r.y)
                    leaders.append((r.x, r.y, lx, ly))
                    leader_pts = np.vstack([leader_pts, _segment_points(r.x, r.y, lx, ly, 2.0)[1:-1]])
                break
    return out


def place_in_area(
    width: float,
    height: float,
    anchors: list[tuple[float, float]],
    avoid: list[Box],
    bounds: Box,
    soft_points: np.ndarray | None = None,
    pad: float = 4.0,
) -> Box | None:
    """A centred box at the first anchor (in order) where it covers nothing hard; None if none fits."""
    soft = PointGrid(soft_points if soft_points is not None else np.zeros((0, 2)), bounds)
    best, best_cost = None, math.inf
    for i, (x, y) in enumerate(anchors):
        box = Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)
        grown = box.grow(pad)
        if grown.outside(bounds) > 0 or any(grown.overlap(b) for b in avoid):
            continue
        cost = int(soft.count(_arr([box]))[0]) * 6 + i
        if cost < best_cost:
            best, best_cost = box, cost
        if cost == i:
            break
    return best
