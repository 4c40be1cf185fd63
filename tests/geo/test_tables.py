import pandas as pd
import pytest

from geo.dataset import check
from geo.tables import parse_table
from tests.common import BROKEN_DATES, edit_claim, edit_event, read_rows, write_rows


def event_problems(root, index=0, **changes):
    path = edit_event(root, index, **changes)
    return [p for p in check(root).problems if p.path == str(path)]


@pytest.mark.parametrize("value", BROKEN_DATES)
def test_broken_dates_are_named_with_row_and_column(data_dir, value):
    probs = event_problems(data_dir, date=value)
    assert probs, value
    assert all(p.place.startswith("row 2 (2021-07-14-dandong-return) column date") for p in probs)


def test_impossible_date_message(data_dir):
    probs = event_problems(data_dir, date="2023-13-45")
    assert any("not a real calendar date" in p.message for p in probs)


def test_future_date(data_dir):
    probs = event_problems(data_dir, date="2999-01-01")
    assert any("in the future" in p.message for p in probs)


def test_month_precision_needs_first_of_month(data_dir):
    probs = event_problems(data_dir, date_precision="month", date="2021-07-14")
    assert any("first day of the month" in p.message for p in probs)


def claim_problems(root, index=0, **changes):
    path = edit_claim(root, index, **changes)
    return [p for p in check(root).problems if p.path == str(path)]


def test_low_above_high(data_dir):
    probs = claim_problems(data_dir, qualifier="range", people=60, people_to=50)
    assert any(
        "people_to 50 must be above people 60" in p.message and p.place.endswith("column people_to") for p in probs
    )


@pytest.mark.parametrize(
    "value, fragment",
    [("-3", "below the minimum 0"), ("about 50", "not a whole number"), ("4.5", "not a whole number")],
)
def test_people_must_be_whole_non_negative(data_dir, value, fragment):
    probs = claim_problems(data_dir, people=value)
    assert any(fragment in p.message and p.place.endswith("column people") for p in probs)


def test_unknown_site_reference(data_dir):
    probs = event_problems(data_dir, origin="atlantis")
    assert any("site 'atlantis' does not exist" in p.message and p.place.endswith("column origin") for p in probs)


def test_crossing_must_be_a_border_crossing(data_dir):
    probs = event_problems(data_dir, crossing="shenyang")
    assert any("not a border crossing" in p.message for p in probs)


def test_unknown_source_and_missing_sources(data_dir):
    assert any("source 'ghost' is not in sources.csv" in p.message for p in claim_problems(data_dir, source="ghost"))
    assert any(
        "is empty" in p.message and p.place.endswith("column source") for p in claim_problems(data_dir, source="")
    )


def test_bad_enum_values(data_dir):
    probs = event_problems(data_dir, kind="abduction", confidence="sure")
    assert {p.place.rsplit(" ", 1)[-1] for p in probs} == {"kind", "confidence"}


def test_duplicate_event_ids(data_dir):
    probs = event_problems(data_dir, index=1, id="2021-07-14-dandong-return")
    assert any("duplicate id; first used on row 2" in p.message and p.place.startswith("row 3") for p in probs)


def test_part_of_must_exist_and_not_nest(data_dir):
    assert any("does not exist" in p.message for p in event_problems(data_dir, index=0, part_of="ghost-event"))
    probs = event_problems(data_dir, index=1, part_of="2023-10-09-tumen")
    assert any("nest one level only" in p.message for p in probs)


def test_missing_and_unknown_columns(data_dir):
    path = data_dir / "events.csv"
    rows = read_rows(path)
    for row in rows:
        row.pop("confidence")
        row["extra"] = "x"
    write_rows(path, rows)
    probs = [p for p in check(data_dir).problems if p.path == str(path)]
    assert any("missing column(s): confidence" in p.message for p in probs)
    assert any("unknown column(s): extra" in p.message for p in probs)


def test_boolean_spelling(data_dir):
    probs = event_problems(data_dir, sensitive="yes")
    assert any("must be true or false" in p.message for p in probs)


def test_source_url_must_be_http(data_dir):
    path = data_dir / "sources.csv"
    rows = read_rows(path)
    rows[0]["url"] = "javascript:alert(1)"
    write_rows(path, rows)
    probs = [p for p in check(data_dir).problems if p.path == str(path)]
    assert any("http:// or https://" in p.message and p.place.endswith("column url") for p in probs)


