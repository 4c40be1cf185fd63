"""The whole data directory as one validated Dataset, and the checks that span files.

`check(root)` reads everything and returns every problem; `load(root)` returns a Dataset or
raises InvalidData. Cross-file rules live here: unique ids, references that resolve, low ≤ high.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from . import claim_checks, claims as claims_mod, textcols
from .errors import DataFileError, InvalidData
from .layers import SITE_COLUMNS, read_layer
from .paths import LAYERS, SITES_SUBDIR, layer_path, table_path
from .problems import FILE, MAX_PER_FILE, Msg, Omitted, Problem, cap, feature_place, row_place
from . import statistics as statistics_mod
from .tables import arrow_strings, read_table, split_list

SITE_REFS = ("origin", "crossing", "destination")


@dataclass(frozen=True)
class Dataset:
    """Validated, typed data. Events stay a DataFrame so 100k rows remain cheap: texts are
    pyarrow-backed, origin/crossing/destination are categoricals over the site ids (missing: NaN),
    part_of is text or None. Each event also carries its figure as derived from its claims
    (claims.DERIVED: people_low/people_high are the smallest and largest figures its sources state,
    with flags) and `sources`, the tuple of source ids its claims cite."""

    root: Path
    sites: pd.DataFrame  # index: site id; a 'geometry' column of shapely geometries (WGS-84 lon/lat)
    events: pd.DataFrame  # index: event id, sorted by date
    sources: pd.DataFrame  # index: source id
    warnings: tuple = field(default=())
    statistics: pd.DataFrame | None = None  # statistics.csv, when the directory has one
    claims: pd.DataFrame | None = None  # claims.csv, typed, in file order (index: claim id)

    def site_ids(self) -> set[str]:
        return set(self.sites.index)


@dataclass
class Report:
    problems: list[Problem]
    dataset: Dataset | None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def _read_sites(root: Path, overrides: dict, problems: list[Problem], invalid: set[str]) -> list[dict]:
    records: list[dict] = []
    for layer in LAYERS:
        path = overrides.get(layer, layer_path(root, layer))
        if not path.exists() and layer not in overrides:
            continue
        try:
            recs, probs, bad_ids = read_layer(path, layer)
        except DataFileError as exc:
            problems.append(Problem(str(path), exc.place or FILE, exc.message))
            continue
        problems += probs
        invalid |= bad_ids
        for rec in recs:
            rec["_path"] = str(path)
        records += recs
    return records


def check(root: Path, overrides: dict[str, Path] | None = None, today: date | None = None) -> Report:
    """Read and validate the data directory; `overrides` swaps in candidate files (layer name,
    'events', 'sources', 'claims' or 'statistics' → path) checked against the rest of the directory."""
    today = today or date.today()
    overrides = overrides or {}
    problems: list[Problem] = []
    root = Path(root)
    if not root.is_dir():
        return Report([Problem(str(root), Msg("directory"), Msg("data directory not found"))], None)
    invalid_sites: set[str] = set()
    site_records = _read_sites(root, overrides, problems, invalid_sites)
    src_path = overrides.get("sources", table_path(root, "sources"))
    ev_path = overrides.get("events", table_path(root, "events"))
    cl_path = overrides.get("claims", table_path(root, "claims"))
    sources = read_table(src_path, "sources", today, problems, str(src_path))
    events = read_table(ev_path, "events", today, problems, str(ev_path))
    claims = read_table(cl_path, "claims", today, problems, str(cl_path))
    if not (root / SITES_SUBDIR).is_dir() and not any(k in overrides for k in LAYERS):
        problems.append(Problem(str(root / SITES_SUBDIR), Msg("directory"), Msg("no site layers found")))

    source_ids = _id_set(sources) if sources is not None else None
    sites = _site_checks(site_records, source_ids, problems)
    if events is not None and _at_cap(problems, str(ev_path)):
        problems.append(
            Problem(
                str(ev_path),
                FILE,
                Msg("links to sites, sources and other events were not checked: fix the problems above first"),
            )
        )
    elif events is not None:
        _event_checks(events, str(ev_path), sites, invalid_sites, problems)
    if sources is not None:
        _unique(sources, str(src_path), problems)
        problems += claim_checks.source_checks(sources, str(src_path))
    if claims is not None:
        event_ids = _id_set(events) if events is not None else None
        problems += claim_checks.check(
            claims, str(cl_path), event_ids, source_ids, set(sites) | invalid_sites, events, str(ev_path)
        )
    stats_path = overrides.get("statistics", table_path(root, "statistics"))
    stats = None
    if stats_path.exists() or "statistics" in overrides:
        stats, stats_problems = statistics_mod.check_file(stats_path, source_ids, today)
        problems += stats_problems

    dataset = None
    if not any(p.is_error for p in problems) and sources is not None and events is not None and claims is not None:
        typed_claims = _typed_claims(claims)
        dataset = Dataset(
            root,
            _site_frame(site_records),
            _typed_events(events, sorted(sites), typed_claims),
            _typed_sources(sources),
            tuple(p for p in problems if not p.is_error),
            stats,
            typed_claims,
        )
    _release_parser_memory()
    return Report(cap(problems), dataset)  # at most MAX_PER_FILE listed per file, the rest counted


def _id_set(frame: pd.DataFrame) -> set[str]:
    """The ids of a table as a set of str (iterating pyarrow-backed text cell by cell costs ~0.5 s per 100k)."""
    return set(textcols.strings(frame["id"]).to_pylist())


def _release_parser_memory() -> None:
    """Hand the parser's freed buffers back to the OS: pyarrow's allocator keeps them otherwise, and a
    long-running server would carry a copy's worth of text (about 60 MB at 100k events) for good."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


