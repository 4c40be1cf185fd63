"""One statement of the data model: enums, labels, colours, file names and the list separator come
from data/schema/; a new value needs only its schema entry, label and colour."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path


from geo import schemas, styles
from geo.paths import LIST_SEPARATOR, MODEL, TABLE_FILES, file_kind, table_by_header
from tests.common import copy_data, read_rows, write_rows

REPO = Path(__file__).resolve().parents[2]


def test_every_enum_value_has_labels_and_colours():
    assert schemas.missing_vocabulary() == []


def test_missing_vocabulary_names_a_value_without_label_or_colour():
    site = json.loads(json.dumps(schemas.schema("site")))
    kind = site["properties"]["properties"]["properties"]["kind"]
    kind["enum"].append("secret-prison")
    missing = schemas.missing_vocabulary(lambda name: site if name == "site" else schemas.schema(name))
    assert "site.kind: 'secret-prison' has no en label" in missing
    assert "site.kind: 'secret-prison' has no colour" in missing


def test_labels_and_colours_are_read_from_the_schemas():
    assert styles.KIND_COLOURS == schemas.schema("site")["properties"]["properties"]["properties"]["kind"]["x-colours"]
    assert styles.EVENT_KIND_LABELS["repatriation"] == "Returned to North Korea"
    assert schemas.labels("events", "kind", "ko")["repatriation"] == "북송"


def test_file_kinds_come_from_the_registry_by_exact_name():
    for table, name in TABLE_FILES.items():
        assert file_kind(Path("x") / name) == table
    assert file_kind("figures.csv") is None
    assert file_kind("my-events.csv") is None
    assert table_by_header(schemas.columns("statistics")) == "statistics"
    assert LIST_SEPARATOR == MODEL["list_separator"] == ";"


def run_cli(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_validate_a_renamed_statistics_file_checks_it_as_statistics(tmp_path):
    root = copy_data(tmp_path)
    shutil.copy(REPO / "data" / "statistics.csv", tmp_path / "figures.csv")
    shutil.copy(REPO / "data" / "sources.csv", root / "sources.csv")
    done = run_cli("validate", "--data", str(root), str(tmp_path / "figures.csv"))
    assert "column date" not in done.stdout + done.stderr and "events" not in done.stdout
    assert done.returncode in (0, 1), done.stderr


def test_validate_refuses_a_csv_it_cannot_place(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    done = run_cli("validate", str(tmp_path / "notes.csv"))
    assert done.returncode == 2
    assert "cannot tell which table this is" in done.stderr and "claims.csv" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_spaced_list_in_statistics_is_read_item_by_item(tmp_path):
    from geo.dataset import check

    root = tmp_path / "data"
    shutil.copytree(REPO / "data", root, ignore=shutil.ignore_patterns("basemap"))
    rows = read_rows(root / "statistics.csv")
    first = rows[0]["sources"].split(";")[0]
    rows[0]["sources"] = f"{first}; {first}" if ";" not in rows[0]["sources"] else rows[0]["sources"].replace(";", "; ")
    write_rows(root / "statistics.csv", rows)
    problems = [str(p) for p in check(root).problems if p.is_error]
    assert not any("is not in sources.csv" in p for p in problems), problems


def test_a_new_site_kind_needs_only_its_schema_entry_label_colour_and_shape(tmp_path, monkeypatch):
    """Add a kind to a copy of the schema with its label, colour and marker shape: it validates, and the map draws it."""
    schema_dir = tmp_path / "schema"
    shutil.copytree(REPO / "data" / "schema", schema_dir)
    site = json.loads((schema_dir / "site.schema.json").read_text(encoding="utf-8"))
    kind = site["properties"]["properties"]["properties"]["kind"]
    kind["enum"].append("police-station")
    kind["x-labels"]["police-station"] = {"en": "Police station", "ko": "공안국"}
    kind["x-colours"]["police-station"] = "#777777"
    kind["x-shapes"]["police-station"] = "hexagon"
    (schema_dir / "site.schema.json").write_text(json.dumps(site), encoding="utf-8")
    code = f"""
import geo.paths as p
from pathlib import Path
p.SCHEMA_DIR = Path({str(schema_dir)!r})
from geo import dataset, query, mapbuild
from tests.common import copy_data, edit_feature
root = Path({str(tmp_path / "d")!r})
import shutil; shutil.copytree({str(copy_data(tmp_path / "src"))!r}, root)
edit_feature(root, "china-detention", 0, kind="police-station")
ds = dataset.load(root)
ev = query.filter_events(ds, query.Filters())
html = mapbuild.full_map(ds, query.site_totals(ds, ev), query.route_totals(ds, ev), events=ev).get_root().render()
assert "Police station" in html and "#777777" in html and "shape-hexagon" in html
print("drawn")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0 and "drawn" in done.stdout, done.stderr[-2000:]


def test_datapackage_is_generated_from_the_schemas():
    done = run_cli("datapackage", "--check")
    assert done.returncode == 0, done.stderr