def test_source_published_may_be_partial_but_real(data_dir):
    path = data_dir / "sources.csv"
    rows = read_rows(path)
    rows[0]["published"] = "2019-05"
    rows[1]["published"] = "2019-02-31"
    write_rows(path, rows)
    probs = [p for p in check(data_dir).problems if p.path == str(path)]
    assert len(probs) == 1 and "row 3" in probs[0].place


def test_malformed_csv_is_one_clear_problem(data_dir):
    path = data_dir / "events.csv"
    path.write_text('id,date\n"unterminated,2021-01-01\n', encoding="utf-8")
    probs = [p for p in check(data_dir).problems if p.path == str(path)]
    assert probs and all(p.path == str(path) for p in probs)


def test_html_in_summary_is_kept_as_data(data_dir):
    assert event_problems(data_dir, summary="<img src=x onerror=alert(1)> `${x}` </script>") == []


# The bytes of events.csv go straight to pyarrow's parser; anything it cannot take falls back to the
# pandas parser on decoded text, which words the problem. Same outcome either way.


def _events_problems(data_dir, raw: bytes):
    path = data_dir / "events.csv"
    path.write_bytes(raw)
    return path, [p for p in check(data_dir).problems if p.path == str(path)]


@pytest.mark.parametrize("bad", [b"caf\xe9", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80"])
def test_invalid_utf8_in_a_cell_is_named_with_its_line(data_dir, bad):
    raw = (data_dir / "events.csv").read_bytes()
    lines = raw.split(b"\n")
    lines[3] = lines[3].replace(b"Chinese", b"Chinese " + bad, 1) if b"Chinese" in lines[3] else lines[3] + bad
    path, probs = _events_problems(data_dir, b"\n".join(lines))
    assert len(probs) == 1 and "not valid UTF-8" in probs[0].message and "line 4" in probs[0].message


def test_invalid_utf8_in_the_header_is_named(data_dir):
    raw = (data_dir / "events.csv").read_bytes()
    path, probs = _events_problems(data_dir, b"\xff" + raw)
    assert len(probs) == 1 and "not valid UTF-8" in probs[0].message and "line 1" in probs[0].message


def test_bom_and_crlf_and_padding_read_like_the_plain_file(data_dir):
    plain = check(data_dir).dataset.events
    raw = (data_dir / "events.csv").read_bytes()
    rows = raw.decode("utf-8").split("\n")
    padded = [rows[0]] + [
        ",".join(f" {c}" if c and not c.startswith('"') else c for c in row.split(",")) for row in rows[1:]
    ]
    path, probs = _events_problems(data_dir, b"\xef\xbb\xbf" + "\r\n".join(padded).encode("utf-8"))
    assert [p for p in probs if p.is_error] == []
    pd.testing.assert_frame_equal(check(data_dir).dataset.events, plain)


def test_fast_and_fallback_parsers_give_the_same_cells(data_dir):
    raw = (data_dir / "events.csv").read_bytes()
    fast, _ = parse_table(raw, "events.csv", "events")
    import geo.tables as tables  # the same bytes through the pandas parser, as if pyarrow had refused them

    original = tables._fast_parse
    tables._fast_parse = lambda raw: None
    try:
        fallback, _ = parse_table(raw, "events.csv", "events")
    finally:
        tables._fast_parse = original
    pd.testing.assert_frame_equal(fast, fallback, check_dtype=False)


def test_spaces_around_list_separators_are_trimmed_everywhere(data_dir):
    """Validation trims the items of a list cell before checking them; the loaded data must hold the
    same trimmed ids, or a lookup by id fails later (the events command, downloads, the site panel)."""
    from geo.query import joined_records

    edit_claim(data_dir, 0, sites="shenyang ;  dandong-sinuiju")
    report = check(data_dir)
    assert report.ok, report.errors
    assert report.dataset.claims.iloc[0]["sites"] == ("shenyang", "dandong-sinuiju")
    record = [
        r for r in joined_records(report.dataset, report.dataset.events) if r["id"] == "2021-07-14-dandong-return"
    ][0]
    assert record["claims"][0]["sites"] == ["shenyang", "dandong-sinuiju"]


def test_the_same_id_twice_with_spaces_is_named(data_dir):
    probs = claim_problems(data_dir, sites="shenyang; shenyang")
    assert any("lists the same id twice" in p.message and p.place.endswith("column sites") for p in probs)
