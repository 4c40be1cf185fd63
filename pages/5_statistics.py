"""Statistics: arrivals in South Korea and the published estimates of people held, hiding or returned,
each figure with who made it, when, and the sources that quote it."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from geo import statistics
from geo.safe_html import safe_url
from geo.i18n import N_
from pages.shared import chrome

_ = chrome.page(N_("Statistics"))
ds = chrome.dataset()
stats = statistics.of(ds)

st.title("Statistics")
st.write("Published counts and estimates, each shown with who made it, when, and the sources that quote it. "
         "Figures worded \"about\", \"more than\" or \"at least\" are ranges (data/README.md, Numbers): the dot is "
         "the figure as stated, the line the range it supports. Estimates by different bodies are not added up.")

if stats.empty:
    st.info("This data directory has no statistics (statistics.csv).")
    chrome.footer()
    st.stop()

frame = stats.reset_index(drop=True).copy()
frame["measure_label"] = frame["measure"].map(statistics.MEASURE_LABELS).fillna(frame["measure"])
frame["figure"] = [statistics.stated_as(q, v, h) for q, v, h in zip(frame["qualifier"], frame["value"], frame["value_high"])]
frame["range"] = [f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}" for lo, hi in zip(frame["value_low"], frame["value_high"])]
frame["cited_in"] = statistics.source_labels(stats, ds.sources).to_numpy()
frame["period_kind"] = statistics.period_kind(stats).to_numpy()
frame["notes"] = frame["notes"].fillna("")
TOOLTIP = [alt.Tooltip("period_label:N", title="Period"), alt.Tooltip("figure:N", title="Figure as stated"),
           alt.Tooltip("range:N", title="Range"), alt.Tooltip("estimator:N", title="Estimated by"),
           alt.Tooltip("stated:N", title="Stated"), alt.Tooltip("cited_in:N", title="Source(s)")]


def chart_data(rows: pd.DataFrame) -> pd.DataFrame:
    """Only what the chart needs, as plain types (no tuples or timestamps)."""
    cols = ["id", "measure_label", "period_label", "figure", "range", "value", "value_low", "value_high",
            "estimator", "stated", "cited_in", "notes"]
    out = rows[cols].copy()
    out["order"] = range(len(out))
    return out


arrivals = frame[frame["measure"].eq("arrivals-south-korea")].sort_values(["period_start", "period_end"])
st.subheader("Arrivals in South Korea")
if arrivals.empty:
    st.info("No arrival figures in the data.")
for kind, heading in (("year", "By year"), ("quarter", "By quarter")):
    rows = arrivals[arrivals["period_kind"].eq(kind)]
    if rows.empty:
        continue
    data = chart_data(rows)
    base = alt.Chart(data).encode(
        x=alt.X("period_label:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title="People"), tooltip=TOOLTIP)
    chart = base.mark_bar() + base.mark_text(dy=-6).encode(text=alt.Text("value:Q", format=","))
    st.markdown(f"**{heading}**")
    st.altair_chart(chart.properties(height=260), width="stretch")
    chrome.data_caption("Source: " + "; ".join(sorted(set("; ".join(data["cited_in"]).split("; "))))
                        + ". Counts by South Korea's Ministry of Unification as these reports quote them; periods no source "
                        "quotes are not shown.")

estimates = frame[~frame["measure"].eq("arrivals-south-korea")].sort_values(["measure", "period_end", "id"])
st.subheader("Estimates: people held, hiding or returned")
if estimates.empty:
    st.info("No estimates in the data.")
else:
    data = chart_data(estimates)
    data["who"] = [f"{e} ({s})" for e, s in zip(data["estimator"], data["stated"])]
    dupes = data["who"].duplicated(keep=False)
    data.loc[dupes, "who"] = data.loc[dupes, "who"] + ": " + data.loc[dupes, "period_label"]
    y = alt.Y("who:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelLimit=420))
    colour = alt.Color("measure_label:N", title="Measure", scale=alt.Scale(scheme="dark2"),
                       legend=alt.Legend(orient="bottom", columns=3, labelLimit=0))
    x_scale = alt.Scale(domain=[0, int(data["value_high"].max() * 1.2)])
    base = alt.Chart(data).encode(y=y, color=colour, tooltip=TOOLTIP + [alt.Tooltip("measure_label:N", title="Measure")])
    ranges = base.mark_rule(strokeWidth=3).encode(
        x=alt.X("value_low:Q", title="People (range the wording supports)", scale=x_scale), x2="value_high:Q")
    dots = base.mark_point(filled=True, size=80).encode(x=alt.X("value:Q", scale=x_scale))
    labels = base.mark_text(align="left", dx=8).encode(x=alt.X("value_high:Q", scale=x_scale), text="figure:N")
    st.altair_chart((ranges + dots + labels).properties(height=36 * len(data) + 60), width="stretch")
    st.caption("Each row: who made the estimate and when they stated it (or, where only a later report is known, "
               "that report's date). Hover for the period and the sources.")

st.subheader("Every figure and its sources")
table = frame.sort_values(["measure", "period_end", "id"])[
    ["measure_label", "period_label", "figure", "range", "estimator", "stated", "cited_in", "notes"]]
st.dataframe(table.rename(columns={"measure_label": "measure", "period_label": "period", "range": "low–high",
                                   "estimator": "estimated by", "cited_in": "source(s)"}),
             hide_index=True, width="stretch")

links = statistics.cited(stats, ds.sources)
what = {row.id: f"{row.measure_label}, {row.period_label}: {row.figure} ({row.estimator})" for row in frame.itertuples()}
links["figure"] = links["figure"].map(what)
links["link"] = [safe_url(u) for u in links["url"]]
st.markdown("**Sources of each figure** (links open only http and https addresses)")
st.dataframe(links[["figure", "publisher", "title", "published", "link"]], hide_index=True, width="stretch",
             column_config={"link": st.column_config.LinkColumn("Link", display_text="open")})
chrome.footer()
