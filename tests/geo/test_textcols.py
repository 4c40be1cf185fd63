"""geo.textcols answers exactly as Python does (re.fullmatch / re.search, `in`, pd.to_numeric), on
text built to tell the engines apart: Python's and RE2's white space, Unicode digits, line breaks,
bidi and zero-width characters, Korean, and patterns RE2 cannot say (answered by Python)."""

from __future__ import annotations

import random
import re
import sys

import numpy as np
import pandas as pd
import pytest

from geo import schemas, tables, textcols

TEXT = pd.StringDtype("pyarrow", na_value=np.nan)
# characters where Python and RE2 (or pandas' two string paths) could disagree
ALPHABET = list("abz-;09 .:/<>\"'_AZ\t\n\x0b\x0c\r\x1c\x1f\x7f\x85\xa0\xad") + [
    "\u3000",
    "\u2028",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\u180e",
    "\u061c",
    "\u0661",
    "\u0663",
    "\uff11",
    "\u0966",
    "\U0001d7d8",  # Arabic-Indic, full-width, Devanagari, mathematical digits
    "한",
    "국",
    "é",
    "ǅ",
    "Ω",
    "\U0001f600",
    "{",
    "}",
    "[",
    "]",
    "\\",
    "+",
    "=",
    "@",
]
EXTRA = [
    "",
    "2021-07-14",
    "2021-07",
    "2021",
    "\u0662\u0660\u0662\u0661-07-14",
    "2021-07-14\n",
    "abc\n",
    "a\nb",
    "https://example.org/a",
    "https://example.org/a b",
    "http://x\u3000y",
    "en",
    "en-GB",
    "ko-Kore-KR",
    "a;b",
    "a;;b",
    ";a",
    "a;",
    "a;\n",
    "a; b",
    "-a",
    "a--b",
    "a-b",
    "+12",
    "-3",
    "0012",
    "1" * 16,
    "\u0663\u0664",
    "  ",
    "\u200b\u3000",
    "x\u202e",
    "true",
    "false",
    "True",
]
# every pattern validation uses, then ones that exercise the translation's edges
VALIDATION_PATTERNS = sorted(
    {
        tables.VISIBLE,
        r"[+-]?[0-9]{1,15}",
        r"\d{4}-\d{2}-\d{2}",
        r"\d{4}-\d{2}",
        r"\d{4}",
        r"\d+",
        r"[^a-z0-9;-]",
        ";;|^;|;$",
        r"[0-9]+",
    }
)
EDGE_PATTERNS = [
    r"\w+\b.",
    r"\bab\b",
    r"[\d\s]+",
    r"\S+",
    r"\s",
    r"\D",
    r"\W",
    r"a{,3}",
    r"(?<=a)b",
    r"(?!a)b",
    r"(a)\1",
    r"(?i)AB",
    r"a*+",
    r"x{}",
    r"{",
    r"a{2}",
    r"a{1,}?",
    r"[]a]+",
    r"[^]a]",
    r"[[:alpha:]]",
    r"a.*?b",
    r"(?P<x>ab)+",
    r"\x41|\u3000|\U0001F600",
    r"\.\-\;",
    r"^$",
    r"$",
    r"\Aa\Z",
    r"[\u0660-\u0669]",
    r"[a-]",
    r"[-a]",
    r"\t\n\v\f\r\a",
    r"[\x00-\x1f]",
    r"a|",
    r"\d{1001}",
    r"#a b",
]


def _schema_patterns() -> set[str]:
    found = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.add(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for table in ("events", "sources", "claims", "statistics"):
        walk(schemas.schema(table))
    return found


@pytest.fixture(scope="module")
def cells() -> list[str]:
    rng = random.Random(20261202)
    made = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 9))) for _ in range(6000)]
    return made + EXTRA


@pytest.fixture(scope="module")
def column(cells) -> pd.Series:
    return pd.Series(cells, dtype=TEXT)


