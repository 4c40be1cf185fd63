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
from ..query import KIND_ORDER
from ..region import BORDER_BOUNDS
from ..styles import SIZE_KIND
from . import projection


@dataclass(frozen=True)
class SiteMark:
    """A site as the export draws it. Its size and its label's figure follow ONE event kind (the
    scene's size_kind): people of different kinds are never added together."""

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
    events: int  # events of any kind through the site
    size_events: int = 0  # events of the size kind through the site
    size_low: int = 0  # the size kind's computed sums (geo.claims.sums): what sizes the marker
    size_high: int = 0
    figure: tuple = ()  # (English, Korean): the size kind's figure as geo.claims words it; () without one

    @property
    def approximate(self) -> bool:
        return self.precision != "facility"

    @property
    def involved(self) -> bool:
        return self.events > 0

    @property
    def other_events(self) -> int:
        return self.events - self.size_events


@dataclass(frozen=True)
class RouteLine:
    """The stops one or more events ran along; widths follow the size kind only (0 when none of its
    events ran here: the line is drawn thin)."""

    stops: tuple
    xy: np.ndarray  # projected stop coordinates, n×2
    events: int  # events of any kind along these stops
    kinds: tuple  # the event kinds along these stops, in schema order
    size_low: int
    size_high: int


@dataclass(frozen=True)
class Scene:
    sites: tuple  # SiteMark, in marker layers; drawn largest first
    routes: tuple  # RouteLine, widest first
    sources: tuple  # (publisher, published) pairs used, sorted
    date_from: date | None
    date_to: date | None
    events: int
    by_kind: tuple  # (kind, {claims.SUM_COLUMNS}) per kind in the selection, schema order; never added up
    size_kind: str
    focus: tuple  # projected (xmin, ymin, xmax, ymax) the map must show
    data_version: tuple = ()  # (English, Korean) geo.version credit line: which data the figures come from

    @property
    def empty(self) -> bool:
        return self.events == 0

    def version_text(self, lang: str) -> str:
        return self.data_version[1 if lang == "ko" else 0] if self.data_version else ""


def _focus(points: list[tuple[float, float, float]]) -> tuple:
    if not points:
        (south, west), (north, east) = BORDER_BOUNDS
        xs, ys = projection.project(np.array([west, east, west, east]), np.array([south, south, north, north]))
        return float(np.min(xs)), float(np.min(ys)), float(np.max(xs)), float(np.max(ys))
    arr = np.array(points, dtype=float)
    return (
        float((arr[:, 0] - arr[:, 2]).min()),
        float((arr[:, 1] - arr[:, 2]).min()),
        float((arr[:, 0] + arr[:, 2]).max()),
        float((arr[:, 1] + arr[:, 2]).max()),
    )


def _site_figures(public: Dataset, events: pd.DataFrame, summary: pd.DataFrame, size_kind: str) -> dict:
    """Site id → (English, Korean) words for the size kind's figure there: the event's own figure
    (as geo.evidence words it, sources left to the credits) when one event, else the computed sum."""
    from .. import claims as rules
    from .. import evidence

    out = {}
    one = summary.index[(summary["size_events"] == 1).to_numpy()]
    if len(one):
        kind_events = events[(events["kind"] == size_kind).to_numpy()]
        owners = {}
        for sid in one:
            hits = kind_events[query.touches_site(kind_events, sid)]
            if len(hits) > 1:  # an umbrella and its part at the same site: the part is what happened here
                parts = hits[hits["part_of"].isin(hits.index).to_numpy()]
                hits = parts if len(parts) else hits
            owners[sid] = hits.index[0]
        chosen = kind_events.loc[sorted(set(owners.values()))]
        texts = {lang: evidence.figure_texts(public, chosen, lang, attributed=False) for lang in ("en", "ko")}
        out.update({sid: (texts["en"][eid], texts["ko"][eid]) for sid, eid in owners.items()})
    many = summary[(summary["size_events"] > 1).to_numpy()]
    for sid, row in zip(many.index, many.to_dict("records")):
        sums = {c: row[f"size_{c}"] for c in rules.SUM_COLUMNS}
        out[sid] = (rules.sum_text(sums, "en"), rules.sum_text(sums, "ko"))
    return out


def site_totals(public: Dataset, events: pd.DataFrame) -> pd.DataFrame:
    """query.site_totals, with an empty (site, kind) frame when no event matches."""
    if len(events):
        return query.site_totals(public, events)
    from .. import claims as rules

    index = pd.MultiIndex.from_arrays([pd.Index([], dtype=object), pd.Index([], dtype=object)], names=["site", "kind"])
    return pd.DataFrame(
        {
            c: pd.Series([], dtype=bool if c in ("approx", "low_open", "high_open") else np.int64)
            for c in rules.SUM_COLUMNS
        },
        index=index,
    )


