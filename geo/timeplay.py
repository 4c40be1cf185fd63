"""The time play-through, decided once: which windows the play control steps through.

The app's map (Streamlit) and the published static map both step the selected window through time
with the same windows: `steps()` is plain Python, and the published map gets its result as data
(geo.publish), so no step rule is written twice. The browser side of the control (play/pause, speed,
the date shown large on the map) is geo/web/playthrough.js, a core-Leaflet control that takes the
windows and a callback and can be added to any Leaflet map, folium's included (`control_js()`).
"""

from __future__ import annotations

from datetime import date, timedelta

UNITS = {"month": 1, "quarter": 3, "year": 12}
SPEEDS_MS = {"slow": 2000, "normal": 1000, "fast": 450}


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def steps(lo: date, hi: date, unit: str = "quarter") -> list[tuple[date, date]]:
    """Consecutive calendar windows (whole months, quarters or years) from the one holding `lo` to
    the one holding `hi`; each window is (first day, last day), clipped to [lo, hi]."""
    if unit not in UNITS:
        raise ValueError(f"unknown step unit {unit!r}; choose from {', '.join(UNITS)}")
    if hi < lo:
        return []
    months = UNITS[unit]
    first_month = (lo.month - 1) // months * months + 1
    start = date(lo.year, first_month, 1)
    out = []
    while start <= hi:
        nxt = _add_months(start, months)
        out.append((max(start, lo), min(nxt - timedelta(days=1), hi)))
        start = nxt
    return out


def label(window: tuple[date, date], unit: str, lang: str = "en") -> str:
    """The date shown large on the map while playing: '2023 Q4', '2023-10', '2023' (Korean: 2023년 4분기…)."""
    start = window[0]
    if unit == "year":
        return f"{start.year}년" if lang == "ko" else str(start.year)
    if unit == "quarter":
        q = (start.month - 1) // 3 + 1
        return f"{start.year}년 {q}분기" if lang == "ko" else f"{start.year} Q{q}"
    return f"{start.year}년 {start.month}월" if lang == "ko" else f"{start.year}-{start.month:02d}"


def windows_json(lo: date, hi: date, langs=("en", "ko")) -> dict:
    """Every unit's windows as data for the browser: {unit: [[from, to, {lang: label}], …]}."""
    return {
        unit: [
            [a.isoformat(), b.isoformat(), {lang: label((a, b), unit, lang) for lang in langs}]
            for a, b in steps(lo, hi, unit)
        ]
        for unit in UNITS
    }


def control_js() -> str:
    """The browser control's source (geo/web/playthrough.js): defines window.GeoPlay."""
    from pathlib import Path

    return (Path(__file__).parent / "web" / "playthrough.js").read_text(encoding="utf-8")
