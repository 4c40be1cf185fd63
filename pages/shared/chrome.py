"""Everything every page repeats: page setup, the cached dataset, the sidebar filters and their
round trip through the URL's query parameters (geo.filterparams spells them). Pages stay thin: widgets and calls into geo/."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import replace
from datetime import date

import streamlit as st

from geo import dataset as dataset_mod
from geo.filterparams import PARAMS, from_params, to_params
from geo.fingerprint import fingerprint
from geo.paths import LAYERS, data_dir, layer_title
from geo import claims as rules
from geo import display, evidence
from geo.query import CONFIDENCE_LEVELS, Filters, date_bounds, kinds_at, public_view, site_totals, touches_site
from geo import i18n
from geo.i18n import N_
from geo.safe_html import text as escape_text
from geo import schemas
from geo.schemas import enum
from pages.shared import datefilter

APP_TITLE = N_("Forced repatriations of North Koreans from China")
KINDS = tuple(enum("events", "kind"))
URL_VALUES = {"kind": KINDS, "confidence": CONFIDENCE_LEVELS, "layers": LAYERS}  # geo.filterparams: all = no parameter


def _leave_folder_navigation() -> None:
    """Leave Streamlit's old-style multipage mode on the first run of a process. Private API, because
    no public one does this (Streamlit 1.67, checked in its source):

    - streamlit/runtime/pages_manager.py: the first PagesManager of the process sets the class flag
      `uses_pages_directory` to whether a pages/ folder sits beside the entry script. The project's
      layout fixes pages/ beside app.py, so it is True.
    - runtime/scriptrunner/script_runner.py: while it is True a run goes through `_mpa_v1`, which runs
      the requested page file on its own (a file-name sidebar, no app.py) for a deep link.
    - commands/navigation.py: st.navigation() sets it False, but only when app.py runs, which that
      first deep-link run skips. No config option or public call sets it.

    So a page that finds it still set clears it and reruns through app.py's navigation. Guarded: if
    the attribute moves, the only effect is the old sidebar on that first request.
    tests/e2e/test_interactions.py::test_deep_link_to_a_fresh_server keeps this honest."""
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:
        return
    if getattr(PagesManager, "uses_pages_directory", None):
        PagesManager.uses_pages_directory = False
        st.rerun()


def _accept_language() -> str | None:
    try:
        return st.context.headers.get("Accept-Language")
    except Exception:  # no request (a bare script run): the default language
        return None


def lang() -> str:
    """The interface language: ?lang= in the URL, else the reader's earlier choice in this session,
    else the browser's Accept-Language (a first visit), else English. Remembered for the session."""
    param, remembered = st.query_params.get("lang"), st.session_state.get("lang")
    if param in i18n.LANGS or remembered in i18n.LANGS:  # the headers only when they decide (a first visit)
        chosen = i18n.choose(param, remembered)
    else:
        chosen = i18n.choose(param, remembered, _accept_language())
    if chosen != remembered:
        st.session_state["lang"] = chosen
    return chosen


def tr() -> i18n.Translator:
    """The current language's translation function: `_ = chrome.tr()`, then `_("Events")`."""
    return i18n.translate(lang())


def _switch_lang() -> None:
    chosen = st.session_state.get("ui_lang")
    if chosen in i18n.LANGS:
        st.session_state["lang"] = chosen
        st.query_params["lang"] = chosen


def language_switch(current: str) -> None:
    """The language switch at the top of every page's sidebar; the URL keeps the choice (?lang=)."""
    st.session_state["ui_lang"] = current
    st.sidebar.radio(
        "Language · 언어",
        i18n.LANGS,
        key="ui_lang",
        horizontal=True,
        format_func=i18n.LANG_NAMES.get,
        on_change=_switch_lang,
    )
    if st.query_params.get("lang") != current:
        st.query_params["lang"] = current
    # WCAG 2.2 AA contrast: Streamlit fades captions (opacity 0.6: about 3:1 on white); these are 8:1
    st.html(
        "<style>[data-testid='stCaptionContainer'], [data-testid='stCaptionContainer'] *, "
        "[data-testid='stImageCaption'], .data-text {color: #4a4a55 !important} "
        "[data-testid='stCaptionContainer'] {opacity: 1 !important} "
        # Korean wraps between words, not inside one (a title no longer breaks as 강제/북송)
        ":lang(ko) h1, :lang(ko) h2, :lang(ko) h3 {word-break: keep-all} "
        # WCAG 2.5.8 target size: a typed date's year, month and day parts are each at least 24 px
        "[data-testid='stDateInput'] [role='spinbutton'] {display: inline-block; min-width: 24px; "
        "min-height: 24px; line-height: 24px; text-align: center}</style>"
    )
    # the document's language, for screen readers and hyphenation (WCAG 3.1.1); `current` is one of i18n.LANGS
    st.html(f"<script>document.documentElement.lang = {json.dumps(current)};</script>", unsafe_allow_javascript=True)