def routes_along(public: Dataset, routes: pd.DataFrame, size_kind: str) -> dict:
    """query.route_totals' rows joined per line of known stops: {stops: {events, kinds, low, high}},
    low and high from `size_kind` alone (what a line's width shows)."""
    known = public.sites.index
    along: dict = {}
    for r in routes.itertuples(index=False):
        stops = tuple(s for s in (r.origin, r.crossing, r.destination) if s is not None and s in known)
        if len(stops) < 2:
            continue
        entry = along.setdefault(stops, {"events": 0, "kinds": set(), "low": 0, "high": 0})
        entry["events"] += int(r.events)
        entry["kinds"].add(r.kind)
        if r.kind == size_kind:
            entry["low"] += int(r.low)
            entry["high"] += int(r.high)
    return along


def build(ds: Dataset, filters: query.Filters, size_kind: str = SIZE_KIND) -> Scene:
    """The scene for the public records matching `filters` (include_sensitive is ignored); markers
    and routes are sized by the figures of `size_kind` alone."""
    f = replace(filters, include_sensitive=False)
    public = query.public_view(ds, False)
    events = query.filter_events(public, f)
    totals = site_totals(public, events)
    routes = query.route_totals(public, events)
    summary = query.summarize(events)
    per_site = query.site_summary(public, totals, size_kind)
    figures = _site_figures(public, events, per_site, size_kind)
    sites = public.sites
    if f.layers is not None:
        sites = sites[sites["layer"].isin(f.layers).to_numpy()]
    sites = sites.sort_index()
    stats = per_site.reindex(sites.index)
    xs, ys = projection.project(sites["lon"].to_numpy(float), sites["lat"].to_numpy(float))
    cols = ["name_en", "name_ko", "kind", "precision", "uncertainty_m", "lon", "lat"]
    marks = [
        SiteMark(
            id=str(sid),
            name_en=str(n_en),
            name_ko=str(n_ko),
            kind=str(kind),
            precision=str(prec),
            uncertainty_m=int(unc),
            lon=float(lon),
            lat=float(lat),
            x=float(x),
            y=float(y),
            events=int(n),
            size_events=int(sn),
            size_low=int(lo),
            size_high=int(hi),
            figure=figures.get(sid, ()),
        )
        for sid, (n_en, n_ko, kind, prec, unc, lon, lat), x, y, n, sn, lo, hi in zip(
            sites.index,
            sites[cols].itertuples(index=False, name=None),
            np.atleast_1d(xs),
            np.atleast_1d(ys),
            stats["events"],
            stats["size_events"],
            stats["size_low"],
            stats["size_high"],
        )
    ]
    marks.sort(key=lambda m: (-m.size_high, -m.events, m.id))

    known = public.sites.index
    lon_of, lat_of = public.sites["lon"].to_dict(), public.sites["lat"].to_dict()
    order = {k: i for i, k in enumerate(KIND_ORDER)}
    along = routes_along(public, routes, size_kind)
    lines = []
    for stops, entry in along.items():
        x, y = projection.project(np.array([lon_of[s] for s in stops]), np.array([lat_of[s] for s in stops]))
        kinds = tuple(sorted(entry["kinds"], key=lambda k: order.get(k, len(order))))
        lines.append(RouteLine(stops, np.column_stack([x, y]), entry["events"], kinds, entry["low"], entry["high"]))
    lines.sort(key=lambda r: (-r.size_high, -r.size_low, -r.events, r.stops))

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
    shown = src.loc[src.index.intersection(list(cited)), ["publisher", "published"]]  # one lookup, not two per source
    pairs = sorted({(str(p), str(d or "")) for p, d in zip(shown["publisher"], shown["published"])})

    if len(events):
        d_from = f.date_from or events["date"].min().date()
        d_to = f.date_to or events["date_end"].max().date()
    else:
        d_from, d_to = f.date_from, f.date_to
    from .. import version

    v = version.of(ds.root) if ds.root is not None else None
    return Scene(
        tuple(marks),
        tuple(lines),
        tuple(pairs),
        d_from,
        d_to,
        summary.events,
        _by_kind(summary),
        size_kind,
        _focus(points),
        (v.credit_line("en"), v.credit_line("ko")) if v else (),
    )


def _by_kind(summary: query.Summary) -> tuple:
    """Each kind's computed sum as plain Python values, in the schema's kind order."""
    frame = summary.by_kind
    return tuple(
        (str(k), {c: (bool(v) if isinstance(v, (bool, np.bool_)) else int(v)) for c, v in frame.loc[k].items()})
        for k in KIND_ORDER
        if k in frame.index
    )
