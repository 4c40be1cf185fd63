"""Data made readable for people: dates in words, tables with human column names and labels instead
of codes, empty cells empty. Figures come worded from geo.evidence (never re-worded here).

Every function takes the interface language (`lang`); the words are English until the Korean
interface (issue 13) brings its catalog, except dates, which already read in Korean too
(geo.export.wording.day). Nothing here imports streamlit.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from . import evidence, schemas
from .export.wording import MONTHS_EN, day
from .paths import LAYER_TITLES
from .styles import COUNTRY_LABELS, EVENT_KIND_LABELS, KIND_LABELS, PRECISION_LABELS

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


COLUMNS = {  # table columns as readers name them
    "en": {
        "date": "Date", "kind": "What happened", "people": "People, as the sources state them",
        "basis": "How the figure was reached", "from": "From", "crossing": "Crossing", "to": "To",
        "confidence": "Confidence", "claims": "What each source says", "summary": "Summary",
        "said": "Figure as stated", "by": "Said by", "publisher": "Publisher", "published": "Published",
        "note": "Note", "link": "Link", "title": "Title", "author": "Author", "language": "Language",
        "role": "Primary or secondary", "cites": "Cites", "accessed": "Accessed", "archived": "Archived copy",
        "name": "Name", "name_ko": "Korean name", "name_zh": "Chinese name", "layer": "Layer",
        "site_kind": "Kind of place", "country": "Country", "location": "Location",
        "uncertainty": "Within (m)", "lon": "Longitude", "lat": "Latitude", "events": "Events",
        "month": "Month", "event_kind": "Kind of event",
    },
}


def columns(lang: str = "en") -> dict:
    return COLUMNS.get(lang, COLUMNS["en"])


def events_view(ds, events: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The events table for people: dates in words, labels for codes, places by name, each event's
    figure as geo.evidence words it, the claims side by side, empty cells empty."""
    c = columns(lang)
    grouped = evidence.claims_by_event(ds, events.index)
    names = ds.sites["name_en"].to_dict()
    empty = ds.claims.iloc[:0]
    out = pd.DataFrame({
        c["date"]: [event_date(d, p, lang) for d, p in zip(events["date"], events["date_precision"].astype(str))],
        c["kind"]: events["kind"].map(lambda k: EVENT_KIND_LABELS.get(k, k)).to_numpy(dtype=object),
        c["people"]: evidence.figure_texts(ds, events, lang, grouped=grouped).to_numpy(dtype=object),
        c["basis"]: evidence.basis(events).to_numpy(dtype=object),
    })
    for col, key in (("origin", "from"), ("crossing", "crossing"), ("destination", "to")):
        out[c[key]] = [names.get(s, "") if isinstance(s, str) else "" for s in events[col].astype(object)]
    out[c["confidence"]] = [CONFIDENCE_LABELS.get(v, blank(v)) for v in events["confidence"].astype(object)]
    out[c["claims"]] = [evidence.claims_line(ds, grouped.get(eid, empty), lang) for eid in events.index]
    out[c["summary"]] = [blank(v) for v in events["summary"]]
    return out


def claims_view(ds, claims: pd.DataFrame, lang: str = "en") -> tuple[pd.DataFrame, str]:
    """One event's claims, one row per source (who said what, when, where to read it), and the name
    of the link column."""
    c = columns(lang)
    records = evidence.claim_records(ds, claims, lang)
    from .safe_html import safe_url
    frame = pd.DataFrame({
        c["said"]: [r["stated"] for r in records],
        c["by"]: [r["attributed_to"] for r in records],
        c["publisher"]: [blank(r["source"].get("publisher", r["source"]["id"])) for r in records],
        c["published"]: [stated_date(r["source"].get("published"), lang) for r in records],
        c["note"]: [blank(r["note"]) for r in records],
        c["link"]: [safe_url(r["source"].get("url")) for r in records],
    })
    return frame, c["link"]


def sources_view(ds, source_ids, lang: str = "en") -> tuple[pd.DataFrame, str, str]:
    """Sources for people, and the names of the link and archived-copy columns."""
    from .safe_html import safe_url
    c = columns(lang)
    rows = ds.sources.loc[[s for s in source_ids if s in ds.sources.index]]
    frame = pd.DataFrame({
        c["publisher"]: [blank(v) for v in rows["publisher"]],
        c["title"]: [blank(v) for v in rows["title"]],
        c["author"]: [blank(v) for v in rows["author"]],
        c["published"]: [stated_date(v, lang) for v in rows["published"]],
        c["language"]: [blank(v) for v in rows["language"]],
        c["role"]: [ROLE_LABELS.get(v, blank(v)) for v in rows["role"].astype(object)],
        c["cites"]: [blank(v) for v in rows["cites"]],
        c["accessed"]: [stated_date(v, lang) for v in rows["accessed"]],
        c["link"]: [safe_url(u) for u in rows["url"]],
        c["archived"]: [safe_url(u) for u in rows["archive_url"]],
    })
    return frame, c["link"], c["archived"]


def sites_view(sites: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The Sites directory's columns for people (names, labels, location quality)."""
    c = columns(lang)
    return pd.DataFrame({
        c["name"]: [blank(v) for v in sites["name_en"]],
        c["name_ko"]: [blank(v) for v in sites["name_ko"]],
        c["name_zh"]: [blank(v) for v in sites["name_zh"]],
        c["layer"]: [LAYER_TITLES.get(v, blank(v)) for v in sites["layer"]],
        c["site_kind"]: [KIND_LABELS.get(v, blank(v)) for v in sites["kind"]],
        c["country"]: [COUNTRY_LABELS.get(v, blank(v)) for v in sites["country"]],
        c["location"]: [PRECISION_LABELS.get(v, blank(v)) for v in sites["precision"]],
        c["uncertainty"]: sites["uncertainty_m"].astype(int).to_numpy(),
        c["lon"]: sites["lon"].astype(float).round(5).to_numpy(),
        c["lat"]: sites["lat"].astype(float).round(5).to_numpy(),
    }, index=sites.index)


EMPTY_WORDS = {
    "en": {
        "none": "No event matches these filters.",
        "kinds": "no event kind is selected",
        "confidence": "no confidence level is selected",
        "layers": "no layer is selected",
        "widen": "Select at least one in the sidebar, or widen the dates.",
        "dates": "Widen the dates or select more event kinds, confidence levels or layers in the sidebar.",
    },
}


def empty_selection(filters, lang: str = "en") -> str:
    """What to tell a reader whose filters match no event: that nothing matches, which filter is
    empty (if one is), and how to widen them."""
    w = EMPTY_WORDS.get(lang, EMPTY_WORDS["en"])
    empty = [w[name] for name, value in (("kinds", filters.kinds), ("confidence", filters.confidence),
                                         ("layers", filters.layers)) if value is not None and not value]
    if empty:
        return f"{w['none']} {'; '.join(empty).capitalize()}. {w['widen']}"
    return f"{w['none']} {w['dates']}"