def page(title: str) -> i18n.Translator:
    """Set up a page: its title in the reader's language, the language switch; returns the page's `_`."""
    _leave_folder_navigation()
    current = lang()
    _ = i18n.translate(current)
    st.set_page_config(page_title=f"{_(title)} · {_(APP_TITLE)}", layout="wide")
    language_switch(current)
    return _


@st.cache_resource(show_spinner="Loading data…", max_entries=4)
def _load(root: str, content_hash: str):
    """Cached on the data's content hash: an edit to any file loads fresh data."""
    return dataset_mod.check(root)


def full_report():
    """The cached validation report of the current data directory, sensitive records included:
    for the Editor page only (it sits behind the login)."""
    root = data_dir()
    return _load(str(root), fingerprint(root))


@st.cache_resource(show_spinner=False, max_entries=4)
def _public(root: str, content_hash: str):
    """The public view of a valid dataset, cached on the same key as the data itself."""
    return public_view(_load(root, content_hash).dataset)


def _report_and_public(root: str, content_hash: str):
    report = _load(root, content_hash)
    return report, _public(root, content_hash) if report.dataset is not None else None


def _cached_data():
    """The data directory, its cached validation report and (when valid) its cached public view."""
    root, content_hash = data_key()
    report, public = _data(root, content_hash)
    return root, report, public


class _Shared:
    """A process-wide cache for what every session computes the same way, keyed on plain hashable values
    (the data's content hash, the filters, the language): a dict lookup per call, where st.cache_resource
    hashes every argument and binds the signature on each call (a few ms per call, many calls per rerun
    across 50 sessions). Bounded (least recently used goes first); a key is computed once even when many
    sessions ask for it at the same moment: the first computes, the others wait for its value."""

    def __init__(self, compute, size: int):
        self._compute, self._size = compute, size
        self._values: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._pending: dict = {}

    def __call__(self, *key):
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:
            with self._lock:
                if key in self._values:
                    return self._values[key]
            value = self._compute(*key)
            with self._lock:
                self._values[key] = value
                self._pending.pop(key, None)
                while len(self._values) > self._size:
                    self._values.popitem(last=False)
            return value

    def __len__(self) -> int:
        return len(self._values)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


_data = _Shared(_report_and_public, 2)  # every page's first call: a dict lookup, not two cache_resource calls


def data_key() -> tuple[str, str]:
    """(data directory, content hash) of the current data: the hash follows the files, so an edit saved
    through any replica shows on the next rerun."""
    root = data_dir()
    return str(root), fingerprint(root)


def _filters_key(f: Filters) -> tuple:
    return (f.date_from, f.date_to, f.kinds, f.confidence, f.layers)


class MapView:
    """Everything the map page shows for one set of filters in one language: the same for every session
    that asks, so it is computed once (per data content hash, filters and language) and shared.
    Read-only: sessions never change it. Folium objects are not shared (st_folium changes the objects it
    is given): each run wraps the shared rows in fresh feature groups (mapbuild.site_group)."""

    def __init__(self, ds, f: Filters, lang: str):
        from geo import mapbuild, query

        self.ds, self.filters, self.lang = ds, f, lang
        kinds = schemas.labels("events", "kind", lang)
        self.events = query.filter_events(ds, f)
        self.summary = query.summarize(self.events)
        self.totals = site_totals(ds, self.events)
        self.routes = query.route_totals(ds, self.events)
        self.metrics = []
        for kind in HEADLINE_KINDS:
            row = self.summary.kind(kind)
            self.metrics.append((kind, metric_value(row), evidence.total_text(ds, self.events, row, lang)))
        self.others = [
            f"{kinds.get(kind, kind)}: {evidence.total_text(ds, self.events, row, lang)}"
            for kind, row in self.summary.by_kind.iterrows()
            if kind not in HEADLINE_KINDS
        ]
        self.route_rows = mapbuild.route_rows(ds, self.routes, events=self.events, lang=lang)
        # the map's text alternative (WCAG 1.1.1): what it shows, the largest figures, the period
        shown_sites = int(ds.sites["layer"].isin(f.layers).sum())
        self.description = evidence.selection_description(
            ds, self.events, self.summary.by_kind, f.date_from, f.date_to, shown_sites, lang
        )
        self._site_rows: dict = {}
        self._lock = threading.Lock()

    def site_rows(self, selected) -> list:
        """The site layer's rows with `selected` marked (a click changes only this, not the view)."""
        from geo import mapbuild

        with self._lock:
            if selected not in self._site_rows:
                if len(self._site_rows) > 64:
                    self._site_rows.clear()
                self._site_rows[selected] = mapbuild.site_rows(
                    self.ds, self.totals, self.filters.layers, selected, self.events, lang=self.lang
                )
            return self._site_rows[selected]


