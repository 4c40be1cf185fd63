"""Data files as editable tables and back, for the Editor page's st.data_editor and add-site form.

Round trips are exact: a table built from a file and turned back without edits gives the file's
canonical text. Values the editor typed are kept as typed when they do not fit (a date of
2023-13-45, a longitude of "abc"), so that validation reports them instead of silently fixing them.
"""

from __future__ import annotations

import math

import pandas as pd

from .. import schemas
from ..errors import DataFileError
from ..readers import parse_json_text
from . import canonical

SITE_TABLE_COLUMNS = [
    "id",
    "lon",
    "lat",
    "name_en",
    "name_ko",
    "name_zh",
    "kind",
    "country",
    "precision",
    "uncertainty_m",
    "side_cn",
    "side_kp",
    "sources",
    "notes",
    "sensitive",
]
from ..paths import LIST_SEPARATOR  # noqa: E402


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        if value is pd.NA or value is pd.NaT:
            return True
    except TypeError:
        pass
    return isinstance(value, str) and not value.strip()


def _str(value) -> str:
    if _blank(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _id(value) -> str:
    """An id exactly as typed: never trimmed or changed, so that validation checks what the editor
    wrote (a stray space or a lost character is reported, not silently mended)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        if value is pd.NA:
            return ""
    except TypeError:
        pass
    return str(value)


# ---------------------------------------------------------------- tables (events.csv, sources.csv, statistics.csv)


def column_types(table: str) -> dict[str, str]:
    """Column -> 'integer', 'boolean', 'enum' or 'text', from the table's schema."""
    out = {}
    for col, spec in schemas.schema(table)["properties"].items():
        spec = next((alt for alt in spec.get("oneOf", []) if alt.get("type") != "null"), spec)
        out[col] = (
            "enum" if "enum" in spec else spec.get("type") if spec.get("type") in ("integer", "boolean") else "text"
        )
    return out


def table_frame(text: str, table: str) -> pd.DataFrame:
    """A CSV as a frame in schema column order: text cells, booleans as bools, and whole-number
    columns as numbers when every cell is one (else left as typed, for validation to report)."""
    header, rows = canonical.read_rows(text)
    columns = schemas.columns(table)
    data = [
        {c: (cells[header.index(c)].strip() if c in header and header.index(c) < len(cells) else "") for c in columns}
        for _, cells in rows
    ]
    frame = pd.DataFrame(data, columns=columns, dtype=object)
    for col, kind in column_types(table).items():
        if kind == "boolean":
            frame[col] = frame[col].map(lambda v: v == "true")
        elif kind == "integer" and frame[col].map(lambda v: v.lstrip("-").isdigit()).all():
            frame[col] = frame[col].map(int)
    return frame


def frame_text(frame: pd.DataFrame, table: str) -> str:
    """Canonical CSV text of an edited table; rows left completely empty are dropped."""
    types = column_types(table)
    rows = []
    for record in frame.to_dict("records"):
        values = {c: _str(record.get(c)) for c in schemas.columns(table)}  # canonical CSV trims every cell
        if not any(v for c, v in values.items() if not (types.get(c) == "boolean" and v in ("", "false"))):
            continue
        for col, kind in types.items():
            if kind == "boolean" and values.get(col) == "":
                values[col] = "false"
        rows.append(values)
    return canonical.rows_text(table, rows)


# ---------------------------------------------------------------- site layers


def layer_doc(text: str) -> dict:
    doc = parse_json_text(text.lstrip("\ufeff"), "")
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list):
        raise ValueError("not a FeatureCollection")
    return doc


def site_frame(doc: dict) -> pd.DataFrame:
    """One row per feature; Points have lon/lat, other geometries keep theirs (lon/lat empty)."""
    rows = []
    for feature in doc["features"]:
        feature = feature if isinstance(feature, dict) else {}
        geom = feature.get("geometry") if isinstance(feature.get("geometry"), dict) else {}
        props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        coords = geom.get("coordinates")
        point = geom.get("type") == "Point" and isinstance(coords, list) and len(coords) >= 2
        sides = props.get("sides") if isinstance(props.get("sides"), dict) else {}
        srcs = props.get("sources")
        rows.append(
            {
                "id": feature.get("id"),
                "lon": coords[0] if point else None,
                "lat": coords[1] if point else None,
                **{
                    k: props.get(k)
                    for k in ("name_en", "name_ko", "name_zh", "kind", "country", "precision", "uncertainty_m")
                },
                "side_cn": sides.get("cn"),
                "side_kp": sides.get("kp"),
                "sources": LIST_SEPARATOR.join(str(s) for s in srcs) if isinstance(srcs, list) else srcs,
                "notes": props.get("notes"),
                "sensitive": bool(props.get("sensitive")),
            }
        )
    return pd.DataFrame(rows, columns=SITE_TABLE_COLUMNS)


