"""Statistics: arrivals in South Korea and the published estimates of people held, hiding or returned,
each figure with who made it, when, and the sources that quote it."""

from __future__ import annotations

import altair as alt
import streamlit as st

from geo import statistics, statistics_view
from geo.i18n import N_
from pages.shared import chrome

_ = chrome.page(N_("Statistics"))
ds = chrome.dataset()
stats = statistics.of(ds)

st.title(_("Statistics"))
st.write(
    _(
        "Published counts and estimates, each shown with who made it, when, and the sources that quote it. "
        'Every figure is shown as its source states it ("about 2,000", "600 to 2,000"), with who said it and '
        "when; no range is computed from the wording. Estimates by different bodies are not added up."
    )
)
lang = chrome.lang()

if stats.empty:
    st.info(_("This data directory has no statistics (statistics.csv)."))
    chrome.footer()
    st.stop()

frame = statistics_view.display_frame(stats, ds.sources, lang)
TOOLTIP = [
    alt.Tooltip("period_label:N", title=_("Period")),
    alt.Tooltip("figure:N", title=_("Figure as stated")),
    alt.Tooltip("estimator:N", title=_("Estimated by")),
    alt.Tooltip("stated:N", title=_("Stated")),
    alt.Tooltip("cited_in:N", title=_("Source(s)")),
]


st.subheader(_("Arrivals in South Korea"))
if not frame["measure"].eq(statistics_view.ARRIVALS).any():
    st.info(_("No arrival figures in the data."))
for kind, heading in (("year", _("By year")), ("quarter", _("By quarter"))):
    data = statistics_view.arrivals_by(frame, kind, lang)
    if data.empty:
        continue
    base = alt.Chart(data).encode(
        x=alt.X("period_label:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            "value:Q",
            title=_("People"),
            scale=alt.Scale(domain=[0, int(data["value"].max() * 1.2)]),
            axis=alt.Axis(tickMinStep=1, format=",d"),
        ),
        tooltip=TOOLTIP,
    )
    # vertical labels: a 28-year chart still reads on a phone without the numbers running into each other
    chart = base.mark_bar() + base.mark_text(angle=270, align="left", baseline="middle", dx=3, fontSize=10).encode(
        text=alt.Text("value:Q", format=",")
    )
    st.markdown(f"**{heading}**")
    st.altair_chart(chart.properties(height=260), width="stretch")
    chrome.data_caption(
        _(
            "Source: {sources}. Counts by South Korea's Ministry of Unification as these reports quote "
            "them; periods no source quotes are not shown. Each bar is the figure shown now; first "
            "announcements that were later revised are listed below with their date.",
            sources=statistics_view.sources_named(data),
        )
    )
first = statistics_view.first_announcements(frame, lang)

if not first.empty:
    st.markdown(_("**First announcements later revised** (kept with their date; never shown as the final figure)"))
    st.dataframe(
        first,
        hide_index=True,
        width="stretch",
        column_config={
            "period": _("Period"),
            "first announced": _("First announced"),
            "revised to (figure shown)": _("Revised to (figure shown)"),
            "estimated by": _("Estimated by"),
            "source(s)": _("Source(s)"),
        },
    )

st.subheader(_("Estimates: people held, hiding, arrested or returned"))
if frame["measure"].eq(statistics_view.ARRIVALS).all():
    st.info(_("No estimates in the data."))
else:
    st.caption(
        _(
            "One chart per measure, each on its own scale: estimates of different things are never added or "
            "compared on one axis. Each row: who made the estimate and when they stated it (or, where only a "
            "later report is known, that report's date); a line only where the source states a range. "
            "Hover for the period and the sources."
        )
    )
for measure, data in statistics_view.estimates(frame):
    st.markdown("**" + statistics_view.measure_label(measure, lang) + "**")
    y = alt.Y("who:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelLimit=200))
    x_scale = alt.Scale(domain=[0, int(data["value_end"].max() * 1.25)])
    base = alt.Chart(data).encode(y=y, tooltip=TOOLTIP + [alt.Tooltip("measure_label:N", title=_("Measure"))])
    ranges = base.mark_rule(strokeWidth=3).encode(
        x=alt.X("value:Q", title=_("People (as stated)"), scale=x_scale), x2="value_end:Q"
    )
    dots = base.mark_point(filled=True, size=80).encode(x=alt.X("value:Q", scale=x_scale))
    labels = base.mark_text(align="left", dx=8).encode(x=alt.X("value_end:Q", scale=x_scale), text="figure:N")
    st.altair_chart((ranges + dots + labels).properties(height=30 * len(data) + 50), width="stretch")

st.subheader(_("Every figure and its sources"))
st.dataframe(
    statistics_view.every_figure(frame),
    hide_index=True,
    width="stretch",
    column_config={
        "measure": _("Measure"),
        "period": _("Period"),
        "figure": _("Figure as stated"),
        "estimated by": _("Estimated by"),
        "stated": _("Stated"),
        "first announcement, revised to": _("First announcement, revised to"),
        "source(s)": _("Source(s)"),
        "notes": _("Notes"),
    },
)

links = statistics_view.figure_sources(stats, ds.sources, frame)
st.markdown(_("**Sources of each figure** (links open only http and https addresses)"))
st.dataframe(
    links,
    hide_index=True,
    width="stretch",
    column_config={
        "figure": st.column_config.Column(_("Figure")),
        "publisher": st.column_config.Column(_("Publisher")),
        "title": st.column_config.Column(_("Title (in its own language)")),
        "published": st.column_config.Column(_("Published")),
        "link": st.column_config.LinkColumn(_("Link"), display_text=_("open")),
    },
)
chrome.footer()
