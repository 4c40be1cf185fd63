"""The JSON Schemas in data/schema/ are the single statement of the data model.

Site features are checked with jsonschema directly; CSV tables are checked column by column
with pandas from the same schema (see tables.py), which is what keeps 100k rows fast.
"""

from __future__ import annotations

import json
from functools import lru_cache

from jsonschema import Draft202012Validator

from .paths import SCHEMA_DIR

SCHEMA_FILES = {
    "site": "site.schema.json",
    "layer": "layer.schema.json",
    "events": "events.schema.json",
    "sources": "sources.schema.json",
    "statistics": "statistics.schema.json",
}


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    with open(SCHEMA_DIR / SCHEMA_FILES[name], encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    sch = schema(name)
    Draft202012Validator.check_schema(sch)
    return Draft202012Validator(sch)


def columns(name: str) -> list[str]:
    """The table's columns in file order (the schema's `required` order)."""
    return list(schema(name)["required"])


def enum(name: str, field: str) -> list[str]:
    return list(schema(name)["properties"][field]["enum"])


def site_enum(field: str) -> list[str]:
    return list(schema("site")["properties"]["properties"]["properties"][field]["enum"])
