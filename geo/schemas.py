"""The JSON Schemas in data/schema/ are the single statement of the data model.

Site features are checked with jsonschema directly; CSV tables are checked column by column
with pandas from the same schema (see tables.py), which is what keeps 100k rows fast.
Enumerations carry their own labels (`x-labels`, English and Korean), colours (`x-colours`), for the
site kinds marker shapes (`x-shapes`, one of SHAPES) and for the event kinds route line patterns
(`x-line-dashes`, SVG dash arrays, "" for solid): every label, colour, shape and pattern table in the
code is read from here, so a new value needs only its schema entry, label, colour and shape or pattern.
"""

from __future__ import annotations

import json
from functools import lru_cache

from jsonschema import Draft202012Validator

from .paths import MODEL, SCHEMA_DIR

SCHEMA_FILES = {
    **{name: spec["schema"] for name, spec in MODEL["tables"].items()},
    "site": MODEL["feature_schema"],
    "layer": MODEL["layer_schema"],
}
LANGS = ("en", "ko")
SHAPES = (
    "circle",
    "square",
    "diamond",
    "triangle",
    "triangle-down",
    "hexagon",
)  # what geo/web/shapemarker.js and styles.py draw


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    with open(SCHEMA_DIR / SCHEMA_FILES[name], encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    # the schemas ship with the code: tests/geo/test_schemas.py checks each against the JSON Schema
    # meta-schema, which at run time cost every command ~0.3 s of start-up
    return Draft202012Validator(schema(name))


def columns(name: str) -> list[str]:
    """The table's columns in file order (the schema's `required` order)."""
    return list(schema(name)["required"])


def field_spec(name: str, field: str) -> dict:
    """A field's schema: a table column, or for 'site' a feature property. An enum that allows null
    (`oneOf: [null, {enum}]`) is returned as its enum branch."""
    props = schema(name)["properties"]
    if name == "site":
        props = props["properties"]["properties"]
    spec = props[field]
    for alt in spec.get("oneOf", []):
        if "enum" in alt:
            return {**alt, **{k: v for k, v in spec.items() if k != "oneOf"}}
    return spec


def enum(name: str, field: str) -> list[str]:
    return list(field_spec(name, field)["enum"])


def site_enum(field: str) -> list[str]:
    return enum("site", field)


def labels(name: str, field: str, lang: str = "en") -> dict[str, str]:
    """value → label in `lang` (English where a Korean label is missing), for every enum value."""
    spec = field_spec(name, field)
    found = spec.get("x-labels", {})
    return {v: (found.get(v, {}).get(lang) or found.get(v, {}).get("en") or v) for v in spec["enum"]}


def short_labels(name: str, field: str, lang: str = "en") -> dict[str, str]:
    spec = field_spec(name, field)
    found = spec.get("x-short-labels", {})
    full = labels(name, field, lang)
    return {v: (found.get(v, {}).get(lang) or found.get(v, {}).get("en") or full[v]) for v in spec["enum"]}


def colours(name: str, field: str) -> dict[str, str]:
    """value → colour for every enum value (KeyError on a value without one: the schema is incomplete)."""
    spec = field_spec(name, field)
    table = spec["x-colours"]
    return {v: table[v] for v in spec["enum"]}


def shapes(name: str, field: str) -> dict[str, str]:
    """value → marker shape for every enum value (KeyError on a value without one: the schema is incomplete)."""
    spec = field_spec(name, field)
    table = spec["x-shapes"]
    return {v: table[v] for v in spec["enum"]}


def line_dashes(name: str, field: str) -> dict[str, str]:
    """value → route line pattern (an SVG dash array, "" for a solid line) for every enum value."""
    spec = field_spec(name, field)
    table = spec["x-line-dashes"]
    return {v: table[v] for v in spec["enum"]}


def _dash_ok(value) -> bool:
    return isinstance(value, str) and (value == "" or all(p.isdigit() and int(p) > 0 for p in value.split(" ")))


def missing_vocabulary(get=None) -> list[str]:
    """Enum values that lack a label (or, where the field has colours, a colour): empty when complete.
    `get(name)` supplies the schemas (default: the shipped ones)."""
    get = get or schema
    out = []
    for name in SCHEMA_FILES:
        sch = get(name)
        props = sch["properties"]["properties"]["properties"] if name == "site" else sch.get("properties", {})
        for field in props:
            spec = props[field]
            spec = next((alt for alt in spec.get("oneOf", []) if "enum" in alt), spec) | {
                k: v for k, v in spec.items() if k.startswith("x-")
            }
            if "enum" not in spec or "x-labels" not in spec:
                continue
            for value in spec["enum"]:
                for lang in LANGS:
                    if not spec["x-labels"].get(value, {}).get(lang):
                        out.append(f"{name}.{field}: {value!r} has no {lang} label")
                if "x-colours" in spec and value not in spec["x-colours"]:
                    out.append(f"{name}.{field}: {value!r} has no colour")
                if "x-shapes" in spec and spec["x-shapes"].get(value) not in SHAPES:
                    out.append(f"{name}.{field}: {value!r} has no marker shape (one of {', '.join(SHAPES)})")
                if "x-line-dashes" in spec and not _dash_ok(spec["x-line-dashes"].get(value)):
                    out.append(f'{name}.{field}: {value!r} has no line pattern ("" or whole numbers: "10 6")')
            if "x-shapes" in spec and len(set(spec["x-shapes"].values())) < len(spec["x-shapes"]):
                out.append(f"{name}.{field}: two values share a marker shape")
            if "x-line-dashes" in spec and len(set(spec["x-line-dashes"].values())) < len(spec["x-line-dashes"]):
                out.append(f"{name}.{field}: two values share a line pattern")
    return out
