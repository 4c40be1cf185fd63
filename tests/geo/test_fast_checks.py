"""Validation's fast paths report exactly what the slow ones do.

The column checks run in pyarrow (geo.textcols: RE2 for patterns, hash lookups for ids) and the CSV
bytes go to pyarrow's parser; each has a fallback (Python's re per cell, `in` on a set, the pandas
parser). A data directory with a hostile value in nearly every column is checked with each fast path
switched off in turn: the problems, their places and their words are the same. Checks that flag
every row of a large file stay linear and list at most 1,000 problems per file."""

from __future__ import annotations

import re

import numpy as np
import pytest

import geo.tables as tables
from geo import textcols
from geo.dataset import check
from geo.problems import MAX_PER_FILE
from tests.common import read_rows, write_rows

EVENT_EDITS = [
    {"id": "Bad Id"},
    {"id": "x\n"},
    {"id": "2021-07-14-dandong-return"},
    {"date": "\u0662\u0660\u0662\u0661-07-14"},
    {"date": "2021-07"},
    {"date": "2021"},
    {"date": "2021-02-30"},
    {"date": "2999-01-01"},
    {"date": "1900-01-01"},
    {"date": "2021-07-14\n"},
    {"date": "\uff12\uff10\uff12\uff11-07-14"},
    {"date_precision": "month"},
    {"date_precision": "year", "date": "2021-03-01"},
    {"kind": "abduction"},
    {"origin": "ghost"},
    {"origin": "\u0663"},
    {"crossing": "shenyang"},
    {"origin": "tumen-detention", "destination": "tumen-detention", "crossing": ""},
    {"part_of": "ghost-event"},
    {"part_of": "2023-10-09-tumen"},
    {"summary": "\u3000\u200b "},
    {"summary": "\u202eabc"},
    {"summary": "a\nb"},
    {"summary_ko": "한국어 요약"},
    {"summary_ko": "\u200b"},
    {"sensitive": "True"},
    {"confidence": "sure"},
    {"origin": "shenyang\n"},
]
CLAIM_EDITS = [
    {"id": "2021-07-14-dandong-return--rfa-2021-07-20"},
    {"event": "ghost"},
    {"source": "ghost"},
    {"sites": "shenyang; dandong-sinuiju"},
    {"sites": "shenyang;;dandong-sinuiju"},
    {"sites": ";shenyang"},
    {"sites": "shenyang;"},
    {"sites": "shenyang;\n"},
    {"sites": "A-B"},
    {"sites": "-a"},
    {"sites": "shenyang;shenyang"},
    {"sites": "ghost;shenyang"},
    {"sites": "shenyang\u3000;x"},
    {"people": "\u0661\u0662"},
    {"people": "+5"},
    {"people": "99999999999999999999"},
    {"people": "\uff15"},
    {"qualifier": "range", "people": "60", "people_to": "50"},
    {"qualifier": "range", "people": "\u0667", "people_to": "3"},
    {"qualifier": "not-given", "people": "5"},
    {"date": "2021-07-15", "date_precision": "month"},
    {"date": "\u0662\u0660\u0662\u0661-07-14", "date_precision": "day"},
    {"date": "2019-01-01", "date_precision": "year"},
    {"date": "2021-07-14", "date_precision": ""},
    {"note": "\u2066\u2069"},
    {"said_by": " \u00ad"},
]
SOURCE_EDITS = [
    {"id": "rfa-2021-07-20"},
    {"url": "https://example.org/a\u3000b"},
    {"url": "https://example.org/a b"},
    {"url": "javascript:alert(1)"},
    {"language": "EN"},
    {"language": "ko-\u0661\u0662"},
    {"published": "2021-13"},
    {"published": "\u0662\u0660\u0662\u0661"},
    {"role": "secondary", "cites": ""},
    {"url": "", "archive_url": ""},
    {"accessed": "2021-07-14\n"},
    {"title": "\x1c\x1d"},
]


def _append_edits(path, edits):
    rows = read_rows(path)
    header = list(rows[0])
    for n, edit in enumerate(edits):
        row = dict(rows[n % len(rows)])
        if "id" not in edit:
            row["id"] = f"{row['id']}-edit-{n}"
        row.update(edit)
        rows.append(row)
    write_rows(path, rows, header)


@pytest.fixture
def hostile_dir(data_dir):
    _append_edits(data_dir / "events.csv", EVENT_EDITS)
    _append_edits(data_dir / "claims.csv", CLAIM_EDITS)
    _append_edits(data_dir / "sources.csv", SOURCE_EDITS)
    return data_dir


def _problems(root):
    return [(p.path, p.place, p.message, p.severity) for p in check(root).problems]


def _python_isin(series, values):
    wanted = {v for v in (list(values) if not hasattr(values, "tolist") else values.tolist()) if isinstance(v, str)}
    return np.array([isinstance(v, str) and v in wanted for v in series.astype(object).tolist()], dtype=bool)


def test_the_hostile_directory_has_a_problem_in_each_file(hostile_dir):
    found = _problems(hostile_dir)
    for name in ("events.csv", "claims.csv", "sources.csv"):
        assert sum(1 for p in found if p[0].endswith(name)) >= 8, name
    messages = [m for _, _, m, _ in found]
    assert any("'\u0662\u0660\u0662\u0661-07-14' is not a date written YYYY-MM-DD" in m for m in messages)
    assert any("site '-a' does not exist" in m for m in messages)
    assert any("has no visible character" in m for m in messages)