def load(root: Path, today: date | None = None) -> Dataset:
    report = check(root, today=today)
    if report.dataset is None:
        raise InvalidData(report.errors or report.problems)
    return report.dataset


def _site_checks(records: list[dict], source_ids, problems) -> dict[str, dict]:
    seen: dict[str, dict] = {}
    for rec in records:
        place = feature_place(rec["_index"], rec["id"], "id")
        if rec["id"] in seen:
            other = seen[rec["id"]]
            problems.append(
                Problem(
                    rec["_path"],
                    place,
                    Msg(
                        "duplicate site id; also feature {index} of {path}", index=other["_index"], path=other["_path"]
                    ),
                )
            )
            continue
        seen[rec["id"]] = rec
        if source_ids is not None:
            for sid in rec["sources"]:
                if sid not in source_ids:
                    problems.append(
                        Problem(
                            rec["_path"],
                            feature_place(rec["_index"], rec["id"], "properties.sources"),
                            Msg("source {id!r} is not in sources.csv", id=sid),
                        )
                    )
    return seen


def _unique(frame: pd.DataFrame, path: str, problems: list[Problem]) -> None:
    ids = frame["id"]
    dup = ids.ne("") & ids.duplicated(keep="first")
    first = pd.Series(textcols.first_rows(ids), index=frame.index) if dup.any() else None
    for line in _bounded(frame.index[dup.to_numpy()], path, problems):
        problems.append(
            Problem(
                path,
                row_place(int(line), ids[line], "id"),
                Msg("duplicate id; first used on row {first}", first=int(first[line])),
            )
        )


def _event_checks(ev: pd.DataFrame, path: str, sites: dict, invalid_sites: set[str], problems) -> None:
    _unique(ev, path, problems)
    site_ids = pd.Index(list(sites))
    for col in SITE_REFS:
        vals = ev[col]
        missing = vals.ne("") & ~textcols.isin(vals, site_ids)
        for line in _bounded(ev.index[missing.to_numpy()], path, problems):
            why = (
                Msg("site {id!r} is invalid in its site layer (see the problems there)", id=vals[line])
                if vals[line] in invalid_sites
                else Msg("site {id!r} does not exist in any site layer", id=vals[line])
            )
            problems.append(Problem(path, row_place(int(line), ev.at[line, "id"], col), why))
    crossing_ids = [sid for sid, rec in sites.items() if rec["kind"] == "border-crossing"]
    wrong_kind = textcols.isin(ev["crossing"], site_ids) & ~textcols.isin(ev["crossing"], crossing_ids)
    for line in _bounded(ev.index[wrong_kind], path, problems):
        problems.append(
            Problem(
                path,
                row_place(int(line), ev.at[line, "id"], "crossing"),
                Msg("site {id!r} is not a border crossing", id=ev.at[line, "crossing"]),
            )
        )
    same = ev["origin"].ne("") & ev["origin"].eq(ev["destination"]) & ev["crossing"].eq("")
    for line in _bounded(ev.index[same.to_numpy()], path, problems):
        problems.append(
            Problem(
                path,
                row_place(int(line), ev.at[line, "id"], "destination"),
                Msg("destination is the same site as origin"),
                "warning",
            )
        )
    _part_of_checks(ev, path, problems)
    _date_precision_checks(ev, path, problems)


