"""The rules that tie claims.csv to events, sources and sites (data/README.md, "claims.csv").

Column-level checks (types, enums, patterns) come from the schema via tables.check_columns; these
are the rules that span columns and files, vectorised so 100k claims stay cheap: every claim names an
existing event and source; its figure fits its qualifier; its date has a precision; the places it
names exist; every event has at least one claim; an event's date agrees with what its claims state.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import textcols
from .claims import NO_FIGURE, RANGE
from .problems import ERROR, FILE, MAX_PER_FILE, WARNING, Msg, Omitted, Problem, row_place
from .tables import rows_naming_unknown


def _listed(lines, path: str, problems: list[Problem], severity: str = ERROR):
    """The first MAX_PER_FILE of the rows a check flags; the rest are counted (problems.cap reports
    them), so that a hostile file costs no more than the problems that can be listed."""
    if len(lines) > MAX_PER_FILE:
        problems.append(Omitted(path, FILE, "", severity, count=len(lines) - MAX_PER_FILE))
        return lines[:MAX_PER_FILE]
    return lines


def check(
    claims: pd.DataFrame, path: str, event_ids, source_ids, site_ids, events: pd.DataFrame | None, events_path: str
) -> list[Problem]:
    """Problems of the all-text claims frame (index: file line numbers) against the other files."""
    problems: list[Problem] = []

    def report(mask, column, message, severity=ERROR) -> None:
        for line in _listed(claims.index[np.asarray(mask, dtype=bool)], path, problems, severity):
            text = message(line) if callable(message) else message
            problems.append(Problem(path, row_place(int(line), claims.at[line, "id"], column), text, severity))

    ids = claims["id"]
    dup = ids.ne("") & ids.duplicated(keep="first")
    first = pd.Series(textcols.first_rows(ids), index=claims.index) if dup.any() else None
    report(dup, "id", lambda line: Msg("duplicate id; first used on row {first}", first=int(first[line])))

    if event_ids is not None:
        report(
            claims["event"].ne("") & ~textcols.isin(claims["event"], event_ids),
            "event",
            lambda line: Msg("event {id!r} is not in events.csv", id=claims.at[line, "event"]),
        )
    if source_ids is not None:
        report(
            claims["source"].ne("") & ~textcols.isin(claims["source"], source_ids),
            "source",
            lambda line: Msg("source {id!r} is not in sources.csv", id=claims.at[line, "source"]),
        )
    if site_ids is not None:
        for line in _listed(claims.index[rows_naming_unknown(claims["sites"], site_ids)], path, problems):
            bad = [s.strip() for s in claims.at[line, "sites"].split(";") if s.strip() not in site_ids]
            problems.append(
                Problem(
                    path,
                    row_place(int(line), claims.at[line, "id"], "sites"),
                    Msg("site {id!r} does not exist in any site layer", id=bad[0]),
                )
            )

    q, people, to = claims["qualifier"], claims["people"], claims["people_to"]
    known_q = q.ne("")
    report(
        known_q & q.eq(NO_FIGURE) & people.ne(""),
        "people",
        Msg(
            "a claim with qualifier not-given states no number: leave people empty (or choose the qualifier the "
            "source uses)"
        ),
    )
    report(
        known_q & q.ne(NO_FIGURE) & people.eq(""),
        "people",
        lambda line: Msg(
            "qualifier {qualifier!r} needs the number the source states; use not-given when it states none",
            qualifier=q[line],
        ),
    )
    report(
        known_q & q.ne(RANGE) & to.ne(""),
        "people_to",
        lambda line: Msg(
            "people_to is only for qualifier range (the second number of 'N to M'); this claim is {qualifier!r}",
            qualifier=q[line],
        ),
    )
    report(known_q & q.eq(RANGE) & to.eq(""), "people_to", Msg("a range needs its second number in people_to"))
    lo = textcols.numbers(people.where(textcols.fullmatch(people, r"\d+")))
    hi = textcols.numbers(to.where(textcols.fullmatch(to, r"\d+")))
    report(
        q.eq(RANGE) & lo.notna() & hi.notna() & (hi <= lo),
        "people_to",
        lambda line: Msg(
            "a range runs low to high: people_to {high} must be above people {low}", high=to[line], low=people[line]
        ),
    )

    date, prec = claims["date"], claims["date_precision"]
    report(
        date.ne("") & prec.eq(""), "date_precision", Msg("a stated date needs its precision (day, week, month or year)")
    )
    report(date.eq("") & prec.ne(""), "date", Msg("date_precision is set but the date is empty"))
    shaped = textcols.fullmatch(date, r"\d{4}-\d{2}-\d{2}")
    report(
        shaped & prec.eq("month") & ~date.str.endswith("-01"),
        "date",
        Msg("month precision: write the first day of the month (YYYY-MM-01)"),
    )
    report(
        shaped & prec.eq("year") & ~date.str[5:].eq("01-01"),
        "date",
        Msg("year precision: write the first day of the year (YYYY-01-01)"),
    )

    if events is not None and event_ids is not None:
        problems += _event_checks(claims, path, events, events_path)
    return problems


def _event_checks(claims: pd.DataFrame, path: str, events: pd.DataFrame, events_path: str) -> list[Problem]:
    """Every event has a claim; an event's date is one that its claims state (within precision)."""
    problems: list[Problem] = []
    lonely = events["id"].ne("") & ~textcols.isin(events["id"], claims["event"])
    for line in _listed(events.index[lonely.to_numpy()], events_path, problems):
        problems.append(
            Problem(
                events_path,
                row_place(int(line), events.at[line, "id"], "id"),
                Msg("no claim cites a source for this event: add at least one row to claims.csv"),
            )
        )
    dated = claims[
        textcols.fullmatch(claims["date"], r"\d{4}-\d{2}-\d{2}") & textcols.isin(claims["event"], events["id"])
    ]
    if dated.empty:
        return problems
    ev = events.drop_duplicates("id").set_index("id")
    at = textcols.positions(dated["event"], ev.index)  # every dated claim names an event in the file
    ev_date = pd.to_datetime(ev["date"].to_numpy(dtype=object)[at], format="%Y-%m-%d", errors="coerce")
    ev_end = _period_end(ev_date, ev["date_precision"].to_numpy(dtype=object)[at])
    cl_date = pd.to_datetime(dated["date"].to_numpy(), format="%Y-%m-%d", errors="coerce")
    cl_end = _period_end(cl_date, dated["date_precision"].to_numpy())
    disjoint = (cl_end < ev_date) | (cl_date > ev_end)
    for line in _listed(dated.index[np.asarray(disjoint, dtype=bool)], path, problems, WARNING):
        problems.append(
            Problem(
                path,
                row_place(int(line), claims.at[line, "id"], "date"),
                Msg(
                    "the source dates it {date} ({precision}), outside the event's date {event_date}: "
                    "if sources disagree, say so in the event's summary",
                    date=claims.at[line, "date"],
                    precision=claims.at[line, "date_precision"],
                    event_date=ev.at[claims.at[line, "event"], "date"],
                ),
                WARNING,
            )
        )
    return problems


