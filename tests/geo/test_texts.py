"""geo.texts: data text made inert for Markdown and spreadsheets, and the warnings about it."""

import subprocess
import sys

import pandas as pd
import pytest

from geo.downloads import events_csv
from geo.texts import csv_cell, csv_safe, cut, has_visible, invisible_chars, text_warnings
from tests.common import copy_data, read_rows, write_rows

MARKDOWN_PAYLOADS = [
    "![tracker](http://127.0.0.2:9/pixel.png)",
    "[click me](https://evil.example/)",
    "**bold** _em_ `code` ~~gone~~",
    "# heading\n1. list",
    ":red[coloured] $x^2$ www.evil.example <https://evil.example>",
]
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)"]


@pytest.mark.parametrize("payload", FORMULAS + ["\tx", "\rx"])
def test_csv_cell_neutralises_formula_starts(payload):
    assert csv_cell(payload) == "'" + payload


def test_csv_safe_leaves_numbers_and_plain_text_alone():
    frame = pd.DataFrame({"text": ["plain", FORMULAS[0], None], "n": [1, -2, 3]})
    out = csv_safe(frame)
    assert list(out["text"][:2]) == ["plain", "'" + FORMULAS[0]] and pd.isna(out["text"][2])
    assert list(out["n"]) == [1, -2, 3]
    assert frame["text"][1] == FORMULAS[0]  # the input is not changed


def test_text_warnings_name_each_risk():
    assert text_warnings("Dandong") == []
    assert "HTML markup" in text_warnings("<b>x</b>")[0]
    assert "Markdown link or image" in text_warnings(MARKDOWN_PAYLOADS[0])[0]
    assert "formula" in text_warnings(FORMULAS[0])[0]
    assert "bidirectional control (U+202E)" in text_warnings("abc\u202edef")[0]
    assert "zero-width character (U+200B)" in text_warnings("a\u200bb")[0]
    assert "control character (U+0007)" in text_warnings("a\x07b")[0]


def test_visible_and_invisible():
    assert not has_visible("   \u200b\u3000 ") and has_visible(" a ")
    assert invisible_chars("a\u202e\u202eb") == ["a bidirectional control (U+202E)"]
    assert len(cut("x" * 5_000_000)) < 120 and "5,000,000 characters" in cut("x" * 5_000_000)


def _formula_copy(tmp_path):
    root = copy_data(tmp_path)
    rows = read_rows(root / "events.csv")
    for row, payload in zip(rows, FORMULAS):
        row["summary"] = payload
    write_rows(root / "events.csv", rows)
    rows = read_rows(root / "sources.csv")
    rows[0]["publisher"] = FORMULAS[3]
    write_rows(root / "sources.csv", rows)
    return root


def test_csv_download_and_events_command_neutralise_formulas(tmp_path):
    from geo.dataset import load
    from geo.query import public_view

    root = _formula_copy(tmp_path)
    ds = public_view(load(root), False)
    out = events_csv(ds, ds.events).decode("utf-8")
    cmd = subprocess.run(
        [sys.executable, "-m", "geo", "events", "--data", str(root), "--format", "csv"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert cmd.returncode == 0, cmd.stderr
    for text in (out, cmd.stdout):
        cells = [
            c
            for row in pd.read_csv(__import__("io").StringIO(text), dtype=str, keep_default_na=False).itertuples()
            for c in row[1:]
        ]
        assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
        assert not [c for c in cells if c.startswith("-") and not c.lstrip("-").replace(".", "").isdigit()]
        assert "'" + FORMULAS[0] in cells and any(c.startswith("'@SUM") for c in cells)
