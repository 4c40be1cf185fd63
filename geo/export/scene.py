"""What a static export shows, worked out from the data and the filters before anything is drawn.

Always the public view: sensitive sites and events are dropped here, whatever the filters say.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd

from .. import query
from ..dataset import SITE_REFS, Dataset
from ..region import BORDER_BOUNDS
from . import projection


@dataclass(frozen=True)
class SiteMark:
    id: str
    name_en: str
    name_ko: str
    kind: str
    precision: str
    uncertainty_m: int
    lon: float
    lat: float
    x: float
    y: float
    events: int
    people_low: int
    people_high: int

    @property
    def approximate(self) -> bool:
        return self.precision != "facility"

    @property
    def involved(self) -> bool:
        return self.events > 0


@dataclass(frozen=True)
class RouteLine:
    stops: tuple
    xy: np.ndarray  # projected stop coordinates, n×2
    events: int
    people_low: int
    people_high: int


@dataclass(frozen=True)
class Scene:
    sites: tuple  # SiteMark, in marker layers; drawn largest first
    routes: tuple  # RouteLine, widest first
    sources: tuple  # (publisher, published) pairs used, sorted
    date_from: date | None
    date_to: date | None
    events: int
    people_low: int
    people_high: int
    focus: tuple  # projected (xmin, ymin, xmax, ymax) the map must show

    @property
    def empty(self) -> bool:
        return self.events == 0


def _focus(points: list[tuple[float, float, float]]) -> tuple:
    if not points:
        (south, west), (north, east) = BORDER_BOUNDS
        xs, ys = projection.project(np.array([west, east, west, east]), np.array([south, south, north, north]))
        return float(np.min(xs)), float(np.min(ys)), float(np.max(xs)), float(np.max(ys))
    arr = np.array(points, dtype=float)
    return (float((arr[:, 0] - arr[:, 2]).min()), float((arr[:, 1] - arr[:, 2]).min()),
            float((arr[:, 0] + arr[:, 2]).max()), float((arr[:, 1] + arr[:, 2]).max()))


def build(ds: Dataset, filters: query.Filters) -> Scene:
    """The scene for the public records matching `filters` (include_sensitive is ignored)."""
    f = replace(filters, include_sensitive=False)
    public = query.public_view(ds, False)
    events = query.filter_events(public, f)
    totals = query.site_totals(public, events) if len(events) else None
    routes = query.route_totals(public, events)
    summary = query.summarize(events)
    sites = public.sites
    if f.layers is not None:
        sites = sites[sites["layer"].isin(f.layers).to_numpy()]
    sites = sites.sort_index()
    xs, ys = projection.project(sites["lon"].to_numpy(float), sites["lat"].to_numpy(float))
    stats = (totals.reindex(sites.index, fill_value=0) if totals is not None else
             pd.DataFrame(0, index=sites.index, columns=["events", "people_low", "people_high"]))
    cols = ["name_en", "name_ko", "kind", "precision", "uncertainty_m", "lon", "lat"]
    marks = [
        SiteMark(id=str(sid), name_en=str(n_en), name_ko=str(n_ko), kind=str(kind), precision=str(prec),
                 uncertainty_m=int(unc), lon=float(lon), lat=float(lat), x=float(x), y=float(y), events=int(n),
                 people_low=int(lo), people_high=int(hi))
        for sid, (n_en, n_ko, kind, prec, unc, lon, lat), x, y, n, lo, hi in zip(
            sites.index, sites[cols].itertuples(index=False, name=None), np.atleast_1d(xs), np.atleast_1d(ys),
            stats["events"], stats["people_low"], stats["people_high"])]
    marks.sort(key=lambda m: (-m.people_high, -m.events, m.id))

    known = public.sites.index
    lon_of, lat_of = public.sites["lon"].to_dict(), public.sites["lat"].to_dict()
    lines = []
    for r in routes.itertuples(index=False):
        stops = tuple(s for s in (r.origin, r.crossing, r.destination) if s is not None and s in known)
        if len(stops) < 2:
            continue
        x, y = projection.project(np.array([lon_of[s] for s in stops]), np.array([lat_of[s] for s in stops]))
        lines.append(RouteLine(stops, np.column_stack([x, y]), int(r.events), int(r.people_low), int(r.people_high)))
    lines.sort(key=lambda r: (-r.people_high, -r.people_low, r.stops))

    involved = set()
    for col in SITE_REFS:
        involved |= set(events[col].dropna())
    involved = sorted(involved & set(known))
    points = []
    if involved:
        inv = public.sites.loc[involved]
        px, py = projection.project(inv["lon"].to_numpy(float), inv["lat"].to_numpy(float))
        radius = np.where(inv["precision"].to_numpy() != "facility", inv["uncertainty_m"].to_numpy(float), 0.0)
        points = list(zip(np.atleast_1d(px), np.atleast_1d(py), radius))

    cited = set()
    for ids in events["sources"]:
        cited.update(ids)
    for ids in public.sites.loc[involved, "sources"] if involved else []:
        cited.update(ids)
    src = public.sources
    pairs = sorted({(str(src.at[s, "publisher"]), str(src.at[s, "published"] or "")) for s in cited if s in src.index})

    if len(events):
        d_from = f.date_from or events["date"].min().date()
        d_to = f.date_to or events["date_end"].max().date()
    else:
        d_from, d_to = f.date_from, f.date_to
    return Scene(tuple(marks), tuple(lines), tuple(pairs), d_from, d_to, summary.events,
                 summary.people_low, summary.people_high, _focus(points))
