"""The shipped data/ folder: it validates, every record cites sources that exist, every reference
resolves, the files follow the editors' conventions, and datapackage.json describes all of it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pandas as pd

import pytest

from geo import schemas, statistics
from geo.dataset import check, load
from geo.paths import LAYERS
from tests.data.common import REPO, SHIPPED, read_rows, site_features

ISSUE_CROSSINGS = {"dandong-sinuiju", "tumen-namyang", "quanhe-wonjong", "changbai-hyesan", "jian-manpo",
                   "linjiang-junggang", "nanping-musan", "sanhe-hoeryong", "hunchun-kyongwon"}
ISSUE_CHINA_SITES = {"shenyang-detention", "dandong-detention", "tumen-border-defence-detention-centre",
                     "longjing-detention", "helong-detention", "hunchun-detention", "baishan-detention",
                     "tonghua-detention", "changbai-detention", "anshan-detention"}
ISSUE_NK_SITES = {"sinuiju-mss-holding-centre", "hyesan-mss-holding-centre", "onsong-mss-holding-centre",
                  "musan-detention-centre", "hoeryong-mss-detention-centre", "chongjin-mss-holding-centre",
                  "kyohwaso-12-jongo-ri", "kyohwaso-1-kaechon", "kwanliso-25-chongjin"}
APPROXIMATE = re.compile(r"not (been )?(located|pinned)|approximate|no source gives its position|"
                         r"(city|town) centre|not taken from imagery", re.I)
CSV_FILES = ("sources.csv", "events.csv", "statistics.csv")
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "NO_PROXY": ""}


@pytest.fixture(scope="module")
def ds():
    return load(SHIPPED)


def test_shipped_data_validates_without_any_problem():
    """No error, and no warning except a source with no address (a few reports were seen only
    in print-like copies whose address is unknown; data/COVERAGE.md lists them)."""
    report = check(SHIPPED)
    other = [p for p in report.problems if "no address" not in p.message]
    assert other == [], "\n".join(str(p) for p in other)
    assert all(not p.is_error for p in report.problems)
    assert report.dataset is not None and report.dataset.statistics is not None


def test_sources_say_what_they_cite_and_which_have_no_address():
    """Every secondary source names the primary it cites; a primary cites nothing. The only sources
    with no address are the two data/COVERAGE.md names (validate warns about them)."""
    rows = read_rows(SHIPPED / "sources.csv")
    assert {r["role"] for r in rows} == {"primary", "secondary"}
    assert [r["id"] for r in rows if r["role"] == "secondary" and not r["cites"].strip()] == []
    assert [r["id"] for r in rows if r["role"] == "primary" and r["cites"].strip()] == []
    no_address = [r["id"] for r in rows if not r["url"] and not r["archive_url"]]
    assert no_address == ["hrnk-2016-08-29-kyohwaso-12-jongo-ri", "hrw-2023-10-china-forcibly-returns-500"]
    warned = [p for p in check(SHIPPED).problems if "no address" in p.message]
    assert len(warned) == 2 and all(not p.is_error for p in warned)


def test_geo_validate_command_passes():
    done = subprocess.run([sys.executable, "-m", "geo", "validate", "--data", str(SHIPPED)],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "is valid" in done.stderr


def test_every_site_event_and_statistic_cites_a_source_that_exists(ds):
    known = set(ds.sources.index)
    for what, frame in (("site", ds.sites), ("event", ds.events), ("statistic", ds.statistics)):
        for rid, ids in frame["sources"].items():
            assert len(ids) >= 1, f"{what} {rid} cites no source"
            missing = [s for s in ids if s not in known]
            assert not missing, f"{what} {rid} cites {missing}, not in sources.csv"


def test_every_source_is_cited_somewhere(ds):
    cited = set()
    for frame in (ds.sites, ds.events, ds.statistics):
        cited |= {s for ids in frame["sources"] for s in ids}
    assert set(ds.sources.index) - cited == set()


def test_every_reference_resolves(ds):
    sites = set(ds.sites.index)
    crossings = set(ds.sites.index[ds.sites["kind"].eq("border-crossing").to_numpy()])
    events = set(ds.events.index)
    for eid, ev in ds.events.iterrows():
        for col in ("origin", "destination"):
            assert pd.isna(ev[col]) or ev[col] in sites, f"{eid} {col} {ev[col]!r}"
        assert pd.isna(ev["crossing"]) or ev["crossing"] in crossings, f"{eid} crossing {ev['crossing']!r}"
        assert ev["part_of"] is None or ev["part_of"] in events, f"{eid} part_of {ev['part_of']!r}"
        assert ev["people_low"] <= ev["people_high"]


def test_sites_the_issue_asks_for_are_present(ds):
    by_layer = {layer: set(ds.sites.index[ds.sites["layer"].eq(layer).to_numpy()]) for layer in LAYERS}
    assert ISSUE_CROSSINGS <= by_layer["crossings"]
    assert ISSUE_CHINA_SITES <= by_layer["china-detention"]
    assert ISSUE_NK_SITES <= by_layer["nk-facilities"]


def test_yanji_is_mapped_or_listed_as_a_known_gap(ds):
    readme = (SHIPPED / "README.md").read_text(encoding="utf-8")
    gaps = readme.split("## Known gaps", 1)[1].split("\n## ", 1)[0]
    assert any("yanji" in sid for sid in ds.sites.index) or "Yanji" in gaps


def test_approximate_sites_say_so(ds):
    for sid, site in ds.sites.iterrows():
        if site["precision"] != "facility":
            assert site["uncertainty_m"] > 0, sid
            assert APPROXIMATE.search(site["notes"]), f"{sid}: notes must say the point is not the facility"


@pytest.mark.parametrize("name", CSV_FILES)
def test_csv_files_follow_the_editing_rules(name):
    raw = (SHIPPED / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert b"\r" not in raw, "LF line endings"
    assert raw.endswith(b"\n"), "trailing newline"
    header = raw.decode("utf-8").split("\n", 1)[0].split(",")
    assert header == schemas.columns(name.removesuffix(".csv"))


def test_rows_are_kept_in_the_documented_order():
    sources = [r["id"] for r in read_rows(SHIPPED / "sources.csv")]
    assert sources == sorted(sources)
    events = [(r["date"], r["id"]) for r in read_rows(SHIPPED / "events.csv")]
    assert events == sorted(events)
    order = schemas.enum("statistics", "measure")
    stats = [(order.index(r["measure"]), r["period_end"], r["id"]) for r in read_rows(SHIPPED / "statistics.csv")]
    assert stats == sorted(stats)


def test_site_ids_are_unique_across_layers():
    ids = [f["id"] for f in site_features()]
    assert len(ids) == len(set(ids))


def test_quarterly_arrivals_add_up_to_the_yearly_figure(ds):
    """Final figures only: a superseded first announcement is kept but not summed."""
    stats = ds.statistics[ds.statistics["measure"].eq("arrivals-south-korea").to_numpy()
                          & ds.statistics["superseded_by"].isna().to_numpy()]
    kind = statistics.period_kind(stats)
    years = stats[kind.eq("year").to_numpy()]
    quarters = stats[kind.eq("quarter").to_numpy()]
    checked = 0
    for _, year in years.iterrows():
        inside = quarters[(quarters["period_start"] >= year["period_start"]).to_numpy()
                          & (quarters["period_end"] <= year["period_end"]).to_numpy()]
        if len(inside) == 4:
            assert inside["value"].sum() == year["value"], year["id"]
            checked += 1
    assert checked >= 5  # 2019 to 2023 publish all four quarters (2020: 135 + 12 + 48 + 34 = 229)


def test_statistics_are_stored_as_stated(ds):
    """No computed range: value_to only for a stated range (and above value); a superseded first
    announcement names a row of the same measure and period that is itself the figure shown."""
    stats = ds.statistics
    for sid, row in stats.iterrows():
        if row["qualifier"] == "range":
            assert row["value_to"] > row["value"], sid
        else:
            assert pd.isna(row["value_to"]), sid
        if row["superseded_by"]:
            other = stats.loc[row["superseded_by"]]
            assert (other["measure"], other["period_start"], other["period_end"]) == (
                row["measure"], row["period_start"], row["period_end"]), sid
            assert other["superseded_by"] is None, sid


# --- datapackage.json ---------------------------------------------------------------------------

def package() -> dict:
    return json.loads((SHIPPED / "datapackage.json").read_text(encoding="utf-8"))


def test_datapackage_lists_every_data_file():
    skip_dirs = {"schema", "basemap"}
    files = {p.relative_to(SHIPPED).as_posix() for p in SHIPPED.rglob("*")
             if p.is_file() and p.relative_to(SHIPPED).parts[0] not in skip_dirs}
    files -= {"README.md", "COVERAGE.md", "datapackage.json"}  # documentation, not data
    listed = [r["path"] for r in package()["resources"]]
    assert len(listed) == len(set(listed))
    assert set(listed) == files


def test_datapackage_tables_match_the_json_schemas():
    for res in package()["resources"]:
        if res.get("profile") != "tabular-data-resource":
            continue
        table = res["name"]
        spec = schemas.schema(table)
        assert res["path"] == f"{table}.csv"
        assert res["jsonSchema"] == f"schema/{table}.schema.json"
        fields = res["schema"]["fields"]
        assert [f["name"] for f in fields] == spec["required"], table
        assert res["schema"]["primaryKey"] == ["id"]
        for f in fields:
            prop = spec["properties"][f["name"]]
            nullable = any(alt.get("type") == "null" for alt in prop.get("oneOf", []))
            core = next((alt for alt in prop.get("oneOf", []) if alt.get("type") != "null"), prop)
            cons = f.get("constraints", {})
            assert cons.get("required", False) is (not nullable), f"{table}.{f['name']} required"
            if "enum" in core:
                assert cons["enum"] == core["enum"], f"{table}.{f['name']} enum"
            if core.get("type") in ("integer", "boolean"):
                assert f["type"] == core["type"], f"{table}.{f['name']} type"
            if f["type"] == "date":
                assert core["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", f"{table}.{f['name']} is not always a full date"


def test_datapackage_layers_point_at_their_json_schemas():
    layers = [r for r in package()["resources"] if r.get("format") == "geojson"]
    assert sorted(r["name"] for r in layers) == sorted(LAYERS)
    for res in layers:
        assert res["path"] == f"sites/{res['name']}.geojson"
        for key in ("jsonSchema", "featureJsonSchema"):
            assert (SHIPPED / res[key]).is_file(), res[key]


def test_frictionless_validates_the_data_package():
    done = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", "data/datapackage.json"],
                          capture_output=True, text=True, cwd=REPO, timeout=300, env={**os.environ, **OFFLINE})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert json.loads(done.stdout)["valid"] is True


def test_frictionless_catches_a_broken_reference(tmp_path):
    """The package's constraints bite: an unknown umbrella id and an unknown measure are reported."""
    import shutil
    root = tmp_path / "data"
    shutil.copytree(SHIPPED, root, ignore=shutil.ignore_patterns("basemap"))
    events = (root / "events.csv").read_text(encoding="utf-8")
    events = events.replace(",2023-10-09-mass-repatriation,", ",no-such-event,", 1)
    (root / "events.csv").write_text(events, encoding="utf-8")
    stats = (root / "statistics.csv").read_text(encoding="utf-8").replace(",arrivals-south-korea,", ",arrivals-nowhere,", 1)
    (root / "statistics.csv").write_text(stats, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
                          capture_output=True, text=True, cwd=root, timeout=300, env={**os.environ, **OFFLINE})
    assert done.returncode != 0
    report = json.loads(done.stdout)
    types = {err["type"] for task in report["tasks"] for err in task["errors"]}
    assert {"foreign-key", "constraint-error"} <= types
