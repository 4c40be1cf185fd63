"""geo.migrate: data model 1 (one range per event, a list of sources) → 2 (one claim per source)."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

from geo import dataset, migrate
from geo.paths import LIST_SEPARATOR

DATA = Path(__file__).resolve().parents[2] / "data"


def _v1_copy(tmp_path: Path) -> tuple[Path, list[dict]]:
    """A copy of the shipped data written back in model 1: events carry people_low/high and sources."""
    root = tmp_path / "data"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns("basemap", ".history"))
    with open(root / "claims.csv", encoding="utf-8") as fh:
        claims = list(csv.DictReader(fh))
    with open(root / "events.csv", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header, events = list(reader.fieldnames), list(reader)
    by_event = {}
    for c in claims:
        by_event.setdefault(c["event"], []).append(c["source"])
    for i, ev in enumerate(events):
        ev["people_low"], ev["people_high"] = str(i + 1), str(i + 1 if i % 2 else i + 3)
        ev["sources"] = LIST_SEPARATOR.join(dict.fromkeys(by_event.get(ev["id"], [])))
        del ev["summary_ko"]
    header = [h for h in header if h != "summary_ko"] + ["people_low", "people_high", "sources"]
    with open(root / "events.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(events)
    (root / "claims.csv").unlink()
    return root, events


def test_claim_ids_join_event_and_source_and_stay_within_120_characters():
    assert migrate.claim_id("2020-01-a", "rfa-2020") == "2020-01-a--rfa-2020"
    long = migrate.claim_id("e-" + "x" * 70, "source-" + "-".join(["part"] * 20))
    assert len(long) <= 120 and not long.endswith("-") and long.startswith("e-" + "x" * 70 + "--source")


def test_each_events_range_becomes_one_claim_per_source_and_the_data_validates(tmp_path):
    root, events = _v1_copy(tmp_path)
    assert migrate.needs_migration(root)
    counts = migrate.migrate(root, date(2026, 12, 2))
    assert not migrate.needs_migration(root)
    with open(root / "claims.csv", encoding="utf-8") as fh:
        claims = list(csv.DictReader(fh))
    expected = sum(len([s for s in ev["sources"].split(LIST_SEPARATOR) if s]) for ev in events)
    assert counts["claims"] == len(claims) == expected and counts["events"] == len(events)
    first = events[0]  # people 1–3: a range, with the old figures in the note
    claim = next(c for c in claims if c["event"] == first["id"])
    assert (claim["qualifier"], claim["people"], claim["people_to"]) == ("range", "1", "3")
    assert "1–3" in claim["note"] and claim["date"] == first["date"]
    second = next(c for c in claims if c["event"] == events[1]["id"])
    assert (second["qualifier"], second["people"], second["people_to"]) == ("exact", "2", "")
    report = dataset.check(root)
    assert report.dataset is not None, report.problems


def test_model_2_data_is_refused(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns("basemap", ".history"))
    assert not migrate.needs_migration(root)
    with pytest.raises(ValueError, match="already in data model 2"):
        migrate.migrate(root, date(2026, 12, 2))
