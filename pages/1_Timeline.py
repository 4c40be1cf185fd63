"""Timeline: events and people over time, with the same filters as the map."""

from __future__ import annotations

import altair as alt
import streamlit as st

from geo import query
from geo.timeline import monthly_counts
from pages.shared import chrome

chrome.page("Timeline")
ds = chrome.dataset()
f = chrome.filters(ds)
events = query.filter_events(ds, f)

st.title("Timeline")
st.write("People per month by event kind. Bars show the high figure, the darker inner tick the low figure; "
         "events dated only to a month or year sit at the start of that period.")
frame = monthly_counts(events)
if frame.empty:
    st.info("No events match the filters.")
else:
    base = alt.Chart(frame).encode(x=alt.X("month:T", title="Month"), color=alt.Color("kind:N", title="Kind"),
                                   tooltip=["month:T", "kind:N", "events:Q", "people_low:Q", "people_high:Q"])
    bars = base.mark_bar(opacity=0.45).encode(y=alt.Y("people_high:Q", title="People (low–high)", stack=None))
    ticks = base.mark_tick(thickness=3, size=14).encode(y=alt.Y("people_low:Q", stack=None))
    st.altair_chart((bars + ticks).properties(height=340), width="stretch")
    st.altair_chart(base.mark_bar().encode(y=alt.Y("events:Q", title="Events")).properties(height=180), width="stretch")
    st.dataframe(frame.assign(month=frame["month"].dt.strftime("%Y-%m")), hide_index=True, width="stretch")
chrome.footer()
