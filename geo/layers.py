"""Site layers: GeoJSON FeatureCollections of places, parsed and checked feature by feature."""

from __future__ import annotations

import re
from pathlib import Path

from shapely.geometry import shape
from shapely.validation import explain_validity

from . import schemas
from .problems import MAX_PER_FILE, Msg, Problem, WARNING, feature_place, top_place, TOP
from .readers import parse_json_text, decode_text, read_bytes, MAX_JSON_BYTES
from .region import in_region, looks_swapped
from .texts import cut, has_visible

SITE_COLUMNS = [
    "id",
    "layer",
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
    "notes_ko",
    "notes_ko_status",
    "sensitive",
    "lon",
    "lat",
    "geometry",
]


def _json_path(error) -> str:
    parts = [str(p) for p in error.absolute_path]
    return ".".join(parts)


GEOMETRY_BRANCHES = {"Point": 0, "Polygon": 1}


def _geometry_message(error) -> Msg:
    """A oneOf failure on geometry, explained for the branch matching the geometry's type."""
    gtype = error.instance.get("type") if isinstance(error.instance, dict) else None
    if gtype not in GEOMETRY_BRANCHES:
        return Msg("geometry type {type!r} is not supported; use Point (or Polygon for a region)", type=gtype)
    branch = GEOMETRY_BRANCHES[gtype]
    subs = [e for e in error.context if e.relative_schema_path and e.relative_schema_path[0] == branch]
    for sub in subs:
        where = ".".join(str(x) for x in sub.relative_path)
        if sub.validator == "maxItems" and where.count(".") <= 2:
            return Msg("positions must be [lon, lat]; 3-D coordinates (altitude) are not accepted")
        if sub.validator in ("minimum", "maximum"):
            if where.endswith("0"):
                return Msg("{where}: longitude {value} is out of range (-180..180)", where=where, value=sub.instance)
            return Msg("{where}: latitude {value} is out of range (-90..90)", where=where, value=sub.instance)
    detail = subs[0].message if subs else ""
    if detail:
        return Msg("{type} geometry is malformed: {detail}", type=gtype, detail=detail)
    return Msg("{type} geometry is malformed", type=gtype)


def _schema_message(error) -> Msg:
    path = [str(p) for p in error.absolute_path]
    if error.validator == "oneOf" and path[-1:] == ["geometry"]:
        return _geometry_message(error)
    if error.validator == "oneOf":
        best = min(error.context, key=lambda e: len(e.message), default=None)
        return Msg("{text}", text=best.message if best else error.message)  # jsonschema's own words
    if error.validator == "additionalProperties":
        known = error.schema.get("properties", {})
        extra = [k for k in error.instance if k not in known] if isinstance(error.instance, dict) else []
        if len(extra) == 1:
            return Msg("unknown field(s) ({fields} was unexpected)", fields=repr(extra[0]))
        if extra:
            return Msg("unknown field(s) ({fields} were unexpected)", fields=", ".join(repr(k) for k in extra))
        return Msg("{text}", text=error.message.replace("Additional properties are not allowed", "unknown field(s)"))
    return _plain_message(error)


_TYPES = {
    "string": Msg("text"),
    "integer": Msg("a whole number"),
    "number": Msg("a number"),
    "boolean": Msg("true or false"),
    "array": Msg("a list"),
    "object": Msg("an object"),
    "null": Msg("null"),
}


_ID_PATTERNS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": Msg(
        "an id is lowercase letters a-z and digits, joined by single hyphens (like dandong-sinuiju)"
    ),
    "^[a-z0-9]+(--?[a-z0-9]+)*$": Msg(
        "an id is lowercase letters a-z and digits, joined by one or two hyphens (like dandong-sinuiju)"
    ),
}
_CHARACTER_NAMES = {" ": Msg("a space"), "\t": Msg("a tab"), "\n": Msg("a line break"), "\r": Msg("a carriage return")}


def _pattern_words(spec: str, value) -> Msg:
    """An id pattern's failure in plain words: the rule, and the first thing that breaks it."""
    rule = _ID_PATTERNS.get(spec)
    if rule is None or not isinstance(value, str):
        return Msg("{value} does not have the expected form ({pattern})", value=cut(value, 40), pattern=spec)
    for position, char in enumerate(value, 1):
        if not (char.isascii() and (char.islower() or char.isdigit() or char == "-")):
            name = _CHARACTER_NAMES.get(char) or (f"'{char}'" if char.isprintable() else f"U+{ord(char):04X}")
            return Msg(
                "{value}: {rule}; character {position} is {character}",
                value=cut(value, 40),
                rule=rule,
                position=position,
                character=name,
            )
    if not value:
        return Msg("is empty; {rule}", rule=rule)
    if value.startswith("-") or value.endswith("-"):
        return Msg("{value}: {rule}; it starts or ends with a hyphen", value=cut(value, 40), rule=rule)
    return Msg("{value}: {rule}; it has too many hyphens together", value=cut(value, 40), rule=rule)


