"""Date ranges a reader picks on the map page: presets ("all", the last 12 months of the record,
the October 2023 mass return, each year), and a month slider instead of one step per day.

The URL keeps the range itself (?from=&to=); a preset is only a name for a range, so a shared link
shows the same events whichever way the range was chosen. Nothing here imports streamlit.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from .i18n import N_

# The mass return of October 2023: China returned about 500-600 people on one night, 9 October 2023,
# through five crossings (data/events.csv); the preset spans the month so the reports around it show.
MASS_RETURN_2023 = (date(2023, 10, 1), date(2023, 10, 31))


@dataclass(frozen=True)
class Preset:
    key: str  # stable, for tests and the widget
    label: str  # English, translated where shown (N_); "{year}" is filled in
    start: date
    end: date


def month_start(d: date) -> date:
    return d.replace(day=1)


def month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def months(lo: date, hi: date) -> list[date]:
    """The first day of every month from lo's to hi's (the month slider's stops)."""
    out, d = [], month_start(lo)
    while d <= hi:
        out.append(d)
        d = (d + timedelta(days=32)).replace(day=1)
    return out


def clamp(start: date, end: date, lo: date, hi: date) -> tuple[date, date]:
    """The range inside the data's dates, start before end (swapped if typed the wrong way round)."""
    start, end = min(max(start, lo), hi), min(max(end, lo), hi)
    return (start, end) if start <= end else (end, start)


def from_months(first: date, last: date, lo: date, hi: date) -> tuple[date, date]:
    """The range the month slider means: from the first day of one month to the last day of another."""
    return clamp(month_start(first), month_end(last), lo, hi)


def to_months(start: date, end: date) -> tuple[date, date]:
    return month_start(start), month_start(end)


N_("All dates")
N_("Last 12 months of the record")
N_("Oct 2023 mass return")
N_("Year {year}")


def presets(lo: date, hi: date) -> list[Preset]:
    """The presets that fall inside the data's dates: all, the last 12 months, the October 2023 mass
    return, then each year (newest first)."""
    out = [Preset("all", "All dates", lo, hi)]
    last = max(
        lo,
        hi.replace(year=hi.year - 1) + timedelta(days=1)
        if not (hi.month == 2 and hi.day == 29)
        else date(hi.year - 1, 3, 1),
    )
    if last > lo:
        out.append(Preset("last-12-months", "Last 12 months of the record", last, hi))
    if lo <= MASS_RETURN_2023[1] and MASS_RETURN_2023[0] <= hi:
        out.append(Preset("2023-10-mass-return", "Oct 2023 mass return", *clamp(*MASS_RETURN_2023, lo, hi)))
    for year in range(hi.year, lo.year - 1, -1):
        out.append(Preset(f"year-{year}", "Year {year}", *clamp(date(year, 1, 1), date(year, 12, 31), lo, hi)))
    return out


def preset_of(start: date, end: date, lo: date, hi: date) -> str | None:
    """The key of the preset that is exactly this range, or None (a range typed or slid by hand)."""
    for p in presets(lo, hi):
        if (p.start, p.end) == (start, end):
            return p.key
    return None