HEADLINE_KINDS = ("repatriation", "arrest", "detention")


def _compute_view(root: str, content_hash: str, key: tuple, lang: str) -> MapView:
    f = Filters(date_from=key[0], date_to=key[1], kinds=key[2], confidence=key[3], layers=key[4])
    return MapView(_public(root, content_hash), f, lang)


_views = _Shared(_compute_view, 64)
# the play-through's windows have caches of their own: a reader playing twelve years by month (144
# windows) would otherwise push every other reader's views out of the shared ones
_play_views = _Shared(_compute_view, 160)


def map_view(f: Filters, lang: str, playing: bool = False) -> MapView:
    """The shared view of the current data for these filters in this language (see MapView); `playing`:
    a play-through window (kept apart from the readers' own selections)."""
    return (_play_views if playing else _views)(*data_key(), _filters_key(f), lang)


def _base_map(ds, lang: str):
    """The map page's base: the first view around the sites near the border, with the 'All N sites' button."""
    from geo import mapbuild, mapux

    base = mapbuild.base_map(bounds=mapux.view_bounds(ds.sites, mapbuild.BORDER_BOUNDS), lang=lang)
    show_all = mapux.all_sites_control(ds.sites, lang)
    if show_all is not None:
        base.add_child(show_all)
    return base


def _compute_base_parts(root: str, content_hash: str, lang: str) -> dict:
    """The part of the map the filters never change (basemap, legend, controls, the default view around
    every site) as st_folium sends it."""
    import streamlit_folium as sf

    base = _base_map(_public(root, content_hash), lang)
    base.get_root().render()
    base.render()
    html, header = sf._get_html(base), sf._get_header(base)
    links = [base]
    css, js = [], []
    while links:
        el = links.pop(0)
        css += [u for _, u in getattr(el, "default_css", [])]
        js += [u for _, u in getattr(el, "default_js", [])]
        links.extend(getattr(el, "_children", {}).values())
    (s, w), (n, e) = base.get_bounds()
    return {
        "script": sf._get_map_string(base),
        "header": header,
        "html": html,
        "id": sf.get_full_id(base),
        "css_links": list(dict.fromkeys(css)),
        "js_links": list(dict.fromkeys(js)),
        "zoom": base.options.get("zoom"),
        "bounds": {"_southWest": {"lat": s, "lng": w}, "_northEast": {"lat": n, "lng": e}},
    }


_base_parts = _Shared(_compute_base_parts, 8)


def _layer_groups(view, selected, play_date: str) -> list:
    """A view's route and site layers; the site layer carries the play-through's date (mapux.PlayDate:
    '' hides it), so a play step, like any filter change, swaps layers and never the map."""
    from geo import mapbuild, mapux

    sites = mapbuild.site_group(view.site_rows(selected))
    sites.add_child(mapux.PlayDate(play_date))
    return [mapbuild.route_group(*view.route_rows), sites]


def _compute_layer_script(root: str, content_hash: str, key: tuple, lang: str, selected, play_date: str = "") -> str:
    """A view's route and site layers as the script st_folium sends (the map's own id replaced by
    'map_div', so it fits any base)."""
    import folium
    import streamlit_folium as sf

    view = (_play_views if play_date else _views)(root, content_hash, key, lang)
    holder = folium.Map(tiles=None)
    groups = _layer_groups(view, selected, play_date)
    return "".join(sf._get_feature_group_string(g, map=holder, idx=i) for i, g in enumerate(groups))


_layer_scripts = _Shared(_compute_layer_script, 128)
_play_layer_scripts = _Shared(_compute_layer_script, 160)  # (see _play_views)


