"""statistics.csv: published counts and estimates (arrivals in South Korea, people held or hiding in
China, people returned over a period), each with who made it, when, and the sources that quote it.

The columns are checked from data/schema/statistics.schema.json by the same vectorised checker as the
other tables (tables.check_columns); this module adds the rules that span columns and files: unique
ids, sources that resolve, period_start ≤ period_end, value_to only (and always) for a stated range
and above value, and superseded_by naming another row of the same measure and period that is itself
the figure shown. Figures are stored as their sources state them: no range is computed from the wording.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InvalidData
from .problems import Msg, Problem, row_place
from .tables import read_table, rows_naming_unknown, split_list
from .i18n import N_

from .paths import STATISTICS_FILE  # noqa: E402  (the registry names it)

TABLE = "statistics"

MEASURE_LABELS = {  # English; the interface translates them (geo.i18n catalog)
    "arrivals-south-korea": N_("Arrivals in South Korea"),
    "detained-in-china": N_("Held in Chinese custody"),
    "hiding-in-china": N_("Hiding in China"),
    "arrested-in-china": N_("Arrested in China over a period"),
    "repatriated-cumulative": N_("Returned to North Korea over a period"),
}
QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "nearly": "nearly ",
    "more-than": "more than ",
    "at-least": "at least ",
    "up-to": "up to ",
    "range": "",
}


def stated_as(qualifier: str, value: int, to: int | None = None, lang: str = "en") -> str:
    """The figure in words, as the source put it: 'at least 1,170', '600 to 2,000' (in Korean as
    geo.claims words a stated figure: '최소 1,170명')."""
    if lang != "en":
        from .claims import stated_text

        has_to = qualifier == "range" and to is not None and not pd.isna(to)
        return stated_text(qualifier, int(value), int(to) if has_to else None, lang)
    if qualifier == "range" and to is not None and not pd.isna(to):
        return f"{int(value):,} to {int(to):,}"
    return f"{QUALIFIER_WORDS.get(qualifier, '')}{int(value):,}"


def read(path: Path, shown: str, today: date, problems: list[Problem]) -> pd.DataFrame | None:
    """Parse and column-check the file; None (with the problem recorded) when it cannot be read."""
    return read_table(path, TABLE, today, problems, shown)


def cross_checks(frame: pd.DataFrame, path: str, source_ids) -> list[Problem]:
    """Rules spanning columns and files, on the all-text frame from read()."""
    problems: list[Problem] = []

    def report(mask, column, message) -> None:
        for line in frame.index[np.asarray(mask, dtype=bool)]:
            text = message(line) if callable(message) else message
            problems.append(Problem(path, row_place(int(line), frame.at[line, "id"], column), text))

    ids = frame["id"]
    dup = ids.ne("") & ids.duplicated(keep="first")
    report(
        dup,
        "id",
        lambda line: Msg(
            "duplicate id; first used on row {first}", first=int(frame.index[(ids == ids[line]).to_numpy()][0])
        ),
    )

    num = {
        c: pd.to_numeric(frame[c].where(frame[c].str.fullmatch(r"[0-9]+")), errors="coerce")
        for c in ("value", "value_to")
    }
    value, to = num["value"], num["value_to"]
    q = frame["qualifier"]
    report(
        q.eq("range") & frame["value_to"].eq(""), "value_to", Msg("a stated range needs its second number in value_to")
    )
    report(
        q.ne("range") & frame["value_to"].ne(""),
        "value_to",
        lambda line: Msg(
            "value_to is only for qualifier range (the second number of 'N to M'); this figure is {qualifier!r}",
            qualifier=q[line],
        ),
    )
    report(
        q.eq("range") & value.notna() & to.notna() & (to <= value),
        "value_to",
        lambda line: Msg(
            "a range runs low to high: value_to {high} must be above value {low}",
            high=frame.at[line, "value_to"],
            low=frame.at[line, "value"],
        ),
    )

    start = pd.to_datetime(frame["period_start"], format="%Y-%m-%d", errors="coerce")
    end = pd.to_datetime(frame["period_end"], format="%Y-%m-%d", errors="coerce")
    report(
        start > end,
        "period_end",
        lambda line: Msg(
            "period_end {end} is before period_start {start}",
            end=frame.at[line, "period_end"],
            start=frame.at[line, "period_start"],
        ),
    )

    sup = frame["superseded_by"]
    rows = frame.assign(_start=frame["period_start"], _end=frame["period_end"]).set_index("id", drop=False)
    for line in frame.index[sup.ne("").to_numpy()]:
        target = sup[line]
        if target == frame.at[line, "id"] or target not in rows.index:
            report(
                pd.Series(frame.index == line, index=frame.index),
                "superseded_by",
                Msg("superseded_by {id!r} is not another row of statistics.csv", id=target),
            )
            continue
        other = rows.loc[target]
        if isinstance(other, pd.DataFrame):
            other = other.iloc[0]
        if (other["measure"], other["_start"], other["_end"]) != (
            frame.at[line, "measure"],
            frame.at[line, "period_start"],
            frame.at[line, "period_end"],
        ):
            report(
                pd.Series(frame.index == line, index=frame.index),
                "superseded_by",
                Msg(
                    "superseded_by {id!r} counts another measure or period; a revision replaces a figure for the same "
                    "measure and period",
                    id=target,
                ),
            )
        elif other["superseded_by"] != "":
            report(
                pd.Series(frame.index == line, index=frame.index),
                "superseded_by",
                Msg(
                    "superseded_by {id!r} is itself revised by {other!r}; name the figure shown now",
                    id=target,
                    other=other["superseded_by"],
                ),
            )

    if source_ids is not None:
        lists = split_list(frame["sources"])
        for line in frame.index[rows_naming_unknown(frame["sources"], source_ids)]:
            bad = [s for s in lists[line] if s not in source_ids]
            problems.append(
                Problem(
                    path,
                    row_place(int(line), frame.at[line, "id"], "sources"),
                    Msg("source {id!r} is not in sources.csv", id=bad[0]),
                )
            )
    return problems


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The checked text frame as typed columns, indexed by id, in file order."""
    out = pd.DataFrame(
        {
            "id": frame["id"].to_numpy(),
            "measure": frame["measure"].to_numpy(),
            "period_start": pd.to_datetime(
                frame["period_start"].where(frame["period_start"].ne("")), format="%Y-%m-%d"
            ).to_numpy(),
            "period_end": pd.to_datetime(frame["period_end"], format="%Y-%m-%d").to_numpy(),
            "period_label": frame["period_label"].to_numpy(),
            "qualifier": frame["qualifier"].to_numpy(),
        }
    )
    out["value"] = frame["value"].astype(np.int64).to_numpy()
    out["value_to"] = (
        pd.to_numeric(frame["value_to"].where(frame["value_to"].ne("")), errors="coerce").astype("Int64").array
    )
    out["estimator"] = frame["estimator"].to_numpy()
    out["stated"] = frame["stated"].to_numpy()
    out["sources"] = split_list(frame["sources"]).to_numpy()
    sup = frame["superseded_by"].to_numpy(dtype=object)
    out["superseded_by"] = pd.Series(np.where(sup == "", None, sup), dtype=object)
    notes = frame["notes"].to_numpy(dtype=object)
    out["notes"] = pd.Series(np.where(notes == "", None, notes), dtype=object)
    return out.set_index("id", drop=False).rename_axis(None)


