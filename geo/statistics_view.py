"""The Statistics page's rows, in the reader's language: every figure worded as its source states it,
with who said it, when, the sources that quote it and what replaced a first announcement. The page
only draws these frames (charts and tables); nothing here imports Streamlit.

No figure is computed here: `value` and `value_end` are the stated figure and, for a stated range, its
upper end (the chart draws a line only where a source gave a range).
"""

from __future__ import annotations

import pandas as pd

from . import i18n
from .i18n import N_
from .safe_html import safe_url
from .statistics import MEASURE_LABELS, cited, period_kind, source_labels, stated_as

ARRIVALS = "arrivals-south-korea"
CHART_COLUMNS = [
    "id",
    "measure_label",
    "period_label",
    "figure",
    "value",
    "value_end",
    "estimator",
    "stated",
    "cited_in",
    "notes",
]
NO_FIGURE = N_("no figure quoted")
STATED_ON = N_("{figure}, stated {date}")


def measure_label(measure: str, lang: str) -> str:
    """A measure's label in `lang` (its id when the schema has a measure this module does not know)."""
    return i18n.translate(lang)(MEASURE_LABELS[measure]) if measure in MEASURE_LABELS else measure


def display_frame(stats: pd.DataFrame, sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every figure with its measure's label, its wording as stated, its range's end, whether a later
    figure replaced it, its sources ('Publisher, date'), its period's kind (year, quarter, other), its
    notes ('' when none) and, for a first announcement, what it was revised to; numbered from 0."""
    frame = stats.reset_index(drop=True).copy()
    frame["measure_label"] = [measure_label(m, lang) for m in frame["measure"]]
    frame["figure"] = [
        stated_as(q, v, t, lang) for q, v, t in zip(frame["qualifier"], frame["value"], frame["value_to"])
    ]
    frame["value_end"] = [int(v if pd.isna(t) else t) for v, t in zip(frame["value"], frame["value_to"])]
    frame["value_to"] = frame["value_end"]
    frame["superseded"] = frame["superseded_by"].notna()
    frame["cited_in"] = source_labels(stats, sources, lang).to_numpy()
    frame["period_kind"] = period_kind(stats).to_numpy()
    frame["notes"] = frame["notes"].fillna("")
    frame["revised"] = revisions(frame, frame["superseded_by"], lang)
    return frame


def revisions(frame: pd.DataFrame, targets, lang: str) -> list[str]:
    """Per target id, '5, stated 2022-01-20' (the figure that replaced a first announcement); '' for none."""
    _ = i18n.translate(lang)
    final = frame.set_index("id")
    return [
        _(STATED_ON, figure=final.at[t, "figure"], date=final.at[t, "stated"])
        if isinstance(t, str) and t in final.index
        else ""
        for t in targets
    ]


def chart_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Only what a chart needs, as plain types (no tuples or timestamps), with the rows' order."""
    out = rows[CHART_COLUMNS].copy()
    out["order"] = range(len(out))
    return out


def arrivals_by(frame: pd.DataFrame, kind: str, lang: str) -> pd.DataFrame:
    """Chart rows of the arrival figures shown (not first announcements) whose period is a `kind`
    ('year' or 'quarter'), in date order; by year, every year from the first to the last."""
    arrivals = frame[frame["measure"].eq(ARRIVALS)].sort_values(["period_start", "period_end"])
    rows = arrivals[arrivals["period_kind"].eq(kind).to_numpy() & ~arrivals["superseded"].to_numpy()]
    data = chart_rows(rows)
    return every_year(data, lang) if kind == "year" and not data.empty else data


def every_year(data: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Chart rows of yearly figures (period_label "2007" …) with a row for every year from the first to
    the last: a year that no source quotes gets no value ("no figure quoted", in `lang`), so the chart
    shows the gap instead of closing it up. Rows keep their order by year (`order`)."""
    if data.empty:
        return data
    years = data["period_label"].astype(str)
    if not years.str.fullmatch(r"\d{4}").all():
        return data
    gap = i18n.translate(lang)(NO_FIGURE)
    have = dict(zip(years.astype(int), data.to_dict("records")))
    rows = []
    for i, year in enumerate(range(min(have), max(have) + 1)):
        row = dict(
            have.get(year)
            or {
                "period_label": str(year),
                "value": None,
                "value_end": None,
                "figure": gap,
                "estimator": "",
                "stated": "",
                "cited_in": "",
                "notes": "",
                "id": f"gap-{year}",
                "measure_label": data["measure_label"].iloc[0],
            }
        )
        row["order"] = i
        rows.append(row)
    return pd.DataFrame(rows, columns=list(data.columns))


def sources_named(data: pd.DataFrame) -> str:
    """The distinct sources of some chart rows, sorted, joined by '; ' (for the chart's caption)."""
    return "; ".join(sorted(set("; ".join(data["cited_in"].dropna()).split("; ")) - {""}))


def first_announcements(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Arrival figures first announced and later revised: each with its date and what replaced it."""
    _ = i18n.translate(lang)
    first = frame[frame["measure"].eq(ARRIVALS) & frame["superseded"]].sort_values(["period_start", "period_end"])
    return pd.DataFrame(
        {
            "period": first["period_label"].to_numpy(),
            "first announced": [_(STATED_ON, figure=f, date=s) for f, s in zip(first["figure"], first["stated"])],
            "revised to (figure shown)": revisions(frame, first["superseded_by"], lang),
            "estimated by": first["estimator"].to_numpy(),
            "source(s)": first["cited_in"].to_numpy(),
        }
    )


def estimates(frame: pd.DataFrame):
    """(measure, chart rows) for every measure but arrivals, each with a 'who' axis label: 'Estimator
    (stated)', with the period added where one estimator stated several figures on one date."""
    rows = frame[~frame["measure"].eq(ARRIVALS)].sort_values(["measure", "period_end", "id"])
    for measure, group in rows.groupby("measure", sort=False):
        data = chart_rows(group)
        data["who"] = [f"{e} ({s})" for e, s in zip(data["estimator"], data["stated"])]
        dupes = data["who"].duplicated(keep=False)
        data.loc[dupes, "who"] = data.loc[dupes, "who"] + ": " + data.loc[dupes, "period_label"]
        yield measure, data


def every_figure(frame: pd.DataFrame) -> pd.DataFrame:
    """The table of every figure and its sources, by measure and period."""
    table = frame.sort_values(["measure", "period_end", "id"])[
        ["measure_label", "period_label", "figure", "estimator", "stated", "revised", "cited_in", "notes"]
    ]
    return table.rename(
        columns={
            "measure_label": "measure",
            "period_label": "period",
            "revised": "first announcement, revised to",
            "estimator": "estimated by",
            "cited_in": "source(s)",
        }
    )


def figure_sources(stats: pd.DataFrame, sources: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (figure, source): the figure as 'Measure, period: figure (estimator)', the source's
    publisher, title, date and its address if it is http(s) (else empty)."""
    links = cited(stats, sources)
    what = {
        row.id: f"{row.measure_label}, {row.period_label}: {row.figure} ({row.estimator})" for row in frame.itertuples()
    }
    links["figure"] = links["figure"].map(what)
    links["link"] = [safe_url(u) for u in links["url"]]
    return links[["figure", "publisher", "title", "published", "link"]]
