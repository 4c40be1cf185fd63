"""Claims and the figures derived from them: the rules, written once (data/README.md, "Figures").

A claim is what one source says about one event: a people figure as stated (a number, or a low–high
pair, with its qualifier), the date as stated, the places it names. Nothing here invents a number:

- one claim, or claims that agree: the figure as stated ("about 50"), with every source;
- claims that disagree: a range whose two ends are the sources' own figures, each attributed
  ("more than 500 (Human Rights Watch) – about 600 (TJWG)");
- a part of an umbrella event with no figure of its own: "share of 500–600 not reported";
- no claim with a figure: "not reported".

Sums (per kind, per site, per route, per month) are computations and say so. They keep their terms'
meaning: a sum with an "about" term is "about", with an "at least" term "at least"; events without a
figure are counted, never guessed. Sums never mix event kinds: callers group by kind first.

Per event the derived numbers are the smallest and largest figures any claim states (`people_low`,
`people_high`), plus flags: `low_open` (the smallest is an "up to"/"fewer than": no lower bound),
`high_open` (the largest is an "at least"/"more than": no upper bound), `approx` (an end is "about" or
"nearly"), `agree` (every claim with a figure states the same one), `has_figure`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import schemas

QUALIFIERS = tuple(schemas.enum("claims", "qualifier"))
OPEN_UP = frozenset({"at-least", "more-than"})  # the figure is a floor
OPEN_DOWN = frozenset({"up-to", "fewer-than"})  # the figure is a ceiling
APPROX = frozenset({"about", "nearly"})
NO_FIGURE = "not-given"
RANGE = "range"

_WORDS = {
    "en": {
        "not_reported": "not reported",
        "share": "share of {of} not reported",
        "about": "about {t}",
        "at_least": "at least {t}",
        "up_to": "up to {t}",
        "computed": "computed: sum of {n} events",
        "computed_one": "one event",
        "no_figure": "no figure for {n} of them",
        "none": "no events",
        "sep": "; ",
        "by": "{t} ({who})",
        "between": "{a} – {b}",
    },
    "ko": {
        "not_reported": "수치 보도 없음",
        "share": "{of} 중 일부 (수치 보도 없음)",
        "about": "약 {t}",
        "at_least": "최소 {t}",
        "up_to": "최대 {t}",
        "computed": "계산값: 사건 {n}건의 합",
        "computed_one": "사건 1건",
        "no_figure": "그중 {n}건은 수치 없음",
        "none": "사건 없음",
        "sep": "; ",
        "by": "{t} ({who})",
        "between": "{a} – {b}",
    },
}


def _lang(lang: str) -> str:
    return lang if lang in _WORDS else "en"


def number(n: int, lang: str = "en") -> str:
    return f"{int(n):,}"


def stated_text(qualifier: str, people=None, people_to=None, lang: str = "en") -> str:
    """One figure in words, as its source put it: 'about 50', '50–60', 'not given'."""
    lang = _lang(lang)
    template = schemas.field_spec("claims", "qualifier")["x-labels"][qualifier][lang]
    if qualifier == NO_FIGURE or people is None or (isinstance(people, float) and np.isnan(people)):
        return schemas.field_spec("claims", "qualifier")["x-labels"][NO_FIGURE][lang]
    m = number(people_to, lang) if people_to is not None and not pd.isna(people_to) else ""
    return template.format(n=number(people, lang), m=m)


@dataclass(frozen=True)
class Statement:
    """One distinct figure and who states it."""

    qualifier: str
    people: int | None
    people_to: int | None
    by: tuple  # attributions, in claim order

    @property
    def low(self) -> int:
        return int(self.people)

    @property
    def high(self) -> int:
        return int(self.people_to if self.qualifier == RANGE else self.people)

    def text(self, lang: str = "en", attributed: bool = True) -> str:
        t = stated_text(self.qualifier, self.people, self.people_to, lang)
        return _WORDS[_lang(lang)]["by"].format(t=t, who=", ".join(self.by)) if attributed and self.by else t


def attribution(said_by, publisher) -> str:
    """Who a claim is from: whom the source attributes it to, else the source's publisher."""
    if isinstance(said_by, str) and said_by.strip():
        return said_by.strip()
    return str(publisher)


def statements(claims: pd.DataFrame, publishers: dict) -> list[Statement]:
    """The distinct figures among one event's claims (in claim order), each with who states it."""
    grouped: dict[tuple, list[str]] = {}
    for row in claims.itertuples(index=False):
        if row.qualifier == NO_FIGURE:
            continue
        key = (row.qualifier, _int(row.people), _int(row.people_to))
        who = attribution(row.said_by, publishers.get(row.source, row.source))
        grouped.setdefault(key, [])
        if who not in grouped[key]:
            grouped[key].append(who)
    return [Statement(q, p, t, tuple(by)) for (q, p, t), by in grouped.items()]


