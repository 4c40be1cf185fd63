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

import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from ..dataset import check
from ..errors import DataFileError
from ..paths import LAYERS
from ..problems import FILE, HEADER, MAX_PER_FILE, TOP, Msg, Problem, WARNING, feature_place, row_place, top_place
from .. import budget, schemas, tables, textcols
from ..texts import FORMULA_START, HTML_TAG, MARKDOWN_LINK, SUSPICIOUS, text_warnings
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


_LAYER_NAME = re.compile(r'^\s*\{\s*(?:"[^"]*"\s*:\s*(?:"[^"]*"|[^,{}\[\]]*)\s*,\s*)*"name"\s*:\s*"([^"]*)"')


def detect_part(name: str, raw: bytes) -> str | None:
    """Which data file an uploaded file is meant to replace, or None when it cannot tell.

    A layer by its `name` member, else its file name; a table by its file name, else its header.
    """
    lower = name.lower()
    stem = Path(lower).stem
    if lower.endswith((".geojson", ".json")):
        # the layer's "name" member, read from the start of the file (never a full parse on the server's thread;
        # the bounded check parses it): the canonical layout puts it right after "type"
        found = _LAYER_NAME.search(raw[:65536].decode("utf-8", errors="replace"))
        if found and found.group(1) in LAYERS:
            return found.group(1)
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
        return _Prepared(
            None,
            None,
            [
                Problem(
                    name, FILE, Msg("file is {size:,} bytes; the limit is {limit:,} bytes", size=len(raw), limit=limit)
                )
            ],
            [],
            [],
        )
    try:
        text = decode_text(raw, name)
        doc = parse_json_text(text, name) if part in LAYERS else None
    except DataFileError as exc:
        return _Prepared(None, None, [Problem(name, exc.place or FILE, exc.message)], [], [])
    if part in LAYERS:
        hopeless = _not_features(doc, name)
        if hopeless:
            return _Prepared(None, None, hopeless, [], [])
        doc, problems = crs.normalise_layer(doc, name, source_crs)
        out = canonical.dump_layer(doc)
        return _Prepared(out, out, problems, _layer_text(doc, name), [])
    return _Prepared(text, None, [], [], [])  # canonical text after the checks (_finish_table), when it is of use


def _finish_table(prep: _Prepared, part: str, name: str, errors: int) -> None:
    """A table's canonical text and text warnings, unless the checks found so many errors that neither would
    be of use (the file cannot be saved, and rewriting 100,000 broken rows costs seconds)."""
    if errors >= MAX_PER_FILE:
        return
    try:
        prep.text = canonical.table_text(prep.checked, part, name)
    except canonical.CanonicalError as exc:
        prep.fallback = [Problem(name, exc.place, exc.message)]
        return
    prep.after = _table_text(prep.text, part, name)


def _not_features(doc, name: str) -> list[Problem]:
    """When at least MAX_PER_FILE entries of `features` are not GeoJSON Features at all, those problems
    (the first MAX_PER_FILE, then a count): nothing else about such a file is worth the time."""
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list) or len(features) < MAX_PER_FILE:
        return []
    bad = [
        i
        for i, f in enumerate(features)
        if not (isinstance(f, dict) and f.get("type") == "Feature" and "properties" in f and "geometry" in f)
    ]
    if len(bad) < MAX_PER_FILE:
        return []
    out = [
        Problem(
            name,
            feature_place(i, None),
            Msg('is not a GeoJSON Feature (an object with "type": "Feature", "id", "geometry" and "properties")'),
        )
        for i in bad[:MAX_PER_FILE]
    ]
    return out + [
        Problem(
            name,
            FILE,
            Msg(
                "…and {n:,} more entries of 'features' that are not GeoJSON Features; the file was not checked further",
                n=len(bad) - MAX_PER_FILE,
            ),
        )
    ]


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


def check_upload(
    root: Path,
    raw: bytes,
    name: str,
    part: str,
    source_crs: str | None = None,
    today: date | None = None,
    bounded: bool = False,
) -> Candidate:
    """Validate uploaded bytes as the new version of `part` (a layer name, 'events' or 'sources')."""
    return check_many(root, {part: (raw, name)}, {part: source_crs}, today, bounded=bounded)[part]


def check_text(
    root: Path, part: str, text: str, name: str | None = None, today: date | None = None, bounded: bool = False
) -> Candidate:
    """Validate text built in the editor (tables, the add-site form, a restore) as the new `part`."""
    return check_upload(root, text.encode("utf-8"), name or relative_name(part), part, today=today, bounded=bounded)


def _over_budget(exc: budget.OverBudget) -> Msg:
    advice = Msg(
        "nothing of it can be saved. The file is too large or has too many problems to check here: fix the "
        "problems that `python -m geo validate` lists for it, or split the change into smaller uploads"
    )
    if exc.limit == "time":
        return Msg(
            "checking was stopped because it took longer than {seconds:g} s; {advice}",
            seconds=exc.time_s,
            advice=advice,
        )
    if exc.limit == "memory":
        return Msg(
            "checking was stopped because it needed more than {mb:g} MB of memory; {advice}",
            mb=exc.budget_mb,
            advice=advice,
        )
    return Msg("checking was stopped because the checking process stopped unexpectedly; {advice}", advice=advice)