def _plain_message(error) -> Msg:
    """jsonschema's message in plain words, naming the allowed values; values quoted short (never a whole dict)."""
    v, spec = error.validator, error.validator_value
    if v == "required":
        if error.message.count("'") >= 2:
            return Msg("the field '{field}' is missing; it is required here", field=error.message.split("'")[1])
        return Msg("a required field is missing")
    if v == "const":
        return Msg("must be {expected!r} here, not {value}", expected=spec, value=cut(error.instance, 40))
    if v == "enum":
        return Msg(
            "{value} is not allowed; use one of: {allowed}",
            value=cut(error.instance, 40),
            allowed=", ".join(map(str, spec)),
        )
    if v == "type":
        wanted = [_TYPES.get(t, t) for t in (spec if isinstance(spec, list) else [spec])]
        if len(wanted) == 2:
            return Msg(
                "{value} is not {first} or {second}", value=cut(error.instance, 40), first=wanted[0], second=wanted[1]
            )
        return Msg(
            "{value} is not {wanted}",
            value=cut(error.instance, 40),
            wanted=wanted[0] if len(wanted) == 1 else " or ".join(map(str, wanted)),
        )
    if v == "pattern":
        return _pattern_words(spec, error.instance)
    if v == "maxLength":
        return Msg("is {length:,} characters long; at most {limit}", length=len(error.instance), limit=spec)
    if v == "minLength":
        return Msg("is {length:,} characters long; at least {limit}", length=len(error.instance), limit=spec)
    if v == "minimum":
        return Msg("{value} is below the minimum {limit}", value=error.instance, limit=spec)
    if v == "maximum":
        return Msg("{value} is above the maximum {limit}", value=error.instance, limit=spec)
    if v == "minItems":
        return Msg("has {n} item(s); at least {limit}", n=len(error.instance), limit=spec)
    if v == "maxItems":
        return Msg("has {n} item(s); at most {limit}", n=len(error.instance), limit=spec)
    if v == "uniqueItems":
        return Msg("lists the same item twice")
    if v == "not" and isinstance(spec, dict) and list(spec) == ["required"] and isinstance(error.instance, dict):
        present = [f for f in spec["required"] if f in error.instance]
        return Msg(
            "the field(s) {fields} are not allowed here (for this kind of site)", fields=", ".join(map(repr, present))
        )
    text = error.message
    shown = repr(error.instance)
    if len(shown) > 80 and shown in text:
        text = text.replace(shown, cut(error.instance, 40))
    return Msg("{text}", text=text)  # jsonschema's own words


def parse_layer_text(text: str, path: str) -> tuple[dict, list[Problem]]:
    data = parse_json_text(text, path)
    problems: list[Problem] = []
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        kind = data.get("type") if isinstance(data, dict) else type(data).__name__
        problems.append(Problem(path, TOP, Msg("not a GeoJSON FeatureCollection (found {kind!r})", kind=kind)))
        return {}, problems
    if "crs" in data:
        problems.append(
            Problem(path, TOP, Msg("a 'crs' member is not allowed: RFC 7946 GeoJSON is always WGS84 lon/lat"))
        )
    top = {k: v for k, v in data.items() if k != "crs"}
    if isinstance(top.get("features"), list):  # each feature is checked by check_features (and stops at the cap)
        top["features"] = []
    for err in schemas.validator("layer").iter_errors(top):
        problems.append(Problem(path, top_place(_json_path(err)), _schema_message(err)))
    return data, problems


def check_features(data: dict, path: str, layer: str | None) -> tuple[list[dict], list[Problem], set[str]]:
    """Validate each feature; return flat site records for the valid ones, all problems, and the
    ids of invalid features (so references to them are reported as such, not as missing)."""
    problems: list[Problem] = []
    records: list[dict] = []
    invalid: set[str] = set()
    features = data.get("features") if isinstance(data.get("features"), list) else []
    site_validator = schemas.validator("site")
    for index, feature in enumerate(features):
        if len(problems) >= MAX_PER_FILE:  # enough to act on; checking the rest would cost more than it tells
            problems.append(
                Problem(
                    path,
                    feature_place(index, None),
                    Msg(
                        "checking stopped here after {n:,} problems; the remaining {rest:,} feature(s) were not checked",
                        n=len(problems),
                        rest=len(features) - index,
                    ),
                )
            )
            break
        fid = feature.get("id") if isinstance(feature, dict) else None
        errs = list(site_validator.iter_errors(feature)) if isinstance(feature, dict) else []
        if not isinstance(feature, dict):
            problems.append(Problem(path, feature_place(index, None), Msg("is not a JSON object")))
            continue
        swapped = _swapped_point(feature.get("geometry"))
        for err in errs:
            if swapped and _json_path(err) == "geometry":
                continue  # the swap message below says it better than "124.39 is out of range"
            problems.append(Problem(path, feature_place(index, fid, _json_path(err)), _schema_message(err)))
        if swapped:
            problems.append(Problem(path, feature_place(index, fid, "geometry"), _swapped_message(swapped)))
        strict = _strict_feature(feature, path, index, fid) if not errs else []
        problems += strict
        geometry_ok = not any(e.absolute_path and str(e.absolute_path[0]) == "geometry" for e in errs)
        geom_problems = _check_geometry(feature.get("geometry"), path, index, fid) if geometry_ok else []
        problems += geom_problems
        if errs or strict or swapped or any(p.is_error for p in geom_problems):
            if isinstance(fid, str):
                invalid.add(fid)
            continue
        records.append({**_record(feature, layer), "_index": index})
    return records, problems, invalid


