"""Filtering, joining events to sites and sources, and aggregating per site and route.

Everything is vectorised over the events frame; only aggregates (a few hundred rows at most)
ever reach the map.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from . import claims as rules, textcols
from .dataset import SITE_REFS, Dataset
from .errors import UsageError

CONFIDENCE_LEVELS = ("corroborated", "single-source", "unverified")
KIND_ORDER = tuple(rules.schemas.enum("events", "kind"))


@dataclass(frozen=True)
class Filters:
    """What the user selected. None means 'no restriction'."""

    date_from: date | None = None
    date_to: date | None = None
    kinds: frozenset[str] | None = None
    confidence: frozenset[str] | None = None
    layers: frozenset[str] | None = None
    site: str | None = None
    include_sensitive: bool = False

    def __post_init__(self):
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise UsageError(f"date range is reversed: {self.date_from} is after {self.date_to}")
        for name in ("kinds", "confidence", "layers"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, frozenset):
                object.__setattr__(self, name, frozenset(value))


def public_view(ds: Dataset, include_sensitive: bool = False) -> Dataset:
    """Drop sensitive sites and events and the claims about those events; blank references to
    sensitive sites in public events and in public claims."""
    if include_sensitive:
        return ds
    sites = ds.sites[~ds.sites["sensitive"].to_numpy()]
    events = ds.events[~ds.events["sensitive"].to_numpy()]
    claims = ds.claims
    if claims is not None:
        claims = claims[textcols.isin(claims["event"], events.index)]
    hidden = ds.sites.index[ds.sites["sensitive"].to_numpy()]
    if len(hidden):
        events = events.copy()
        for col in SITE_REFS:
            if isinstance(events[col].dtype, pd.CategoricalDtype):
                # the ids go from the categories too, not only from the rows: a categorical carries its
                # categories wherever it is sent (Arrow, st.dataframe), sensitive ids included
                events[col] = events[col].cat.remove_categories(events[col].cat.categories.intersection(hidden))
            else:
                events.loc[events[col].isin(hidden), col] = None
        if claims is not None:
            hidden_set = set(hidden)
            kept = {ids: tuple(s for s in ids if s not in hidden_set) for ids in set(claims["sites"])}  # once per list
            claims = claims.assign(sites=[kept[ids] for ids in claims["sites"]])
    return Dataset(ds.root, sites, events, ds.sources, ds.warnings, ds.statistics, claims)


def filter_events(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Events overlapping the date range that match the filters (sensitive ones per f)."""
    ev = ds.events
    mask = np.ones(len(ev), dtype=bool)
    if not f.include_sensitive:
        mask &= ~ev["sensitive"].to_numpy()
    if f.date_from:
        mask &= (ev["date_end"] >= pd.Timestamp(f.date_from)).to_numpy()
    if f.date_to:
        mask &= (ev["date"] <= pd.Timestamp(f.date_to)).to_numpy()
    if f.kinds is not None:
        mask &= ev["kind"].isin(f.kinds).to_numpy()
    if f.confidence is not None:
        mask &= ev["confidence"].isin(f.confidence).to_numpy()
    if f.layers is not None:
        allowed = ds.sites.index[ds.sites["layer"].isin(f.layers).to_numpy()]
        touches = np.zeros(len(ev), dtype=bool)
        any_site = np.zeros(len(ev), dtype=bool)
        for col in SITE_REFS:
            touches |= ev[col].isin(allowed).to_numpy()
            any_site |= ev[col].notna().to_numpy()
        mask &= touches | ~any_site
    if f.site:
        if f.site not in ds.sites.index:
            raise UsageError(f"unknown site id {f.site!r}")
        mask &= touches_site(ev, f.site)
    return ev[mask]


def touches_site(events: pd.DataFrame, site_id: str) -> np.ndarray:
    """True for events whose origin, crossing or destination is the site."""
    on_site = np.zeros(len(events), dtype=bool)
    for col in SITE_REFS:
        on_site |= (events[col] == site_id).to_numpy()
    return on_site


