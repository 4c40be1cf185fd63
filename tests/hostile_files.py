"""Hostile files within the upload limit, for the bounded-validation tests and measurements."""

from __future__ import annotations

import json

from geo.schemas import columns


def bad_events(target_bytes: int) -> bytes:
    """An events.csv of rows that break every column (wrong dates, kinds, counts, ids, sources)."""
    header = ",".join(columns("events"))
    row = ",".join(
        [
            "Bad Id!",
            "2023-13-45",
            "fortnight",
            "party",
            "\u0663",
            "x",
            "nowhere",
            "nowhere",
            "nowhere",
            "no such",
            "sure",
            "Bad;;id",
            "=HYPERLINK(1)",
            "maybe",
        ][: len(columns("events"))]
    )
    lines = [header]
    size = len(header) + 1
    n = 0
    while size < target_bytes:
        line = row.replace("Bad Id!", f"Bad Id {n}!")
        lines.append(line)
        size += len(line) + 1
        n += 1
    return ("\n".join(lines) + "\n").encode("utf-8")


def empty_features(count: int) -> bytes:
    """A layer of `count` empty features ({})."""
    head = json.dumps({"type": "FeatureCollection", "name": "crossings", "features": []})[:-2]
    return (head + ",".join(["{}"] * count) + "]}").encode("utf-8")
