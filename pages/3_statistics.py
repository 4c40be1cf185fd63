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

st.title(_("Statistics"))
st.write(_("Published counts and estimates, each shown with who made it, when, and the sources that quote it. "
           "Every figure is shown as its source states it (\"about 2,000\", \"600 to 2,000\"), with who said it and "
           "when; no range is computed from the wording. Estimates by different bodies are not added up."))
lang = chrome.lang()

if stats.empty:
    st.info(_("This data directory has no statistics (statistics.csv)."))
    chrome.footer()
    st.stop()

frame = stats.reset_index(drop=True).copy()
frame["measure_label"] = frame["measure"].map(lambda m: _(statistics.MEASURE_LABELS[m]) if m in statistics.MEASURE_LABELS else m)
frame["figure"] = [statistics.stated_as(q, v, t, lang) for q, v, t in zip(frame["qualifier"], frame["value"], frame["value_to"])]
frame["value_end"] = [int(v if pd.isna(t) else t) for v, t in zip(frame["value"], frame["value_to"])]
frame["value_to"] = frame["value_end"]
frame["superseded"] = frame["superseded_by"].notna()
frame["cited_in"] = statistics.source_labels(stats, ds.sources).to_numpy()
frame["period_kind"] = statistics.period_kind(stats).to_numpy()
frame["notes"] = frame["notes"].fillna("")
TOOLTIP = [alt.Tooltip("period_label:N", title=_("Period")), alt.Tooltip("figure:N", title=_("Figure as stated")),
           alt.Tooltip("estimator:N", title=_("Estimated by")),
           alt.Tooltip("stated:N", title=_("Stated")), alt.Tooltip("cited_in:N", title=_("Source(s)"))]


def chart_data(rows: pd.DataFrame) -> pd.DataFrame:
    """Only what the chart needs, as plain types (no tuples or timestamps)."""
    cols = ["id", "measure_label", "period_label", "figure", "value", "value_end",
            "estimator", "stated", "cited_in", "notes"]
    out = rows[cols].copy()
    out["order"] = range(len(out))
    return out


arrivals = frame[frame["measure"].eq("arrivals-south-korea")].sort_values(["period_start", "period_end"])
st.subheader(_("Arrivals in South Korea"))
if arrivals.empty:
    st.info(_("No arrival figures in the data."))
for kind, heading in (("year", _("By year")), ("quarter", _("By quarter"))):
    rows = arrivals[arrivals["period_kind"].eq(kind).to_numpy() & ~arrivals["superseded"].to_numpy()]
    if rows.empty:
        continue
    data = chart_data(rows)
    if kind == "year":  # every year from the first to the last on the axis: a year no source quotes is a visible gap
        data = statistics.every_year(data)
    base = alt.Chart(data).encode(
        x=alt.X("period_label:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=_("People"), scale=alt.Scale(domain=[0, int(data["value"].max() * 1.2)]),
                axis=alt.Axis(tickMinStep=1, format=",d")),
        tooltip=TOOLTIP)
    # vertical labels: a 28-year chart still reads on a phone without the numbers running into each other
    chart = base.mark_bar() + base.mark_text(angle=270, align="left", baseline="middle", dx=3, fontSize=10).encode(
        text=alt.Text("value:Q", format=","))
    st.markdown(f"**{heading}**")
    st.altair_chart(chart.properties(height=260), width="stretch")
    chrome.data_caption(_("Source: {sources}. Counts by South Korea's Ministry of Unification as these reports quote "
                          "them; periods no source quotes are not shown. Each bar is the figure shown now; first "
                          "announcements that were later revised are listed below with their date.",
                          sources="; ".join(sorted(set("; ".join(data["cited_in"].dropna()).split("; ")) - {""}))))
first = arrivals[arrivals["superseded"].to_numpy()]
final = frame.set_index("id")


def revised_to(target) -> str:
    """'5, stated 2022-01-20' for the row that replaced a first announcement; '' for a figure shown."""
    if not isinstance(target, str) or target not in final.index:
        return ""
    return _("{figure}, stated {date}", figure=final.at[target, "figure"], date=final.at[target, "stated"])


