"""Editor: upload, edit, add and restore data files, behind a login. Every change is validated,
shown as a diff, and saved atomically with the previous version kept (geo/editing/).

Public pages need no login and never show sensitive records; this page shows everything, including
the sensitive flag, but only to editors listed (as bcrypt hashes) in st.secrets["editors"].
"""

from __future__ import annotations

import json

import streamlit as st
from streamlit_folium import st_folium

from geo.editing import add_site, auth, canonical, chinese_offsets, crs, diff, preview, records
from geo.editing import login as login_mod
from geo.editing.parts import PARTS, relative_name, title
from geo.editing.store import Conflict, Store, short
from geo.editing.upload import check_text, check_upload, detect_part, limit_for
from geo.errors import DataFileError, GeoError, InvalidData
from geo.paths import LAYERS, data_dir, layer_title
from geo import schemas
from geo.schemas import enum, site_enum
from geo import i18n
from geo.i18n import N_
from pages.shared import chrome


def labels() -> dict:
    """Each data file's title in the reader's language and its file name, for the file choosers (a table, not a
    function of the language at call time: a widget's options are formatted again outside the page's run)."""
    code = chrome.lang()
    return {part: f"{title(part, code)} ({relative_name(part)})" for part in PARTS}


# ---------------------------------------------------------------- login


def _go(url: str) -> None:
    """Send the browser to one of the server's own /_geo/ addresses (it sets or clears the session cookie)."""
    st.html(f"<script>window.location.replace({json.dumps(url)});</script>", unsafe_allow_javascript=True)
    st.link_button(_("Continue"), url)  # if the browser did not follow by itself


def _client() -> str | None:
    """The browser's address as the server saw it (None when there is no browser, as in AppTest)."""
    try:
        address = st.context.ip_address
    except Exception:
        return None
    return address if isinstance(address, str) else None


def _cookie_token() -> str | None:
    try:
        return st.context.cookies.get(login_mod.COOKIE)
    except Exception:  # no browser context (AppTest)
        return None


def login(editors: dict, logins: login_mod.LoginStore) -> str | None:
    """The signed-in editor, or None after showing the sign-in form.

    A session is a server-side record (geo/editing/login.py) whose signed token the browser keeps in an
    HttpOnly cookie, so a reload keeps the editor signed in; failed attempts are throttled per user name
    and per client address on the server, across sessions and restarts.
    """
    for token in (st.session_state.get("editor_token"), _cookie_token()):
        user = logins.session_user(token) if token else None
        if user in editors:
            st.session_state["editor_token"] = token
            return user
    st.session_state.pop("editor_token", None)
    st.info(_("Editing is for the project's editors. Sign in with the user name and password you were given."))
    with st.form("login"):
        name = st.text_input(_("User name"), key="login_user")
        password = st.text_input(_("Password"), type="password")
        submitted = st.form_submit_button(_("Sign in"))
    if submitted:
        outcome = logins.sign_in(editors, name, password, _client())
        if outcome.ok:
            st.session_state["editor_token"] = outcome.token
            st.session_state["flash"] = _.msg(outcome.message)
            _go(f"/_geo/session?ticket={logins.ticket(outcome.token)}")  # the cookie, then back here
            st.stop()
        st.error(_.msg(outcome.message))
    return None


# ---------------------------------------------------------------- review and save (shared by every flow)


def show_problems(problems) -> None:
    errors = sum(p.is_error for p in problems)
    if not problems:
        st.success(_("No problems found."))
        return
    code = chrome.lang()
    (st.error if errors else st.warning)(
        _(
            "{errors} error(s) and {warnings} warning(s). Nothing can be saved while there are errors.",
            errors=i18n.number(errors, code),
            warnings=i18n.number(len(problems) - errors, code),
        )
        if errors
        else _("{warnings} warning(s); you can save, but read them first.", warnings=i18n.number(len(problems), code))
    )
    # the messages in the reader's language; file names, ids and values in them exactly as in the data (text cells)
    st.dataframe(
        [
            {"severity": _.severity(p.severity), "file": p.path, "where": _.msg(p.place), "problem": _.msg(p.message)}
            for p in problems
        ],
        hide_index=True,
        width="stretch",
        column_config={
            "severity": st.column_config.Column(_("Severity")),
            "file": st.column_config.Column(_("File")),
            "where": st.column_config.Column(_("Where")),
            "problem": st.column_config.Column(_("Problem")),
        },
    )