@pytest.mark.parametrize("slow", ["python re", "python in", "pandas parser", "all"])
def test_fast_paths_report_what_the_fallbacks_report(hostile_dir, monkeypatch, slow):
    fast = _problems(hostile_dir)
    if slow in ("python re", "all"):
        monkeypatch.setattr(textcols, "translate", lambda pattern: None)
    if slow in ("python in", "all"):
        monkeypatch.setattr(textcols, "isin", _python_isin)
    if slow in ("pandas parser", "all"):
        monkeypatch.setattr(tables, "_fast_parse", lambda raw: None)
    assert _problems(hostile_dir) == fast


def test_the_shipped_fixture_is_clean_either_way(data_dir, monkeypatch):
    assert _problems(data_dir) == []
    monkeypatch.setattr(textcols, "translate", lambda pattern: None)
    monkeypatch.setattr(tables, "_fast_parse", lambda raw: None)
    assert _problems(data_dir) == []


def _bulk_claims(root, n, **values):
    path = root / "claims.csv"
    rows = read_rows(path)
    template = dict(rows[0])
    rows += [
        {**template, "id": f"bulk-{i}", **{k: (v(i) if callable(v) else v) for k, v in values.items()}}
        for i in range(n)
    ]
    write_rows(path, rows, list(template))
    return path


def test_every_row_flagged_lists_a_thousand_and_counts_the_rest(data_dir):
    n = 3 * MAX_PER_FILE
    path = _bulk_claims(data_dir, n, id=lambda i: "2021-07-14-dandong-return--rfa-2021-07-20", event="ghost")
    found = [p for p in check(data_dir).problems if p.path == str(path)]
    assert len(found) == MAX_PER_FILE + 1
    assert all(p.message == "duplicate id; first used on row 2" for p in found[:MAX_PER_FILE])
    last = found[-1]
    # each bulk row has two problems (duplicate id, unknown event): 2n, of which 1,000 are listed
    assert (
        f"…and {2 * n - MAX_PER_FILE:,} more problem(s) not listed ({2 * n - MAX_PER_FILE:,} error(s), 0 warning(s))"
        in last.message
    )


def test_counted_warnings_stay_warnings(data_dir):
    """A check whose rows are warnings counts the ones it does not list as warnings."""
    n = 2 * MAX_PER_FILE
    path = _bulk_claims(data_dir, n, event="2021-07-14-dandong-return", date="2019-01-01", date_precision="day")
    found = [p for p in check(data_dir).problems if p.path == str(path)]
    assert len(found) == MAX_PER_FILE + 1 and not found[-1].is_error
    assert re.search(rf"\(0 error\(s\), {n - MAX_PER_FILE:,} warning\(s\)\)", found[-1].message)


def test_a_bad_list_item_after_a_thousand_spaced_lists_is_found(data_dir):
    """Cells like 'a; b' need a closer look but are valid; a wrong id after many of them is still named."""
    n = MAX_PER_FILE + 500
    before = len(read_rows(data_dir / "claims.csv"))
    path = _bulk_claims(data_dir, n, sites=lambda i: "shenyang; dandong-sinuiju" if i < n - 1 else "shenyang; Bad Id")
    found = [p for p in check(data_dir).problems if p.path == str(path)]
    assert [p.message for p in found if "is not a valid id" in p.message] == [
        "'Bad Id' is not a valid id; separate ids with ';'"
    ]
    assert any(p.place == f"row {before + n + 1} (bulk-{n - 1}) column sites" for p in found)


def test_sources_per_event_keep_claim_order_without_repeats():
    """claims._sources_per_event (vectorised) against the per-event loop it replaced."""
    from geo.claims import _sources_per_event

    def by_loop(n, pos, sources):
        out = [()] * n
        for e in range(n):
            out[e] = tuple(dict.fromkeys(s for p, s in zip(pos, sources) if p == e))
        return out

    rng = np.random.default_rng(3)
    for _ in range(100):
        n, m = int(rng.integers(1, 30)), int(rng.integers(0, 120))
        pos = rng.integers(0, n, m)
        sources = np.array([f"src-{int(x)}" for x in rng.integers(0, 6, m)], dtype=object)
        assert _sources_per_event(n, pos, sources).tolist() == by_loop(n, pos, sources)
    same_length = _sources_per_event(3, np.array([2, 0, 1, 0]), np.array(["a", "b", "c", "b"], dtype=object))
    assert same_length.tolist() == [("b",), ("c",), ("a",)]  # one-item tuples stay tuples in an object array


TEXT_CELLS = [
    "<b>x</b>",
    "[a](http://x)",
    "![i][r]",
    "<https://a.example>",
    "=SUM(1)",
    "+1",
    "-x",
    "@a",
    "a\x07b",
    "a\x07<b",
    "한국어 요약",
    "\u202eabc",
    "x\u200by",
    "x<y",
    "[note]",
    "plain",
    "",
    "\u3000",
    "a\u00adb",
    "<\u200b>",
    "한 [링크](x)",
    "\ue000",
    "x\ufeff",
]


@pytest.mark.parametrize("rows", [len(TEXT_CELLS), 900])  # 900 rows: past the 500 warnings the scan stops at
def test_editor_text_warnings_fast_path_matches_the_row_loop(data_dir, rows):
    from geo.editing import canonical, upload

    path = data_dir / "events.csv"
    table = read_rows(path)
    header = list(table[0])
    made = []
    for n in range(rows):
        row = dict(table[n % len(table)])
        row["id"] = f"ev-{n}"
        row["summary"] = TEXT_CELLS[n % len(TEXT_CELLS)]
        row["summary_ko"] = TEXT_CELLS[(n * 7 + 3) % len(TEXT_CELLS)]
        made.append(row)
    write_rows(path, made, header)
    text = canonical.table_text(path.read_text(encoding="utf-8"), "events", "events.csv")
    fast = upload._table_text(text, "events", "events.csv")
    assert fast == upload._table_text_rows(text, "events", "events.csv")
    assert len(fast) > 10 and all(not p.is_error for p in fast)
