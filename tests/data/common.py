"""What the tests in tests/data share: the shipped data, the source reports and text helpers."""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "data"
# The five reports the data was built from live beside the project, not in it (they are other
# people's articles). Tests that need their text skip when they are absent.
REPORTS_DIR = Path(os.environ.get("GEO_SOURCES_DIR", REPO.parent / "shared" / "sources"))
REPORT_FILES = (
    "2019-05_epochtimes_hrw-calls-on-china.txt",
    "2021-07-20_rfa_fifty-escapees-sent-home.txt",
    "2021-07-26_wikinews_china-resumes-deportation.txt",
    "2023-10-13_mint-wsj_china-appears-to-have-repatriated.txt",
    "2023-12_newsweek_mass-deportation.txt",
)


def reports_available() -> bool:
    return all((REPORTS_DIR / name).is_file() for name in REPORT_FILES)


def report_text(name: str) -> str:
    return (REPORTS_DIR / name).read_text(encoding="utf-8")


def normalise(text: str) -> str:
    """Lower case, curly quotes straightened, whitespace collapsed: for phrase look-ups."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).lower()


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", normalise(text).replace("'", ""))


def shingles(text: str, n: int) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def site_features() -> list[dict]:
    out = []
    for path in sorted((SHIPPED / "sites").glob("*.geojson")):
        out += json.loads(path.read_text(encoding="utf-8"))["features"]
    return out


def free_texts() -> list[tuple[str, str]]:
    """Every text the editors wrote: (where, text) for summaries, notes, names and estimators."""
    out = [(f"events.csv {r['id']} summary", r["summary"]) for r in read_rows(SHIPPED / "events.csv")]
    for r in read_rows(SHIPPED / "statistics.csv"):
        out += [(f"statistics.csv {r['id']} notes", r["notes"]), (f"statistics.csv {r['id']} estimator", r["estimator"]),
                (f"statistics.csv {r['id']} period_label", r["period_label"])]
    for f in site_features():
        p = f["properties"]
        out += [(f"site {f['id']} notes", p["notes"]), (f"site {f['id']} name_en", p["name_en"])]
    return out