def _int(value):
    return None if value is None or pd.isna(value) else int(value)


def event_figure_text(
    claims: pd.DataFrame, publishers: dict, lang: str = "en", share_of: str | None = None, attributed: bool = True
) -> str:
    """An event's figure in words, from its claims (see the module docstring for the rules).

    share_of: the umbrella event's compact figure when this event is a part of one (used only when
    no claim of this event states a figure).
    """
    lang = _lang(lang)
    words = _WORDS[lang]
    found = statements(claims, publishers)
    if not found:
        return words["share"].format(of=share_of) if share_of else words["not_reported"]
    if len(found) == 1:
        return found[0].text(lang, attributed)
    low = min(found, key=lambda s: (s.low, s.high))
    high = max(found, key=lambda s: (s.high, s.low))
    if low.low == high.high or low is high:  # same numbers, different wording: list them all
        return words["sep"].join(s.text(lang, attributed) for s in found)
    return words["between"].format(a=low.text(lang, attributed), b=high.text(lang, attributed))


SHORT_WORDS = {"about": "~{t}", "at_least": "≥ {t}", "up_to": "≤ {t}"}


def compact_text(
    low, high, approx: bool, low_open: bool, high_open: bool, lang: str = "en", short: bool = False
) -> str:
    """Numbers only, for a share's umbrella and for sums: '500–600', 'about 50', 'at least 1,170'.
    short: the same meaning in symbols, for a metric tile ('~50', '≥ ~1,170', '≤ 200')."""
    lang = _lang(lang)
    words = {**_WORDS[lang], **SHORT_WORDS} if short else _WORDS[lang]
    low, high = int(low), int(high)

    def about(t: str) -> str:
        return words["about"].format(t=t) if approx else t

    if high_open:
        return words["at_least"].format(t=about(number(low, lang)))
    if low_open and low == 0:
        return words["up_to"].format(t=about(number(high, lang)))
    return about(number(low, lang) if low == high else f"{number(low, lang)}–{number(high, lang)}")


# --- derived per-event columns, vectorised -------------------------------------------------------

DERIVED = ("people_low", "people_high", "has_figure", "low_open", "high_open", "approx", "agree", "sources")


