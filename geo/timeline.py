"""Events and people per month and kind, for the timeline chart."""

from __future__ import annotations

import pandas as pd

from .query import counted_events


def monthly_counts(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (month, kind): events, people low and high. Parts of an umbrella event in the
    selection are not counted again."""
    counted = counted_events(events)
    if counted.empty:
        return pd.DataFrame(columns=["month", "kind", "events", "people_low", "people_high"])
    month = counted["date"].dt.to_period("M").dt.to_timestamp()
    out = (counted.assign(month=month).groupby(["month", "kind"], sort=True)
           .agg(events=("id", "count"), people_low=("people_low", "sum"), people_high=("people_high", "sum"))
           .reset_index())
    return out