def test_python_white_space_is_listed_exactly():
    listed = set()
    for item in textcols.PY_SPACE:
        if len(item) == 3 and item[1] == "-":
            listed |= {chr(c) for c in range(ord(item[0]), ord(item[2]) + 1)}
        else:
            listed.add(item)
    python = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert listed == python
    assert {ch for ch in python if re.fullmatch(r"\s", ch)} == python


@pytest.mark.filterwarnings("ignore:Possible nested set:FutureWarning")  # [[:alpha:]]: Python reads characters
@pytest.mark.parametrize("pattern", sorted(_schema_patterns()) + VALIDATION_PATTERNS + EDGE_PATTERNS)
def test_fullmatch_and_contains_answer_as_python_re(column, cells, pattern):
    compiled = re.compile(pattern)
    assert textcols.fullmatch(column, pattern).tolist() == [compiled.fullmatch(c) is not None for c in cells]
    assert textcols.contains(column, pattern).tolist() == [compiled.search(c) is not None for c in cells]


@pytest.mark.parametrize("pattern", sorted(_schema_patterns()) + VALIDATION_PATTERNS)
def test_validation_patterns_run_in_re2(pattern):
    """No pattern that validation uses falls back to a Python loop over the whole column."""
    assert textcols.translate(pattern) is not None


@pytest.mark.filterwarnings("ignore:Possible nested set:FutureWarning")
def test_what_re2_cannot_say_goes_to_python():
    for pattern in (r"a{,3}", r"(?<=a)b", r"(a)\1", r"(?i)AB", r"a*+", r"[[:alpha:]]", r"\d{1001}"):
        assert textcols.translate(pattern) is None, pattern
    assert textcols.translate(r"\d+")[1:] == (True, False)  # exact on ASCII cells only
    assert textcols.translate(r"^a$")[1:] == (False, True)  # cells with a line break: Python's '$'


def test_other_inputs_and_missing_cells(cells):
    as_object = pd.Series(cells + [None], dtype=object)
    expected = [c is not None and re.fullmatch(r"[a-z]+", c) is not None for c in cells + [None]]
    assert textcols.fullmatch(as_object, r"[a-z]+").tolist() == expected
    assert textcols.fullmatch(pd.Index(cells), r"[a-z]+").tolist() == expected[:-1]
    assert textcols.contains(pd.Series([], dtype=TEXT), "a").tolist() == []
    assert textcols.isin(pd.Series([None, "a"], dtype=object), {"a"}).tolist() == [False, True]


def test_isin_answers_as_python_in(column, cells):
    rng = random.Random(7)
    for values in (
        set(rng.sample(cells, 500)),
        [],
        ["", "a;b"],
        pd.Series(cells[:50], dtype=TEXT),
        pd.Index(cells[100:300]),
        ["2021", 2021, None, float("nan")],
    ):
        wanted = {v for v in values if isinstance(v, str)}
        assert textcols.isin(column, values).tolist() == [c in wanted for c in cells]


def test_positions_and_first_rows(column, cells):
    index = pd.Index(list(dict.fromkeys(cells[:400])))
    assert textcols.positions(column, index).tolist() == [index.get_loc(c) if c in index else -1 for c in cells]
    framed = pd.Series(cells, index=range(2, len(cells) + 2), dtype=TEXT)
    first: dict[str, int] = {}
    for line, c in framed.items():
        first.setdefault(c, line)
    assert textcols.first_rows(framed).tolist() == [first[c] for c in cells]


@pytest.mark.parametrize(
    "values",
    [
        ["1", "x", "\u0661\u0662", "99999999999999999999", "-0", "nan", "inf", "1e5", " 12", "0x10", "12", ""],
        ["1", "2", "2"],
        ["18446744073709551615", "1"],
        ["\u0663", "3", None],
        [None, None],
        [],
    ],
)
def test_numbers_are_pd_to_numeric(values):
    series = pd.Series(values, dtype=TEXT, index=range(5, 5 + len(values)))
    for s in (series, series.where(pd.Series(textcols.fullmatch(series, r"\d+"), index=series.index))):
        expected = pd.to_numeric(s, errors="coerce")
        got = textcols.numbers(s)
        assert got.dtype == expected.dtype
        pd.testing.assert_series_equal(got, expected, check_names=False)