def claim_numbers(claims: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each claim's low and high stated numbers (as float, NaN without a figure), and its qualifier."""
    q = claims["qualifier"].to_numpy(dtype=object)
    people = pd.to_numeric(claims["people"], errors="coerce").to_numpy(dtype=float)
    to = pd.to_numeric(claims["people_to"], errors="coerce").to_numpy(dtype=float)
    has = q != NO_FIGURE
    low = np.where(has, people, np.nan)
    high = np.where(has & (q == RANGE), to, low)
    return low, high, q


def derive(event_ids: pd.Index, claims: pd.DataFrame) -> pd.DataFrame:
    """The derived figure columns for every event (index: event id), from its claims.

    claims: columns event, source, qualifier, people, people_to (one row per claim, file order).
    """
    n = len(event_ids)
    out = pd.DataFrame(index=event_ids)
    pos = event_ids.get_indexer(claims["event"].to_numpy(dtype=object))
    keep = pos >= 0
    pos = pos[keep]
    low, high, q = (a[keep] for a in claim_numbers(claims))
    has = ~np.isnan(low)
    ev_low = np.full(n, np.inf)
    ev_high = np.full(n, -np.inf)
    np.minimum.at(ev_low, pos[has], low[has])
    np.maximum.at(ev_high, pos[has], high[has])
    has_figure = np.isfinite(ev_low)
    at_low = has & (low == ev_low[pos])
    at_high = has & (high == ev_high[pos])
    # an end is open only when every claim standing at it is open that way
    closed_low = np.zeros(n, dtype=bool)
    np.logical_or.at(closed_low, pos[at_low], ~np.isin(q[at_low], list(OPEN_DOWN)))
    closed_high = np.zeros(n, dtype=bool)
    np.logical_or.at(closed_high, pos[at_high], ~np.isin(q[at_high], list(OPEN_UP)))
    approx = np.zeros(n, dtype=bool)
    np.logical_or.at(approx, pos[at_low | at_high], np.isin(q[at_low | at_high], list(APPROX)))
    # agreement: one distinct (qualifier, low, high) among the claims with a figure
    keys = pd.DataFrame({"e": pos[has], "q": q[has], "l": low[has], "h": high[has]}).drop_duplicates()
    distinct = np.bincount(keys["e"].to_numpy(dtype=np.int64), minlength=n)
    out["people_low"] = np.where(has_figure, ev_low, 0).astype(np.int64)
    out["people_high"] = np.where(has_figure, ev_high, 0).astype(np.int64)
    out["has_figure"] = has_figure
    out["low_open"] = has_figure & ~closed_low
    out["high_open"] = has_figure & ~closed_high
    out["approx"] = approx
    out["agree"] = distinct <= 1
    out["sources"] = _sources_per_event(n, pos, claims["source"].to_numpy(dtype=object)[keep])
    return out


def _sources_per_event(n: int, pos: np.ndarray, sources: np.ndarray) -> np.ndarray:
    """Each event's source ids, unique, in claim order (a tuple per event; () for none)."""
    out = np.empty(n, dtype=object)
    out[:] = [()] * n
    if not len(pos):
        return out
    codes, uniques = pd.factorize(sources, use_na_sentinel=False)
    first = np.unique(pos.astype(np.int64) * max(len(uniques), 1) + codes, return_index=True)[1]
    first.sort()  # each (event, source) pair once, at its first claim, in claim order
    first = first[np.argsort(pos[first], kind="stable")]  # grouped by event, claim order kept within each
    at, names = pos[first], np.asarray(uniques, dtype=object)[codes[first]].tolist()
    starts = np.flatnonzero(np.r_[True, at[1:] != at[:-1]])
    ends = np.r_[starts[1:], len(at)].tolist()
    out[at[starts]] = np.fromiter(
        (tuple(names[s:e]) for s, e in zip(starts.tolist(), ends)), dtype=object, count=len(starts)
    )
    return out


# --- sums, vectorised over groups ----------------------------------------------------------------

SUM_COLUMNS = ("events", "low", "high", "approx", "low_open", "high_open", "unreported", "only")


def sums(group: np.ndarray, n_groups: int, events: pd.DataFrame, rows: np.ndarray | None = None) -> pd.DataFrame:
    """Per group: events, the sum of their smallest and largest stated figures, and the flags that
    keep the sum's meaning. `group[i]` is the group of `events.iloc[rows[i]]` (rows: all, by default).

    An event whose smallest figure is an 'up to' adds 0 to the low sum (it has no floor); an event
    without a figure adds nothing and is counted in `unreported`. `only`: for a group of one event,
    its row position in `events` (so it can be worded as its own claims say), else -1.
    """
    rows = np.arange(len(events)) if rows is None else rows
    has = events["has_figure"].to_numpy()[rows]
    low_open = events["low_open"].to_numpy()[rows]
    low = np.where(has & ~low_open, events["people_low"].to_numpy(dtype=np.int64)[rows], 0)
    high = np.where(has, events["people_high"].to_numpy(dtype=np.int64)[rows], 0)

    def count(weights=None):
        return np.bincount(group, weights=weights, minlength=n_groups)

    def any_of(flags):
        return count(flags.astype(np.int64)) > 0

    return pd.DataFrame(
        {
            "events": count().astype(np.int64),
            "low": count(low).round().astype(np.int64),
            "high": count(high).round().astype(np.int64),
            "approx": any_of(events["approx"].to_numpy()[rows] & has),
            "low_open": any_of(low_open & has),
            "high_open": any_of(events["high_open"].to_numpy()[rows] & has),
            "unreported": count((~has).astype(np.int64)).astype(np.int64),
            "only": np.where(count() == 1, count(rows.astype(np.float64)), -1).round().astype(np.int64),
        }
    )


def sum_text(row, lang: str = "en", labelled: bool = True, short: bool = False) -> str:
    """A sum in words: 'about 170–220 (computed: sum of 3 events; no figure for 1 of them)'.

    row: a mapping or row with the SUM_COLUMNS. A sum over events with no figure at all says so.
    """
    lang = _lang(lang)
    words = _WORDS[lang]
    n, unreported = int(row["events"]), int(row["unreported"])
    if n == 0:
        return words["none"]
    if unreported == n:
        text = words["not_reported"]
    else:
        low_open = bool(row["low_open"])
        text = compact_text(row["low"], row["high"], bool(row["approx"]), low_open, bool(row["high_open"]), lang, short)
    if not labelled:
        return text
    notes = [words["computed"].format(n=f"{n:,}") if n > 1 else words["computed_one"]]
    if unreported and unreported != n:
        notes.append(words["no_figure"].format(n=f"{unreported:,}"))
    return f"{text} ({words['sep'].join(notes)})"
