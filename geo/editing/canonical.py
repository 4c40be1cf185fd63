"""The one canonical layout of every data file, so a git diff shows only what changed.

Site layers (GeoJSON):
- UTF-8, LF line endings, two-space indentation, exactly one trailing newline; non-ASCII text is
  written as itself (not as \\u escapes).
- Keys in the order of the JSON Schemas (data/schema/): collection `type, name, title, features`;
  feature `type, id, geometry, properties`; geometry `type, coordinates`; properties `name_en …
  sensitive` as listed in site.schema.json; `sides` as `cn, kp`. Keys the schema does not know
  (which validation reports) follow in their original order, so formatting never drops anything.
- Every position is written on one line, `[lon, lat]`, each number rounded to 6 decimals (about
  0.1 m) without trailing zeros but with at least one decimal (`125.0`, `124.39058`).
- Features keep their order.

Tables (CSV):
- UTF-8 without BOM, LF, header row, columns in the schema's order (unknown columns after them),
  fields quoted only where needed (a comma, quote or line break inside), cells trimmed of
  surrounding blanks (validation reads them trimmed anyway), blank lines dropped, one trailing
  newline. Rows keep their order (the data guide's sort order is a convention for editors, and
  reordering rows would make every diff noisy).

Formatting twice gives the same bytes (tests check this on the shipped data and the fixtures).
"""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache

from .. import schemas
from ..problems import FILE, HEADER, Msg, line_place
from ..errors import GeoError
from ..paths import LAYERS
from ..readers import parse_json_text
from .parts import TABLES

INDENT = "  "
COORDINATE_DECIMALS = 6


class CanonicalError(GeoError):
    """A file that parses but cannot be laid out without changing what it says (ragged CSV rows)."""

    def __init__(self, path: str, message: str, place: str = FILE) -> None:
        self.path, self.place, self.message = str(path), place, message
        super().__init__(f"{path}:{place}: {message}")


def kind_of(part: str) -> str:
    """'layer' for a site layer name, else the table name ('events', 'sources', 'statistics')."""
    if part in LAYERS:
        return "layer"
    if part in TABLES:
        return part
    raise ValueError(f"unknown data file {part!r}")


# ---------------------------------------------------------------- GeoJSON


@lru_cache(maxsize=None)
def key_orders() -> dict[str, tuple[str, ...]]:
    """Key order per object kind, read from the schemas (the single statement of the model)."""
    site = schemas.schema("site")
    props = site["properties"]["properties"]["properties"]
    geometry = site["properties"]["geometry"]["oneOf"][0]["properties"]
    return {
        "collection": tuple(schemas.schema("layer")["properties"]),
        "feature": tuple(site["properties"]),
        "geometry": tuple(geometry),
        "properties": tuple(props),
        "sides": tuple(props["sides"]["properties"]),
    }


# which object kind a key's value is, given the kind of the object holding it
_CHILD = {
    ("collection", "features"): "features",
    ("features", None): "feature",
    ("feature", "geometry"): "geometry",
    ("feature", "properties"): "properties",
    ("geometry", "coordinates"): "coordinates",
    ("properties", "sides"): "sides",
}