def counted_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events that count toward totals: an umbrella counts once, not its parts too."""
    return events[~_is_part_of_present(events)]


def _umbrella_positions(events: pd.DataFrame) -> np.ndarray:
    """Each row's umbrella event as a row position in `events`, -1 when it has none in the selection.
    Only the few rows that name an umbrella are looked up, against the few rows that are one: no hash
    table over all 100k ids."""
    part_of = events["part_of"].to_numpy(dtype=object)
    has = np.flatnonzero(pd.notna(part_of))
    out = np.full(len(events), -1, dtype=np.int64)
    if len(has):
        named = part_of[has]
        umbrellas = np.flatnonzero(textcols.isin(events["id"], pd.unique(named)))
        position = dict(zip(events["id"].iloc[umbrellas].to_numpy(dtype=object), umbrellas))
        out[has] = [position.get(u, -1) for u in named]
    return out


def site_positions(ds: Dataset, events: pd.DataFrame, col: str) -> np.ndarray:
    """The events' `col` site as row positions in ds.sites (-1: none, or a site not in ds.sites).
    Integer codes straight from the categorical column: no string is hashed per event."""
    values = events[col]
    if isinstance(values.dtype, pd.CategoricalDtype):
        remap = np.append(ds.sites.index.get_indexer(values.cat.categories), -1)  # code -1 picks the -1
        return remap[values.cat.codes.to_numpy()].astype(np.int64)
    return pd.Categorical(values, categories=ds.sites.index).codes.astype(np.int64)


def _kind_codes(events: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of the events' kinds and the kinds they stand for (sorted)."""
    codes, kinds = pd.factorize(events["kind"], sort=True)
    return codes, np.asarray(kinds, dtype=object)


def _is_part_of_present(events: pd.DataFrame) -> np.ndarray:
    """True for rows whose umbrella event is in the same selection."""
    return _umbrella_positions(events) >= 0


@dataclass(frozen=True)
class Summary:
    """Events in a selection and, per event kind, the computed sum of their figures (claims.sums
    columns). There is deliberately no total of people across kinds: the same people may be
    arrested, held and returned."""

    events: int
    by_kind: pd.DataFrame  # index: kind; claims.SUM_COLUMNS

    def kind(self, kind: str) -> dict:
        """One kind's sum (all zeros when the selection has none)."""
        if kind in self.by_kind.index:
            return self.by_kind.loc[kind].to_dict()
        return {c: 0 for c in rules.SUM_COLUMNS}


def summarize(events: pd.DataFrame) -> Summary:
    counted = np.flatnonzero(~_is_part_of_present(events))
    codes, kinds = _kind_codes(events)
    frame = rules.sums(codes[counted], len(kinds), events, counted)
    frame.index = pd.Index(kinds, name="kind")
    return Summary(len(events), frame[frame["events"] > 0])


def site_totals(ds: Dataset, events: pd.DataFrame) -> pd.DataFrame:
    """Per site and event kind: the computed sum of the events through the site (claims.sums columns),
    each event counted once per site. Index: (site, kind), only pairs with events.

    A site named by both an umbrella event and one of its parts counts the part (whose figure, or
    unreported share, is what happened at that site), not the umbrella again. Integer site codes and
    np.bincount: no string pairs are hashed, which keeps 100k events cheap.
    """
    n_sites, n = len(ds.sites), len(events)
    codes = [site_positions(ds, events, col) for col in SITE_REFS]
    # each event once per site: a stop equal to an earlier stop of the same event is dropped
    pairs_site, pairs_event = [], []
    for k, code in enumerate(codes):
        keep = code >= 0
        for earlier in codes[:k]:
            keep &= code != earlier
        pairs_site.append(code[keep])
        pairs_event.append(np.flatnonzero(keep))
    site = np.concatenate(pairs_site)
    event = np.concatenate(pairs_event)
    parent = _umbrella_positions(events)
    is_part = parent[event] >= 0
    if is_part.any():  # (site, umbrella) pairs that a part of that umbrella also names
        shadow_keys = site[is_part] * n + parent[event][is_part]
        keep = ~np.isin(site * n + event, shadow_keys)
        site, event = site[keep], event[keep]
    kind_codes, kinds = _kind_codes(events)
    if not len(kinds):  # no events: no (site, kind) pairs
        index = pd.MultiIndex.from_arrays(
            [pd.Index([], dtype=object), pd.Index([], dtype=object)], names=["site", "kind"]
        )
        return pd.DataFrame(
            {
                c: pd.Series([], dtype=bool if c in ("approx", "low_open", "high_open") else np.int64)
                for c in rules.SUM_COLUMNS
            },
            index=index,
        )
    group = site * len(kinds) + kind_codes[event]
    frame = rules.sums(group, n_sites * len(kinds), events, event)
    frame.index = pd.MultiIndex.from_product([ds.sites.index, pd.Index(kinds, dtype=object)], names=["site", "kind"])
    return frame[frame["events"] > 0]