def _period_end(dates: pd.DatetimeIndex, precision) -> np.ndarray:
    day = np.asarray(dates.to_numpy(), dtype="datetime64[D]")
    one = np.timedelta64(1, "D")
    prec = np.asarray(precision, dtype=object)
    end = np.where(prec == "week", day + np.timedelta64(6, "D"), day)
    end = np.where(prec == "month", (day.astype("datetime64[M]") + 1).astype("datetime64[D]") - one, end)
    end = np.where(prec == "year", (day.astype("datetime64[Y]") + 1).astype("datetime64[D]") - one, end)
    return end


def source_checks(sources: pd.DataFrame, path: str) -> list[Problem]:
    """Provenance: a secondary source names the primary it cites; a source with no address at all
    (neither url nor archive_url) is a warning: readers cannot check it."""
    problems: list[Problem] = []
    for line in _listed(
        sources.index[(sources["role"].eq("secondary") & sources["cites"].eq("")).to_numpy()], path, problems
    ):
        problems.append(
            Problem(
                path,
                row_place(int(line), sources.at[line, "id"], "cites"),
                Msg("a secondary source must name the primary it cites (an organisation, report or source id)"),
            )
        )
    for line in _listed(
        sources.index[(sources["role"].eq("primary") & sources["cites"].ne("")).to_numpy()], path, problems, WARNING
    ):
        problems.append(
            Problem(
                path,
                row_place(int(line), sources.at[line, "id"], "cites"),
                Msg("a primary source cites nothing; set role to secondary or empty cites"),
                WARNING,
            )
        )
    for line in _listed(
        sources.index[(sources["url"].eq("") & sources["archive_url"].eq("")).to_numpy()], path, problems, WARNING
    ):
        problems.append(
            Problem(
                path,
                row_place(int(line), sources.at[line, "id"], "url"),
                Msg("no address (url or archive_url): readers cannot check this source"),
                WARNING,
            )
        )
    return problems
