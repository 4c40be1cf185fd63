"""The time play-through of the HTML export: what each window of the export's dates shows.

The windows are geo.timeplay's (the app's map and the published map step through the same ones), and
the browser control is the published map's (geo/web/playthrough.js, inlined). Everything a step
shows is decided here, per window, with the rules the whole export uses: which sites have events
(geo.query's date overlap), marker sizes from the size kind's figures alone, route widths likewise,
and the numbers line as the header words it (each kind's own computed sum, never one total). The
browser only swaps those values in: the map is never rebuilt, so it keeps the reader's zoom and centre.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .. import i18n, query, timeplay
from ..query import SITE_REFS
from . import scene as scene_mod
from . import wording

PLAY_WORDS = {
    "play": i18n.N_("Play"),
    "pause": i18n.N_("Pause"),
    "unit": i18n.N_("Step"),
    "speed": i18n.N_("Speed"),
    "units": {"month": i18n.N_("month"), "quarter": i18n.N_("quarter"), "year": i18n.N_("year")},
    "speeds": {"slow": i18n.N_("slow"), "normal": i18n.N_("normal"), "fast": i18n.N_("fast")},
}


PLAY_BYTES = 250_000  # the play data's share of an export (geo.export.html.MAX_BYTES is the whole file's)


@dataclass(frozen=True)
class _Numbers:
    """What wording.subtitle_parts reads of a scene, for one window."""

    date_from: date
    date_to: date
    events: int
    by_kind: tuple

    @property
    def empty(self) -> bool:
        return self.events == 0


def words(lang: str) -> dict:
    """The control's words in `lang` from the interface catalog (the published map's, too)."""
    _ = i18n.translate(lang)

    def walk(table):
        return {k: walk(v) if isinstance(v, dict) else _(v) for k, v in table.items()}

    return walk(PLAY_WORDS)


def frames(
    public,
    events: pd.DataFrame,
    lo: date,
    hi: date,
    size_kind: str,
    site_ids: list[str],
    route_stops: list[tuple],
    lang: str,
    site_radius,
    route_widths,
) -> dict:
    """For every step unit, one frame per window of [lo, hi]: {unit: [[from, to, {lang: label}, numbers,
    sites, routes], …]}. `numbers`: the header's line for the window; `sites`: [position in `site_ids`
    (the export's marker order), radius] for each site the window has events at (the others are drawn
    as sites without events); `routes`: [position in `route_stops`, high width, low width] for each line
    the window has events along (the others are hidden). Sparse, so a long range of many sites stays
    small. `site_radius(high, largest)` and `route_widths(high, low, largest)` are the export's own
    sizing rules.

    Bounded: the units are decided from the longest step (year) to the shortest (month), and a unit is
    left out when its frames would take the play data past PLAY_BYTES (judged from the size per window
    of the units already made, before any of its windows is worked out). A long range of many sites
    and routes then steps by quarter or year only, and the file and the time to make it stay bounded."""
    sub = "ko" if lang == "ko" else "en"
    start, end = events["date"].to_numpy(), events["date_end"].to_numpy()
    # the stops as categories of the site table once, so every window's totals take integer codes
    # (geo.query.site_positions) instead of matching site names again
    sites = pd.CategoricalDtype(public.sites.index)
    events = events.assign(
        **{c: events[c].astype(sites) for c in SITE_REFS if not isinstance(events[c].dtype, pd.CategoricalDtype)}
    )
    position = {sid: i for i, sid in enumerate(site_ids)}
    seen: dict = {}  # the same events in several windows (a quiet quarter's one busy month): decided once
    out: dict = {}
    every = timeplay.windows_json(lo, hi, (sub,))
    used, made = 0, 0  # bytes of the frames so far, windows so far
    for unit in sorted(every, key=lambda u: -timeplay.UNITS[u]):  # year, quarter, month
        windows = every[unit]
        if made and used + used / made * len(windows) > PLAY_BYTES:
            continue
        rows = []
        for a, b, label in windows:
            # geo.query.filter_events' overlap: the event (or its dated period) touches [a, b]
            inside = np.flatnonzero((end >= np.datetime64(a)) & (start <= np.datetime64(b)))
            key = inside.tobytes()
            if key not in seen:
                seen[key] = _window(
                    public, events.iloc[inside], size_kind, position, route_stops, site_radius, route_widths
                )
            by_kind, sites, routes = seen[key]
            numbers = _Numbers(date.fromisoformat(a), date.fromisoformat(b), len(inside), by_kind)
            parts = (
                wording.subtitle_parts(numbers, sub)
                if len(inside)
                # a quiet window: no filter to blame
                else [wording.date_range(numbers.date_from, numbers.date_to, sub), wording.word("no_events", sub)]
            )
            rows.append([a, b, label, " · ".join(parts), sites, routes])
        used += len(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        made += len(rows)
        out[unit] = rows
    return {unit: out[unit] for unit in every if unit in out}  # month, quarter, year: the control's order


def _window(
    public, win: pd.DataFrame, size_kind: str, position: dict, route_stops: list[tuple], site_radius, route_widths
) -> tuple:
    """One window's events: each kind's computed sum, the sites with events (sized by the size kind's
    largest stated figures, as the export's markers) and the lines with events (widths likewise)."""
    if not len(win):
        return (), [], []
    by_kind = scene_mod._by_kind(query.summarize(win))
    totals = query.site_totals(public, win)  # (site, kind) rows: a site with a row has events in the window
    sized = totals.xs(size_kind, level="kind")["high"] if size_kind in totals.index.get_level_values("kind") else None
    here = [s for s in dict.fromkeys(totals.index.get_level_values("site")) if s in position]
    highs = {s: float(sized.get(s, 0)) if sized is not None else 0.0 for s in here}
    largest = max(highs.values(), default=0.0)
    sites = sorted([position[s], site_radius(highs[s], largest)] for s in here)
    along = scene_mod.routes_along(public, query.route_totals(public, win), size_kind)
    widest = max((e["high"] for e in along.values()), default=0)
    routes = [
        [i, *route_widths(along[s]["high"], along[s]["low"], widest)] for i, s in enumerate(route_stops) if s in along
    ]
    return by_kind, sites, routes
