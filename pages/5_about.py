"""About & sources: the method, how uncertainty is shown, the data version, how to cite, and every source."""

from __future__ import annotations

import streamlit as st

from geo import version
from geo.i18n import N_
from pages.shared import chrome

_ = chrome.page(N_("About & sources"))
ds = chrome.dataset()
v = version.of(ds.root)

st.title(_("About & sources"))
st.markdown(
    _("""
This map records forced repatriations of North Koreans from China, the arrests and detentions before them,
and the holding centres and prisons in North Korea where returnees are taken. It is built to be used as
evidence: every event and every site cites at least one published source, listed below.

**What counts as an event.** A dated happening reported by a source: an arrest, a detention, a transfer,
a repatriation across the border, a death in custody, a trial or an execution. A mass return through
several crossings is one *umbrella* event with one *part* per crossing; sums count the umbrella once.

**Claims: who said what.** Each thing a source says about an event is kept as a *claim*: the figure in the
source's own words ("about 50", "more than 500", "up to 200"), who the source attributes it to, the date and
places it names. Nothing is recoded into a range that no source gave.

**Figures.** When sources agree, the figure is shown once with all of them. When they disagree, both ends
are shown, each with its source: "more than 500 (Human Rights Watch) – about 600 (TJWG)". A crossing that
was used but for which no source gave a figure reads "share of 500–600 not reported". A sum over several
events is a computation and says so; it keeps its terms' meaning ("about", "at least") and counts events
without a figure instead of guessing them. People are never added across kinds of event: the same people
may be arrested, held and returned. Markers are sized by one kind, returns to North Korea by default.

**Dates.** Each event has a date and a precision (day, week, month or year). An event known only to a month
is stored on the first day of that month and matches a date filter if any part of the month is in range.

**Places.** Each site says how precisely it is located: the facility itself, a town or city centre, or a
region. Approximate sites are drawn with a dashed outline and a dashed circle of their uncertainty radius.

**Confidence.** *Corroborated* (several independent sources), *single-source*, or *unverified*.

**Sources.** Each source records when it was read, its language, an archived copy where one is known, and
whether it is the organisation that gathered the information (*primary*) or a report citing one
(*secondary*, with the primary it cites).

**Privacy.** Records marked sensitive never appear on public pages or in downloads and exports. Names of
private people appear only where a named outlet already published them. No hideouts or safe houses are mapped.

The full method and the data dictionary are in `data/README.md` in the repository.
""")
)

st.subheader(_("Data version, licence and how to cite"))
st.text(v.credit_line(chrome.lang()))
st.text(_("Full content hash (sha256): {sha}", sha=v.sha256))
st.text(
    _("Licence: {title} ({code})", title=v.licence_title or v.licence, code=v.licence)
    + (f" — {v.licence_url}" if v.licence_url else "")
)
st.markdown("**" + _("How to cite") + "**")
st.text(v.citation(_(chrome.APP_TITLE), lang=chrome.lang()))
st.markdown("**" + _("Report a correction") + "**")
st.text(
    _(
        "Found an error or a report we are missing? Tell the editors which event or site it concerns (its id is in "
        "the downloads and the events table), what is wrong, and the published source that shows it. Corrections "
        "are checked against the source, recorded as claims with their source, and released as a new data version; "
        "superseded figures are kept, never silently overwritten."
    )
)

st.subheader(_("Sources ({n})", n=len(ds.sources)))
chrome.source_table(ds, list(ds.sources.index))
chrome.footer()