CHANGE_WORDS = {diff.ADDED: N_("added"), diff.CHANGED: N_("changed"), diff.REMOVED: N_("removed")}


def show_changes(part: str, old_text, new_text, flow: str) -> list:
    changes = diff.diff(part, old_text, new_text)
    n = diff.counts(changes)
    code = chrome.lang()
    st.markdown(
        _(
            "**Changes to {file}** (against the current version): {added} added, {changed} changed, {removed} removed",
            file=relative_name(part),
            added=i18n.number(n["added"], code),
            changed=i18n.number(n["changed"], code),
            removed=i18n.number(n["removed"], code),
        )
    )
    if changes:
        rows = [{**row, "change": _(CHANGE_WORDS.get(row["change"], row["change"]))} for row in diff.as_rows(changes)]
        st.dataframe(
            rows,
            hide_index=True,
            width="stretch",
            column_config={
                "change": st.column_config.Column(_("Change")),
                "id": st.column_config.Column(_("Id")),
                "field": st.column_config.Column(_("Field")),
                "old": st.column_config.Column(_("Before")),
                "new": st.column_config.Column(_("After")),
            },
        )
    points = diff.site_points(part, old_text, new_text)
    if points:
        st_folium(
            preview.review_map(points, lang=chrome.lang()),
            key=f"{flow}_map",
            height=340,
            use_container_width=True,
            returned_objects=[],
        )
    long_texts = diff.long_text_changes(changes)
    if long_texts:
        with st.expander(_("Full text of {n} changed long field(s)", n=i18n.number(len(long_texts), code))):
            for change in long_texts:
                st.text(f"{change.id} · {change.field}")  # ids come from data: text, never Markdown
                before, after = st.columns(2)
                before.caption(_("Before"))
                before.text(change.old or "")
                after.caption(_("After"))
                after.text(change.new or "")
    return changes


def show_conflict(conflict: Conflict, part: str) -> None:
    st.error(_.msg(conflict.message))
    left, right = st.columns(2)
    lang = "json" if part in LAYERS else None
    left.markdown(_("**Now on disk** (version {version})", version=short(conflict.current_sha)))
    if conflict.current_text is None:
        left.info(_("The file was deleted."))
    else:
        left.code(conflict.current_text, language=lang, height=360)
    right.markdown(_("**Your version** (not saved)"))
    right.code(conflict.candidate_text, language=lang, height=360)
    with st.expander(_("Line-by-line differences (on disk → yours)")):
        lines = diff.text_diff(conflict.current_text, conflict.candidate_text, _("on disk"), _("yours"))
        if lines:
            st.code(lines, language="diff")
        else:
            st.caption(_("The texts are the same."))


