"""Reading untrusted files safely: size limit, encoding, strict JSON.

Everything here raises DataFileError with a message an editor can act on; nothing else escapes.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from .errors import DataFileError
from .problems import Msg, feature_place, line_place, top_place
from .texts import cut

MAX_JSON_BYTES = 20 * 1024 * 1024
MAX_CSV_BYTES = 64 * 1024 * 1024
MAX_JSON_DEPTH = 32

_BOMS = (
    (b"\xef\xbb\xbf", "UTF-8 with a byte-order mark"),  # dropped, never named
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def read_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DataFileError(path, Msg("file not found")) from None
    except OSError as exc:
        raise DataFileError(path, Msg("cannot read file ({reason})", reason=exc.strerror)) from None
    if path.is_dir():
        raise DataFileError(path, Msg("is a directory, not a file"))
    if size > limit:
        raise DataFileError(path, Msg("file is {size:,} bytes; the limit is {limit:,} bytes", size=size, limit=limit))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataFileError(path, Msg("cannot read file ({reason})", reason=exc.strerror)) from None


def text_bytes(raw: bytes, path: Path | str) -> bytes:
    """The bytes of a UTF-8 text file without its byte-order mark; UTF-16/32, binary and empty
    files are refused with advice. The UTF-8 itself is checked by whoever decodes the bytes."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            if bom == b"\xef\xbb\xbf":
                raw = raw[len(bom) :]
                break
            raise DataFileError(path, Msg("file is encoded as {encoding}; save it as UTF-8", encoding=name))
    if not raw.strip():
        raise DataFileError(path, Msg("file is empty"))
    if b"\x00" in raw[:4096]:
        raise DataFileError(path, Msg("file contains NUL bytes: it is binary or UTF-16; save it as UTF-8"))
    return raw


def decode_text(raw: bytes, path: Path | str) -> str:
    """UTF-8 only. A UTF-8 byte-order mark is dropped; UTF-16/32 are refused with advice."""
    raw = text_bytes(raw, path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(
            path, Msg("not valid UTF-8 (byte {byte}, line {line}); save it as UTF-8", byte=exc.start, line=line)
        ) from None


def _reject_constant(name: str):
    raise ValueError(Msg("{name} is not allowed in JSON data", name=name))


def _walk(value, limit: int) -> tuple[bool, bool]:
    """(nested deeper than `limit`, holds a non-finite number), in one iterative pass (no recursion on hostile input)."""
    stack = [(value, 1)]
    non_finite = False
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            node = node.values()
        elif not isinstance(node, list):
            if isinstance(node, float) and not math.isfinite(node):
                non_finite = True
            continue
        if depth > limit or (depth + 1 > limit and len(node)):  # its items are one level deeper
            return True, non_finite
        stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list, float)))
    return False, non_finite


def _duplicate_key(pairs) -> str | None:
    seen = set()
    for key, _ in pairs:
        if key in seen:
            return key
        seen.add(key)
    return None


def _locate(value, target: int) -> list | None:
    """The path to the object whose id() is `target`, iteratively."""
    stack = [(value, [])]
    while stack:
        node, where = stack.pop()
        if id(node) == target:
            return where
        if isinstance(node, dict):
            stack.extend((v, where + [k]) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, where + [i]) for i, v in enumerate(node))
    return None


def _place(doc, where: list) -> Msg:
    """A feature's place (`feature 3 (id) properties`) or a JSON path at the top level."""
    if len(where) >= 2 and where[0] == "features" and isinstance(where[1], int):
        feature = doc["features"][where[1]]
        fid = feature.get("id") if isinstance(feature, dict) else None
        return feature_place(where[1], fid, ".".join(str(p) for p in where[2:]))
    return top_place(".".join(str(p) for p in where))


def _too_deep() -> Msg:
    return Msg("JSON is nested too deeply (more than {depth} levels)", depth=MAX_JSON_DEPTH)


def parse_json_text(text: str, path: Path | str) -> object:
    """Strict JSON: no NaN/Infinity, no key twice in one object, bounded nesting, errors with line and column."""
    twice: list[tuple[dict, str]] = []

    def _object(pairs):  # per object: a plain dict, and a note when a key was given twice
        obj = dict(pairs)
        if len(obj) != len(pairs) and not twice:
            twice.append((obj, _duplicate_key(pairs)))
        return obj

    try:
        value = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise DataFileError(
            path, Msg("malformed JSON: {detail}", detail=exc.msg), place=line_place(exc.lineno, exc.colno)
        ) from None
    except ValueError as exc:
        detail = exc.args[0] if exc.args and isinstance(exc.args[0], Msg) else str(exc)
        raise DataFileError(path, Msg("malformed JSON: {detail}", detail=detail)) from None
    except RecursionError:
        raise DataFileError(path, _too_deep()) from None
    deep, non_finite = _walk(value, MAX_JSON_DEPTH)
    if deep:
        raise DataFileError(path, _too_deep())
    if non_finite:
        raise DataFileError(path, Msg("JSON contains a number too large to be finite"))
    if twice:
        obj, key = twice[0]
        where = _locate(value, id(obj)) or []
        raise DataFileError(
            path,
            Msg(
                "the key {key} appears more than once in the same object; JSON readers disagree "
                "on which one counts, so keep exactly one",
                key=cut(key, 40),
            ),
            place=_place(value, where),
        )
    return value


def read_json(path: Path) -> object:
    return parse_json_text(decode_text(read_bytes(path, MAX_JSON_BYTES), path), path)


def read_csv_bytes(path: Path) -> bytes:
    """A CSV file's bytes (size-limited, byte-order mark dropped, UTF-16/binary refused); the CSV
    parser checks the UTF-8, and decode_text words the error when it fails."""
    return text_bytes(read_bytes(path, MAX_CSV_BYTES), path)
