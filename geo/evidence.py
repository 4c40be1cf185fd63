"""Events with their claims and sources, worded for readers: what every output shows of an event.

The map's popups, the site panel, the events table, the Sites page, the HTML export, the downloads
and `python -m geo events` all call these, so an event reads the same everywhere: its figure as
geo.claims derives it, and each claim with its source (publisher, date, link).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import claims as rules
from .i18n import N_, translate
from .dataset import Dataset


def publishers(ds: Dataset) -> dict:
    return ds.sources["publisher"].to_dict()


def claims_by_event(ds: Dataset, event_ids) -> dict[str, pd.DataFrame]:
    """The claims of the given events, each event's in file order (events without claims: absent)."""
    if ds.claims is None or not len(ds.claims):
        return {}
    wanted = ds.claims[ds.claims["event"].isin(list(event_ids))]
    return {eid: group for eid, group in wanted.groupby("event", sort=False)}


def _umbrella_compact(ds: Dataset, umbrella: str | None, lang: str) -> str | None:
    if not isinstance(umbrella, str) or umbrella not in ds.events.index:
        return None
    u = ds.events.loc[umbrella]
    if not u["has_figure"]:
        return None
    # the umbrella's sources disagree: the share is of the span between their figures, as stated
    approx = bool(u["approx"]) and bool(u["agree"])
    return rules.compact_text(
        u["people_low"],
        u["people_high"],
        approx,
        bool(u["low_open"]) and bool(u["agree"]),
        bool(u["high_open"]) and bool(u["agree"]),
        lang,
    )


def figure_texts(
    ds: Dataset, events: pd.DataFrame, lang: str = "en", attributed: bool = True, grouped: dict | None = None
) -> pd.Series:
    """Each event's figure in words, with who states it (index: event id)."""
    grouped = claims_by_event(ds, events.index) if grouped is None else grouped
    pubs = publishers(ds)
    empty = ds.claims.iloc[:0] if ds.claims is not None else pd.DataFrame(columns=["qualifier"])
    out = []
    for eid, part_of in zip(events.index, events["part_of"].to_numpy(dtype=object)):
        share = _umbrella_compact(ds, part_of, lang)
        out.append(rules.event_figure_text(grouped.get(eid, empty), pubs, lang, share_of=share, attributed=attributed))
    return pd.Series(out, index=events.index, dtype=object)


# how a figure was reached (English; the interface translates them: geo.i18n catalog)
BASIS_WORDS = (N_("as stated"), N_("sources disagree"), N_("share not reported"), N_("not reported"))


def basis(events: pd.DataFrame) -> pd.Series:
    """How each event's figure was reached: agreeing, conflicting, share of an umbrella, not reported."""
    has = events["has_figure"].to_numpy()
    agree = events["agree"].to_numpy()
    part = pd.notna(events["part_of"].to_numpy(dtype=object))
    out = np.select([has & agree, has & ~agree, ~has & part], list(BASIS_WORDS[:3]), BASIS_WORDS[3])
    return pd.Series(out, index=events.index, dtype=object)


def claim_records(ds: Dataset, claims: pd.DataFrame, lang: str = "en") -> list[dict]:
    """One event's claims as plain records: the figure as stated, who says it, and the source."""
    out = []
    for c in claims.itertuples(index=False):
        src = ds.sources.loc[c.source] if c.source in ds.sources.index else None
        out.append(
            {
                "id": c.id,
                "source": _source_ref(src, c.source),
                "said_by": c.said_by,
                "attributed_to": rules.attribution(c.said_by, src["publisher"] if src is not None else c.source),
                "qualifier": c.qualifier,
                "people": None if pd.isna(c.people) else int(c.people),
                "people_to": None if pd.isna(c.people_to) else int(c.people_to),
                "stated": rules.stated_text(
                    c.qualifier,
                    None if pd.isna(c.people) else int(c.people),
                    None if pd.isna(c.people_to) else int(c.people_to),
                    lang,
                ),
                "date": c.date,
                "date_precision": c.date_precision,
                "sites": list(c.sites),
                "note": c.note,
            }
        )
    return out