def _number(value):
    """A float if the cell holds a number, else the text as typed (validation reports it)."""
    if _blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return str(value)


def _integer(value):
    if _blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    text = str(value).strip()
    return int(text) if text.lstrip("-").isdigit() else text


def site_feature(row: dict, geometry: dict | None = None) -> dict:
    """A feature from a table row or the add-site form; `geometry` is kept when lon/lat are empty."""
    lon, lat = _number(row.get("lon")), _number(row.get("lat"))
    if geometry is None or lon is not None or lat is not None:
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    props = {
        "name_en": _str(row.get("name_en")),
        "name_ko": _str(row.get("name_ko")),
        "name_zh": _str(row.get("name_zh")) or None,
        "kind": _str(row.get("kind")),
        "country": _str(row.get("country")),
        "precision": _str(row.get("precision")),
        "uncertainty_m": _integer(row.get("uncertainty_m")),
    }
    if _str(row.get("side_cn")) or _str(row.get("side_kp")):
        props["sides"] = {"cn": _str(row.get("side_cn")), "kp": _str(row.get("side_kp"))}
    sources = row.get("sources")
    if isinstance(sources, (list, tuple)):
        props["sources"] = [str(s).strip() for s in sources if str(s).strip()]
    else:
        props["sources"] = [s.strip() for s in _str(sources).split(LIST_SEPARATOR) if s.strip()]
    props["notes"] = _str(row.get("notes"))
    props["sensitive"] = bool(row.get("sensitive")) if not _blank(row.get("sensitive")) else False
    return {"type": "Feature", "id": _id(row.get("id")), "geometry": geometry, "properties": props}


def frame_layer_text(doc: dict, frame: pd.DataFrame) -> str:
    """Canonical layer text from an edited site table.

    Rows keep the geometry of the feature at their original position (the frame's index) when
    their lon/lat are empty, which is how Polygon outlines survive table editing; new rows
    (an index beyond the original features) are Points. Completely empty rows are dropped.
    """
    features = doc["features"]
    out = []
    for index, record in zip(frame.index, frame.to_dict("records")):
        if all(_blank(record.get(c)) or (c == "sensitive" and record.get(c) is False) for c in SITE_TABLE_COLUMNS):
            continue
        original = features[index] if isinstance(index, int) and 0 <= index < len(features) else None
        geometry = (
            original.get("geometry")
            if isinstance(original, dict) and isinstance(original.get("geometry"), dict)
            else None
        )
        keep_geometry = geometry if geometry and geometry.get("type") != "Point" else None
        out.append(site_feature(record, keep_geometry))
    return canonical.dump_layer({**doc, "features": out})


def add_feature_text(text: str | None, layer: str, feature: dict, title: str | None = None) -> str:
    """Canonical text of a layer with one more feature (a new layer file if there is none yet)."""
    doc = (
        layer_doc(text)
        if text
        else {"type": "FeatureCollection", "name": layer, "title": title or layer, "features": []}
    )
    return canonical.dump_layer({**doc, "features": list(doc["features"]) + [feature]})


def source_ids(text: str | None) -> list[str]:
    if not text:
        return []
    try:
        header, rows = canonical.read_rows(text)
    except canonical.CanonicalError:
        return []
    if "id" not in header:
        return []
    i = header.index("id")
    return sorted({cells[i].strip() for _, cells in rows if i < len(cells) and cells[i].strip()})


def usual_values(text: str | None, fields=("kind", "country", "precision")) -> dict[str, str]:
    """The most common value of each field among a layer's sites, and the middle uncertainty radius
    of those placed as precisely, so that a new site's form starts from choices that fit its layer
    (a border crossing is CN-KP; a North Korean prison is KP).
    Fields the layer does not use yet are left out (the form then starts at the schema's first value)."""
    try:
        features = layer_doc(text)["features"] if text else []
    except (ValueError, DataFileError):
        return {}
    out = {}
    for field in fields:
        seen: dict[str, int] = {}
        for feature in features:
            props = feature.get("properties") if isinstance(feature, dict) else None
            value = props.get(field) if isinstance(props, dict) else None
            if isinstance(value, str) and value in schemas.site_enum(field):
                seen[value] = seen.get(value, 0) + 1
        if seen:
            out[field] = max(seen, key=lambda v: (seen[v], -schemas.site_enum(field).index(v)))
    radii = sorted(
        props["uncertainty_m"]
        for props in (f.get("properties") for f in features if isinstance(f, dict))
        if isinstance(props, dict)
        and props.get("precision") == out.get("precision")
        and isinstance(props.get("uncertainty_m"), int)
        and not isinstance(props.get("uncertainty_m"), bool)
    )
    if radii:  # the middle radius of sites placed as precisely (0 is allowed only for a facility itself)
        out["uncertainty_m"] = radii[len(radii) // 2]
    return out
