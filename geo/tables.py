"""CSV tables (events.csv, sources.csv): parsing and vectorised validation from the JSON Schema.

Every cell is read as text, then each column is checked as a whole with pandas, and only the
failing rows are turned into Problems. No per-row Python loop on the happy path.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import numpy as np
import pandas as pd

from .errors import DataFileError
from .problems import FILE, HEADER, MAX_PER_FILE, Msg, Omitted, Problem, row_place
from .readers import decode_text, read_csv_bytes
from . import schemas, textcols

from .paths import LIST_SEPARATOR  # noqa: E402  (the registry's; every list cell is split by split_list/list_items)

# a character a reader can see: not a space, not a control, format (bidi, zero-width) or separator character
VISIBLE = r"[^\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
FIRST_DATA_LINE = 2  # line 1 is the header


def _fast_parse(raw: bytes) -> pd.DataFrame | None:
    """pyarrow's multithreaded CSV reader straight from the file's bytes, every cell as trimmed text.
    None when the file is anything but plain (invalid UTF-8, ragged rows, duplicate or blank header
    names, odd quoting): the pandas parser then reads the decoded text and words the error. Same
    cells either way; several times faster on 100k rows."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv

    try:
        first = raw[: raw.find(b"\n")] if b"\n" in raw else raw
        header = next(csv.reader([first.decode("utf-8")]), [])
    except (UnicodeDecodeError, csv.Error):
        return None
    if not header or len(set(header)) != len(header) or any(not h.strip() for h in header):
        return None
    try:
        table = pcsv.read_csv(
            io.BytesIO(raw),
            convert_options=pcsv.ConvertOptions(
                column_types={h: pa.string() for h in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
            parse_options=pcsv.ParseOptions(newlines_in_values=True),
        )
        table = pa.table([pc.utf8_trim_whitespace(col) for col in table.columns], names=table.column_names)
    except (pa.ArrowInvalid, pa.ArrowException, ValueError):
        return None
    return table.to_pandas(
        types_mapper=lambda t: pd.StringDtype("pyarrow", na_value=np.nan) if t == pa.string() else None
    )


def parse_table(raw: bytes, path: str, table: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse a CSV file's bytes into an all-string frame; header problems are returned, fatal ones
    (not UTF-8, malformed CSV) raised."""
    expected = schemas.columns(table)
    try:
        frame = _fast_parse(raw)
        if frame is None:
            frame = pd.read_csv(
                io.StringIO(decode_text(raw, path)),
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=True,
                engine="c",
            )
            for col in frame.columns:
                frame[col] = frame[col].astype(str).str.strip()
    except pd.errors.EmptyDataError:
        raise DataFileError(path, Msg("file is empty")) from None
    except (pd.errors.ParserError, ValueError, csv.Error) as exc:
        detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else Msg("cannot parse CSV")
        raise DataFileError(path, Msg("malformed CSV: {detail}", detail=detail)) from None
    problems: list[Problem] = []
    header = [str(c) for c in frame.columns]
    missing = [c for c in expected if c not in header]
    unknown = [c for c in header if c not in expected]
    dupes = sorted(
        {c for c in header if header.count(c) > 1 or re.match(r".+\.\d+$", c) and c.rsplit(".", 1)[0] in header}
    )
    if missing:
        problems.append(Problem(path, HEADER, Msg("missing column(s): {columns}", columns=", ".join(missing))))
    if unknown:
        problems.append(
            Problem(
                path,
                HEADER,
                Msg(
                    "unknown column(s): {columns}; expected {expected}",
                    columns=", ".join(unknown),
                    expected=", ".join(expected),
                ),
            )
        )
    if dupes:
        problems.append(Problem(path, HEADER, Msg("duplicate column(s): {columns}", columns=", ".join(dupes))))
    for col in missing:
        frame[col] = ""
    frame = frame[expected].copy()
    frame.index = pd.RangeIndex(FIRST_DATA_LINE, FIRST_DATA_LINE + len(frame))
    return frame, problems


def read_table(path, table: str, today: date, problems: list[Problem], shown: str | None = None) -> pd.DataFrame | None:
    """Read, parse and column-check one CSV table; None (with the problem recorded) when it cannot be read."""
    shown = shown or str(path)
    try:
        frame, header_problems = parse_table(read_csv_bytes(path), shown, table)
    except DataFileError as exc:
        problems.append(Problem(shown, exc.place or FILE, exc.message))
        return None
    problems += header_problems
    problems += check_columns(frame, shown, table, today)
    return frame


def _report(path: str, frame: pd.DataFrame, mask, column: str, message) -> list[Problem]:
    """Problems for the rows selected by mask; message may be a string or a callable(value)."""
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():  # the usual case: no lookups at all
        return []
    bad = frame.index[mask]
    out = []
    if len(bad) > MAX_PER_FILE:  # the rest are counted, not spelled out (problems.cap lists at most this many)
        out.append(Omitted(path, FILE, "", count=len(bad) - MAX_PER_FILE))
        bad = bad[:MAX_PER_FILE]
    values = frame[column].loc[bad].tolist()  # one lookup per column, not one per cell
    ids = frame["id"].loc[bad].tolist()
    for line, value, rid in zip(bad, values, ids):
        text = message(value) if callable(message) else message
        out.append(Problem(path, row_place(int(line), rid, column), text))
    return out


def _shown(value: str, limit: int = 40) -> str:
    value = str(value)
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _allows_null(spec: dict) -> bool:
    return any(alt.get("type") == "null" for alt in spec.get("oneOf", []))


def _non_null(spec: dict) -> dict:
    for alt in spec.get("oneOf", []):
        if alt.get("type") != "null":
            return alt
    return spec


def check_columns(frame: pd.DataFrame, path: str, table: str, today: date | None = None) -> list[Problem]:
    """Check every column of a parsed table against its schema, vectorised."""
    today = today or date.today()
    props = schemas.schema(table)["properties"]
    problems: list[Problem] = []
    for column, raw_spec in props.items():
        col = frame[column]
        empty = col.eq("")
        nullable = _allows_null(raw_spec)
        spec = _non_null(raw_spec)
        if not nullable:
            problems += _report(path, frame, empty, column, Msg("is empty; a value is required"))
        present = ~empty
        kind = spec.get("type")
        if "enum" in spec:
            ok = textcols.isin(col, spec["enum"])
            problems += _report(
                path,
                frame,
                present & ~ok,
                column,
                lambda v, e=spec["enum"]: Msg(
                    "{value} is not one of: {allowed}", value=_shown(v), allowed=", ".join(e)
                ),
            )
        elif kind == "integer":
            whole = textcols.fullmatch(col, r"[+-]?[0-9]{1,15}")  # ASCII digits only: no Arabic-Indic or full-width
            num = col.where(whole, "0").astype("int64")  # a cast on the text column: no per-cell Python
            bad = present & ~whole
            problems += _report(
                path, frame, bad, column, lambda v: Msg("{value} is not a whole number", value=_shown(v))
            )
            lo, hi = spec.get("minimum"), spec.get("maximum")
            if lo is not None:
                problems += _report(
                    path,
                    frame,
                    ~bad & present & (num < lo),
                    column,
                    lambda v, lo=lo: Msg("{value} is below the minimum {limit}", value=v, limit=lo),
                )
            if hi is not None:
                problems += _report(
                    path,
                    frame,
                    ~bad & present & (num > hi),
                    column,
                    lambda v, hi=hi: Msg("{value} is above the maximum {limit}", value=v, limit=hi),
                )
        elif kind == "boolean":
            problems += _report(
                path,
                frame,
                present & ~textcols.isin(col, ["true", "false"]),
                column,
                lambda v: Msg("{value} must be true or false", value=_shown(v)),
            )
        elif kind == "array":
            problems += _check_list(frame, path, column, spec, present)
        elif kind == "string":
            problems += _check_string(frame, path, column, spec, present)
        if column in ("date",) or spec.get("pattern", "").startswith("^[0-9]{4}"):
            problems += _check_dates(frame, path, column, present, today)
    return problems


def _check_string(frame, path, column, spec, present) -> list[Problem]:
    col = frame[column]
    problems = []
    if "pattern" in spec:
        bad = present & ~textcols.fullmatch(
            col, spec["pattern"]
        )  # whole cell: "$" alone lets a final line break through
        hint = (
            Msg("a lowercase slug (a-z, 0-9, single hyphens)")
            if "a-z0-9" in spec["pattern"]
            else Msg("of the form {pattern}", pattern=spec["pattern"])
        )
        if "https?" in spec["pattern"]:
            hint = Msg("an http:// or https:// address without spaces or quotes")
        elif spec["pattern"].startswith("^[0-9]{4}"):
            hint = (
                Msg("a date written YYYY-MM-DD")
                if "{2}-[0-9]{2}$" in spec["pattern"]
                else Msg("a date written YYYY, YYYY-MM or YYYY-MM-DD")
            )
        problems += _report(
            path, frame, bad, column, lambda v, h=hint: Msg("{value} is not {hint}", value=_shown(v), hint=h)
        )
    elif "enum" not in spec and "format" not in spec:  # free text must show something
        problems += _report(
            path,
            frame,
            present & ~textcols.contains(col, VISIBLE),
            column,
            Msg("has no visible character (only spaces or invisible characters)"),
        )
    lengths = col.str.len()
    if "maxLength" in spec:
        problems += _report(
            path,
            frame,
            present & (lengths > spec["maxLength"]),
            column,
            Msg("is longer than {limit} characters", limit=spec["maxLength"]),
        )
    return problems


def _check_list(frame, path, column, spec, present) -> list[Problem]:
    import pyarrow.compute as pc

    col = frame[column]
    items, parents = list_items(col)  # split on ';', each id trimmed as str.strip trims it
    # a cell is looked at when it holds more than ids and ';' or an empty place between separators;
    # its first item that is not an id is named (every such row is found, then the first 1,000 listed)
    needs_look = present.to_numpy() & (textcols.contains(col, r"[^a-z0-9;-]") | textcols.contains(col, ";;|^;|;$"))
    wrong = ~textcols.fullmatch(items, spec["items"]["pattern"]) & needs_look[parents]
    rows, first = np.unique(parents[wrong], return_index=True)  # parents ascend: the first wrong item per row
    named = np.flatnonzero(wrong)[first]
    problems = []
    if len(rows) > MAX_PER_FILE:
        problems.append(Omitted(path, FILE, "", count=len(rows) - MAX_PER_FILE))
        rows, named = rows[:MAX_PER_FILE], named[:MAX_PER_FILE]
    ids = frame["id"].iloc[rows].tolist()
    for line, rid, item in zip(frame.index[rows], ids, items.take(named).to_pylist()):
        problems.append(
            Problem(
                path,
                row_place(int(line), rid, column),
                Msg(
                    "{value} is not a valid id; separate ids with '{separator}'",
                    value=_shown(item),
                    separator=LIST_SEPARATOR,
                ),
            )
        )
    codes = pc.dictionary_encode(items).indices.to_numpy(zero_copy_only=False).astype(np.int64)
    keys = parents.astype(np.int64) * (int(codes.max(initial=0)) + 1) + codes  # one key per (row, id)
    unique_keys, counts = np.unique(keys, return_counts=True)
    twice = np.unique(parents[np.isin(keys, unique_keys[counts > 1])])
    dup = np.zeros(len(frame), dtype=bool)
    dup[twice] = True
    problems += _report(path, frame, present & dup, column, Msg("lists the same id twice"))
    return problems


def _check_dates(frame, path, column, present, today: date) -> list[Problem]:
    col = frame[column]
    full = pd.Series(textcols.fullmatch(col, r"\d{4}-\d{2}-\d{2}"), index=col.index)
    if (present & ~full).any():  # only then look for the shorter YYYY-MM and YYYY forms
        month = pd.Series(textcols.fullmatch(col, r"\d{4}-\d{2}"), index=col.index)
        year = pd.Series(textcols.fullmatch(col, r"\d{4}"), index=col.index)
        padded = col.where(~month, col + "-01").where(~year, col + "-01-01")
    else:
        month = year = pd.Series(False, index=col.index)
        padded = col
    shaped = present & (full | month | year)
    parsed = pd.to_datetime(padded.where(shaped), format="%Y-%m-%d", errors="coerce")
    problems = _report(
        path,
        frame,
        shaped & parsed.isna(),
        column,
        lambda v: Msg("{value} is not a real calendar date", value=_shown(v)),
    )
    future = shaped & parsed.notna() & (parsed > pd.Timestamp(today))
    problems += _report(path, frame, future, column, lambda v: Msg("{value} is in the future", value=v))
    too_old = shaped & parsed.notna() & (parsed < pd.Timestamp("1945-01-01"))
    problems += _report(path, frame, too_old, column, lambda v: Msg("{value} is before 1945", value=v))
    return problems


def arrow_strings(series: pd.Series):
    """The column as one pyarrow string array: zero-copy for pyarrow-backed text (textcols.strings)."""
    return textcols.strings(series)


def list_items(series: pd.Series):
    """Every id in a ';'-separated column, flattened (a pyarrow string array), with the row position
    each came from (numpy): a pyarrow split, so checks over 100k rows need no per-row Python."""
    import pyarrow.compute as pc

    lists = pc.split_pattern(arrow_strings(series), LIST_SEPARATOR)
    flat = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    return flat, pc.list_parent_indices(lists).to_numpy()


def rows_naming_unknown(series: pd.Series, known) -> np.ndarray:
    """Row positions whose list names an id not in `known` (empty cells name nothing)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    items, parents = list_items(series)
    known_arr = pa.array([str(k) for k in known], type=pa.string())
    unknown = pc.and_(pc.not_equal(items, ""), pc.invert(pc.is_in(items, value_set=known_arr)))
    return np.unique(parents[unknown.to_numpy(zero_copy_only=False)])


def split_list(series: pd.Series) -> pd.Series:
    """The ';'-separated ids of each cell as a tuple (empty cell: empty tuple), split once per
    distinct cell. Items are trimmed, as check_columns trims them before it checks them."""
    codes, uniques = pd.factorize(series)
    tuples = np.empty(len(uniques), dtype=object)
    tuples[:] = [
        tuple(s.strip() for s in v.split(LIST_SEPARATOR)) if v else () for v in np.asarray(uniques, dtype=object)
    ]
    return pd.Series(tuples[codes], index=series.index, dtype=object)