def save(
    flow: str,
    part: str,
    text: str,
    base_sha: str,
    user: str,
    store: Store,
    restore: str | None = None,
    note: str | None = None,
) -> None:
    root = store.root

    def validate(candidate: str):
        return check_text(root, part, candidate, bounded=True).problems

    try:
        if restore:
            result = store.restore(part, restore, base_sha, user=user, validate=validate, note=note)
        else:
            result = store.save(part, text, base_sha, user=user, validate=validate, note=note)
    except Conflict as conflict:
        st.session_state[f"{flow}_conflict"] = conflict
        st.rerun()  # shown by review() in place of the diff and the Save button
    except InvalidData as exc:
        st.error(_("Not saved: the data directory changed and this version is no longer valid against it."))
        show_problems(exc.problems)
        return
    except GeoError as exc:
        st.error(_("Not saved:"))
        st.text(_.msg(exc.args[0]) if exc.args else str(exc))  # may quote data: shown as text, never Markdown
        return
    if not result.changed:
        flash = _("{file} already had exactly this content; nothing was written.", file=relative_name(part))
    elif result.previous:
        flash = _(
            "Saved {file} (version {version}); the previous version is kept in history as {kept}.",
            file=relative_name(part),
            version=short(result.sha),
            kept=result.previous.name,
        )
    else:
        flash = _("Saved {file} (version {version}).", file=relative_name(part), version=short(result.sha))
    st.session_state["flash"] = flash
    for key in (f"{flow}_state", f"{flow}_conflict", "table_snap"):
        st.session_state.pop(key, None)
    st.rerun()  # the public pages' cache is keyed on the files' content hash, so they show the new data


def review(flow: str, state: dict, user: str, store: Store, button: str = N_("Save")) -> None:
    """Problems, diff, map and the Save button for a candidate in `state`."""
    cand = state["candidate"]
    show_problems(cand.problems)
    conflict = st.session_state.get(f"{flow}_conflict")
    if conflict is not None:
        show_conflict(conflict, cand.part)
        if st.button(_("Start again from the version now on disk"), key=f"{flow}_restart"):
            st.session_state.pop(f"{flow}_conflict", None)
            st.session_state.pop(f"{flow}_state", None)
            st.session_state.pop("table_snap", None)
            st.rerun()
        return
    if cand.text is None:
        st.error(_("Nothing can be saved from this file; fix the problems above and upload it again."))
        return
    changes = show_changes(cand.part, state["base_text"], cand.text, flow)
    same = cand.text == state["base_text"]
    if same:
        st.info(_("This is exactly the current file; there is nothing to save."))
    elif not changes:
        st.caption(_("No record changes: saving only rewrites the file in the canonical layout."))
    note = st.text_input(
        _("Describe this change in one line (kept in the history with your name)"),
        key=f"{flow}_note",
        max_chars=200,
        placeholder=_("e.g. Added the Hunchun crossing from the 2023 HRW report"),
    )
    if st.button(_(button), key=f"{flow}_save", type="primary", disabled=not cand.ok or same):
        save(
            flow,
            cand.part,
            cand.text,
            state["base_sha"],
            user,
            store,
            restore=state.get("restore"),
            note=note.strip() or None,
        )


# ---------------------------------------------------------------- (1) upload


def upload_tab(root, store: Store, user: str) -> None:
    upload_mb = int(st.get_option("server.maxUploadSize"))
    st.markdown(
        _(
            "Upload a new version of a site layer (GeoJSON) or of a table (`events.csv`, `claims.csv`, "
            "`sources.csv`, `statistics.csv`). It is checked against the rest of the data and compared with the "
            "current file before anything is saved."
        )
    )
    st.caption(
        _(
            "Size limit: {upload} MB per upload (GeoJSON layers also at most {layer} MiB). UTF-8 only; GeoJSON in "
            "WGS-84 longitude/latitude, or say below which system it uses.",
            upload=upload_mb,
            layer=limit_for(LAYERS[0]) // 2**20,
        )
    )
    up = st.file_uploader(_("GeoJSON layer or CSV table"), type=["geojson", "json", "csv"], key="upload_file")
    if up is None:
        st.session_state.pop("upload_state", None)
        return
    raw = up.getvalue()
    detected = detect_part(up.name, raw)
    if detected is None:
        st.warning(_("Could not tell which layer this file is (no known 'name' member or file name): choose it below."))
    part = st.selectbox(
        _("This file replaces"),
        PARTS,
        index=PARTS.index(detected) if detected else 0,
        format_func=labels().get,
        key="upload_part",
    )
    source = None
    if part in LAYERS:
        choices = list(crs.CHOICES)
        kept = st.session_state.get("upload_crs_choice")  # kept across uploads (the widget's own state is not)
        source = st.selectbox(
            _("Coordinates in the file are"),
            choices,
            format_func={c: _.msg(t) for c, t in crs.CHOICES.items()}.get,
            index=choices.index(kept) if kept in choices else 0,
            key="upload_crs",
            on_change=lambda: st.session_state.update(upload_crs_choice=st.session_state.get("upload_crs")),
            help=_(
                "Files with a 'crs' member are reprojected from that system automatically. Choose "
                "GCJ-02 or BD-09 only for coordinates copied from Chinese web maps."
            ),
        )
    key = (up.file_id, up.name, len(raw), part, source)
    state = st.session_state.get("upload_state")
    if not state or state["key"] != key:
        base_text, base_sha = store.read(part)
        state = {
            "key": key,
            "candidate": check_upload(root, raw, up.name, part, source, bounded=True),
            "base_text": base_text,
            "base_sha": base_sha,
        }
        st.session_state["upload_state"] = state
        st.session_state.pop("upload_conflict", None)
    review("upload", state, user, store)


