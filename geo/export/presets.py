"""Output sizes for common publishing uses: a preset is a page size in inches, a resolution and a type size.

Pixel presets use 100–150 dpi so type in points reads well at that pixel size; `--dpi` changes the
resolution (pixels) without changing the layout.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import UsageError
from ..i18n import N_

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    width_in: float
    height_in: float
    dpi: float
    base_pt: float  # body type size; everything else scales from it
    inset: bool = True  # draw the locator map when there is room
    max_labels: int | None = None  # small formats name only the sites with the most people

    @property
    def pixels(self) -> tuple[int, int]:
        return round(self.width_in * self.dpi), round(self.height_in * self.dpi)

    @property
    def portrait(self) -> bool:
        return self.height_in > self.width_in * 1.05

    def with_dpi(self, dpi: float | None) -> "Preset":
        if dpi is None:
            return self
        if not 30 <= dpi <= 1200:
            raise UsageError(f"dpi {dpi} is outside 30–1200")
        return replace(self, dpi=float(dpi))


def from_pixels(name, label, width_px, height_px, dpi, base_pt, inset=True, max_labels=None) -> Preset:
    return Preset(name, label, width_px / dpi, height_px / dpi, dpi, base_pt, inset, max_labels)


def from_mm(name, label, width_mm, height_mm, dpi, base_pt, inset=True, max_labels=None) -> Preset:
    return Preset(name, label, width_mm / MM_PER_INCH, height_mm / MM_PER_INCH, dpi, base_pt, inset, max_labels)


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        from_pixels("default", N_("Screen 1600×1000"), 1600, 1000, 100, 10.5),
        from_pixels("social", N_("Social card 1200×630"), 1200, 630, 150, 7.0, inset=False, max_labels=10),
        from_pixels("square", N_("Square 1080×1080"), 1080, 1080, 150, 7.0, max_labels=16),
        from_pixels("story", N_("Vertical story 1080×1920"), 1080, 1920, 150, 7.5, max_labels=18),
        from_pixels("wide", N_("Slide 16:9 1920×1080"), 1920, 1080, 120, 10.0),
        from_mm("a4", N_("A4 print landscape 297×210 mm, 300 dpi"), 297, 210, 300, 8.0),
        from_mm("a4-portrait", N_("A4 print portrait 210×297 mm, 300 dpi"), 210, 297, 300, 8.0),
    )
}
DEFAULT = "default"


def get(name: str | None = None, dpi: float | None = None) -> Preset:
    """The named preset (default: 'default'), at `dpi` if given."""
    name = name or DEFAULT
    if name not in PRESETS:
        raise UsageError(f"unknown preset {name!r}; choose one of: {', '.join(PRESETS)}")
    return PRESETS[name].with_dpi(dpi)