def check_many(
    root: Path,
    files: dict[str, tuple[bytes, str]],
    source_crs: dict | None = None,
    today: date | None = None,
    bounded: bool = False,
) -> dict[str, Candidate]:
    """Several candidates at once (part -> (bytes, shown name)), checked together.

    bounded=True (the Editor): in a worker process within geo.budget's time and memory budget, so a
    hostile file costs the server at most that, and the public pages keep their speed meanwhile.
    """
    if bounded:
        try:
            return budget.run(check_many, Path(root), files, source_crs, today)
        except budget.OverBudget as exc:
            return {
                part: Candidate(part, name, None, [Problem(name, FILE, _over_budget(exc))])
                for part, (_, name) in files.items()
            }
    source_crs = source_crs or {}
    prepared = {part: _prepare(raw, name, part, source_crs.get(part)) for part, (raw, name) in files.items()}
    results = _check(
        Path(root), {part: (p.checked, files[part][1]) for part, p in prepared.items() if p.checked is not None}, today
    )
    candidates = {}
    for part, prep in prepared.items():
        name = files[part][1]
        found = [p for p in results if p.path == name]
        if part not in LAYERS and prep.checked is not None:
            _finish_table(prep, part, name, sum(p.is_error for p in found))
        fallback = prep.fallback if not any(p.is_error for p in prep.before + found) else []
        candidates[part] = Candidate(part, name, prep.text, prep.before + found + fallback + prep.after)
    names = {name for _, name in files.values()}
    others = [p for p in results if p.path not in names]
    unusable = any(
        p.is_error and (p.place in (FILE, TOP, HEADER) or p.place.template == "top level {path}")
        for c in candidates.values()
        for p in c.problems
    )
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
            early.append(Problem(str(path), exc.place or FILE, exc.message))
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
    return problems[:MAX_TEXT_WARNINGS] + [
        Problem(
            name,
            FILE,
            Msg(
                "…and {n:,} more warning(s) about text fields (markup, formulas, invisible characters) not listed",
                n=extra,
            ),
            WARNING,
        )
    ]


def _layer_text(doc, name: str) -> list[Problem]:
    out = []
    if not isinstance(doc, dict):
        return out
    if isinstance(doc.get("title"), str) and _worth_a_look(doc["title"]):
        out += [Problem(name, top_place("title"), m, WARNING) for m in text_warnings(doc["title"])]
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
                out += [
                    Problem(name, feature_place(index, feature.get("id"), f"properties.{key}"), m, WARNING)
                    for m in text_warnings(value)
                ]
        if len(out) > 10 * MAX_TEXT_WARNINGS:
            break  # enough to show; the count of the rest would cost more than it tells
    return _capped(out, name)


def _table_text(text: str, table: str, name: str) -> list[Problem]:
    """Warnings for the table's text cells, in row order: the cells worth a look are found column by
    column in pyarrow (geo.textcols answers as Python's re does), and only those go to text_warnings;
    a table that does not parse cleanly is read row by row instead (_table_text_rows, same answer)."""
    try:
        frame, _ = tables.parse_table(text.encode("utf-8"), name, table)
    except DataFileError:
        return _table_text_rows(text, table, name)
    columns = [c for c in frame.columns if c in _text_columns(table)]
    formula = r"\A(?:" + "|".join(re.escape(s) for s in FORMULA_START) + ")"
    looks = {}
    for column in columns:
        col = frame[column]
        worth = (
            textcols.contains(col, r"[<\[]") | textcols.contains(col, formula) | textcols.contains(col, r"[^\x00-\x7f]")
        )
        risky = (
            textcols.contains(col, HTML_TAG.pattern)
            | textcols.contains(col, MARKDOWN_LINK.pattern)
            | textcols.contains(col, formula)
            | textcols.contains(col, SUSPICIOUS.pattern)
        )
        looks[column] = worth & risky & col.ne("").to_numpy()  # _worth_a_look, and text_warnings has a reason
    rows = np.flatnonzero(np.logical_or.reduce(list(looks.values()))) if looks else np.zeros(0, dtype=np.int64)
    out = []
    for pos in rows:
        line, rid = int(frame.index[pos]), frame["id"].iloc[pos]
        for column in columns:
            if looks[column][pos]:
                out += [
                    Problem(name, row_place(line, rid, column), m, WARNING)
                    for m in text_warnings(frame[column].iloc[pos])
                ]
        if len(out) > 10 * MAX_TEXT_WARNINGS:
            break
    return _capped(out, name)


def _table_text_rows(text: str, table: str, name: str) -> list[Problem]:
    try:
        header, rows = canonical.iter_rows(text, name)
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