def shared_map(
    f: Filters, selected, lang: str, key: str, height: int, returned_objects: list[str], play_date: str = ""
) -> dict:
    """The map as st_folium would draw it, but from parts built once and shared by every session: the
    base once per data content hash and language, the layers once per view, selected site and the
    play-through's date on the map (play_date; '' while not playing). Uses
    streamlit_folium's own helpers and component (version pinned in constraints.txt); if they move, it
    falls back to st_folium itself."""
    import streamlit_folium as sf

    root, content_hash = data_key()
    selected = selected or None
    if not all(
        hasattr(sf, n) for n in ("_component_func", "_get_feature_group_string", "generate_js_hash", "_get_map_string")
    ):
        view = map_view(f, lang, playing=bool(play_date))
        return (
            sf.st_folium(
                _base_map(_public(root, content_hash), lang),
                key=key,
                height=height,
                use_container_width=True,
                returned_objects=returned_objects,
                feature_group_to_add=_layer_groups(view, selected, play_date),
            )
            or {}
        )
    base = _base_parts(root, content_hash, lang)
    layers = (_play_layer_scripts if play_date else _layer_scripts)(
        root, content_hash, _filters_key(f), lang, selected, play_date
    )
    hash_key = sf.generate_js_hash(base["script"], key, False)
    defaults = {
        k: v
        for k, v in {
            "last_object_clicked_tooltip": None,
            "last_object_clicked_count": None,
            "bounds": base["bounds"],
            "zoom": base["zoom"],
        }.items()
        if k in returned_objects
    }

    def _on_change():
        st.session_state[key] = st.session_state.get(hash_key, {})

    return (
        sf._component_func(
            script=base["script"],
            header=base["header"],
            html=base["html"],
            id=base["id"],
            key=hash_key,
            height=height,
            width=None,
            returned_objects=returned_objects,
            default=defaults,
            zoom=None,
            center=None,
            feature_group=layers,
            return_on_hover=False,
            layer_control=None,
            pixelated=False,
            css_links=base["css_links"],
            js_links=base["js_links"],
            on_change=_on_change,
            wrap_longitude=False,
        )
        or {}
    )


def dataset():
    """The public view of the validated data, or a page listing every problem and nothing else."""
    root, report, public = _cached_data()
    if public is None:
        _ = tr()
        st.error(
            _(
                "The data in `{root}` has {n} problem(s); the map is not shown until they are fixed.",
                root=root,
                n=i18n.number(len(report.errors), lang()),
            )
        )
        st.code("\n".join(str(p) for p in report.problems[:200]), language=None)
        st.stop()
    return public


def _restore_from_url(ds) -> None:
    """On a session's first run, the URL decides the filters (a shared link restores the view)."""
    if st.session_state.get("_restored"):
        return
    lo, hi = _date_bounds(ds)
    st.session_state["_restored"] = True
    f = from_params(st.query_params.to_dict(), allowed=URL_VALUES, bounds=(lo, hi), sites=ds.sites.index)
    st.session_state["f_dates"] = (f.date_from or lo, f.date_to or hi)
    for key, allowed, chosen in (
        ("f_kinds", KINDS, f.kinds),
        ("f_conf", CONFIDENCE_LEVELS, f.confidence),
        ("f_layers", LAYERS, f.layers),
    ):
        st.session_state[key] = [v for v in allowed if chosen is None or v in chosen]
    st.session_state["site"] = f.site


_bounds: dict = {}


def _date_bounds(ds) -> tuple[date, date]:
    """date_bounds of the shared dataset, worked out once per dataset (three calls a rerun otherwise)."""
    hit = _bounds.get(id(ds))
    if hit is None or hit[0] is not ds:
        if len(_bounds) > 8:
            _bounds.clear()
        hit = _bounds[id(ds)] = (ds, date_bounds(ds))
    return hit[1]


def _date_pair(value) -> tuple[date, date]:
    """The slider's (start, end); a single date (a one-day range) counts as both."""
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return value[0], value[1]
    return value, value


def _write_url(ds, f: Filters) -> None:
    wanted = to_params(f, allowed=URL_VALUES, bounds=_date_bounds(ds))
    for key in PARAMS:
        value = wanted.get(key)
        if value is not None:
            if st.query_params.get(key) != value:
                st.query_params[key] = value
        elif key in st.query_params:
            del st.query_params[key]


