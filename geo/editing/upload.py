"""Checking a candidate file (uploaded, edited in a table, or given to `python -m geo validate`)
against the rest of the data directory, exactly as it would be saved.

Steps, the same for the Editor page and the command line:
1. size limit, encoding (UTF-8; a BOM is dropped; UTF-16/32 refused), strict JSON (no NaN or
   Infinity, bounded nesting) — geo/readers.py;
2. for a site layer: coordinate hygiene (legacy `crs` member, projected systems, Chinese web-map
   offsets) — crs.py — whose conversions are reported as warnings;
3. the canonical layout (canonical.py): the text that would be saved;
4. every check of geo.dataset.check, with the candidate standing in for its file; problems in the
   other files are reported only when the candidate causes them (e.g. removing a site that events
   still name), so an unrelated old problem elsewhere never blocks a save (and not at all while the
   candidate itself is unusable: unreadable, not a FeatureCollection, a broken CSV header);
5. warnings for text fields worth a second look (geo/texts.py): HTML markup or Markdown link
   and image syntax (such text is kept exactly as typed and always shown as text, so it can
   never run or fetch anything; the warning asks whether it was meant), a cell a spreadsheet
   would read as a formula (downloads neutralise it), invisible or direction-changing characters.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..dataset import check
from ..errors import DataFileError
from ..paths import LAYERS
from ..problems import Problem, WARNING, feature_place, row_place
from .. import schemas
from ..texts import FORMULA_START, text_warnings
from ..readers import MAX_CSV_BYTES, MAX_JSON_BYTES, decode_text, parse_json_text, read_bytes
from . import canonical, crs
from .parts import relative_name

MAX_TEXT_WARNINGS = 50
LAYER_TEXT_FIELDS = ("name_en", "name_ko", "name_zh", "notes")


def limit_for(part: str) -> int:
    return MAX_JSON_BYTES if part in LAYERS else MAX_CSV_BYTES


@dataclass
class Candidate:
    """A file ready to be reviewed and saved: its canonical text (None if unreadable) and problems."""

    part: str
    name: str
    text: str | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return self.text is not None and not self.errors


def detect_part(name: str, raw: bytes) -> str | None:
    """Which data file an uploaded file is meant to replace, or None when it cannot tell.

    A layer by its `name` member, else its file name; a table by its file name, else its header.
    """
    lower = name.lower()
    stem = Path(lower).stem
    if lower.endswith((".geojson", ".json")):
        try:
            doc = parse_json_text(decode_text(raw, name), name)
        except DataFileError:
            doc = None
        declared = doc.get("name") if isinstance(doc, dict) else None
        if declared in LAYERS:
            return declared
        return stem if stem in LAYERS else None
    if lower.endswith(".csv"):
        for table, word in (("statistics", "statistic"), ("sources", "source"), ("events", "event")):
            if word in stem:
                return table
        header = raw[:2048].split(b"\n", 1)[0]
        return "sources" if b"publisher" in header else "statistics" if b"measure" in header else "events"
    return None


@dataclass
class _Prepared:
    checked: str | None  # the text given to the dataset checks (None: unreadable)
    text: str | None  # the canonical text that would be saved
    before: list[Problem]  # reading and coordinate problems: they explain what follows
    after: list[Problem]  # HTML warnings
    fallback: list[Problem]  # shown only when nothing else explains an unreadable file


def _prepare(raw: bytes, name: str, part: str, source_crs: str | None) -> _Prepared:
    limit = limit_for(part)
    if len(raw) > limit:
        return _Prepared(None, None, [Problem(name, "file", f"file is {len(raw):,} bytes; the limit is {limit:,} bytes")], [], [])
    try:
        text = decode_text(raw, name)
        doc = parse_json_text(text, name) if part in LAYERS else None
    except DataFileError as exc:
        return _Prepared(None, None, [Problem(name, exc.place or "file", exc.message)], [], [])
    if part in LAYERS:
        doc, problems = crs.normalise_layer(doc, name, source_crs)
        out = canonical.dump_layer(doc)
        return _Prepared(out, out, problems, _layer_text(doc, name), [])
    try:
        out = canonical.table_text(text, part, name)
    except canonical.CanonicalError as exc:
        return _Prepared(text, None, [], [], [Problem(name, exc.place, exc.message)])
    return _Prepared(text, out, [], _table_text(out, part, name), [])


def _check(root: Path, prepared: dict[str, tuple[str, str]], today: date | None) -> list[Problem]:
    """Validate texts (part -> (text, shown name)) standing in for their files in `root`."""
    if not prepared:
        return []
    with tempfile.TemporaryDirectory(prefix="geo-candidate-") as tmp:
        overrides, shown = {}, {}
        for part, (text, name) in prepared.items():
            path = Path(tmp) / part / Path(relative_name(part)).name
            path.parent.mkdir()
            path.write_text(text, encoding="utf-8", newline="")
            overrides[part], shown[str(path)] = path, name
        report = check(root, overrides, today=today)
    mine = [Problem(shown[p.path], p.place, p.message, p.severity) for p in report.problems if p.path in shown]
    elsewhere = [p for p in report.problems if p.path not in shown]
    if elsewhere:
        before = set(check(root, today=today).problems)
        mine += [p for p in elsewhere if p not in before]
    return mine


def check_upload(root: Path, raw: bytes, name: str, part: str, source_crs: str | None = None,
                 today: date | None = None) -> Candidate:
    """Validate uploaded bytes as the new version of `part` (a layer name, 'events' or 'sources')."""
    return check_many(root, {part: (raw, name)}, {part: source_crs}, today)[part]


def check_text(root: Path, part: str, text: str, name: str | None = None, today: date | None = None) -> Candidate:
    """Validate text built in the editor (tables, the add-site form, a restore) as the new `part`."""
    return check_upload(root, text.encode("utf-8"), name or relative_name(part), part, today=today)


def check_many(root: Path, files: dict[str, tuple[bytes, str]], source_crs: dict | None = None,
               today: date | None = None) -> dict[str, Candidate]:
    """Several candidates at once (part -> (bytes, shown name)), checked together."""
    source_crs = source_crs or {}
    prepared = {part: _prepare(raw, name, part, source_crs.get(part)) for part, (raw, name) in files.items()}
    results = _check(Path(root), {part: (p.checked, files[part][1]) for part, p in prepared.items()
                                  if p.checked is not None}, today)
    candidates = {}
    for part, prep in prepared.items():
        name = files[part][1]
        found = [p for p in results if p.path == name]
        fallback = prep.fallback if not any(p.is_error for p in prep.before + found) else []
        candidates[part] = Candidate(part, name, prep.text, prep.before + found + fallback + prep.after)
    names = {name for _, name in files.values()}
    others = [p for p in results if p.path not in names]
    unusable = any(p.is_error and p.place.startswith(("file", "top level", "row 1 (header)"))
                   for c in candidates.values() for p in c.problems)
    if others and not unusable:  # problems the candidates cause in the other files: listed with the first one
        next(iter(candidates.values())).problems.extend(others)
    return candidates


def check_files(root: Path, files: dict[str, Path], today: date | None = None) -> list[Problem]:
    """For `python -m geo validate PATH…`: the problems the editor would show for these files."""
    raw = {}
    early = []
    for part, path in files.items():
        try:
            raw[part] = (read_bytes(Path(path), limit_for(part)), str(path))
        except DataFileError as exc:
            early.append(Problem(str(path), exc.place or "file", exc.message))
    return early + [p for cand in check_many(root, raw, today=today).values() for p in cand.problems]


# ---------------------------------------------------------------- text fields worth a second look

def _text_columns(table: str) -> set[str]:
    """Free-text columns of a table: strings without an enum, a pattern or a date form."""
    out = set()
    for column, spec in schemas.schema(table)["properties"].items():
        alts = spec.get("oneOf", [spec])
        if any(a.get("type") == "string" and "enum" not in a and "pattern" not in a for a in alts) and column != "id":
            out.add(column)
    return out


def _worth_a_look(value: str) -> bool:
    """A cheap first test; text_warnings() gives the reasons."""
    return "<" in value or "[" in value or value[:1] in FORMULA_START or not value.isascii()


def _capped(problems: list[Problem], name: str) -> list[Problem]:
    if len(problems) <= MAX_TEXT_WARNINGS:
        return problems
    extra = len(problems) - MAX_TEXT_WARNINGS
    return problems[:MAX_TEXT_WARNINGS] + [Problem(name, "file", f"…and {extra:,} more warning(s) about text fields "
                                                   "(markup, formulas, invisible characters) not listed", WARNING)]


def _layer_text(doc, name: str) -> list[Problem]:
    out = []
    if not isinstance(doc, dict):
        return out
    if isinstance(doc.get("title"), str) and _worth_a_look(doc["title"]):
        out += [Problem(name, "top level title", m, WARNING) for m in text_warnings(doc["title"])]
    features = doc.get("features") if isinstance(doc.get("features"), list) else []
    for index, feature in enumerate(features):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            continue
        fields = [(f, props.get(f)) for f in LAYER_TEXT_FIELDS]
        if isinstance(props.get("sides"), dict):
            fields += [(f"sides.{k}", v) for k, v in props["sides"].items()]
        for key, value in fields:
            if isinstance(value, str) and _worth_a_look(value):
                out += [Problem(name, feature_place(index, feature.get("id"), f"properties.{key}"), m, WARNING)
                        for m in text_warnings(value)]
        if len(out) > 10 * MAX_TEXT_WARNINGS:
            break  # enough to show; the count of the rest would cost more than it tells
    return _capped(out, name)


def _table_text(text: str, table: str, name: str) -> list[Problem]:
    try:
        header, rows = canonical.read_rows(text, name)
    except canonical.CanonicalError:
        return []
    columns = _text_columns(table)
    wanted = [(i, c) for i, c in enumerate(header) if c in columns]
    id_at = header.index("id") if "id" in header else None
    out = []
    for ordinal, (_, cells) in enumerate(rows):
        for i, column in wanted:
            value = cells[i].strip() if i < len(cells) else ""
            if value and _worth_a_look(value):
                rid = cells[id_at] if id_at is not None and id_at < len(cells) else None
                out += [Problem(name, row_place(ordinal + 2, rid, column), m, WARNING) for m in text_warnings(value)]
        if len(out) > 10 * MAX_TEXT_WARNINGS:
            break
    return _capped(out, name)