# ---------------------------------------------------------------- (2) tables


def _column_config(part: str, frame):
    """Widgets per column from the schema: choices for enums, numbers, checkboxes, wide text."""
    cfg = {}
    if part in LAYERS:
        for col in ("kind", "country", "precision"):
            cfg[col] = st.column_config.SelectboxColumn(col, options=site_enum(col))
        for col in ("lon", "lat"):
            if all(v is None or isinstance(v, (int, float)) for v in frame[col]):
                cfg[col] = st.column_config.NumberColumn(
                    col,
                    format="%.6f",
                    step=0.000001,
                    help=_("WGS-84 degrees; empty for a polygon (its outline is kept)"),
                )
        if all(v is None or isinstance(v, int) for v in frame["uncertainty_m"]):
            cfg["uncertainty_m"] = st.column_config.NumberColumn("uncertainty_m", min_value=0, step=1, format="%d")
        cfg["sources"] = st.column_config.TextColumn("sources", help=_("source ids separated by ';'"))
        cfg["notes"] = st.column_config.TextColumn("notes", width="large")
        cfg["sensitive"] = st.column_config.CheckboxColumn("sensitive", help=_("never shown on public pages"))
        return cfg
    for col, kind in records.column_types(part).items():
        if kind == "enum":
            cfg[col] = st.column_config.SelectboxColumn(col, options=enum(part, col))
        elif kind == "integer" and all(isinstance(v, int) for v in frame[col]):
            cfg[col] = st.column_config.NumberColumn(col, min_value=0, step=1, format="%d")
        elif kind == "boolean":
            cfg[col] = st.column_config.CheckboxColumn(
                col, help=_("never shown on public pages") if col == "sensitive" else None
            )
        elif col in ("summary", "title", "notes"):
            cfg[col] = st.column_config.TextColumn(col, width="large")
        elif col == "sources":
            cfg[col] = st.column_config.TextColumn(col, help=_("source ids separated by ';'"))
    return cfg


