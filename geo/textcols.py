"""Whole-column text tests in pyarrow's C++ kernels that answer exactly as Python's `re` and `in` do.

Validation checks every cell of 100,000-row tables. pandas runs `str.fullmatch`/`str.contains` in
pyarrow only for some patterns and data (a pattern with `\\s`, `\\u…` or `\\d` on non-ASCII text falls
back to a Python loop over the whole column), and `Series.isin` on pyarrow-backed text boxes every
value of the set in Python (seconds against 100,000 ids). Here:

- `fullmatch(series, pattern)` / `contains(series, pattern)`: the Python pattern is rewritten for RE2
  (pyarrow's engine) so that it means the same thing: `\\s` becomes the explicit list of the characters
  Python calls white space, escapes become code points. Where RE2 could answer differently, the cells
  concerned, and only those, are tested with Python's `re`: `\\d`, `\\w` and `\\b` are Unicode-aware in
  Python and ASCII-only in RE2, so they send the non-ASCII cells to Python; Python's `$` also matches
  before a final line break, so a pattern with `$` sends the cells holding a line break to Python; a
  pattern RE2 cannot express (lookarounds, backreferences, flags, possessive repeats) goes to Python
  whole. The answer is a numpy bool array, one per cell, the same as `re.fullmatch`/`re.search`.
- `isin(series, values)`: pyarrow's hash lookup, the same answer as `cell in set(values)` for text.
- `numbers(series)`: `pd.to_numeric(series, errors="coerce")`, worked out once per distinct text.
- `first_rows(series)`: for each cell, the index label of the first cell with the same value.
- `strings(series)`: a text column as one pyarrow string array (zero-copy for pyarrow-backed text).

Missing cells (None/NaN) answer False everywhere.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

# Python's white space for str patterns (`\s`, str.isspace, str.strip): tests/geo/test_textcols.py
# checks this list against every code point.
PY_SPACE = (
    "\t",
    "\n",
    "\x0b",
    "\x0c",
    "\r",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x1f",
    " ",
    "\x85",
    "\xa0",
    "\u1680",
    "\u2000-\u200a",
    "\u2028",
    "\u2029",
    "\u202f",
    "\u205f",
    "\u3000",
)
_ASCII_ONLY = set("dDwWbB")  # Unicode-aware in Python, ASCII in RE2: exact on ASCII text only
_CHAR_ESCAPES = {"a": 7, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


class _Unsupported(Exception):
    """The pattern uses something this translation does not carry over to RE2 exactly."""


def _cp(code: int) -> str:
    return f"\\x{{{code:x}}}"


def _space_items() -> str:
    return "".join(
        "-".join(_cp(ord(c)) for c in item.split("-")) if len(item) == 3 and item[1] == "-" else _cp(ord(item))
        for item in PY_SPACE
    )


@lru_cache(maxsize=256)
def translate(pattern: str) -> tuple[str, bool, bool] | None:
    """(RE2 pattern, exact only on ASCII text, Python's `$` used) for a Python pattern, or None when
    RE2 cannot say the same thing (the caller then uses Python's re for every cell)."""
    try:
        re.compile(pattern)
    except re.error:
        return None
    try:
        return _translate(pattern)
    except _Unsupported:
        return None


def _escape(pattern: str, i: int, in_class: bool) -> tuple[str, int, bool]:
    """One backslash escape at pattern[i] == '\\': (RE2 text, next index, ASCII-only)."""
    if i + 1 >= len(pattern):
        raise _Unsupported
    c = pattern[i + 1]
    if c == "s":
        return (_space_items() if in_class else f"[{_space_items()}]"), i + 2, False
    if c == "S" and not in_class:
        return f"[^{_space_items()}]", i + 2, False
    if c in _ASCII_ONLY:
        if in_class and c in "WDbB":
            raise _Unsupported  # negated classes and boundaries inside [...]: rare; Python answers
        return "\\" + c, i + 2, True
    if c in _CHAR_ESCAPES:
        return _cp(_CHAR_ESCAPES[c]), i + 2, False
    if c in _HEX_ESCAPES:
        width = _HEX_ESCAPES[c]
        digits = pattern[i + 2 : i + 2 + width]
        return _cp(int(digits, 16)), i + 2 + width, False  # re.compile accepted it: valid hex
    if c == "A" and not in_class:
        return "\\A", i + 2, False
    if c == "Z" and not in_class:
        return "\\z", i + 2, False
    if c.isalnum() or c == "_" or ord(c) > 127:
        raise _Unsupported  # \N{…}, backreferences, \0 octal, anything else with a letter or digit
    return _cp(ord(c)), i + 2, False  # an escaped punctuation mark: that character, literally


def _translate(pattern: str) -> tuple[str, bool, bool]:
    out: list[str] = []
    ascii_only = dollar = False
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            text, i, ascii_flag = _escape(pattern, i, False)
            out.append(text)
            ascii_only |= ascii_flag
            continue
        if c == "[":
            text, i, ascii_flag = _class(pattern, i)
            out.append(text)
            ascii_only |= ascii_flag
            continue
        if c == "(":
            if pattern.startswith("(?", i):
                if pattern.startswith("(?:", i):
                    out.append("(?:")
                    i += 3
                    continue
                if pattern.startswith("(?P<", i):
                    end = pattern.index(">", i)
                    out.append("(?:")  # the name does not change what matches
                    i = end + 1
                    continue
                raise _Unsupported  # lookarounds, atomic groups, flags, comments, conditionals
            out.append("(")
            i += 1
            continue
        if c in "*+?":
            out.append(c)
            i = _after_repeat(pattern, i + 1, out)
            continue
        if c == "{":
            close = pattern.find("}", i)
            body = pattern[i + 1 : close] if close > 0 else ""
            if re.fullmatch(r"[0-9]+(,[0-9]*)?", body):  # a repeat: {m}, {m,}, {m,n}
                if any(int(x) > 1000 for x in body.split(",") if x):
                    raise _Unsupported  # past RE2's repeat limit
                out.append("{" + body + "}")
                i = _after_repeat(pattern, close + 1, out)
                continue
            if re.fullmatch(r",[0-9]*", body):
                raise _Unsupported  # {,n} repeats in Python; RE2 would read it literally
            out.append(_cp(ord(c)))  # any other '{' is literal in Python
            i += 1
            continue
        if c == "$":
            dollar = True
            out.append("$")  # RE2 (no multi-line): the very end only; cells with a line break go to Python
            i += 1
            continue
        if c in "^.|)":
            out.append(c)
            i += 1
            continue
        out.append(c if c.isascii() and c.isalnum() else _cp(ord(c)))
        i += 1
    return "".join(out), ascii_only, dollar


def _after_repeat(pattern: str, i: int, out: list[str]) -> int:
    """After a repeat: a lazy '?' carries over; a possessive '+' does not exist in RE2."""
    if i < len(pattern) and pattern[i] == "?":
        out.append("?")
        i += 1
    elif i < len(pattern) and pattern[i] == "+":
        raise _Unsupported
    return i


def _class(pattern: str, i: int) -> tuple[str, int, bool]:
    """A [...] set starting at pattern[i]: (RE2 text, next index, ASCII-only). Every member is written
    as a code point, so that RE2 never reads a POSIX class ([:alpha:]) or an operator where Python sees
    characters."""
    out = ["["]
    ascii_only = False
    i += 1
    if i < len(pattern) and pattern[i] == "^":
        out.append("^")
        i += 1
    first = True
    while i < len(pattern):
        c = pattern[i]
        if c == "]" and not first:
            out.append("]")
            return "".join(out), i + 1, ascii_only
        first = False
        if c == "\\":
            text, i, ascii_flag = _escape(pattern, i, True)
            out.append(text)
            ascii_only |= ascii_flag
            continue
        if c == "-":
            out.append("-")  # a range between the members on either side, or a hyphen at an edge, in both
            i += 1
            continue
        if c == "[" and pattern.startswith(("[:", "[=", "[."), i):
            raise _Unsupported  # Python warns and reads characters; keep it Python's
        out.append(_cp(ord(c)))
        i += 1
    raise _Unsupported  # unterminated (re.compile would have refused it)


def strings(series) -> "pa.Array":  # noqa: F821  (pyarrow is imported lazily)
    """A text column (Series, Index, array or iterable of str) as one pyarrow string array."""
    import pyarrow as pa

    if isinstance(series, (pa.Array, pa.ChunkedArray)):
        arr = series.combine_chunks() if isinstance(series, pa.ChunkedArray) else series
        if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
            return arr
    if isinstance(series, (pd.Series, pd.Index)):
        try:
            arr = pa.chunked_array(series.array.__arrow_array__()).combine_chunks()
            if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
                return arr
        except (AttributeError, TypeError, pa.ArrowException):
            pass
        values = series.to_numpy(dtype=object)
    elif isinstance(series, np.ndarray):
        values = series.astype(object, copy=False)
    else:
        values = np.array(list(series), dtype=object)
    texts = (
        np.array([v if isinstance(v, str) else None for v in values], dtype=object) if not _all_text(values) else values
    )
    return pa.array(texts, type=pa.string(), from_pandas=True)


def _all_text(values: np.ndarray) -> bool:
    import pandas.api.types as ptypes

    return ptypes.infer_dtype(values, skipna=False) in ("string", "empty")


def _bools(result) -> np.ndarray:
    import pyarrow.compute as pc

    return np.asarray(pc.fill_null(result, False).to_numpy(zero_copy_only=False), dtype=bool)


def isin(series, values) -> np.ndarray:
    """Per cell: is its text one of `values` (text only; other values never match, nor do missing cells)."""
    import pyarrow.compute as pc

    arr = strings(series)
    if isinstance(values, (set, frozenset, dict)):
        values = list(values)
    value_set = strings(values).drop_null() if len(values) else None
    if value_set is None or not len(value_set) or not len(arr):
        return np.zeros(len(arr), dtype=bool)
    return _bools(pc.is_in(arr, value_set=pc.unique(value_set)))


def fullmatch(series, pattern: str) -> np.ndarray:
    """Per cell: bool(re.fullmatch(pattern, cell))."""
    return _match(series, pattern, whole=True)


def contains(series, pattern: str) -> np.ndarray:
    """Per cell: bool(re.search(pattern, cell))."""
    return _match(series, pattern, whole=False)


def _match(series, pattern: str, whole: bool) -> np.ndarray:
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = strings(series)
    plan = translate(pattern)
    result = None
    if plan is not None and len(arr):
        re2, ascii_only, dollar = plan
        try:
            result = _bools(pc.match_substring_regex(arr, rf"\A(?:{re2})\z" if whole else re2))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            result = None  # RE2 refused it (a limit of its own): Python answers
    if result is None:
        python_rows = np.ones(len(arr), dtype=bool)
        result = np.zeros(len(arr), dtype=bool)
    else:
        python_rows = np.zeros(len(arr), dtype=bool)
        if ascii_only:
            python_rows |= ~_bools(pc.string_is_ascii(arr))
        if dollar:
            python_rows |= _bools(pc.match_substring(arr, "\n"))
    rows = np.flatnonzero(python_rows)
    if len(rows):
        test = re.compile(pattern).fullmatch if whole else re.compile(pattern).search
        cells = arr.take(pa.array(rows)).to_pylist()
        result[rows] = [v is not None and test(v) is not None for v in cells]
    return result


def first_rows(series: pd.Series) -> np.ndarray:
    """For each cell, the index label of the first cell holding the same value (one pass, where a
    lookup per duplicate would cost a scan of the column each)."""
    codes, _ = pd.factorize(series, use_na_sentinel=False)
    _, first = np.unique(codes, return_index=True)  # codes count up from 0 in order of first appearance
    return np.asarray(series.index)[first[codes]]


def numbers(series: pd.Series) -> pd.Series:
    """pd.to_numeric(series, errors="coerce"), the same values and dtype, parsed once per distinct cell
    (the dtype follows from the set of values, which the distinct cells share with the column)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    parsed = pd.to_numeric(pd.Series(np.asarray(uniques, dtype=object)), errors="coerce")
    return pd.Series(parsed.to_numpy()[codes], index=series.index, name=series.name)


def positions(series, index) -> np.ndarray:
    """Per cell: the position of its text among `index`'s values (its first, for a repeated value), -1 if absent."""
    import pyarrow.compute as pc

    arr = strings(series)
    if not len(arr):
        return np.zeros(0, dtype=np.int64)
    found = pc.index_in(arr, value_set=strings(index))
    return np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