def _source_ref(src, sid: str) -> dict:
    if src is None:
        return {"id": sid}
    return {
        "id": sid,
        "publisher": src["publisher"],
        "title": src["title"],
        "author": src["author"],
        "published": src["published"],
        "url": src["url"],
        "archive_url": src.get("archive_url"),
        "accessed": src.get("accessed"),
        "language": src.get("language"),
        "role": src.get("role"),
        "cites": src.get("cites"),
    }


def claims_line(ds: Dataset, claims: pd.DataFrame, lang: str = "en") -> str:
    """Claims side by side on one line: 'Human Rights Watch: more than 500 | TJWG (Newsweek, 2023-12): about 600'."""
    parts = []
    for rec in claim_records(ds, claims, lang):
        src = rec["source"]
        where = src.get("publisher", src["id"])
        if src.get("published"):
            where += f", {src['published']}"
        who = rec["attributed_to"]
        label = who if who == src.get("publisher") else f"{who} (in {where})"
        if who == src.get("publisher") and src.get("published"):
            label = f"{who} ({src['published']})"
        parts.append(f"{label}: {rec['stated']}")
    return " | ".join(parts)


def total_text(ds: Dataset, events: pd.DataFrame, row, lang: str = "en") -> str:
    """One group's figure (a row of claims.sums over `events`): a single event in its own words, with
    who states it; several as the labelled computed sum."""
    only = int(row["only"]) if "only" in row else -1
    if int(row["events"]) == 1 and 0 <= only < len(events):
        return figure_texts(ds, events.iloc[[only]], lang).iloc[0]
    return rules.sum_text(row, lang)


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def summary_text(event, lang: str = "en") -> str:
    """An event's summary in `lang`: in Korean its `summary_ko` where the editors wrote one, else the
    English summary marked as such (never a silent fallback). `event`: a row or record of the events."""
    english = _text(getattr(event, "summary", None) if not isinstance(event, dict) else event.get("summary"))
    if lang != "ko":
        return english
    korean = _text(getattr(event, "summary_ko", None) if not isinstance(event, dict) else event.get("summary_ko"))
    if korean:
        return korean
    _ = translate(lang)
    return _("[English original; no Korean summary yet] {text}", text=english) if english else ""


def note_text(site, lang: str = "en") -> str:
    """A site's note in `lang`: `notes_ko` in Korean where written (marked while its notes_ko_status is
    unreviewed), else the English note marked as such."""
    get = site.get if hasattr(site, "get") else (lambda k, d=None: getattr(site, k, d))
    english = _text(get("notes", None))
    if lang != "ko":
        return english
    korean = _text(get("notes_ko", None))
    _ = translate(lang)
    if korean:
        if get("notes_ko_status", None) == "unreviewed":
            return _("[Korean translation not yet reviewed] {text}", text=korean)
        return korean
    return _("[English original; no Korean note yet] {text}", text=english) if english else ""


def selection_description(
    ds: Dataset,
    events: pd.DataFrame,
    by_kind: pd.DataFrame,
    date_from,
    date_to,
    sites_shown: int,
    lang: str = "en",
    where: str = "app",
) -> str:
    """A short text alternative for the map: what is shown, each kind's figure (largest first, never
    added across kinds) and the period. `by_kind`: claims.sums per kind (query.summarize(events).by_kind).
    `where`: "app" (the events table below the map is the full alternative) or "image" (an exported
    image, whose sources are listed at its foot)."""
    from .i18n import date_text, number
    from .schemas import labels

    _ = translate(lang)
    period = _("{start} to {end}", start=date_text(date_from, lang), end=date_text(date_to, lang))
    if not len(events):
        return _(
            "The map shows {sites} sites and no events from {period}.", sites=number(sites_shown, lang), period=period
        )
    more = (
        _("The events table below lists every event with its sources.")
        if where == "app"
        else _("The sources are listed at the foot of the image.")
    )
    kinds = labels("events", "kind", lang)
    ranked = by_kind.sort_values(["high", "events"], ascending=False) if len(by_kind) else by_kind
    figures = "; ".join(
        f"{kinds.get(kind, kind)}: {total_text(ds, events, row, lang)}" for kind, row in ranked.head(3).iterrows()
    )
    return (
        _(
            "The map shows {events} events at {sites} sites from {period}. Largest figures by kind (never added "
            "across kinds): {figures}.",
            events=number(len(events), lang),
            sites=number(sites_shown, lang),
            period=period,
            figures=figures,
        )
        + " "
        + more
    )
