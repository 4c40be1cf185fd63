"""Events and people per month and kind, for the timeline chart."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import claims as rules
from .query import counted_events
from .styles import EVENT_KIND_LABELS

COLUMNS = ["month", "kind", "kind_label", *rules.SUM_COLUMNS, "figure"]


def monthly_counts(events: pd.DataFrame, ds=None, lang: str = "en") -> pd.DataFrame:
    """One row per (month, kind): the events and the computed sum of their figures as the sources
    state them (claims.sums), worded (`figure`; with the dataset `ds`, a month's single event in its
    sources' own words). Parts of an umbrella event in the selection are not counted again, and kinds
    are never added together."""
    counted = counted_events(events)
    if counted.empty:
        return pd.DataFrame(columns=COLUMNS)
    month = counted["date"].dt.to_period("M").dt.to_timestamp()
    keys = pd.MultiIndex.from_arrays([month, counted["kind"].astype(object)])
    codes, uniques = pd.factorize(keys, sort=True)
    out = rules.sums(codes, len(uniques), counted)
    out.insert(0, "month", uniques.get_level_values(0))
    out.insert(1, "kind", np.asarray(uniques.get_level_values(1), dtype=object))
    out.insert(2, "kind_label", out["kind"].map(EVENT_KIND_LABELS))
    out["low"] = np.where(out["low_open"] & (out["low"] == 0), 0, out["low"])
    if ds is not None:
        from .evidence import total_text

        out["figure"] = [total_text(ds, counted, row, lang) for _, row in out.iterrows()]
    else:
        out["figure"] = [rules.sum_text(row, lang) for _, row in out.iterrows()]
    return out[COLUMNS]