NAME_FIELDS = ("name_en", "name_ko", "name_zh")


def _strict_feature(feature: dict, path: str, index: int, fid) -> list[Problem]:
    """What JSON Schema lets through: an id or source id with a final line break (a pattern's "$"
    matches before it), and names with nothing visible in them."""
    out = []
    id_pattern = re.compile(schemas.schema("site")["$defs"]["slug"]["pattern"])
    if isinstance(fid, str) and not id_pattern.fullmatch(fid):
        out.append(
            Problem(
                path,
                feature_place(index, fid, "id"),
                Msg(
                    "{value} is not a lowercase slug (a-z, 0-9, single hyphens): remove the line break or space",
                    value=cut(fid),
                ),
            )
        )
    props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
    for item in props.get("sources") or []:
        if isinstance(item, str) and not id_pattern.fullmatch(item):
            out.append(
                Problem(
                    path,
                    feature_place(index, fid, "properties.sources"),
                    Msg("{value} is not a valid source id: remove the line break or space", value=cut(item)),
                )
            )
    for name in NAME_FIELDS:
        value = props.get(name)
        if isinstance(value, str) and value and not has_visible(value):
            out.append(
                Problem(
                    path,
                    feature_place(index, fid, f"properties.{name}"),
                    Msg("has no visible character (only spaces or invisible characters)"),
                )
            )
    return out


def _swapped_message(position: str) -> Msg:
    return Msg("{position} looks like latitude and longitude swapped; GeoJSON order is [lon, lat]", position=position)


def _swapped_point(geometry) -> str | None:
    """'[lat, lon]' text when a Point's numbers only make sense swapped, else None."""
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return None
    coords = geometry.get("coordinates")
    if (
        isinstance(coords, list)
        and len(coords) == 2
        and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords)
        and looks_swapped(coords[0], coords[1])
    ):
        return f"[{coords[0]}, {coords[1]}]"
    return None


def _check_geometry(geometry, path, index, fid) -> list[Problem]:
    if not isinstance(geometry, dict):
        return []
    place = feature_place(index, fid, "geometry")
    problems = []
    coords = geometry.get("coordinates")
    points = [coords] if geometry.get("type") == "Point" else [p for ring in coords for p in ring]
    for lon, lat in points:
        if looks_swapped(lon, lat):
            problems.append(Problem(path, place, _swapped_message(f"[{lon}, {lat}]")))
            return problems
        if not in_region(lon, lat):
            position = f"[{lon}, {lat}]"
            problems.append(
                Problem(path, place, Msg("{position} is far outside China and North Korea", position=position), WARNING)
            )
            break
    if geometry.get("type") == "Polygon":
        for n, ring in enumerate(coords):
            if ring[0] != ring[-1]:
                problems.append(
                    Problem(path, place, Msg("ring {n} is not closed: its first and last positions differ", n=n))
                )
        if not problems or all(not p.is_error for p in problems):
            geom = shape(geometry)
            if not geom.is_valid:
                problems.append(Problem(path, place, Msg("invalid polygon: {reason}", reason=explain_validity(geom))))
    return problems


def _record(feature: dict, layer: str | None) -> dict:
    props = feature["properties"]
    geom = shape(feature["geometry"])
    point = geom if geom.geom_type == "Point" else geom.representative_point()
    sides = props.get("sides") or {}
    return {
        "id": feature["id"],
        "layer": layer,
        "name_en": props["name_en"],
        "name_ko": props["name_ko"],
        "name_zh": props["name_zh"],
        "kind": props["kind"],
        "country": props["country"],
        "precision": props["precision"],
        "uncertainty_m": int(props["uncertainty_m"]),
        "side_cn": sides.get("cn"),
        "side_kp": sides.get("kp"),
        "sources": tuple(props["sources"]),
        "notes": props["notes"],
        "notes_ko": props.get("notes_ko"),
        "notes_ko_status": props.get("notes_ko_status"),
        "sensitive": bool(props["sensitive"]),
        "lon": float(point.x),
        "lat": float(point.y),
        "geometry": geom,
    }


def read_layer(path: Path, layer: str | None) -> tuple[list[dict], list[Problem], set[str]]:
    text = decode_text(read_bytes(path, MAX_JSON_BYTES), path)
    data, problems = parse_layer_text(text, str(path))
    if not data:
        return [], problems, set()
    if layer and data.get("name") not in (None, layer):
        problems.append(
            Problem(
                str(path),
                top_place("name"),
                Msg("layer name {name!r} does not match the file name {file!r}", name=data.get("name"), file=layer),
            )
        )
    records, more, invalid = check_features(data, str(path), layer or data.get("name"))
    return records, problems + more, invalid