if not first.empty:
    st.markdown(_("**First announcements later revised** (kept with their date; never shown as the final figure)"))
    st.dataframe(pd.DataFrame({
        "period": first["period_label"].to_numpy(),
        "first announced": [_("{figure}, stated {date}", figure=f, date=s) for f, s in zip(first["figure"], first["stated"])],
        "revised to (figure shown)": [revised_to(i) for i in first["superseded_by"]],
        "estimated by": first["estimator"].to_numpy(),
        "source(s)": first["cited_in"].to_numpy()}), hide_index=True, width="stretch",
        column_config={"period": _("Period"), "first announced": _("First announced"),
                       "revised to (figure shown)": _("Revised to (figure shown)"), "estimated by": _("Estimated by"),
                       "source(s)": _("Source(s)")})

estimates = frame[~frame["measure"].eq("arrivals-south-korea")].sort_values(["measure", "period_end", "id"])
st.subheader(_("Estimates: people held, hiding, arrested or returned"))
if estimates.empty:
    st.info(_("No estimates in the data."))
else:
    st.caption(_("One chart per measure, each on its own scale: estimates of different things are never added or "
                 "compared on one axis. Each row: who made the estimate and when they stated it (or, where only a "
                 "later report is known, that report's date); a line only where the source states a range. "
                 "Hover for the period and the sources."))
for measure, rows in estimates.groupby("measure", sort=False):
    data = chart_data(rows)
    data["who"] = [f"{e} ({s})" for e, s in zip(data["estimator"], data["stated"])]
    dupes = data["who"].duplicated(keep=False)
    data.loc[dupes, "who"] = data.loc[dupes, "who"] + ": " + data.loc[dupes, "period_label"]
    st.markdown("**" + (_(statistics.MEASURE_LABELS[measure]) if measure in statistics.MEASURE_LABELS else measure) + "**")
    y = alt.Y("who:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelLimit=200))
    x_scale = alt.Scale(domain=[0, int(data["value_end"].max() * 1.25)])
    base = alt.Chart(data).encode(y=y, tooltip=TOOLTIP + [alt.Tooltip("measure_label:N", title=_("Measure"))])
    ranges = base.mark_rule(strokeWidth=3).encode(x=alt.X("value:Q", title=_("People (as stated)"), scale=x_scale),
                                                  x2="value_end:Q")
    dots = base.mark_point(filled=True, size=80).encode(x=alt.X("value:Q", scale=x_scale))
    labels = base.mark_text(align="left", dx=8).encode(x=alt.X("value_end:Q", scale=x_scale), text="figure:N")
    st.altair_chart((ranges + dots + labels).properties(height=30 * len(data) + 50), width="stretch")

st.subheader(_("Every figure and its sources"))
frame["revised"] = [revised_to(t) for t in frame["superseded_by"]]
table = frame.sort_values(["measure", "period_end", "id"])[
    ["measure_label", "period_label", "figure", "estimator", "stated", "revised", "cited_in", "notes"]]
st.dataframe(table.rename(columns={"measure_label": "measure", "period_label": "period",
                                   "revised": "first announcement, revised to", "estimator": "estimated by",
                                   "cited_in": "source(s)"}),
             hide_index=True, width="stretch",
             column_config={"measure": _("Measure"), "period": _("Period"), "figure": _("Figure as stated"),
                            "estimated by": _("Estimated by"), "stated": _("Stated"),
                            "first announcement, revised to": _("First announcement, revised to"),
                            "source(s)": _("Source(s)"), "notes": _("Notes")})

links = statistics.cited(stats, ds.sources)
what = {row.id: f"{row.measure_label}, {row.period_label}: {row.figure} ({row.estimator})" for row in frame.itertuples()}
links["figure"] = links["figure"].map(what)
links["link"] = [safe_url(u) for u in links["url"]]
st.markdown(_("**Sources of each figure** (links open only http and https addresses)"))
st.dataframe(links[["figure", "publisher", "title", "published", "link"]], hide_index=True, width="stretch",
             column_config={"figure": st.column_config.Column(_("Figure")), "publisher": st.column_config.Column(_("Publisher")),
                            "title": st.column_config.Column(_("Title (in its own language)")),
                            "published": st.column_config.Column(_("Published")),
                            "link": st.column_config.LinkColumn(_("Link"), display_text=_("open"))})
chrome.footer()