def site_summary(ds: Dataset, totals: pd.DataFrame, size_kind: str) -> pd.DataFrame:
    """Per site (every site of ds): events of any kind, and the sum of `size_kind` alone, which is
    what sizes its marker (claims.SUM_COLUMNS, prefixed `size_`)."""
    out = pd.DataFrame(index=ds.sites.index)
    if len(totals):
        out["events"] = totals["events"].groupby(level="site").sum().reindex(out.index, fill_value=0).astype(np.int64)
        one = (
            totals.xs(size_kind, level="kind")
            if size_kind in totals.index.get_level_values("kind")
            else totals.iloc[:0].droplevel("kind")
        )
    else:
        out["events"] = 0
        one = pd.DataFrame(columns=rules.SUM_COLUMNS)
    for col in rules.SUM_COLUMNS:
        filled = one[col].reindex(out.index) if len(one) else pd.Series(index=out.index, dtype=object)
        out[f"size_{col}"] = filled.fillna(False if col in ("approx", "low_open", "high_open") else 0).to_numpy()
    for col in ("events", "low", "high", "unreported"):
        out[f"size_{col}"] = out[f"size_{col}"].astype(np.int64)
    return out


def kinds_at(totals: pd.DataFrame, site_id: str) -> pd.DataFrame:
    """One site's rows of site_totals (index: kind), in the schema's kind order."""
    if not len(totals) or site_id not in totals.index.get_level_values("site"):
        return pd.DataFrame(columns=rules.SUM_COLUMNS)
    rows = totals.xs(site_id, level="site")
    order = [k for k in KIND_ORDER if k in rows.index]
    return rows.loc[order]


ROUTE_COLUMNS = [*SITE_REFS, "kind", *rules.SUM_COLUMNS]


