"""Timeline: events and people over time, with the same filters as the map."""

from __future__ import annotations

import altair as alt
import streamlit as st

from geo import display, query
from geo.styles import EVENT_KIND_COLOURS
from geo.timeline import monthly_counts
from geo.i18n import N_
from pages.shared import chrome

_ = chrome.page(N_("Timeline"))
ds = chrome.dataset()
f = chrome.filters(ds)
events = query.filter_events(ds, f)

st.title(_("Timeline"))
st.write(
    _(
        "People per month by event kind, as the sources state them: the solid bar reaches the smallest figure "
        "stated, the pale extension the largest. A month with several events shows their computed sum; kinds "
        "are drawn side by side, never added together. Events dated only to a month or year sit at the start of "
        "that period; umbrella events count once."
    )
)
lang = chrome.lang()
kind_labels = chrome.labels("events", "kind")
frame = monthly_counts(events, ds, lang)
if frame.empty:
    st.info(_("No events match the filters."))
else:
    frame["kind_label"] = frame["kind"].map(kind_labels).fillna(frame["kind_label"])
    colour = alt.Color(
        "kind_label:N",
        title=_("Kind"),
        scale=alt.Scale(domain=[kind_labels[k] for k in EVENT_KIND_COLOURS], range=list(EVENT_KIND_COLOURS.values())),
    )
    x = alt.X("month:T", title=None, axis=alt.Axis(format="%Y-%m", labelAngle=-40))
    tip = [
        alt.Tooltip("month:T", format="%Y-%m", title=_("Month")),
        alt.Tooltip("kind_label:N", title=_("Kind")),
        alt.Tooltip("events:Q", title=_("Events")),
        alt.Tooltip("figure:N", title=_("People")),
    ]
    base = alt.Chart(frame).encode(x=x, xOffset="kind_label:N", color=colour, tooltip=tip)
    counts = {"tickMinStep": 1, "format": ",d"}  # people and events are whole numbers: no 0.5 on the axis
    certain = base.mark_bar(size=7).encode(
        y=alt.Y("low:Q", title=_("People (solid: smallest figure; pale: largest)"), stack=None, axis=alt.Axis(**counts))
    )
    uncertain = base.mark_bar(size=7, opacity=0.35).encode(y=alt.Y("low:Q", stack=None), y2="high:Q")
    st.altair_chart((uncertain + certain).properties(height=340), width="stretch")
    st.altair_chart(
        base.mark_bar(size=7)
        .encode(y=alt.Y("events:Q", title=_("Events"), axis=alt.Axis(**counts)))
        .properties(height=160),
        width="stretch",
    )
    words = display.columns(lang)
    st.dataframe(
        frame.assign(month=[display.event_date(m, "month", lang) for m in frame["month"]])[
            ["month", "kind_label", "events", "figure"]
        ].rename(
            columns={
                "month": words["month"],
                "kind_label": words["event_kind"],
                "events": words["events"],
                "figure": words["people"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
chrome.footer()