def coordinate(value) -> str:
    """A coordinate number rounded to 6 decimals: `124.39058`, `125.0`, never `-0.0` or `1e-05`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return json.dumps(value, ensure_ascii=False)
    text = f"{float(value):.{COORDINATE_DECIMALS}f}".rstrip("0")
    if text.endswith("."):
        text += "0"
    return "0.0" if text == "-0.0" else text


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _ordered_keys(obj: dict, kind: str) -> list:
    known = key_orders().get(kind, ())
    return [k for k in known if k in obj] + [k for k in obj if k not in known]


def _dump(value, kind: str, indent: str) -> str:
    """Recursive; parsed input is at most readers.MAX_JSON_DEPTH (32) levels deep."""
    inner = indent + INDENT
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = []
        for key in _ordered_keys(value, kind):
            child = _CHILD.get((kind, key), "other")
            items.append(f"{inner}{json.dumps(str(key), ensure_ascii=False)}: {_dump(value[key], child, inner)}")
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list):
        if kind == "coordinates" and value and all(_is_number(v) for v in value):
            return "[" + ", ".join(coordinate(v) for v in value) + "]"
        if not value:
            return "[]"
        child = "coordinates" if kind == "coordinates" else _CHILD.get((kind, None), "other")
        return "[\n" + ",\n".join(inner + _dump(v, child, inner) for v in value) + "\n" + indent + "]"
    if kind == "coordinates" and _is_number(value):
        return coordinate(value)
    return json.dumps(value, ensure_ascii=False)


def dump_layer(doc) -> str:
    """Any JSON value in the canonical layout (a FeatureCollection gets the schema's key order)."""
    return _dump(doc, "collection", "") + "\n"


def layer_text(text: str, path: str = "") -> str:
    """Canonical text of a GeoJSON layer given as text (strict JSON, see readers.parse_json_text)."""
    return dump_layer(parse_json_text(text.lstrip("\ufeff"), path))


# ---------------------------------------------------------------- CSV


def _clean(cell: str) -> str:
    return cell.replace("\r\n", "\n").replace("\r", "\n").strip()


def write_rows(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def iter_rows(text: str, path: str = ""):
    """(header, rows): the header, and an iterator of (line number, cells) over the non-blank rows,
    read one at a time with Python's csv module (a 16 MB file is never held as lists of cells)."""
    text = text.lstrip("\ufeff")
    if "\r" in text:  # line breaks inside cells and between rows become LF once, not cell by cell
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text, newline=""))

    def rows():
        try:
            for cells in reader:
                if cells and not (len(cells) == 1 and not cells[0].strip()):
                    yield reader.line_num, cells
        except csv.Error as exc:
            raise CanonicalError(
                path, Msg("malformed CSV: {detail}", detail=str(exc)), line_place(reader.line_num)
            ) from None

    found = rows()
    first = next(found, None)
    if first is None:
        raise CanonicalError(path, Msg("file is empty"))
    return [_clean(c) for c in first[1]], found


def read_rows(text: str, path: str = "") -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, cells) of every non-blank row, with Python's csv module."""
    header, rows = iter_rows(text, path)
    return header, list(rows)


def table_text(text: str, table: str, path: str = "") -> str:
    """Canonical text of a CSV table (events.csv, sources.csv, statistics.csv) given as text."""
    header, rows = iter_rows(text, path)
    dupes = sorted({c for c in header if header.count(c) > 1})
    if dupes:
        raise CanonicalError(path, Msg("duplicate column(s): {columns}", columns=", ".join(dupes)), HEADER)
    expected = schemas.columns(table)
    order = [c for c in expected if c in header] + [c for c in header if c not in expected]
    pick = [header.index(c) for c in order]
    same_order = pick == list(range(len(header)))

    def out():  # one row at a time into the writer
        for line, cells in rows:
            if len(cells) != len(header):
                raise CanonicalError(
                    path,
                    Msg("has {n} fields but the header has {header}", n=len(cells), header=len(header)),
                    line_place(line),
                )
            yield list(map(str.strip, cells)) if same_order else [cells[i].strip() for i in pick]  # LF already

    return write_rows(order, out())


def rows_text(table: str, rows: list[dict]) -> str:
    """Canonical CSV from row dicts (values already strings; missing keys are empty)."""
    columns = schemas.columns(table)
    return write_rows(columns, [[_clean("" if r.get(c) is None else str(r.get(c))) for c in columns] for r in rows])


def canonical_text(part: str, text: str, path: str = "") -> str:
    """The canonical form of a data file's text; raises DataFileError/CanonicalError if it cannot be read."""
    kind = kind_of(part)
    return layer_text(text, path) if kind == "layer" else table_text(text, kind, path)
