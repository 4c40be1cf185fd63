"""The map's date controls in the sidebar: a preset, the two dates typed, and a slider by month
(twelve years in ~170 steps of 31 days, each end snapped to its month; not ~4,400 days). They all edit one range, st.session_state["f_dates"],
which chrome.filters writes into the URL (?from=&to=).

Each widget's callback sets the range; before the widgets are drawn, each is set from the range, so
they always agree whichever one the reader used.
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from geo import dateranges, i18n

CUSTOM = "custom"


def _set(start: date, end: date, lo: date, hi: date) -> None:
    st.session_state["f_dates"] = dateranges.clamp(start, end, lo, hi)


def _on_preset(lo: date, hi: date) -> None:
    key = st.session_state.get("f_preset")
    for p in dateranges.presets(lo, hi):
        if p.key == key:
            _set(p.start, p.end, lo, hi)


def _on_typed(lo: date, hi: date) -> None:
    start, end = st.session_state.get("f_from"), st.session_state.get("f_to")
    if isinstance(start, date) and isinstance(end, date):
        _set(start, end, lo, hi)


def _on_months(lo: date, hi: date) -> None:
    value = st.session_state.get("f_months")
    if not (isinstance(value, (tuple, list)) and len(value) == 2):
        return
    first, last = value
    if (first, last) == tuple(st.session_state["f_dates"]):
        return
    old_first, old_last = st.session_state["f_dates"]
    # the thumb that moved snaps to its month; the other keeps its exact date (the slider may have
    # nudged it onto its 31-day grid)
    # (and the grid's last stop, short of the data's last month, means that month)
    if abs((first - old_first).days) >= 28:
        first = dateranges.month_start(hi if (hi - first).days < 31 else first)
    else:
        first = old_first
    if abs((last - old_last).days) >= 28:
        last = dateranges.month_end(lo if (last - lo).days < 31 else last)
    else:
        last = old_last
    st.session_state["f_dates"] = dateranges.clamp(first, last, lo, hi)


def _sync(key: str, value) -> None:
    """Set a widget to the range's value only when it differs: a widget whose state the script writes
    on every run stops answering the reader (the month slider froze)."""
    if st.session_state.get(key) != value:
        st.session_state[key] = value


def date_controls(lo: date, hi: date, _: i18n.Translator, lang: str) -> None:
    """Draw the controls (inside `with st.sidebar`) for data dated lo..hi."""
    start, end = st.session_state["f_dates"]
    presets = dateranges.presets(lo, hi)
    current = dateranges.preset_of(start, end, lo, hi) or CUSTOM
    labels = {p.key: _(p.label, year=p.start.year) for p in presets}
    labels[CUSTOM] = _("Dates chosen below")
    options = [p.key for p in presets] + [CUSTOM]  # always there: changing the options would make a new widget
    _sync("f_preset", current)
    st.selectbox(
        _("Period"),
        options,
        key="f_preset",
        format_func=labels.get,
        on_change=_on_preset,
        args=(lo, hi),
        help=_("Events whose date (or dated period, for month or year precision) overlaps this range."),
    )
    _sync("f_from", start)
    _sync("f_to", end)
    st.date_input(
        _("Start date"),
        min_value=lo,
        max_value=hi,
        key="f_from",
        format="YYYY-MM-DD",
        on_change=_on_typed,
        args=(lo, hi),
    )
    st.date_input(
        _("End date"), min_value=lo, max_value=hi, key="f_to", format="YYYY-MM-DD", on_change=_on_typed, args=(lo, hi)
    )
    # by month: a step of 31 days, each end snapped to its month (st.select_slider, tried first, froze)
    _sync("f_months", (start, end))
    st.slider(
        _("Months"),
        min_value=lo,
        max_value=hi,
        key="f_months",
        step=timedelta(days=31),
        format="YYYY년 M월" if lang == "ko" else "MMM YYYY",
        on_change=_on_months,
        args=(lo, hi),
        label_visibility="collapsed",
    )
