"""Bounded validation: at most MAX_PER_FILE problems listed per file with a count of the rest, and the
Editor's checks run in a worker process with a time and memory budget (geo.budget). Each hostile file
within the upload limit is answered within the budget; the numbers are printed."""

from __future__ import annotations

import time

import pytest

from geo import budget
from geo.editing.upload import check_upload
from geo.problems import MAX_PER_FILE
from tests.hostile_files import bad_events, empty_features

MB = 1024 * 1024


def sleeper(seconds):
    time.sleep(seconds)
    return "woke"


def hog(mb):
    blocks = [bytearray(MB) for _ in range(mb)]  # touched: resident
    return len(blocks)


def fails():
    raise ValueError("inside the worker")


def test_budget_returns_results_and_raises_errors():
    # a generous limit: this checks what comes back, not the clock (a first call also starts the
    # forkserver, which on a busy shared machine can take longer than the default 10 s)
    assert budget.run(sleeper, 0.01, time_s=120) == "woke"
    with pytest.raises(ValueError, match="inside the worker"):
        budget.run(fails, time_s=120)


def test_budget_stops_work_that_takes_too_long():
    started = time.monotonic()
    with pytest.raises(budget.OverBudget) as exc:
        budget.run(sleeper, 60, time_s=1)
    assert exc.value.limit == "time" and exc.value.seconds < 3  # stopped at the limit
    assert time.monotonic() - started < 30  # (a first call also starts the forkserver)
    assert "longer than 1 s" in str(exc.value)


def test_budget_stops_work_that_needs_too_much_memory():
    with pytest.raises(budget.OverBudget) as exc:
        budget.run(hog, 2000, memory_mb=100, time_s=120)  # memory, not a busy machine's clock, stops it
    assert exc.value.limit == "memory" and "100 MB" in str(exc.value)


def test_problems_are_capped_per_file_with_a_count_of_the_rest(data_dir):
    cand = check_upload(data_dir, bad_events(300_000), "events.csv", "events")
    assert not cand.ok and cand.text is None
    assert len(cand.problems) == MAX_PER_FILE + 1
    last = cand.problems[-1]
    assert last.place == "file" and "more problem(s) not listed" in last.message and last.is_error


@pytest.mark.parametrize(
    "name, part, make",
    [
        ("events.csv", "events", lambda: bad_events(16 * 1_000_000)),  # 16 MB, about 130,000 broken rows
        ("crossings.geojson", "crossings", lambda: empty_features(900_000)),  # 2.7 MB of empty features
    ],
)
def test_hostile_file_within_the_upload_limit_is_answered_within_the_budget(data_dir, capsys, name, part, make):
    raw = make()
    assert len(raw) <= 20 * 1_000_000  # within the app's upload limit (server.maxUploadSize = 20 MB)
    budget.prestart()
    started = time.monotonic()
    cand = check_upload(data_dir, raw, name, part, bounded=True)
    took = time.monotonic() - started
    with capsys.disabled():
        print(
            f"\n{name} {len(raw) / 1e6:.1f} MB: answered in {took:.1f} s with {len(cand.problems)} problem(s); "
            f"last: {str(cand.problems[-1])[:120]}"
        )
    assert took < budget.TIME_S + 2
    assert cand.text is None and cand.errors  # refused, with the reasons (or the budget) named
    assert all(p.path == name for p in cand.problems)