def tables_tab(root, store: Store, user: str) -> None:
    st.markdown(
        _(
            "Edit rows directly; add a row at the bottom, delete with the row's checkbox. Edits are checked as you "
            "go and saved only when valid. Polygon outlines are kept; change them by uploading a layer."
        )
    )
    part = st.selectbox(_("File"), PARTS, format_func=labels().get, key="table_part", index=PARTS.index("events"))
    snaps = st.session_state.setdefault("table_snap", {})
    if part not in snaps:
        snaps[part] = store.read(part)
    text, sha = snaps[part]
    if text is None:
        st.info(_("{file} does not exist yet: upload it, or add a site on the map.", file=relative_name(part)))
        return
    try:
        if part in LAYERS:
            doc = records.layer_doc(text)
            frame = records.site_frame(doc)
        else:
            frame = records.table_frame(text, part)
    except (DataFileError, canonical.CanonicalError, ValueError) as exc:
        st.error(_("{file} cannot be shown as a table; upload a corrected file instead.", file=relative_name(part)))
        st.text(_.msg(getattr(exc, "message", None) or str(exc)))  # may quote data: text, never Markdown
        return
    edited = st.data_editor(
        frame,
        key=f"editor_{part}_{sha[:12]}",
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config=_column_config(part, frame),
    )
    new_text = records.frame_layer_text(doc, edited) if part in LAYERS else records.frame_text(edited, part)
    if st.button(_("Discard my edits and reload the file"), key="table_reload"):
        snaps.pop(part, None)
        st.session_state.pop("table_state", None)
        st.session_state.pop("table_conflict", None)
        st.rerun()
    if not diff.diff(part, text, new_text):
        st.caption(_("No edits yet."))
        return
    state = st.session_state.get("table_state")
    key = (part, sha, new_text)
    if not state or state["key"] != key:
        state = {
            "key": key,
            "candidate": check_text(root, part, new_text, bounded=True),
            "base_text": text,
            "base_sha": sha,
        }
        st.session_state["table_state"] = state
    review("table", state, user, store)


# ---------------------------------------------------------------- (3) add a site on the map


