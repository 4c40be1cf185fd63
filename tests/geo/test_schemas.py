"""geo.schemas: the JSON Schemas load, are valid, and give columns and enums."""

from geo import schemas


def test_schemas_are_valid_and_columns_in_file_order():
    for name in schemas.SCHEMA_FILES:
        schemas.validator(name)
    assert schemas.columns("events")[:3] == ["id", "date", "date_precision"]
    assert "repatriation" in schemas.enum("events", "kind")
