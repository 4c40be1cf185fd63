"""Filters ↔ query-string parameters: the one spelling of a selection that the app's URL, the export's
cache key and the command line (`--view`) share.

    from=YYYY-MM-DD  to=YYYY-MM-DD  kind=a,b  confidence=a,b  layers=a,b  site=ID

Only restricting fields are written: no date, or a date at the data's own bound, is left out, and so
is a list that names every allowed value; a list that names none is written `kind=none` (EMPTY), so
an empty selection survives the round trip (an empty `kind=` reads the same). Reading is lenient by default (a shared link outlives data
changes: unknown values are dropped, and a list left with none means no restriction; a date that
cannot be read is ignored, dates are clamped to the data's range, a reversed range is dropped); `strict=True` turns each of those into a UsageError, for
the command line. Sensitive records are never part of a query string.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from .errors import UsageError
from .query import Filters

LISTS = {"kind": "kinds", "confidence": "confidence", "layers": "layers"}  # parameter → Filters field
PARAMS = ("from", "to", *LISTS, "site")
EMPTY = "none"  # a list with nothing selected, kept in a shared link as such (not as "everything")


def to_params(
    f: Filters, *, allowed: Mapping[str, Iterable[str]] | None = None, bounds: tuple[date, date] | None = None
) -> dict[str, str]:
    """The restricting parts of `f` as parameters (in PARAMS order; lists sorted).

    `allowed` (parameter → every value, e.g. {"kind": KINDS}) and `bounds` (the data's first and last
    date) say what "no restriction" looks like, so a full selection writes nothing."""
    lo, hi = bounds or (None, None)
    out: dict[str, str] = {}
    if f.date_from and f.date_from != lo:
        out["from"] = f.date_from.isoformat()
    if f.date_to and f.date_to != hi:
        out["to"] = f.date_to.isoformat()
    for param, field in LISTS.items():
        values = getattr(f, field)
        if values is None or (allowed and param in allowed and set(values) >= set(allowed[param])):
            continue
        out[param] = ",".join(sorted(values)) or EMPTY
    if f.site:
        out["site"] = f.site
    return out


def from_params(
    params: Mapping[str, str],
    *,
    allowed: Mapping[str, Iterable[str]] | None = None,
    bounds: tuple[date, date] | None = None,
    sites: Iterable[str] | None = None,
    strict: bool = False,
) -> Filters:
    """Filters from parameters (a dict, st.query_params, or parse_query()'s result); see the module doc."""

    def bad(message: str) -> None:
        if strict:
            raise UsageError(message)

    lo, hi = bounds or (None, None)
    dates: dict[str, date | None] = {}
    for param in ("from", "to"):
        raw = params.get(param)
        value = None
        if raw:
            try:
                value = date.fromisoformat(raw)
            except ValueError:
                bad(f"{param}={raw!r} is not a date written YYYY-MM-DD")
        if value is not None and bounds:
            value = min(max(value, lo), hi)
        dates[param] = value
    if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
        bad(f"date range is reversed: {dates['from']} is after {dates['to']}")
        dates = {"from": None, "to": None}
    lists: dict[str, frozenset[str] | None] = {}
    for param, field in LISTS.items():
        raw = params.get(param)
        if raw is None:
            lists[field] = None
            continue
        values = [] if raw.strip() == EMPTY else [v.strip() for v in raw.split(",") if v.strip()]
        if values and allowed and param in allowed:
            known = set(allowed[param])
            unknown = [v for v in values if v not in known]
            if unknown:
                bad(f"unknown {param} {unknown[0]!r}; choose from {', '.join(allowed[param])}")
            values = [v for v in values if v in known]
            if not values:  # a link whose every value is gone (data changed since): no restriction
                lists[field] = None
                continue
        lists[field] = frozenset(values)
    site = params.get("site") or None
    if site is not None and sites is not None and site not in set(sites):
        bad(f"unknown site id {site!r}")
        site = None
    return Filters(date_from=dates["from"], date_to=dates["to"], site=site, **lists)


def parse_query(text: str) -> dict[str, str]:
    """The parameters of a query string or of a whole shared link (`https://…/?from=…&kind=…`);
    only the filters' own parameters, the last of any repeated one."""
    from urllib.parse import parse_qsl, urlsplit

    query = urlsplit(text).query if "://" in text or text.startswith("/") else text.lstrip("?")
    return {k: v for k, v in parse_qsl(query, keep_blank_values=True) if k in PARAMS}
