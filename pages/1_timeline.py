"""Timeline: events and people over time, with the same filters as the map."""

from __future__ import annotations

import altair as alt
import streamlit as st

from geo import query
from geo.timeline import monthly_counts
from geo.i18n import N_
from pages.shared import chrome

_ = chrome.page(N_("Timeline"))
ds = chrome.dataset()
f = chrome.filters(ds)
events = query.filter_events(ds, f)

st.title("Timeline")
st.write("People per month by event kind: the solid bar is the low figure, the pale extension reaches the high "
         "figure. Events dated only to a month or year sit at the start of that period; umbrella events count once.")
frame = monthly_counts(events)
if frame.empty:
    st.info("No events match the filters.")
else:
    x = alt.X("month:T", title=None, axis=alt.Axis(format="%Y-%m", labelAngle=-40))
    tip = [alt.Tooltip("month:T", format="%Y-%m", title="Month"), "kind:N", "events:Q",
           alt.Tooltip("people_low:Q", title="People (low)"), alt.Tooltip("people_high:Q", title="People (high)")]
    base = alt.Chart(frame).encode(x=x, color=alt.Color("kind:N", title="Kind"), tooltip=tip)
    certain = base.mark_bar(size=9).encode(y=alt.Y("people_low:Q", title="People (dark: low figure; pale: up to high)", stack=None))
    uncertain = base.mark_bar(size=9, opacity=0.35).encode(y=alt.Y("people_low:Q", stack=None), y2="people_high:Q")
    st.altair_chart((uncertain + certain).properties(height=340), width="stretch")
    st.altair_chart(base.mark_bar(size=9).encode(y=alt.Y("events:Q", title="Events", stack="zero")).properties(height=160),
                    width="stretch")
    st.dataframe(frame.assign(month=frame["month"].dt.strftime("%Y-%m")), hide_index=True, width="stretch")
chrome.footer()
