"""Sites: a directory of every place with its names, kind, location quality, events and sources."""

from __future__ import annotations

import streamlit as st

from geo import query
from geo import display, evidence
from geo.styles import SIZE_KIND
from geo.i18n import N_
from pages.shared import chrome

_ = chrome.page(N_("Sites"))
ds = chrome.dataset()
f = chrome.filters(ds)
events = query.filter_events(ds, f)
totals = query.site_totals(ds, events)

st.title(_("Sites"))
lang = chrome.lang()


def kind_text(site_id: str, kind: str) -> str:
    """The site's figure for one kind, as its sources state it (empty when it has none)."""
    rows = query.kinds_at(totals, site_id)
    return evidence.total_text(ds, events, rows.loc[kind], lang) if kind in rows.index else ""


sites = ds.sites[ds.sites["layer"].isin(f.layers).to_numpy()]
table = display.sites_view(sites, lang)
summary = query.site_summary(ds, totals, SIZE_KIND)
table[display.columns(lang)["events"]] = summary["events"].reindex(table.index).fillna(0).astype(int)
for kind in query.KIND_ORDER:  # one column per kind in the selection: kinds are never added up
    if len(totals) and kind in totals.index.get_level_values("kind"):
        table[chrome.labels("events", "kind")[kind]] = [kind_text(sid, kind) for sid in table.index]
st.dataframe(
    table,
    width="stretch",
    hide_index=True,
    column_config={display.columns(lang)[c]: st.column_config.NumberColumn(format="%.5f") for c in ("lon", "lat")},
)
choices = list(sites.index)
if choices:
    current = st.session_state.get("site")
    first, second = ("name_ko", "name_en") if lang == "ko" else ("name_en", "name_ko")
    pick = st.selectbox(
        _("Site"),
        choices,
        index=choices.index(current) if current in choices else None,
        placeholder=_("Choose a site to see its events and sources"),
        format_func=lambda s: f"{ds.sites.at[s, first]} · {ds.sites.at[s, second]}",
    )
    if pick and pick != current:
        chrome.select_site(pick)
    if pick:
        chrome.site_panel(ds, pick, events)
chrome.footer()
