"""datapackage.json's resources, generated from the registry and the JSON Schemas.

The Frictionless description is a derived view of the one data model: every field, type, enum,
pattern and key comes from data/schema/. The package's own metadata (title, licence, version, the
"as of" date) is written by editors in data/datapackage.json and kept as is; field descriptions
written there are kept where the schema has none. `python -m geo datapackage` rewrites the file;
`--check` only reports whether it is up to date (a test runs that).
"""

from __future__ import annotations

import json
from pathlib import Path

from . import schemas
from .paths import LAYERS, MODEL, SITES_SUBDIR, TABLE_FILES, TABLES

# links a Table Schema can declare (single-valued columns); lists of ids are checked by `validate`
FOREIGN_KEYS = {
    "events": [("part_of", "", "id")],
    "claims": [("event", "events", "id"), ("source", "sources", "id")],
}
DESCRIPTIONS = {
    "sources": "One row per report, statement or imagery study cited anywhere in the data, with its provenance.",
    "events": "One row per event: what happened, when, where, and how confident the editors are. Its people figures are its claims.",
    "claims": "One row per thing one source says about one event: the figure as stated with its qualifier, who said it, the date and places as stated.",
    "statistics": "Published counts and estimates (arrivals in South Korea; people held, hiding or returned), one per estimator.",
}


def _pattern(p: str) -> str:
    return p.removeprefix("^").removesuffix("$")


def field(table: str, name: str, old: dict | None) -> dict:
    prop = schemas.schema(table)["properties"][name]
    nullable = any(alt.get("type") == "null" for alt in prop.get("oneOf", []))
    core = next((alt for alt in prop.get("oneOf", []) if alt.get("type") != "null"), prop)
    out: dict = {"name": name}
    kind = core.get("type")
    if kind == "integer":
        out["type"] = "integer"
    elif kind == "boolean":
        out.update(type="boolean", trueValues=["true"], falseValues=["false"])
    elif kind == "string" and core.get("pattern") == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$":
        out["type"] = "date"
    else:
        out["type"] = "string"
    description = prop.get("description") or core.get("description") or (old or {}).get("description")
    if kind == "array":
        sep = MODEL["list_separator"]
        note = f" Ids separated by '{sep}' (a list, so not declared as a foreign key; `python -m geo validate` checks every id)."
        description = (description or "A list.").split(note)[0] + note
    if description:
        out["description"] = description
    cons: dict = {}
    if "enum" in core:
        cons["enum"] = list(core["enum"])
    if kind == "array":
        item = _pattern(core["items"]["pattern"])
        cons["pattern"] = f"{item}({MODEL['list_separator']}{item})*"
    elif "pattern" in core and out["type"] == "string":
        cons["pattern"] = _pattern(core["pattern"])
    for key in ("minLength", "maxLength", "minimum", "maximum"):
        if key in core:
            cons[key] = core[key]
    cons["required"] = not nullable
    if name == "id":
        cons["unique"] = True
    out["constraints"] = cons
    return out


def table_resource(table: str, old: dict | None) -> dict:
    old_fields = {f["name"]: f for f in (old or {}).get("schema", {}).get("fields", [])}
    schema = {
        "fields": [field(table, n, old_fields.get(n)) for n in schemas.columns(table)],
        "missingValues": [""],
        "primaryKey": ["id"],
    }
    keys = [
        {"fields": [col], "reference": {"resource": res, "fields": [ref]}}
        for col, res, ref in FOREIGN_KEYS.get(table, [])
    ]
    if keys:
        schema["foreignKeys"] = keys
    spec = MODEL["tables"][table]
    return {
        "name": table,
        "path": TABLE_FILES[table],
        "profile": "tabular-data-resource",
        "title": spec["title"]["en"],
        "description": (old or {}).get("description") or DESCRIPTIONS[table],
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "jsonSchema": f"schema/{spec['schema']}",
        "schema": schema,
    }


def layer_resource(layer: str, old: dict | None) -> dict:
    spec = MODEL["layers"][layer]
    return {
        "name": layer,
        "path": f"{SITES_SUBDIR}/{spec['file']}",
        "profile": "data-resource",
        "title": spec["title"]["en"],
        "description": (old or {}).get("description") or spec["title"]["en"] + " (GeoJSON, WGS84).",
        "format": "geojson",
        "mediatype": "application/geo+json",
        "encoding": "utf-8",
        "jsonSchema": f"schema/{MODEL['layer_schema']}",
        "featureJsonSchema": f"schema/{MODEL['feature_schema']}",
    }


def generate(current: dict) -> dict:
    """The package with its resources generated (a table resource only for tables present in `current`
    or required by the registry)."""
    old = {r["name"]: r for r in current.get("resources", [])}
    resources = [table_resource(t, old.get(t)) for t in TABLES]
    resources += [layer_resource(layer, old.get(layer)) for layer in LAYERS]
    return {**current, "resources": resources}


def text(package: dict) -> str:
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def path_of(root: Path) -> Path:
    return Path(root) / "datapackage.json"
