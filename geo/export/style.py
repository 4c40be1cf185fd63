"""Type sizes, symbol sizes and colours of a static map, all derived from the preset's body size."""

from __future__ import annotations

from dataclasses import dataclass

SEA = "#d6e7f1"
LAND = {"CN": "#f4f1ea", "KP": "#ece7f2"}
LAND_OTHER = "#f1f0ec"
COAST = "#a3a3a3"
BORDER = "#6b6b6b"
BORDER_CN_KP = "#3d3d3d"
LAKE_EDGE = "#9cc3da"
INSET_FOCUS = "#c51b7d"


@dataclass(frozen=True)
class Style:
    base: float  # body type size in points

    ink: str = "#1a1a1a"
    muted: str = "#595959"
    faint: str = "#8a8a8a"
    halo: str = "#ffffff"

    @property
    def title(self) -> float:
        return self.base * 2.0

    @property
    def title2(self) -> float:
        return self.base * 1.5

    @property
    def subtitle(self) -> float:
        return self.base * 1.15

    @property
    def label(self) -> float:
        return self.base

    @property
    def detail(self) -> float:
        return self.base * 0.86

    @property
    def legend(self) -> float:
        return self.base * 0.9

    @property
    def credits(self) -> float:
        return self.base * 0.78

    @property
    def country(self) -> float:
        return self.base * 1.2

    @property
    def marker_min(self) -> float:  # radius, points
        return self.base * 0.36

    @property
    def marker_max(self) -> float:
        return self.base * 1.05

    @property
    def route_min(self) -> float:  # line width, points
        return self.base * 0.14

    @property
    def route_max(self) -> float:
        return self.base * 1.0

    @property
    def margin_in(self) -> float:
        return max(0.16, self.base * 0.028)
