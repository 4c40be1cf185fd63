"""Data model 1 → 2: people figures move from events.csv into claims.csv, one claim per source.

Version 1 kept one low–high range per event and a list of its sources, so nobody could see which
source said what. Version 2 (data/README.md, "claims.csv") keeps what each source says as a claim.
The migration loses no fact: each event's range becomes one claim per source that cited it, with the
range as it was (a single number as `exact`, two as `range`) and a note saying it was migrated, so an
editor can then restate each claim in its source's own words. Sources gain their provenance columns
(`accessed` is set to the migration's date and `role` to primary until an editor says otherwise).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from .atomicfile import atomic_write
from .editing.canonical import rows_text
from .paths import LIST_SEPARATOR, table_path

MIGRATED_NOTE = "migrated from data model 1 (the event's range {low}–{high}); restate in the source's own words"


def _rows(path: Path) -> tuple[list[str], list[dict]]:
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), [dict(r) for r in reader]


def needs_migration(root: Path) -> bool:
    header, _ = _rows(table_path(root, "events"))
    return "people_low" in header or not table_path(root, "claims").exists()


def claim_id(event_id: str, source_id: str) -> str:
    """`<event>--<source>`, cut to the schema's 120 characters at a hyphen boundary."""
    cid = f"{event_id}--{source_id}"
    while len(cid) > 120:
        cid = cid[: cid.rstrip("-").rfind("-")].rstrip("-")
    return cid


def migrate(root: Path, accessed: date) -> dict[str, int]:
    """Rewrite events.csv and sources.csv of `root` in model 2 and write claims.csv; returns counts.

    Every file is written through atomic_write, claims first: an interrupted run leaves the old files
    readable (run it again; it starts from the events' v1 columns, which are replaced last).
    """
    root = Path(root)
    ev_header, events = _rows(table_path(root, "events"))
    if "people_low" not in ev_header:
        raise ValueError(f"{table_path(root, 'events')} is already in data model 2 (no people_low column)")
    _, sources = _rows(table_path(root, "sources"))
    claims = []
    for ev in events:
        low, high = int(ev["people_low"]), int(ev["people_high"])
        sites = [ev[c] for c in ("origin", "crossing", "destination") if ev.get(c)]
        for sid in [s.strip() for s in ev["sources"].split(LIST_SEPARATOR) if s.strip()]:
            claims.append(
                {
                    "id": claim_id(ev["id"], sid),
                    "event": ev["id"],
                    "source": sid,
                    "said_by": "",
                    "qualifier": "exact" if low == high else "range",
                    "people": str(low),
                    "people_to": "" if low == high else str(high),
                    "date": ev["date"],
                    "date_precision": ev["date_precision"],
                    "sites": LIST_SEPARATOR.join(dict.fromkeys(sites)),
                    "note": MIGRATED_NOTE.format(low=low, high=high),
                }
            )
    for src in sources:
        src.setdefault("archive_url", "")
        src["accessed"] = src.get("accessed") or accessed.isoformat()
        src["role"] = src.get("role") or "primary"
        src.setdefault("cites", "")
    for ev in events:
        ev.setdefault("summary_ko", "")
    atomic_write(table_path(root, "claims"), rows_text("claims", claims).encode("utf-8"))
    atomic_write(table_path(root, "sources"), rows_text("sources", sources).encode("utf-8"))
    atomic_write(table_path(root, "events"), rows_text("events", events).encode("utf-8"))
    return {"events": len(events), "claims": len(claims), "sources": len(sources)}