def _at_cap(problems: list[Problem], path: str) -> bool:
    """True when `path` already has MAX_PER_FILE problems: further checks of it would not be listed."""
    return sum(p.count if isinstance(p, Omitted) else 1 for p in problems if p.path == path) >= MAX_PER_FILE


def _bounded(lines, path: str, problems: list[Problem]):
    """The first MAX_PER_FILE rows a check flags; the rest are counted (problems.cap reports them)."""
    if len(lines) > MAX_PER_FILE:
        problems.append(Omitted(path, FILE, "", count=len(lines) - MAX_PER_FILE))
        return lines[:MAX_PER_FILE]
    return lines


def _part_of_checks(ev, path, problems) -> None:
    part = ev["part_of"]
    ids = ev["id"]
    has = part.ne("")
    named = ids[textcols.isin(ids, part[has])]  # the rows of the events some row names as its umbrella
    known = has & textcols.isin(part, named)
    missing = has & ~known
    for line in _bounded(ev.index[missing.to_numpy()], path, problems):
        problems.append(
            Problem(path, row_place(int(line), ids[line], "part_of"), Msg("event {id!r} does not exist", id=part[line]))
        )
    selfref = has & part.eq(ids)
    for line in _bounded(ev.index[selfref.to_numpy()], path, problems):
        problems.append(
            Problem(path, row_place(int(line), ids[line], "part_of"), Msg("an event cannot be part of itself"))
        )
    parents_part = dict(zip(named, part[named.index]))  # as dict(zip(ids, part)): the last row of an id wins
    nested = known & textcols.isin(part, [p for p, pp in parents_part.items() if pp != ""])
    for line in _bounded(ev.index[nested.to_numpy()], path, problems):
        problems.append(
            Problem(
                path,
                row_place(int(line), ids[line], "part_of"),
                Msg("event {id!r} is itself part of another event; nest one level only", id=part[line]),
            )
        )


def _date_precision_checks(ev, path, problems) -> None:
    d, prec = ev["date"], ev["date_precision"]
    shaped = pd.Series(textcols.fullmatch(d, r"\d{4}-\d{2}-\d{2}"), index=d.index)
    month_bad = shaped & prec.eq("month") & ~d.str.endswith("-01")
    year_bad = shaped & prec.eq("year") & ~d.str[5:].eq("01-01")
    for mask, what in (
        (month_bad, Msg("month precision: write the first day of the month (YYYY-MM-01)")),
        (year_bad, Msg("year precision: write the first day of the year (YYYY-01-01)")),
    ):
        for line in _bounded(ev.index[mask.to_numpy()], path, problems):
            problems.append(Problem(path, row_place(int(line), ev.at[line, "id"], "date"), what))


def _site_frame(records: list[dict]) -> pd.DataFrame:
    # a plain frame with a column of shapely geometries: nothing here needs geopandas, whose import
    # alone costs a short command like `python -m geo export` about a second
    rows = [{k: r[k] for k in SITE_COLUMNS} for r in records]
    frame = pd.DataFrame(rows, columns=SITE_COLUMNS)
    for col in ("name_zh", "side_cn", "side_kp"):  # optional texts stay None, never NaN
        frame[col] = pd.Series([r[col] for r in rows], index=frame.index, dtype=object)
    return frame.set_index("id", drop=False).rename_axis(None)