def add_site_tab(root, store: Store, user: str) -> None:
    st.markdown(_("Click the map to place the site (or type its coordinates), fill in the form, then check and save."))
    out = st_folium(
        preview.pick_map(add_site.placed_sites(store.read), lang=chrome.lang()),
        key="add_pick_map",
        height=420,
        use_container_width=True,
        feature_group_to_add=preview.picked_layer(st.session_state.get("add_picked")),
        returned_objects=["last_clicked"],
    )
    click = preview.clicked_point(out)
    if click and click != st.session_state.get("add_picked"):
        st.session_state["add_picked"] = click
        st.session_state["add_lon"], st.session_state["add_lat"] = click
        st.session_state["add_system"] = "WGS-84"  # a click on this map is WGS-84
        st.rerun()  # redraw the marker
    sources_text, _unused = store.read("sources")

    def fit_layer():  # kind, country and precision start from what the chosen layer's sites use
        usual = records.usual_values(store.read(st.session_state["add_layer"])[0])
        for field, value in usual.items():
            st.session_state["add_radius" if field == "uncertainty_m" else f"add_{field}"] = value

    if "add_layer" not in st.session_state:
        st.session_state["add_layer"] = LAYERS[0]
        fit_layer()
    st.selectbox(
        _("Layer"),
        LAYERS,
        format_func={layer: layer_title(layer, chrome.lang()) for layer in LAYERS}.get,
        key="add_layer",
        on_change=fit_layer,
    )
    with st.form("add_site_form"):
        c1, c2, c3 = st.columns(3)
        for col, key, text in ((c1, "add_lon", _("Longitude")), (c2, "add_lat", _("Latitude"))):
            extra = {} if key in st.session_state else {"value": None}
            col.number_input(text, key=key, format="%.6f", step=0.000001, **extra)
        c3.selectbox(
            _("These coordinates are in"),
            list(chinese_offsets.SYSTEMS),
            key="add_system",
            format_func={system: _.msg(t) for system, t in chinese_offsets.SYSTEMS.items()}.get,
            help=_("A click on this map is WGS-84. Coordinates copied from Amap/Tencent are GCJ-02, from Baidu BD-09."),
        )
        sid = st.text_input(_("Id (permanent; lowercase letters, digits and hyphens)"), key="add_id")
        n1, n2, n3 = st.columns(3)
        name_en = n1.text_input(_("English name"), key="add_name_en")
        name_ko = n2.text_input(_("Korean name"), key="add_name_ko")
        name_zh = n3.text_input(_("Chinese name (optional)"), key="add_name_zh")
        k1, k2, k3, k4 = st.columns(4)
        code = chrome.lang()
        kinds, countries, precisions = (
            schemas.labels("site", field, code) for field in ("kind", "country", "precision")
        )
        kind = k1.selectbox(_("Kind"), site_enum("kind"), key="add_kind", format_func=kinds.get)
        country = k2.selectbox(_("Country"), site_enum("country"), key="add_country", format_func=countries.get)
        precision = k3.selectbox(
            _("Precision"), site_enum("precision"), key="add_precision", format_func=precisions.get
        )
        radius = k4.number_input(
            _("Uncertainty radius (m)"),
            min_value=0,
            max_value=200000,
            step=100,
            key="add_radius",
            **({} if "add_radius" in st.session_state else {"value": 0}),
        )
        s1, s2 = st.columns(2)
        side_cn = s1.text_input(_("Chinese side (a border crossing needs both sides)"), key="add_side_cn")
        side_kp = s2.text_input(_("North Korean side (a border crossing needs both sides)"), key="add_side_kp")
        srcs = st.multiselect(
            _("Sources (at least one)"),
            records.source_ids(sources_text),
            key="add_sources",
            placeholder=_("Choose sources"),
        )
        notes = st.text_area(_("Notes"), key="add_notes")
        sensitive = st.checkbox(_("Sensitive (never shown on public pages)"), key="add_sensitive")
        submitted = st.form_submit_button(_("Check this site"))
    if submitted:
        lon, lat, system = (
            st.session_state.get("add_lon"),
            st.session_state.get("add_lat"),
            st.session_state["add_system"],
        )
        if lon is None or lat is None:
            st.error(_("Click the map or type the longitude and latitude first."))
            return
        layer = st.session_state["add_layer"]
        form = {
            "id": sid,
            "name_en": name_en,
            "name_ko": name_ko,
            "name_zh": name_zh,
            "kind": kind,
            "country": country,
            "precision": precision,
            "uncertainty_m": radius,
            "side_cn": side_cn,
            "side_kp": side_kp,
            "sources": srcs,
            "notes": notes,
            "sensitive": sensitive,
        }
        site = add_site.new_site(form, lon, lat, system)
        base_text, base_sha = store.read(layer)
        try:
            text = add_site.layer_text_with(base_text, layer, site)
        except (DataFileError, ValueError) as exc:
            st.error(_("{file} cannot be read; fix it by uploading a corrected file first.", file=relative_name(layer)))
            st.text(_.msg(getattr(exc, "message", None) or str(exc)))  # may quote data: text, never Markdown
            return
        st.session_state["add_state"] = {
            "candidate": check_text(root, layer, text, bounded=True),
            "base_text": base_text,
            "base_sha": base_sha,
            "note": site.note,
        }
        st.session_state.pop("add_conflict", None)
    state = st.session_state.get("add_state")
    if state:
        if state.get("note"):
            st.info(_.msg(state["note"]))
        review("add", state, user, store, button=N_("Save this site"))


# ---------------------------------------------------------------- (4) history


