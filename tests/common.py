"""Canonical hostile inputs shared by every test module (in the spirit of shapely's tests/common.py).

Each helper takes a copy of the fixture data directory and breaks exactly one thing.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"

# Text that must stay text wherever it is rendered.
XSS_PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "`${window.__xss=1}`",
    "</script><script>window.__xss=1</script>",
    "\"'><svg onload=window.__xss=1>",
]
HOSTILE_NAME = " ".join(XSS_PAYLOADS)

VALID_POINT = [124.39058, 40.11644]
SWAPPED_POINT = [40.11644, 124.39058]
OUT_OF_RANGE_POINT = [190.0, 95.0]
FAR_AWAY_POINT = [-0.1276, 51.5072]  # London: valid, but far outside the region
BOWTIE_POLYGON = {
    "type": "Polygon",
    "coordinates": [[[124.0, 40.0], [125.0, 41.0], [125.0, 40.0], [124.0, 41.0], [124.0, 40.0]]],
}
UNCLOSED_POLYGON = {"type": "Polygon", "coordinates": [[[124.0, 40.0], [125.0, 40.0], [125.0, 41.0], [124.0, 41.0]]]}
BROKEN_DATES = ["2023-13-45", "2023-02-30", "23-10-09", "yesterday", ""]


def copy_data(tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, dest)
    return dest


def load_layer(root: Path, layer: str) -> dict:
    return json.loads((root / "sites" / f"{layer}.geojson").read_text(encoding="utf-8"))


def save_layer(root: Path, layer: str, doc: dict) -> Path:
    path = root / "sites" / f"{layer}.geojson"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def edit_feature(root: Path, layer: str, index: int, **changes) -> Path:
    """Change one feature: keys 'geometry', 'id', or property names."""
    doc = load_layer(root, layer)
    feature = doc["features"][index]
    for key, value in changes.items():
        if key in ("geometry", "id"):
            feature[key] = value
        else:
            feature["properties"][key] = value
    return save_layer(root, layer, doc)


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_rows(path: Path, rows: list[dict], fieldnames=None) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fieldnames or list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def edit_event(root: Path, index: int, **changes) -> Path:
    path = root / "events.csv"
    rows = read_rows(path)
    rows[index].update({k: str(v) for k, v in changes.items()})
    return write_rows(path, rows)


def edit_claim(root: Path, index: int, **changes) -> Path:
    path = root / "claims.csv"
    rows = read_rows(path)
    rows[index].update({k: str(v) for k, v in changes.items()})
    return write_rows(path, rows)


def add_claim(root: Path, **values) -> Path:
    """Append a claim (unset columns empty) to a data directory's claims.csv."""
    path = root / "claims.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    rows = read_rows(path)
    rows.append({c: str(values.get(c, "")) for c in header})
    return write_rows(path, rows, header)


def hostile_copy(tmp_path: Path) -> Path:
    """Fixture data with script payloads in every text field and a javascript: link."""
    root = copy_data(tmp_path)
    for layer in ("crossings", "china-detention", "nk-facilities"):
        doc = load_layer(root, layer)
        for feature in doc["features"]:
            p = feature["properties"]
            p["name_en"] = p["name_en"] + " " + HOSTILE_NAME
            p["name_ko"] = p["name_ko"] + " " + XSS_PAYLOADS[1]
            p["name_zh"] = (p["name_zh"] or "") + XSS_PAYLOADS[3]
            p["notes"] = HOSTILE_NAME
            if "sides" in p:
                p["sides"] = {"cn": p["sides"]["cn"] + XSS_PAYLOADS[0], "kp": p["sides"]["kp"] + XSS_PAYLOADS[2]}
        save_layer(root, layer, doc)
    rows = read_rows(root / "events.csv")
    for row in rows:
        row["summary"] = row["summary"] + " " + HOSTILE_NAME
    write_rows(root / "events.csv", rows)
    rows = read_rows(root / "sources.csv")
    for row in rows:
        row["title"] = row["title"] + " " + HOSTILE_NAME
        row["publisher"] = row["publisher"] + XSS_PAYLOADS[1]
        row["author"] = XSS_PAYLOADS[4]
    write_rows(root / "sources.csv", rows)
    rows = read_rows(root / "claims.csv")
    for row in rows:
        row["said_by"] = XSS_PAYLOADS[0] + " " + XSS_PAYLOADS[2]
        row["note"] = HOSTILE_NAME
    write_rows(root / "claims.csv", rows)
    return root


def run_async(coroutine):
    """Run a coroutine to the end on a thread of its own: a session-wide browser (Playwright's sync
    API) may already run an event loop on the test's thread, and asyncio.run refuses to nest."""
    import asyncio
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
