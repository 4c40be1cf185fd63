"""Data made readable for people: dates in words, tables with human column names and labels instead
of codes, empty cells empty. Figures come worded from geo.evidence (never re-worded here).

Every function takes the interface language (`lang`): column names and messages go through the
gettext catalog (geo.i18n), labels through the schemas' x-labels, dates through
geo.export.wording.day. Nothing here imports streamlit.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from . import evidence, schemas
from .export.wording import MONTHS_EN, day
from .i18n import N_, translate
from .paths import layer_title

CONFIDENCE_LABELS = schemas.labels("events", "confidence")
ROLE_LABELS = schemas.labels("sources", "role")


def _as_date(value) -> date | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def event_date(value, precision: str = "day", lang: str = "en") -> str:
    """A date as a reader says it, no more precise than it is known: '14 Jul 2021', 'week of
    14 Jul 2021', 'Jul 2021', '2021' (Korean: '2021년 7월 14일' …). Empty for no date."""
    d = _as_date(value)
    if d is None:
        return ""
    precision = str(precision or "day")
    if precision == "year":
        return f"{d.year}년" if lang == "ko" else str(d.year)
    if precision == "month":
        return f"{d.year}년 {d.month}월" if lang == "ko" else f"{MONTHS_EN[d.month - 1]} {d.year}"
    if precision == "week":
        return f"{day(d, lang)} 주" if lang == "ko" else f"week of {day(d, lang)}"
    return day(d, lang)


def stated_date(text, lang: str = "en") -> str:
    """A date as a source file gives it ('2021', '2021-07', '2021-07-20'), in words; other text as is."""
    if text is None or (not isinstance(text, str) and pd.isna(text)) or str(text).strip() == "":
        return ""
    text = str(text).strip()
    parts = text.split("-")
    try:
        if len(parts) == 1 and len(text) == 4:
            return event_date(date(int(text), 1, 1), "year", lang)
        if len(parts) == 2:
            return event_date(date(int(parts[0]), int(parts[1]), 1), "month", lang)
        if len(parts) == 3:
            return event_date(date.fromisoformat(text), "day", lang)
    except ValueError:
        pass
    return text


def blank(value) -> str:
    """A cell's text: empty for None, NaN, NA (never the word 'None')."""
    if value is None:
        return ""
    if not isinstance(value, (str, list, tuple)) and pd.isna(value):
        return ""
    return str(value)


COLUMNS = {  # table columns as readers name them (translated where shown)
    "date": N_("Date"),
    "kind": N_("What happened"),
    "people": N_("People, as the sources state them"),
    "basis": N_("How the figure was reached"),
    "from": N_("From"),
    "crossing": N_("Crossing"),
    "to": N_("To"),
    "confidence": N_("Confidence"),
    "claims": N_("What each source says"),
    "summary": N_("Summary"),
    "said": N_("Figure as stated"),
    "by": N_("Said by"),
    "publisher": N_("Publisher"),
    "published": N_("Published"),
    "note": N_("Note"),
    "link": N_("Link"),
    "title": N_("Title"),
    "author": N_("Author"),
    "language": N_("Language"),
    "role": N_("Primary or secondary"),
    "cites": N_("Cites"),
    "accessed": N_("Accessed"),
    "archived": N_("Archived copy"),
    "name": N_("Name"),
    "name_ko": N_("Korean name"),
    "name_en": N_("English name"),
    "name_zh": N_("Chinese name"),
    "layer": N_("Layer"),
    "site_kind": N_("Kind of place"),
    "country": N_("Country"),
    "location": N_("Location"),
    "uncertainty": N_("Within (m)"),
    "lon": N_("Longitude"),
    "lat": N_("Latitude"),
    "events": N_("Events"),
    "month": N_("Month"),
    "event_kind": N_("Kind of event"),
}


def columns(lang: str = "en") -> dict:
    _ = translate(lang)
    return {key: _(name) for key, name in COLUMNS.items()}