def history_tab(root, store: Store, user: str) -> None:
    st.markdown(
        _(
            "Every save keeps the version it replaces. Compare an earlier version with the current file and "
            "restore it if needed; a restore is a save like any other, so it can be undone the same way."
        )
    )
    part = st.selectbox(_("File"), PARTS, format_func=labels().get, key="history_part")
    versions = store.versions(part)
    if not versions:
        st.info(_("No earlier versions of {file} are kept yet.", file=relative_name(part)))
        return
    saves = {e.get("kept"): e for e in store.log_entries() if e.get("state", "begin") == "begin" and e.get("kept")}
    st.dataframe(
        [
            {
                "replaced at (UTC)": f"{v.saved_at:%Y-%m-%d %H:%M:%S}",
                "replaced by": saves.get(v.name, {}).get("user") or "",
                "their description": saves.get(v.name, {}).get("note") or "",
                "version": short(v.sha),
                "bytes": v.size,
            }
            for v in versions
        ],
        hide_index=True,
        width="stretch",
        column_config={
            "replaced at (UTC)": st.column_config.Column(_("Replaced at (UTC)")),
            "replaced by": st.column_config.Column(_("Replaced by")),
            "their description": st.column_config.Column(_("Their description")),
            "version": st.column_config.Column(_("Version")),
            "bytes": st.column_config.NumberColumn(_("Bytes")),
        },
    )
    names = [v.name for v in versions]
    by_name = {v.name: v for v in versions}
    choice = st.selectbox(
        _("Version"),
        names,
        key="history_version",
        format_func=lambda n: f"{by_name[n].saved_at:%Y-%m-%d %H:%M:%S} UTC · {short(by_name[n].sha)}",
    )
    state = st.session_state.get("history_state")
    if not state or state["key"] != (part, choice):
        base_text, base_sha = store.read(part)
        old = store.read_version(part, choice)
        state = {
            "key": (part, choice),
            "candidate": check_text(root, part, old, bounded=True),
            "base_text": base_text,
            "base_sha": base_sha,
            "restore": choice,
        }
        st.session_state["history_state"] = state
        st.session_state.pop("history_conflict", None)
    st.caption(_("Below: what restoring this version would change in the current file."))
    with st.expander(_("Line-by-line differences (current → this version)")):
        lines = diff.text_diff(state["base_text"], store.read_version(part, choice), _("current"), _("this version"))
        if lines:
            st.code(lines, language="diff")
        else:
            st.caption(_("The texts are the same."))
    review("history", state, user, store, button=N_("Restore this version"))


# ---------------------------------------------------------------- page

_ = chrome.page(N_("Editor"))
st.title(_("Editor"))
editors = auth.editors_in(st.secrets)
if not editors:
    st.warning(_("No editors are configured, so editing is switched off."))
    st.markdown(_("An administrator adds an editor on the server with"))
    st.code("python -m geo add-editor USERNAME", language=None)  # plain: the highlighter's blue fails WCAG contrast
    st.markdown(
        _(
            "which asks for a password and stores only its bcrypt hash in `.streamlit/secrets.toml` "
            "(under `[editors]`). Then reload this page."
        )
    )
    st.stop()
root = data_dir()
logins = login_mod.LoginStore(root)
user = login(editors, logins)
if user is None:
    st.stop()

with st.sidebar:
    st.markdown(_("Signed in as `{user}`", user=user))  # user names are letters, digits, - and _ only (auth.USERNAME)
    if st.button(_("Sign out")):
        logins.sign_out(st.session_state.get("editor_token"), _client())  # ended on the server: the cookie is dead
        st.session_state.clear()
        st.rerun()

store = Store(root)
if "flash" in st.session_state:
    flash = st.session_state.pop("flash")
    st.success(flash)
    st.toast(flash)  # also where the editor is looking (the Save button may be far below the top)
report = chrome.full_report()
if report.errors:
    with st.expander(
        _(
            "The data in {root} currently has {n} problem(s): the public map is not shown until they are fixed",
            root=root,
            n=i18n.number(len(report.errors), chrome.lang()),
        ),
        expanded=False,
    ):
        show_problems(report.problems)
st.caption(_("Data directory: {root}. Editors see every record, including those marked sensitive.", root=root))

# one task at a time (not st.tabs: a map in a hidden tab is drawn with zero height, and every tab would run)
TASKS = {
    N_("Upload a file"): upload_tab,
    N_("Edit tables"): tables_tab,
    N_("Add a site on the map"): add_site_tab,
    N_("History"): history_tab,
}
task = st.radio(_("Task"), list(TASKS), horizontal=True, key="editor_task", label_visibility="collapsed", format_func=_)
TASKS[task](root, store, user)
