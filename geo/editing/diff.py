"""What a candidate changes, record by record and field by field.

Records are matched by id (features of a layer, rows of a table). A record without a usable id,
or a repeated id, is matched by its position instead (`feature 3`, `row 5`), so nothing is hidden.
Values are compared as the text a reader would see: coordinates rounded as canonical.py writes
them, lists joined with '; ', null as empty.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass

from ..paths import LAYERS
from ..readers import parse_json_text
from . import canonical

ADDED, CHANGED, REMOVED = "added", "changed", "removed"


@dataclass(frozen=True)
class Change:
    change: str  # added / changed / removed
    id: str
    field: str  # "" for a whole added or removed record
    old: str | None
    new: str | None


@dataclass(frozen=True)
class SitePoint:
    """Where an added, changed or removed site is, for the review map."""

    id: str
    change: str
    lon: float
    lat: float
    name: str


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _geometry_text(geometry) -> str:
    if not isinstance(geometry, dict):
        return _text(geometry)
    coords = canonical._dump(geometry.get("coordinates"), "coordinates", "")
    return f"{geometry.get('type')} {' '.join(coords.split())}"


def feature_fields(feature) -> dict[str, str]:
    """A feature flattened to field -> text (geometry, then properties in schema order)."""
    if not isinstance(feature, dict):
        return {"feature": _text(feature)}
    out = {"geometry": _geometry_text(feature.get("geometry"))}
    props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
    for key in canonical._ordered_keys(props, "properties"):
        value = props[key]
        if key == "sides" and isinstance(value, dict):
            for side in canonical._ordered_keys(value, "sides"):
                out[f"sides.{side}"] = _text(value[side])
        else:
            out[key] = _text(value)
    for key in feature:
        if key not in ("type", "id", "geometry", "properties"):
            out[key] = _text(feature[key])
    return out


def _keyed(records: list[tuple[object, dict]], label: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for position, (rid, fields) in enumerate(records):
        key = rid if isinstance(rid, str) and rid and rid not in out else f"{label} {position}"
        out[key] = fields
    return out


def _compare(old: dict[str, dict], new: dict[str, dict], summary) -> list[Change]:
    changes: list[Change] = []
    for key, fields in new.items():
        if key not in old:
            changes.append(Change(ADDED, key, "", None, summary(fields)))
            continue
        before = old[key]
        for name in list(fields) + [f for f in before if f not in fields]:
            if before.get(name) != fields.get(name):
                changes.append(Change(CHANGED, key, name, before.get(name), fields.get(name)))
    for key, fields in old.items():
        if key not in new:
            changes.append(Change(REMOVED, key, "", summary(fields), None))
    return changes


def _layer_records(text: str | None) -> dict[str, dict]:
    if not text:
        return {}
    try:
        doc = parse_json_text(text.lstrip("\ufeff"), "")
    except Exception:
        return {}
    features = doc.get("features") if isinstance(doc, dict) and isinstance(doc.get("features"), list) else []
    return _keyed([(f.get("id") if isinstance(f, dict) else None, feature_fields(f)) for f in features], "feature")


def _table_records(text: str | None) -> dict[str, dict]:
    if not text:
        return {}
    try:
        header, rows = canonical.read_rows(text)
    except canonical.CanonicalError:
        return {}
    records = []
    for cells in (c for _, c in rows):
        fields = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header) if h != "id"}
        rid = cells[header.index("id")].strip() if "id" in header and header.index("id") < len(cells) else None
        records.append((rid, fields))
    return _keyed(records, "row")


def _summary(fields: dict) -> str:
    for key in ("name_en", "summary", "title"):
        if fields.get(key):
            return fields[key]
    return next((v for v in fields.values() if v), "")


def diff(part: str, old_text: str | None, new_text: str | None) -> list[Change]:
    """Added, changed and removed records between two versions of a data file."""
    records = _layer_records if part in LAYERS else _table_records
    return _compare(records(old_text), records(new_text), _summary)


def counts(changes: list[Change]) -> dict[str, int]:
    """Records added, changed (however many fields) and removed."""
    return {
        ADDED: sum(c.change == ADDED for c in changes),
        CHANGED: len({c.id for c in changes if c.change == CHANGED}),
        REMOVED: sum(c.change == REMOVED for c in changes),
    }


LONG = 300  # characters: a value longer than this is shown in the table only around what changed
CONTEXT = 60  # characters of unchanged text kept on each side of a change


def _words(text: str) -> list[str]:
    """Words and the spaces after them, so that joining the pieces gives the text back."""
    return re.findall(r"\S+\s*|\s+", text)


def changed_parts(old: str, new: str, context: int = CONTEXT) -> tuple[str, str]:
    """Old and new text cut down to the changed words with `context` characters around each
    change ('…' where text was left out), so that an edit deep inside a long note stays visible."""
    a, b = _words(old), _words(new)
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()

    last = len(blocks) - 1

    def head(text):  # the first `context` characters, ending at a word's end
        cut = text[:context]
        return cut[: cut.rfind(" ") + 1] if " " in cut.rstrip() else cut

    def tail(text):  # the last `context` characters, starting at a word's start
        cut = text[-context:]
        return cut[cut.find(" ") + 1 :] if " " in cut.lstrip() else cut

    def side(words, pick):
        out = []
        for n, (op, i1, i2, j1, j2) in enumerate(blocks):
            lo, hi = pick(i1, i2, j1, j2)
            text = "".join(words[lo:hi])
            if op != "equal":
                out.append(text)
            elif n == 0 and len(text) > context:  # before the first change: its end only
                out.append("…" + tail(text))
            elif n == last and len(text) > context:  # after the last change: its start only
                out.append(head(text) + "…")
            elif 0 < n < last and len(text) > 2 * context:  # between two changes: both ends
                out.append(head(text) + "…" + tail(text))
            else:
                out.append(text)
        return "".join(out)

    return side(a, lambda i1, i2, j1, j2: (i1, i2)), side(b, lambda i1, i2, j1, j2: (j1, j2))


def shown_values(change: Change) -> tuple[str | None, str | None]:
    """The old and new values as the review table shows them: whole when short, else cut to what
    changed (a changed field) or to the first LONG characters (a whole added or removed record)."""
    old, new = change.old, change.new
    if change.change == CHANGED and old and new and max(len(old), len(new)) > LONG:
        return changed_parts(old, new)

    def cut(v):
        return v if v is None or len(v) <= LONG else v[:LONG] + "…"

    return cut(old), cut(new)


def long_text_changes(changes: list[Change]) -> list[Change]:
    """Changed fields whose text is too long for the table: the page shows them in full."""
    return [c for c in changes if c.change == CHANGED and max(len(c.old or ""), len(c.new or "")) > LONG]


def as_rows(changes: list[Change], limit: int = 5000) -> list[dict]:
    """Table rows for display (long values cut to what changed)."""
    rows = []
    for c in changes[:limit]:
        old, new = shown_values(c)
        rows.append({"change": c.change, "id": c.id, "field": c.field, "old": old, "new": new})
    return rows


def site_points(part: str, old_text: str | None, new_text: str | None) -> list[SitePoint]:
    """Positions of the added and changed sites (new position) and removed ones (old position)."""
    if part not in LAYERS:
        return []
    changes = diff(part, old_text, new_text)
    status = {}
    for c in changes:
        status.setdefault(c.id, c.change)
    out = []
    for text, wanted in ((new_text, (ADDED, CHANGED)), (old_text, (REMOVED,))):
        try:
            doc = parse_json_text(text.lstrip("\ufeff"), "") if text else None
        except Exception:
            continue
        features = doc.get("features") if isinstance(doc, dict) and isinstance(doc.get("features"), list) else []
        for position, feature in enumerate(features):
            if not isinstance(feature, dict):
                continue
            fid = (
                feature.get("id") if isinstance(feature.get("id"), str) and feature.get("id") else f"feature {position}"
            )
            if status.get(fid) not in wanted:
                continue
            point = _point(feature.get("geometry"))
            if point:
                props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
                out.append(SitePoint(fid, status[fid], point[0], point[1], _text(props.get("name_en")) or fid))
    return out


def _point(geometry) -> tuple[float, float] | None:
    """A representative lon/lat for a Point or a Polygon's first ring (its vertex mean), if sane."""
    if not isinstance(geometry, dict):
        return None
    coords = geometry.get("coordinates")
    try:
        if geometry.get("type") == "Point":
            lon, lat = float(coords[0]), float(coords[1])
        elif geometry.get("type") == "Polygon":
            ring = coords[0]
            lon = sum(float(p[0]) for p in ring) / len(ring)
            lat = sum(float(p[1]) for p in ring) / len(ring)
        else:
            return None
    except (TypeError, ValueError, IndexError, ZeroDivisionError):
        return None
    return (lon, lat) if -180 <= lon <= 180 and -90 <= lat <= 90 else None


def text_diff(
    old: str | None, new: str | None, old_label: str = "current", new_label: str = "yours", context: int = 3
) -> str:
    """A unified diff of two texts (for conflicts and history)."""
    return "".join(
        difflib.unified_diff(
            (old or "").splitlines(keepends=True),
            (new or "").splitlines(keepends=True),
            fromfile=old_label,
            tofile=new_label,
            n=context,
        )
    )