def events_view(ds, events: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The events table for people: dates in words, labels for codes, places by name, each event's
    figure as geo.evidence words it, the claims side by side, empty cells empty."""
    c = columns(lang)
    grouped = evidence.claims_by_event(ds, events.index)
    names = ds.sites["name_ko" if lang == "ko" else "name_en"].to_dict()
    kinds, confidence = schemas.labels("events", "kind", lang), schemas.labels("events", "confidence", lang)
    _ = translate(lang)
    empty = ds.claims.iloc[:0]
    out = pd.DataFrame(
        {
            c["date"]: [event_date(d, p, lang) for d, p in zip(events["date"], events["date_precision"].astype(str))],
            c["kind"]: events["kind"].map(lambda k: kinds.get(k, k)).to_numpy(dtype=object),
            c["people"]: evidence.figure_texts(ds, events, lang, grouped=grouped).to_numpy(dtype=object),
            c["basis"]: [_(b) for b in evidence.basis(events)],
        }
    )
    for col, key in (("origin", "from"), ("crossing", "crossing"), ("destination", "to")):
        out[c[key]] = [names.get(s, "") if isinstance(s, str) else "" for s in events[col].astype(object)]
    out[c["confidence"]] = [confidence.get(v, blank(v)) for v in events["confidence"].astype(object)]
    out[c["claims"]] = [evidence.claims_line(ds, grouped.get(eid, empty), lang) for eid in events.index]
    out[c["summary"]] = [evidence.summary_text(ev, lang) for ev in events.itertuples(index=False)]
    return out


def claims_view(ds, claims: pd.DataFrame, lang: str = "en") -> tuple[pd.DataFrame, str]:
    """One event's claims, one row per source (who said what, when, where to read it), and the name
    of the link column."""
    c = columns(lang)
    records = evidence.claim_records(ds, claims, lang)
    from .safe_html import safe_url

    frame = pd.DataFrame(
        {
            c["said"]: [r["stated"] for r in records],
            c["by"]: [r["attributed_to"] for r in records],
            c["publisher"]: [blank(r["source"].get("publisher", r["source"]["id"])) for r in records],
            c["published"]: [stated_date(r["source"].get("published"), lang) for r in records],
            c["note"]: [blank(r["note"]) for r in records],
            c["link"]: [safe_url(r["source"].get("url")) for r in records],
        }
    )
    return frame, c["link"]


def sources_view(ds, source_ids, lang: str = "en") -> tuple[pd.DataFrame, str, str]:
    """Sources for people, and the names of the link and archived-copy columns."""
    from .safe_html import safe_url

    c = columns(lang)
    roles = schemas.labels("sources", "role", lang)
    rows = ds.sources.loc[[s for s in source_ids if s in ds.sources.index]]
    frame = pd.DataFrame(
        {
            c["publisher"]: [blank(v) for v in rows["publisher"]],
            c["title"]: [blank(v) for v in rows["title"]],
            c["author"]: [blank(v) for v in rows["author"]],
            c["published"]: [stated_date(v, lang) for v in rows["published"]],
            c["language"]: [blank(v) for v in rows["language"]],
            c["role"]: [roles.get(v, blank(v)) for v in rows["role"].astype(object)],
            c["cites"]: [blank(v) for v in rows["cites"]],
            c["accessed"]: [stated_date(v, lang) for v in rows["accessed"]],
            c["link"]: [safe_url(u) for u in rows["url"]],
            c["archived"]: [safe_url(u) for u in rows["archive_url"]],
        }
    )
    return frame, c["link"], c["archived"]


def sites_view(sites: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The Sites directory's columns for people (names, labels, location quality)."""
    c = columns(lang)
    kinds, countries = schemas.labels("site", "kind", lang), schemas.labels("site", "country", lang)
    precision = schemas.labels("site", "precision", lang)
    if lang == "ko":  # the reader's language first: 이름 (Korean), then the English name
        names = {c["name"]: [blank(v) for v in sites["name_ko"]], c["name_en"]: [blank(v) for v in sites["name_en"]]}
    else:
        names = {c["name"]: [blank(v) for v in sites["name_en"]], c["name_ko"]: [blank(v) for v in sites["name_ko"]]}
    return pd.DataFrame(
        {
            **names,
            c["name_zh"]: [blank(v) for v in sites["name_zh"]],
            c["layer"]: [layer_title(v, lang) if isinstance(v, str) else blank(v) for v in sites["layer"]],
            c["site_kind"]: [kinds.get(v, blank(v)) for v in sites["kind"]],
            c["country"]: [countries.get(v, blank(v)) for v in sites["country"]],
            c["location"]: [precision.get(v, blank(v)) for v in sites["precision"]],
            c["uncertainty"]: sites["uncertainty_m"].astype(int).to_numpy(),
            c["lon"]: sites["lon"].astype(float).round(5).to_numpy(),
            c["lat"]: sites["lat"].astype(float).round(5).to_numpy(),
        },
        index=sites.index,
    )


EMPTY_WORDS = {
    "none": N_("No event matches these filters."),
    "kinds": N_("No event kind is selected"),
    "confidence": N_("No confidence level is selected"),
    "layers": N_("No layer is selected"),
    "widen": N_("Select at least one in the sidebar, or widen the dates."),
    "dates": N_("Widen the dates or select more event kinds, confidence levels or layers in the sidebar."),
}


def empty_selection(filters, lang: str = "en") -> str:
    """What to tell a reader whose filters match no event: that nothing matches, which filter is
    empty (if one is), and how to widen them."""
    _ = translate(lang)
    w = {key: _(text) for key, text in EMPTY_WORDS.items()}
    empty = [
        w[name]
        for name, value in (("kinds", filters.kinds), ("confidence", filters.confidence), ("layers", filters.layers))
        if value is not None and not value
    ]
    if empty:
        first = "; ".join([empty[0]] + [e[:1].lower() + e[1:] for e in empty[1:]])
        return f"{w['none']} {first}. {w['widen']}"
    return f"{w['none']} {w['dates']}"
