"""Every word an export prints, in English and Korean, and how dates and numbers are written.

Figures are worded by geo.claims (never here): an event's figure as its sources state it, a sum as a
computed sum of one event kind. Nothing here adds people of different kinds.
"""

from __future__ import annotations

from datetime import date

from .. import claims as rules
from .. import schemas
from ..styles import KIND_LABELS

TITLE = {"en": "Forced repatriations of North Koreans from China", "ko": "중국의 탈북민 강제북송"}
KIND_LABELS_KO = {
    "border-crossing": "국경 통과 지점",
    "detention-centre": "구금시설",
    "holding-centre": "집결소",
    "reeducation-camp": "교화소",
    "political-prison-camp": "관리소 (정치범수용소)",
}
COUNTRIES = {
    "CN": ("CHINA", "중국"),
    "KP": ("NORTH KOREA", "북한"),
    "KR": ("SOUTH KOREA", "한국"),
    "RU": ("RUSSIA", "러시아"),
    "JP": ("JAPAN", "일본"),
    "MN": ("MONGOLIA", "몽골"),
}
WORDS = {
    "sites": ("Sites", "장소"),
    "size": ("Marker area: {kind}", "표시 크기: {kind}"),
    "size_both": ("Marker area and route width: {kind}", "표시 크기와 경로 굵기: {kind}"),
    "size_note": ("largest stated figures, summed per site", "출처가 밝힌 최대 수치의 장소별 합"),
    "routes": ("Routes", "이송 경로"),
    "route_size": ("Width: {kind}", "굵기: {kind}"),
    "route_range": ("Pale = largest, dark = smallest stated figure", "옅은 선 = 최대, 진한 선 = 최소 수치"),
    "route_other": ("Thin: other kinds only", "가는 선: 다른 종류만"),
    "other_events": ("{n:,} events of other kinds", "다른 종류 사건 {n:,}건"),
    "other_event": ("1 event of another kind", "다른 종류 사건 1건"),
    "location": ("Location", "위치"),
    "exact": ("Exact location", "정확한 위치"),
    "approx": ("Approximate, with uncertainty radius", "대략적 위치 (불확실성 반경)"),
    "no_events": ("No events in the period", "해당 기간 사건 없음"),
    "events": ("{n:,} events", "사건 {n:,}건"),
    "event": ("1 event", "사건 1건"),
    "no_match": ("No events match the filters", "조건에 맞는 사건 없음"),
    "sources": ("Sources", "출처"),
    "basemap": ("Basemap: Natural Earth (public domain)", "기본 지도: Natural Earth (퍼블릭 도메인)"),
    "more": ("and {n} more", "외 {n}건"),
    "north": ("N", "북"),
}
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def word(key: str, lang: str, sep: str = " / ", **fmt) -> str:
    """A phrase in 'en' or 'ko'; 'en+ko' gives English, `sep`, Korean."""
    if key in ("events", "other_events") and fmt.get("n") == 1:
        key = key[:-1]
    en, ko = WORDS[key]
    parts = {"en": [en], "ko": [ko], "en+ko": [en, ko]}[lang]
    return sep.join(p.format(**fmt) for p in parts)


def kind_label(kind: str, lang: str, sep: str = " · ") -> str:
    en, ko = KIND_LABELS.get(kind, kind), KIND_LABELS_KO.get(kind, kind)
    return {"en": en, "ko": ko, "en+ko": f"{en}{sep}{ko}"}[lang]


def day(d: date, lang: str) -> str:
    if lang == "ko":
        return f"{d.year}년 {d.month}월 {d.day}일"
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


def date_range(start: date | None, end: date | None, lang: str) -> str:
    lang = "ko" if lang == "ko" else "en"
    if start is None or end is None:
        return ""
    if start == end:
        return day(start, lang)
    return f"{day(start, lang)} – {day(end, lang)}"


def event_kind(kind: str, lang: str) -> str:
    """An event kind's label ('Returned to North Korea', '북송') from the schema."""
    return schemas.labels("events", "kind", "ko" if lang == "ko" else "en").get(kind, kind)


def event_kind_short(kind: str, lang: str) -> str:
    return schemas.short_labels("events", "kind", "ko" if lang == "ko" else "en").get(kind, kind)


def kind_sums(by_kind, lang: str) -> list[str]:
    """'Returned to North Korea: about 750–850 (computed: sum of 7 events)' for each kind shown: each
    kind's own computed sum, labelled as computed, never a total across kinds."""
    lang = "ko" if lang == "ko" else "en"
    return [f"{event_kind(kind, lang)}: {rules.sum_text(sums, lang)}" for kind, sums in by_kind]


def subtitle_parts(scene, lang: str) -> list[str]:
    """The date range, how many events, and each kind's computed sum (or 'no events match')."""
    lang = "ko" if lang == "ko" else "en"
    parts = [date_range(scene.date_from, scene.date_to, lang)]
    if scene.empty:
        return [p for p in parts if p] + [word("no_match", lang)]
    parts.append(word("events", lang, n=scene.events))
    return [p for p in parts if p] + kind_sums(scene.by_kind, lang)


def site_figure(site, size_kind: str, lang: str) -> str:
    """A site label's figure line: the size kind's figure as geo.claims words it ('return: about 50',
    a computed sum labelled as one, an unreported share as such), or how many events of other kinds
    the site has (their people are not added to anything)."""
    lang = "ko" if lang == "ko" else "en"
    if site.figure:
        return f"{event_kind_short(size_kind, lang)}: {site.figure[1 if lang == 'ko' else 0]}"
    return word("other_events", lang, n=site.other_events)


def source_dates(dates, lang: str) -> str:
    """A publisher's publication dates: all of them when few, else how many and the span of years."""
    dates = sorted(d for d in dates if d)
    if len(dates) <= 3:
        return ", ".join(dates)
    first, last = dates[0][:4], dates[-1][:4]
    span = first if first == last else f"{first}–{last}"
    return f"{len(dates)}건, {span}" if lang == "ko" else f"{len(dates)} reports, {span}"


def source_groups(sources, lang: str) -> list[str]:
    """'Publisher (dates)' for each publisher of the (publisher, published) pairs, in order."""
    grouped: dict[str, list[str]] = {}
    for publisher, published in sources:
        grouped.setdefault(publisher, []).append(published)
    return [f"{p} ({source_dates(d, lang)})" if any(d) else p for p, d in grouped.items()]
