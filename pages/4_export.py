"""Export: the current selection as a publishable map (PNG, SVG, PDF) or a self-contained HTML map.

Thin: filters come from the shared sidebar; rendering lives in geo.export. Renders are cached on the
data's content hash, the filters and the options, so moving between pages does not redraw.
"""

from __future__ import annotations

import functools

import streamlit as st

from geo import evidence, query
from geo.errors import GeoError
from geo.export import LANGS, ExportOptions, alt_text, render
from geo.export.labelreport import label_notes
from geo.export.options import filters_from_key, filters_key
from geo.export.presets import PRESETS
from geo.export.static import RenderInfo
from geo.fingerprint import fingerprint
from geo.paths import data_dir
from geo.i18n import N_
from pages.shared import chrome

LANG_NAMES = {"en": "English", "ko": "한국어 (Korean)", "en+ko": "English + 한국어"}  # each in its own language
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "html": "text/html"}

_ = chrome.page(N_("Export"))
ds = chrome.dataset()
f = chrome.filters(ds)


@st.cache_data(max_entries=48, show_spinner=False)
def _render_with_info(content_hash: str, fkey: tuple, okey: tuple, fmt: str, _ds) -> tuple[bytes, RenderInfo]:
    """One export and what its layout decided (labels dropped or left out), cached on (data fingerprint,
    filters, options, format); the dataset itself is not hashed."""
    preset, lang, title = okey
    info = RenderInfo()
    data = render(_ds, filters_from_key(fkey), ExportOptions(preset=preset, lang=lang, title=title), fmt, info=info)
    return data, info


def _render(content_hash: str, fkey: tuple, okey: tuple, fmt: str, _ds) -> bytes:
    return _render_with_info(content_hash, fkey, okey, fmt, _ds)[0]


st.title(_("Export a map"))
st.write(
    _(
        "A map of the current selection (the filters in the sidebar) to publish: an image or PDF for print and "
        "social media, or one HTML file with the interactive map that opens without internet. Records marked "
        "sensitive are never included. Dashed symbols are approximate locations."
    )
)
c1, c2, c3 = st.columns([1.2, 1, 1.6])
preset = c1.selectbox(_("Size"), list(PRESETS), format_func=lambda k: _(PRESETS[k].label), key="x_preset")
if "x_lang" not in st.session_state:  # the export's labels follow the interface language until chosen
    st.session_state["x_lang"] = chrome.lang()
lang = c2.radio(_("Labels"), LANGS, format_func=LANG_NAMES.get, key="x_lang")
title = (
    c3.text_input(_("Title (optional)"), key="x_title", max_chars=160, placeholder=_(chrome.APP_TITLE)).strip() or None
)

okey = (preset, lang, title)
fkey = filters_key(f)
content_hash = fingerprint(data_dir())
stem = f"repatriations-{preset}-{lang.replace('+', '-')}"
files: dict[str, object] = {}
with st.status(_("Rendering the map…"), expanded=False) as status:
    try:
        status.update(label=_("Rendering {fmt}…", fmt="PNG"))
        files["png"], png_info = _render_with_info(content_hash, fkey, okey, "png", ds)
        status.update(label=_("Rendering {fmt}…", fmt="HTML"))
        files["html"] = _render(content_hash, fkey, okey, "html", ds)
    except GeoError as exc:  # e.g. the Korean font is not installed: say so, no traceback
        status.update(label=_("The map could not be rendered"), state="error")
        st.error(str(exc))
        st.stop()
    status.update(label=_("Map ready (SVG and PDF are drawn when you download them)"), state="complete")
for fmt in ("svg", "pdf"):  # print formats take longer (the PDF embeds its fonts): made on click, then cached
    files[fmt] = functools.partial(_render, content_hash, fkey, okey, fmt, ds)


def size(data) -> str:
    if callable(data):
        return _("made on click")
    n = len(data)
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.0f} KB"


width, height = PRESETS[preset].pixels
# the preview's text alternative (WCAG 1.1.1), in the reader's language: the generated description of the selection
events = query.filter_events(ds, f)
shown_sites = int(ds.sites["layer"].isin(f.layers).sum())
preview_alt = evidence.selection_description(
    ds, events, query.summarize(events).by_kind, f.date_from, f.date_to, shown_sites, chrome.lang(), where="image"
)
st.image(
    files["png"],
    caption=_("Preview: {size} ({width}×{height} px)", size=_(PRESETS[preset].label), width=width, height=height),
    width="stretch",
    alt=preview_alt,
)
for note in label_notes(png_info, ds, ExportOptions().size_kind, chrome.lang()):  # as the command line reports them
    chrome.data_caption(note)  # site names are data text: shown as text
cols = st.columns(4)
for col, fmt in zip(cols, ("png", "svg", "pdf", "html")):
    col.download_button(
        _("Download {fmt} ({size})", fmt=fmt.upper(), size=size(files[fmt])),
        files[fmt],
        f"{stem}.{fmt}",
        MIME[fmt],
        key=f"dl_{fmt}",
        width="stretch",
        on_click="ignore",
    )
with st.expander(_("Alt text for this image (also stored in the PNG, SVG and PDF files)")):
    st.caption(
        _(
            "Paste it as the image's alternative text where you publish it, so people who cannot see the map "
            "can read what it shows."
        )
    )
    st.code(alt_text(ds, f, ExportOptions(preset=preset, lang=lang, title=title)), language=None, wrap_lines=True)
st.caption(
    _(
        "PNG/SVG/PDF: the sources cited by the events shown are listed at the bottom of the map; the basemap is "
        "Natural Earth (public domain). HTML: the same interactive map as this app, in one file."
    )
)
chrome.footer()