def _typed_events(ev: pd.DataFrame, site_ids: list[str], claims: pd.DataFrame) -> pd.DataFrame:
    """The validated text columns as typed columns, without a round trip through Python objects:
    texts stay pyarrow-backed, site references become categoricals over the sorted site ids (integer
    codes for the aggregates); the figure columns are derived from the claims (claims.derive)."""
    site_ids = pd.Index(site_ids, dtype=object)
    dates = pd.to_datetime(ev["date"], format="%Y-%m-%d").to_numpy()
    out = pd.DataFrame(
        {
            "id": ev["id"].array,
            "date": dates,
            "date_precision": pd.Categorical(ev["date_precision"].to_numpy(dtype=object)),
            "kind": ev["kind"].array,
            **{col: _site_codes(ev[col], site_ids) for col in SITE_REFS},
            "part_of": _optional_text(ev["part_of"]),
            "confidence": ev["confidence"].array,
            "summary": ev["summary"].array,
            "summary_ko": _optional_text(ev["summary_ko"]),
            "sensitive": ev["sensitive"].eq("true").to_numpy(),
        }
    )
    derived = claims_mod.derive(pd.Index(out["id"].to_numpy(dtype=object)), claims)
    for col in claims_mod.DERIVED:
        out[col] = derived[col].to_numpy()
    out["date_end"] = _period_end(out["date"], out["date_precision"])
    order = np.lexsort((pd.factorize(out["id"], sort=True)[0], dates))  # by date, then id
    out = out.take(order)
    return out.set_index("id", drop=False).rename_axis(None)


def _site_codes(col: pd.Series, site_ids: pd.Index) -> pd.Categorical:
    """Site references as a categorical over all site ids (empty cells: missing)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    found = pc.index_in(arrow_strings(col), value_set=pa.array(list(site_ids), type=pa.string()))
    codes = pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    return pd.Categorical.from_codes(codes, categories=site_ids)


def _optional_text(col: pd.Series) -> pd.Series:
    """Text where a cell has some, None elsewhere (object dtype: most cells of part_of are empty)."""
    out = np.full(len(col), None, dtype=object)
    filled = np.flatnonzero(col.ne("").to_numpy())
    out[filled] = col.iloc[filled].to_numpy(dtype=object)
    return pd.Series(out, dtype=object)


def _period_end(dates: pd.Series, precision: pd.Series) -> pd.Series:
    """The last day each event's dated period covers (day, week, month or year), in numpy date units."""
    day = dates.to_numpy().astype("datetime64[D]")
    one = np.timedelta64(1, "D")
    month_end = (day.astype("datetime64[M]") + 1).astype("datetime64[D]") - one
    year_end = (day.astype("datetime64[Y]") + 1).astype("datetime64[D]") - one
    prec = pd.Categorical(precision)
    end = np.where(np.asarray(prec == "week"), day + np.timedelta64(6, "D"), day)
    end = np.where(np.asarray(prec == "month"), month_end, end)
    end = np.where(np.asarray(prec == "year"), year_end, end)
    return pd.Series(end.astype(dates.dtype), index=dates.index)


def _typed_sources(src: pd.DataFrame) -> pd.DataFrame:
    out = src.reset_index(drop=True).astype(object)
    for col in ("author", "url", "archive_url", "cites", "published"):
        out[col] = out[col].where(out[col] != "", None)
    return out.set_index("id", drop=False).rename_axis(None)


def _typed_claims(cl: pd.DataFrame) -> pd.DataFrame:
    """Claims in file order: numbers as nullable integers, empty texts as None, sites as tuples."""
    out = pd.DataFrame(
        {
            "id": cl["id"].to_numpy(dtype=object),
            "event": cl["event"].to_numpy(dtype=object),
            "source": cl["source"].to_numpy(dtype=object),
            "said_by": _optional_text(cl["said_by"]).to_numpy(),
            "qualifier": cl["qualifier"].to_numpy(dtype=object),
            "people": pd.array(textcols.numbers(cl["people"].where(cl["people"].ne(""))), dtype="Int64"),
            "people_to": pd.array(textcols.numbers(cl["people_to"].where(cl["people_to"].ne(""))), dtype="Int64"),
            "date": _optional_text(cl["date"]).to_numpy(),
            "date_precision": _optional_text(cl["date_precision"]).to_numpy(),
            "sites": split_list(cl["sites"]).to_numpy(),
            "note": _optional_text(cl["note"]).to_numpy(),
        }
    )
    return out.set_index("id", drop=False).rename_axis(None)