def check_file(
    path: Path, source_ids=None, today: date | None = None, shown: str | None = None
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read and validate one statistics file: (typed frame or None if it has errors, problems)."""
    problems: list[Problem] = []
    shown = shown or str(path)
    frame = read(Path(path), shown, today or date.today(), problems)
    if frame is not None:
        problems += cross_checks(frame, shown, source_ids)
    if frame is None or any(p.is_error for p in problems):
        return None, problems
    return typed(frame), problems


def load(root: Path, source_ids=None) -> pd.DataFrame:
    """The typed statistics of a data directory (empty when it has no statistics.csv); InvalidData on errors."""
    path = Path(root) / STATISTICS_FILE
    if not path.exists():
        return empty()
    frame, problems = check_file(path, source_ids)
    if frame is None:
        raise InvalidData([p for p in problems if p.is_error])
    return frame


def empty() -> pd.DataFrame:
    return typed(pd.DataFrame({c: pd.Series([], dtype=str) for c in _columns()}))


def _columns() -> list[str]:
    from . import schemas

    return schemas.columns(TABLE)


def of(ds) -> pd.DataFrame:
    """A Dataset's statistics: its `statistics` frame, else read from its directory (cached views of a
    Dataset built without the field), else an empty frame."""
    frame = getattr(ds, "statistics", None)
    if frame is not None:
        return frame
    return load(ds.root, set(ds.sources.index))


def period_kind(stats: pd.DataFrame) -> pd.Series:
    """'year' for a whole calendar year, 'quarter' for a calendar quarter, else 'other'."""
    start, end = stats["period_start"], stats["period_end"]
    whole_start = start.notna() & start.dt.day.eq(1)
    year = whole_start & start.dt.month.eq(1) & end.dt.month.eq(12) & end.dt.day.eq(31) & start.dt.year.eq(end.dt.year)
    quarter = whole_start & start.dt.month.isin([1, 4, 7, 10]) & end.eq(start + pd.offsets.QuarterEnd(0)) & ~year
    return pd.Series(np.select([year.to_numpy(), quarter.to_numpy()], ["year", "quarter"], "other"), index=stats.index)


def cited(stats: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per (figure, source) with the source's publisher, title, date and address."""
    rows = []
    for sid, row in stats.iterrows():
        for src in row["sources"]:
            meta = sources.loc[src] if src in sources.index else None
            rows.append(
                {
                    "figure": sid,
                    "source": src,
                    "publisher": None if meta is None else meta["publisher"],
                    "title": None if meta is None else meta["title"],
                    "published": None if meta is None else meta["published"],
                    "url": None if meta is None else meta["url"],
                }
            )
    return pd.DataFrame(rows, columns=["figure", "source", "publisher", "title", "published", "url"])


UNDATED = N_("undated")


def source_labels(stats: pd.DataFrame, sources: pd.DataFrame, lang: str = "en") -> pd.Series:
    """Per figure, its sources as 'Publisher, date' joined by '; ' (for tooltips and tables)."""
    from . import i18n

    undated = i18n.translate(lang)(UNDATED)

    def label(ids):
        parts = []
        for src in ids:
            if src in sources.index:
                meta = sources.loc[src]
                when = meta["published"] or undated
                parts.append(f"{meta['publisher']}, {when}")
            else:
                parts.append(src)
        return "; ".join(parts)

    return stats["sources"].map(label)