def warm_up() -> None:
    """Load the data into the cache before any visitor asks (called once at server start-up by
    serve.py), along with the heavy modules the map page imports. Not streamlit_folium: a component
    registers itself only when first imported inside a script run."""
    from geo import downloads, mapbuild  # noqa: F401

    _cached_data()


FILTER_KEYS = ("f_dates", "f_kinds", "f_conf", "f_layers")


def _carry_over() -> None:
    """Streamlit drops a widget's state when the page that drew it is left; keep the filters in
    plain session keys so they follow the reader from page to page."""
    for key in FILTER_KEYS:
        if key not in st.session_state and f"_keep{key}" in st.session_state:
            st.session_state[key] = st.session_state[f"_keep{key}"]


def labels(name: str, field: str) -> dict[str, str]:
    """An enum's labels in the reader's language (from the schema's x-labels)."""
    return schemas.labels(name, field, lang())


def filters_heading() -> None:
    """The sidebar's 'Filters' heading (drawn by filters(), or by a page that draws it outside a fragment)."""
    _ = tr()
    st.sidebar.header(_("Filters"))


def filters_note() -> None:
    """The line under the filters: the URL keeps them."""
    _ = tr()
    st.sidebar.caption(_("The URL keeps these settings: copy it to share this view."))


def filters(ds, framed: bool = True) -> Filters:
    """The sidebar filters, restored from and written back to the URL. framed=False leaves out the
    heading and the note under them, for a page that draws those once outside its fragment (the map
    page: a filter change then redraws only the widgets)."""
    _restore_from_url(ds)
    _carry_over()
    lo, hi = _date_bounds(ds)
    code = lang()  # once: the widgets' labels ask for it per option
    _ = i18n.translate(code)
    kind_labels, conf_labels = schemas.labels("events", "kind", code), schemas.labels("events", "confidence", code)
    layer_titles = {k: layer_title(k, code) for k in LAYERS}
    if framed:
        filters_heading()
    with st.sidebar:
        if lo < hi:
            datefilter.date_controls(lo, hi, _, code)
        else:
            st.session_state["f_dates"] = (lo, hi)
            st.caption(_("Dates: {day} (every event is on this day)", day=i18n.date_text(lo, code)))
        st.pills(_("Event kinds"), KINDS, key="f_kinds", selection_mode="multi", format_func=kind_labels.get)
        st.pills(_("Confidence"), CONFIDENCE_LEVELS, key="f_conf", selection_mode="multi", format_func=conf_labels.get)
        st.pills(_("Layers"), LAYERS, key="f_layers", selection_mode="multi", format_func=layer_titles.get)
    if framed:
        filters_note()
    for key in FILTER_KEYS:
        st.session_state[f"_keep{key}"] = st.session_state[key]
    start, end = _date_pair(st.session_state["f_dates"])
    f = Filters(
        date_from=start,
        date_to=end,
        kinds=frozenset(st.session_state["f_kinds"]),
        confidence=frozenset(st.session_state["f_conf"]),
        layers=frozenset(st.session_state["f_layers"]),
    )
    _write_url(ds, replace(f, site=st.session_state.get("site")))
    return f


def select_site(site_id: str | None) -> None:
    st.session_state["site"] = site_id
    if site_id:
        st.query_params["site"] = site_id
    elif "site" in st.query_params:
        del st.query_params["site"]


def metric_value(row) -> str:
    """A kind's figure short enough for a metric tile: the computed figure's numbers with its meaning in
    symbols ('≥ ~3,491': at least about); the tile's help gives it in words, with who states it."""
    if int(row["events"]) == 0:
        return "–"
    return rules.sum_text(row, lang(), labelled=False, short=True)


def data_heading(value: str) -> None:
    """A heading made of data text: escaped HTML, never Markdown (no link, image or autolink can come out of it)."""
    st.html(f'<h3 class="data-text" style="margin:0.5rem 0 0.25rem 0">{escape_text(value)}</h3>')


def data_caption(value: str) -> None:
    """A caption made of data text, shown as text (see data_heading)."""
    st.html(
        f'<p class="data-text" style="font-size:0.875rem;color:rgba(49,51,63,0.6);margin:0">{escape_text(value)}</p>'
    )


def footer() -> None:
    _ = tr()
    st.divider()
    st.caption(
        _(
            "Every figure is shown as its sources state it, with who said it; where sources disagree both "
            "figures are shown; sums are labelled as computed and never add different kinds of event; dashed "
            "markers and circles are approximate locations. See *About & sources*."
        )
    )


