"""The app: its home page is the map (below); Timeline, Sites and About live in pages/.

Run with `streamlit run app.py`. Navigation is declared here so every page has a readable title.
"""

from __future__ import annotations

import streamlit as st

from geo import display, i18n, mapbuild, query
from geo.downloads import events_csv, events_geojson
from geo.styles import SIZE_KIND
from pages.shared import chrome, phone, playback


def map_page() -> None:
    """Home: the map, the selection's numbers, the clicked site's events and sources, the events table."""
    _ = chrome.page(i18n.N_("Map"))
    phone.map_first()  # on a phone: the map right under a compact title
    chrome.dataset()  # data with problems: the list of them and nothing else
    # what no filter changes is drawn outside the fragment, once per page run: the title, and the
    # filters' heading and note around the widgets the fragment draws into the sidebar between them
    st.title(_(chrome.APP_TITLE))
    chrome.filters_heading()
    selection()
    chrome.filters_note()
    chrome.footer()


@st.fragment
def selection() -> None:
    """Everything the filters change: the sidebar's filters, the numbers, the map, the site panel, the
    table and the downloads. A Streamlit fragment: moving a filter reruns only this, not the page around
    it (navigation, page set-up, language switch, footer), which under load cut the CPU of a slider move
    (benchmarks/README.md). The filters are drawn into the sidebar from here (Streamlit clears and redraws
    a fragment's writes to the sidebar in place); choosing a language or a site reruns the whole page."""
    _ = chrome.tr()
    ds = chrome.dataset()
    chosen = chrome.filters(ds, framed=False)
    f, window = playback.current(chosen)  # while the play-through runs: one window of the chosen dates
    selected, lang = st.session_state.get("site"), chrome.lang()
    # computed once for everyone with these filters and language, then shared (a play window apart)
    view = chrome.map_view(f, lang, playing=window is not None)
    events, summary = view.events, view.summary

    kind_labels = chrome.labels("events", "kind")
    cols = st.columns(4)
    cols[0].metric(
        _("Events"),
        i18n.number(summary.events, lang),
        help=_(
            "Events in the selection. A mass return through several crossings is one event with one part per crossing."
        ),
    )
    for col, (kind, value, words) in zip(cols[1:], view.metrics):
        col.metric(
            kind_labels[kind],
            value,
            help=_(
                "People, as the sources state them: {figure}. A sum over several events is a computation "
                "and says so; umbrella events count once, not again through their parts; events without a "
                "reported figure are counted, never guessed.",
                figure=words,
            ),
        )
    st.caption(_("Kinds are never added up: the same people may be arrested, held and returned."))
    # above the map only what keeps its height while the play-through steps: text whose length follows
    # the window (the other kinds, the map's description) comes after the map, so the map's frame stays
    # put on the page; the empty-selection note is a slot that never shows while playing
    empty = st.empty()
    if not summary.events and window is None:  # (an empty window while playing is no filter to widen)
        empty.info(display.empty_selection(f, lang))
    play_date = playback.controls(chosen, window, _, lang)
    # base and layers as st_folium sends them, built once and shared (chrome.shared_map); a play step
    # changes only the layers (and the date shown on the map), so the mounted map keeps its view
    out = chrome.shared_map(
        f,
        selected,
        lang,
        key="map",
        height=560,
        play_date=play_date or "",
        returned_objects=["last_object_clicked_tooltip", "last_object_clicked_count"],
    )
    others = st.empty()  # a slot: shown or not, the elements after the map keep their places
    if view.others:
        others.caption(_("Also in the selection — {others}.", others="; ".join(view.others)))
    st.caption(view.description)  # the map's text alternative, worded once per view
    playback.advance(chosen)  # while playing: the next window after the speed's interval
    clicks = out.get("last_object_clicked_count")
    if clicks and clicks != st.session_state.get("_clicks"):
        st.session_state["_clicks"] = clicks
        hit = mapbuild.site_from_tooltip(out.get("last_object_clicked_tooltip"))
        if hit in ds.sites.index and hit != st.session_state.get("site"):
            chrome.select_site(hit)
            st.rerun()
    st.caption(
        _(
            "Marker size: people ({kind}) in the selected period, as the sources state them (area-true); other "
            "kinds are never added in. Routes are coloured by event kind; width: pale = largest figure stated, "
            "dark = smallest. Dashed outline and circle: approximate location with its uncertainty radius.",
            kind=kind_labels[SIZE_KIND],
        )
    )

    site = st.session_state.get("site")
    if site and site in ds.sites.index:
        chrome.site_panel(ds, site, events)

    # folded and lazy (built only once opened): the grid is the heaviest thing the browser loads
    table = st.expander(_("Events in the selection, as a table"), key="table_open", on_change="rerun")
    if table.open:
        with table:
            chrome.events_table(ds, events)
    d1, d2 = st.columns(2)
    # built only when clicked (at 100k events the GeoJSON takes seconds, too slow for every rerun), from
    # the filters and the shared dataset: a session keeps no copy of its selection in memory meanwhile
    d1.download_button(
        _("Download events (CSV)"),
        lambda: events_csv(ds, query.filter_events(ds, f)),
        "events.csv",
        "text/csv",
        on_click="ignore",
    )
    d2.download_button(
        _("Download events (GeoJSON)"),
        lambda: events_geojson(ds, query.filter_events(ds, f)),
        "events.geojson",
        "application/geo+json",
        on_click="ignore",
    )


# url_path = the file name without its number: Streamlit's first run after start-up still resolves
# a deep link against the pages/ folder by file name, and a mismatch shows a false "Page not found".
# titles in the reader's language (chrome.lang(): ?lang=, the session's choice, the browser's language)
_ = i18n.translate(chrome.lang())
PAGES = [
    st.Page(map_page, title=_("Map"), default=True),
    st.Page("pages/1_timeline.py", title=_("Timeline"), url_path="timeline"),
    st.Page("pages/2_sites.py", title=_("Sites"), url_path="sites"),
    st.Page("pages/3_statistics.py", title=_("Statistics"), url_path="statistics"),
    st.Page("pages/4_export.py", title=_("Export"), url_path="export"),
    st.Page("pages/5_about.py", title=_("About & sources"), url_path="about"),
    st.Page("pages/6_editor.py", title=_("Editor"), url_path="editor"),
]

st.navigation(PAGES).run()
