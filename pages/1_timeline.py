"""Timeline: events and people over time, with the same filters as the map."""

from __future__ import annotations

import altair as alt
import streamlit as st

from geo import display, query
from geo.styles import EVENT_KIND_COLOURS, EVENT_KIND_LABELS
from geo.timeline import monthly_counts
from geo.i18n import N_
from pages.shared import chrome

_ = chrome.page(N_("Timeline"))
ds = chrome.dataset()
f = chrome.filters(ds)
events = query.filter_events(ds, f)

st.title("Timeline")
st.write("People per month by event kind, as the sources state them: the solid bar reaches the smallest figure "
         "stated, the pale extension the largest. A month with several events shows their computed sum; kinds "
         "are drawn side by side, never added together. Events dated only to a month or year sit at the start of "
         "that period; umbrella events count once.")
frame = monthly_counts(events, ds)
if frame.empty:
    st.info("No events match the filters.")
else:
    colour = alt.Color("kind_label:N", title="Kind", scale=alt.Scale(
        domain=[EVENT_KIND_LABELS[k] for k in EVENT_KIND_COLOURS], range=list(EVENT_KIND_COLOURS.values())))
    x = alt.X("month:T", title=None, axis=alt.Axis(format="%Y-%m", labelAngle=-40))
    tip = [alt.Tooltip("month:T", format="%Y-%m", title="Month"), alt.Tooltip("kind_label:N", title="Kind"),
           alt.Tooltip("events:Q", title="Events"), alt.Tooltip("figure:N", title="People")]
    base = alt.Chart(frame).encode(x=x, xOffset="kind_label:N", color=colour, tooltip=tip)
    certain = base.mark_bar(size=7).encode(y=alt.Y("low:Q", title="People (solid: smallest figure; pale: largest)", stack=None))
    uncertain = base.mark_bar(size=7, opacity=0.35).encode(y=alt.Y("low:Q", stack=None), y2="high:Q")
    st.altair_chart((uncertain + certain).properties(height=340), width="stretch")
    st.altair_chart(base.mark_bar(size=7).encode(y=alt.Y("events:Q", title="Events", axis=alt.Axis(tickMinStep=1)))
                    .properties(height=160), width="stretch")
    words = display.columns()
    st.dataframe(frame.assign(month=[display.event_date(m, "month") for m in frame["month"]])[["month", "kind_label", "events", "figure"]]
                 .rename(columns={"month": words["month"], "kind_label": words["event_kind"], "events": words["events"],
                                  "figure": words["people"]}), hide_index=True, width="stretch")
chrome.footer()