def source_table(ds, source_ids) -> None:
    """Sources as a table with safe links (only http/https addresses become links)."""
    _ = tr()
    frame, link, archived = display.sources_view(ds, source_ids, lang())
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            link: st.column_config.LinkColumn(link, display_text=_("open")),
            archived: st.column_config.LinkColumn(archived, display_text=_("open")),
        },
    )


def site_panel(ds, site_id: str, events) -> None:
    """A site's names, location quality, its events in the selection and their sources."""

    _ = tr()
    code = lang()
    site = ds.sites.loc[site_id]
    first, second = ("name_ko", "name_en") if code == "ko" else ("name_en", "name_ko")
    data_heading(f"{site[first]} · {site[second]}")
    zh = f" · {site['name_zh']}" if site["name_zh"] else ""
    approx = (
        ""
        if site["precision"] == "facility"
        else _(", within about {m} m", m=i18n.number(int(site["uncertainty_m"]), code))
    )
    st.text(
        f"{labels('site', 'kind')[site['kind']]}{zh}\n"
        + _("Location: {where}", where=labels("site", "precision")[site["precision"]] + approx)
    )
    note = site_note(site, code)
    if note:
        st.text(note)
    through = events[touches_site(events, site_id)]
    st.markdown("**" + _("{n} event(s) through this site in the selection", n=i18n.number(len(through), code)) + "**")
    totals = site_totals(ds, through)
    kind_labels = labels("events", "kind")
    for kind, row in kinds_at(totals, site_id).iterrows():
        st.text(f"{kind_labels.get(kind, kind)}: {evidence.total_text(ds, through, row, code)}")
    if len(through):
        event_claims(ds, through.iloc[::-1])
    st.markdown("**" + _("Sources for the site itself") + "**")
    source_table(ds, list(site["sources"]))
    if st.button(_("Clear selected site")):
        select_site(None)
        st.rerun()


def event_claims(ds, events) -> None:
    """Each event with its figure and, beneath it, every claim with its own source: who said what."""
    _ = tr()
    code = lang()
    grouped = evidence.claims_by_event(ds, events.index)
    texts = evidence.figure_texts(ds, events, code, grouped=grouped)
    kind_labels, conf_labels = labels("events", "kind"), labels("events", "confidence")
    for eid, ev in zip(events.index, events.itertuples(index=False)):
        st.text(
            f"{display.event_date(ev.date, ev.date_precision, code)} · {kind_labels.get(ev.kind, ev.kind)} · "
            f"{texts[eid]} · {conf_labels.get(ev.confidence, ev.confidence)}\n{event_summary(ev, code)}"
        )
        frame, link = display.claims_view(ds, grouped.get(eid, ds.claims.iloc[:0]), code)
        st.dataframe(
            frame,
            hide_index=True,
            width="stretch",
            column_config={link: st.column_config.LinkColumn(link, display_text=_("open"))},
        )


def event_summary(ev, code: str) -> str:
    """An event's summary in the reader's language, marked where it is an unreviewed translation or
    where the Korean is missing and the English is shown instead (geo.evidence.summary_text)."""
    return evidence.summary_text(ev, code)


def site_note(site, code: str) -> str:
    """A site's note in the reader's language (geo.evidence.note_text), '' when it has none."""
    return evidence.note_text(site, code)


TABLE_PAGE_ROWS = 500


def events_table(ds, events) -> None:
    """The filtered events, a page at a time: only the rows shown are joined and sent to the browser."""
    _ = tr()
    code = lang()
    pages = max(1, -(-len(events) // TABLE_PAGE_ROWS))
    page_no = 1
    if pages > 1:
        page_no = int(
            st.number_input(
                _("Page (of {pages}; {rows} events each)", pages=i18n.number(pages, code), rows=TABLE_PAGE_ROWS),
                1,
                pages,
                1,
                key="table_page",
            )
        )
    start = (page_no - 1) * TABLE_PAGE_ROWS
    shown = events.iloc[start : start + TABLE_PAGE_ROWS]
    st.dataframe(display.events_view(ds, shown, code), hide_index=True, width="stretch", height=320)
    if pages > 1:
        st.caption(
            _(
                "Events {first}–{last} of {total}. The downloads hold all of them.",
                first=i18n.number(start + 1, code),
                last=i18n.number(start + len(shown), code),
                total=i18n.number(len(events), code),
            )
        )
