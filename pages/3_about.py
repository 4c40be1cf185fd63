"""About & sources: the method, how uncertainty is shown, and every source."""

from __future__ import annotations

import streamlit as st

from geo.i18n import N_
from pages.shared import chrome

_ = chrome.page(N_("About & sources"))
ds = chrome.dataset()

st.title("About & sources")
st.markdown("""
This map records forced repatriations of North Koreans from China, the arrests and detentions before them,
and the holding centres and prisons in North Korea where returnees are taken. It is built to be used as
evidence: every event and every site cites at least one published source, listed below.

**What counts as an event.** A dated happening reported by a source: an arrest, a detention, a transfer,
a repatriation across the border, or a death in custody. A mass return through several crossings is one
*umbrella* event with one *part* per crossing; totals count the umbrella once.

**Dates.** Each event has a date and a precision (day, week, month or year). An event known only to a month
is stored on the first day of that month and matches a date filter if any part of the month is in range.

**Numbers.** People are a range, low to high. Where sources say "about", "more than" or "up to", or disagree,
the range keeps that uncertainty instead of picking one figure. The map sizes markers by the high figure and
draws each route twice: a pale line for the high figure and a dark line for the low one.

**Places.** Each site says how precisely it is located: the facility itself, a town or city centre, or a
region. Approximate sites are drawn with a dashed outline and a dashed circle of their uncertainty radius.

**Confidence.** *Corroborated* (several independent sources), *single-source*, or *unverified*.

**Privacy.** Records marked sensitive never appear on public pages or in downloads and exports. Names of
private people appear only where a named outlet already published them. No hideouts or safe houses are mapped.

The full method and the data dictionary are in `data/README.md` in the repository.
""")
st.subheader(f"Sources ({len(ds.sources)})")
chrome.source_table(ds, list(ds.sources.index))
chrome.footer()
