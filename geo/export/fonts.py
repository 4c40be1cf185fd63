"""Fonts for exports: Noto Sans CJK (Debian fonts-noto-cjk) so Korean renders as glyphs, not boxes.

Its Latin letters are good too, so one family sets the whole map; English-only maps fall back to
DejaVu Sans when the CJK font is missing.
"""

from __future__ import annotations

from functools import lru_cache

from ..errors import GeoError

CJK_FAMILIES = ("Noto Sans CJK KR", "Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans CJK TC")
FALLBACK = "DejaVu Sans"
PACKAGE = "fonts-noto-cjk"


class FontMissing(GeoError):
    """The CJK font is not installed."""


@lru_cache(maxsize=None)
def cjk_family() -> str | None:
    """The name of an installed Noto Sans CJK family, registering its files if matplotlib's cache predates them."""
    from matplotlib import font_manager as fm

    names = {f.name for f in fm.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in names:
            return family
    for path in sorted(fm.findSystemFonts()):
        if "NotoSansCJK" in path.replace("-", "").replace(" ", ""):
            try:
                fm.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    names = {f.name for f in fm.fontManager.ttflist}
    return next((f for f in CJK_FAMILIES if f in names), None)


def cjk_font_file() -> str:
    """Path of the regular CJK font file; FontMissing names the package to install."""
    family = require_cjk()
    from matplotlib import font_manager as fm

    return fm.findfont(fm.FontProperties(family=family), fallback_to_default=False)


def require_cjk() -> str:
    family = cjk_family()
    if family is None:
        raise FontMissing(
            f"Korean labels need the Noto Sans CJK font, which is not installed; "
            f"install the Debian package {PACKAGE} (apt-get install {PACKAGE})"
        )
    return family


def families(lang: str) -> list[str]:
    """Font family list for an export in `lang` ('en', 'ko' or 'en+ko')."""
    if lang == "en":
        family = cjk_family()
        return [family, FALLBACK] if family else [FALLBACK]
    return [require_cjk(), FALLBACK]
