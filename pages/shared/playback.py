"""The time play-through on the app's map (issue 14): play/pause, a step (month, quarter, year) and a
speed, above the map. While it plays, the map and the numbers show one window at a time, stepping
through the selected date range with the windows geo.timeplay decides (the published map uses the
same); the window's date is shown large on the map. Each step swaps the map's layers only (st_folium
keeps the mounted map, its zoom and its centre); the URL keeps the reader's own range.

A small fragment that reruns on the speed's interval advances the window: nothing runs while paused.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import timedelta

import streamlit as st

from geo import i18n, timeplay
from geo.i18n import N_
from geo.query import Filters

UNIT_WORDS = {"month": N_("month"), "quarter": N_("quarter"), "year": N_("year")}
SPEED_WORDS = {"slow": N_("slow"), "normal": N_("normal"), "fast": N_("fast")}


def _windows(f: Filters) -> list:
    return timeplay.steps(f.date_from, f.date_to, st.session_state.get("play_unit", "quarter"))


def current(f: Filters) -> tuple[Filters, tuple | None]:
    """The filters to show now: the play-through's window in place of the range while playing."""
    if not st.session_state.get("play_on"):
        return f, None
    wins = _windows(f)
    index = st.session_state.get("play_index", 0)
    if not wins or index >= len(wins):
        st.session_state["play_on"] = False
        return f, None
    window = wins[max(index, 0)]
    return replace(f, date_from=window[0], date_to=window[1]), window


def _toggle() -> None:
    on = not st.session_state.get("play_on")
    st.session_state["play_on"] = on
    if on:
        st.session_state["play_index"] = 0
        st.session_state["play_last"] = time.monotonic()


def _restart() -> None:
    if st.session_state.get("play_on"):
        st.session_state["play_index"] = 0
        st.session_state["play_last"] = time.monotonic()


def controls(f: Filters, window, _: i18n.Translator, lang: str) -> str | None:
    """Draw the controls (f: the reader's own filters); return the date to show on the map, or None."""
    st.session_state.setdefault("play_unit", "quarter")
    st.session_state.setdefault("play_speed", "normal")
    on = bool(st.session_state.get("play_on"))
    c1, c2, c3 = st.columns([2, 1, 1], vertical_alignment="bottom")
    c1.button(
        _("Pause") if on else _("Play through time"),
        key="play_button",
        on_click=_toggle,
        icon=":material/pause:" if on else ":material/play_arrow:",
        help=_(
            "Steps the map and the numbers through the selected dates, one window at a time; the map keeps "
            "its zoom. Pause to choose a site."
        ),
        width="stretch",
    )
    c2.selectbox(
        _("Step"), list(timeplay.UNITS), key="play_unit", format_func=lambda u: _(UNIT_WORDS[u]), on_change=_restart
    )
    c3.selectbox(_("Speed"), list(timeplay.SPEEDS_MS), key="play_speed", format_func=lambda s: _(SPEED_WORDS[s]))
    if not on or window is None:
        return None
    return timeplay.label(window, st.session_state["play_unit"], lang)


def advance(f: Filters) -> None:
    """While playing, the timer that moves to the next window (f: the reader's own filters). Called
    below the map: what runs or not here never shifts the elements above it (a shifted map frame is
    resized by the page, and Leaflet's view moves with it)."""
    if not st.session_state.get("play_on"):
        return
    interval = timeplay.SPEEDS_MS[st.session_state.get("play_speed", "normal")] / 1000
    total = len(_windows(f))
    # the window on screen was drawn now (this is the page's run): the interval counts from here, so a
    # slow run never skips a window the reader has not seen
    st.session_state["play_last"] = time.monotonic()

    @st.fragment(run_every=timedelta(seconds=interval))
    def _tick() -> None:
        if not st.session_state.get("play_on"):
            return
        if time.monotonic() - st.session_state.get("play_last", 0) < interval * 0.9:
            return  # the fragment's first run is part of the page's run: wait for the interval
        step(total)
        st.rerun(scope="app")

    _tick()


def step(total: int) -> None:
    """Move to the next of `total` windows; after the last, stop (the whole range shows again)."""
    st.session_state["play_index"] = st.session_state.get("play_index", 0) + 1
    if st.session_state["play_index"] >= total:
        st.session_state["play_on"] = False
