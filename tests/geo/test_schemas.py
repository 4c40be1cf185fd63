"""geo.schemas: the JSON Schemas load, are valid, and give columns and enums."""

from jsonschema import Draft202012Validator

from geo import schemas


def test_schemas_are_valid_and_columns_in_file_order():
    for name in schemas.SCHEMA_FILES:
        Draft202012Validator.check_schema(schemas.schema(name))  # raises SchemaError for an invalid schema
        schemas.validator(name)
    assert schemas.columns("events")[:3] == ["id", "date", "date_precision"]
    assert "repatriation" in schemas.enum("events", "kind")