def route_totals(ds: Dataset, events: pd.DataFrame) -> pd.DataFrame:
    """Per route (origin → crossing → destination, at least two known stops) and event kind: the
    computed sum of its events (claims.SUM_COLUMNS), largest first (ties in stop-id order). Kinds are
    never added together: a transfer and a return along the same stops are two rows. One integer key
    per (route, kind) and np.bincount: at 100k events no string is grouped or hashed."""
    ids = ds.sites.index.to_numpy(dtype=object)
    by_name = np.argsort(ids, kind="stable")
    rank = np.empty(len(ids) + 1, dtype=np.int64)
    rank[by_name] = np.arange(len(ids))
    rank[-1] = -1  # position -1 (no stop) ranks before every site, like an empty name
    stops = [rank[site_positions(ds, events, col)] for col in SITE_REFS]
    legs = sum((r >= 0).astype(np.int64) for r in stops) >= 2
    if not legs.any():
        return pd.DataFrame(columns=ROUTE_COLUMNS)
    base = len(ids) + 1
    kind_codes, kinds = _kind_codes(events)
    rows = np.flatnonzero(legs)
    key = (((stops[0][legs] + 1) * base + stops[1][legs] + 1) * base + stops[2][legs] + 1) * len(kinds) + kind_codes[
        legs
    ]
    keys, which = np.unique(key, return_inverse=True)
    route = keys // len(kinds)
    named = np.append(ids[by_name], None)  # rank -1 → None
    out = pd.DataFrame(
        {
            "origin": pd.Series(named[route // (base * base) - 1], dtype=object),
            "crossing": pd.Series(named[route // base % base - 1], dtype=object),
            "destination": pd.Series(named[route % base - 1], dtype=object),
            "kind": pd.Series(kinds[keys % len(kinds)], dtype=object),
        }
    )
    sums = rules.sums(which, len(keys), events, rows)
    for col in rules.SUM_COLUMNS:
        out[col] = sums[col].to_numpy()
    return out.sort_values("high", ascending=False, kind="stable").reset_index(drop=True)


def _site_ref(ds: Dataset, sid) -> dict | None:
    if sid is None or (isinstance(sid, float) and np.isnan(sid)) or sid not in ds.sites.index:
        return None
    s = ds.sites.loc[sid]
    return {
        "id": sid,
        "name_en": s["name_en"],
        "name_ko": s["name_ko"],
        "name_zh": s["name_zh"],
        "kind": s["kind"],
        "lon": round(float(s["lon"]), 6),
        "lat": round(float(s["lat"]), 6),
        "precision": s["precision"],
        "uncertainty_m": int(s["uncertainty_m"]),
    }


def joined_records(ds: Dataset, events: pd.DataFrame, lang: str = "en") -> list[dict]:
    """Events with their sites resolved, their figure as derived from their claims, and every claim
    with its source: the shape of `python -m geo events` and of the GeoJSON download."""
    from . import evidence

    # each site is looked up once per call, not once per event (a .loc costs ~50 µs);
    # every record still gets dicts of its own
    site_refs: dict = {}

    def site(sid):
        if sid is None or (isinstance(sid, float) and np.isnan(sid)):
            return None
        if sid not in site_refs:
            site_refs[sid] = _site_ref(ds, sid)
        ref = site_refs[sid]
        return None if ref is None else dict(ref)

    grouped = evidence.claims_by_event(ds, events.index)
    texts = evidence.figure_texts(ds, events, lang, grouped=grouped)
    bases = evidence.basis(events)
    empty = ds.claims.iloc[:0]
    out = []
    for ev in events.itertuples(index=False):
        out.append(
            {
                "id": ev.id,
                "date": ev.date.strftime("%Y-%m-%d"),
                "date_precision": str(ev.date_precision),
                "kind": ev.kind,
                "figure": {
                    "text": texts[ev.id],
                    "basis": bases[ev.id],
                    "people_low": int(ev.people_low) if ev.has_figure else None,
                    "people_high": int(ev.people_high) if ev.has_figure else None,
                    "approx": bool(ev.approx),
                    "low_open": bool(ev.low_open),
                    "high_open": bool(ev.high_open),
                },
                "origin": site(ev.origin),
                "crossing": site(ev.crossing),
                "destination": site(ev.destination),
                "part_of": ev.part_of,
                "confidence": ev.confidence,
                "claims": evidence.claim_records(ds, grouped.get(ev.id, empty), lang),
                "summary": ev.summary,
                "summary_ko": ev.summary_ko,
                "sensitive": bool(ev.sensitive),
            }
        )
    return out


FLAT_COLUMNS = [
    "id",
    "date",
    "date_precision",
    "kind",
    "people",
    "people_basis",
    "people_low_stated",
    "people_high_stated",
    "origin",
    "origin_name_en",
    "origin_name_ko",
    "origin_lon",
    "origin_lat",
    "origin_precision",
    "crossing",
    "crossing_name_en",
    "crossing_name_ko",
    "crossing_lon",
    "crossing_lat",
    "crossing_precision",
    "destination",
    "destination_name_en",
    "destination_name_ko",
    "destination_lon",
    "destination_lat",
    "destination_precision",
    "part_of",
    "confidence",
    "claims",
    "sources",
    "source_publishers",
    "source_titles",
    "source_dates",
    "source_urls",
    "summary",
]


def flat_table(ds: Dataset, events: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One row per event with site names/coordinates, its figure in words with who states it, its
    claims side by side, and its sources flattened (for CSV export and the events table)."""
    from . import evidence

    out = events[["id", "date", "date_precision", "kind", "part_of", "confidence", "summary"]].copy()
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    out["date_precision"] = out["date_precision"].astype(str)
    grouped = evidence.claims_by_event(ds, events.index)
    out["people"] = evidence.figure_texts(ds, events, lang, grouped=grouped)
    out["people_basis"] = evidence.basis(events)
    has = events["has_figure"].to_numpy()
    out["people_low_stated"] = pd.array(np.where(has, events["people_low"], 0), dtype="Int64")
    out["people_high_stated"] = pd.array(np.where(has, events["people_high"], 0), dtype="Int64")
    out.loc[~has, ["people_low_stated", "people_high_stated"]] = pd.NA
    empty = ds.claims.iloc[:0]
    out["claims"] = [evidence.claims_line(ds, grouped.get(eid, empty), lang) for eid in events.index]
    site_cols = ds.sites[["name_en", "name_ko", "lon", "lat", "precision"]].copy()
    site_cols[["lon", "lat"]] = site_cols[["lon", "lat"]].round(6)
    for col in SITE_REFS:
        ids = events[col].astype(object)
        out[col] = ids.where(ids.notna(), None)
        joined = site_cols.reindex(ids.fillna("").to_numpy())
        for attr in ("name_en", "name_ko", "lon", "lat", "precision"):
            out[f"{col}_{attr}"] = joined[attr].to_numpy()
    src = ds.sources

    def pick(attr):
        lookup = src[attr].fillna("").to_dict()
        return events["sources"].map(lambda ids: " | ".join(str(lookup.get(i, "")) for i in ids))

    out["sources"] = events["sources"].map(";".join)
    out["source_publishers"] = pick("publisher")
    out["source_titles"] = pick("title")
    out["source_dates"] = pick("published")
    out["source_urls"] = pick("url")
    return out[FLAT_COLUMNS].reset_index(drop=True)


def date_bounds(ds: Dataset) -> tuple[date, date]:
    if ds.events.empty:
        today = date.today()
        return today, today
    return ds.events["date"].min().date(), ds.events["date_end"].max().date()
