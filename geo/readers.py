"""Reading untrusted files safely: size limit, encoding, strict JSON.

Everything here raises DataFileError with a message an editor can act on; nothing else escapes.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from .errors import DataFileError

MAX_JSON_BYTES = 20 * 1024 * 1024
MAX_CSV_BYTES = 64 * 1024 * 1024
MAX_JSON_DEPTH = 32

_BOMS = (
    (b"\xef\xbb\xbf", "UTF-8 with a byte-order mark"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def read_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except OSError as exc:
        raise DataFileError(path, f"cannot read file ({exc.strerror})") from None
    if path.is_dir():
        raise DataFileError(path, "is a directory, not a file")
    if size > limit:
        raise DataFileError(path, f"file is {size:,} bytes; the limit is {limit:,} bytes")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataFileError(path, f"cannot read file ({exc.strerror})") from None


def text_bytes(raw: bytes, path: Path | str) -> bytes:
    """The bytes of a UTF-8 text file without its byte-order mark; UTF-16/32, binary and empty
    files are refused with advice. The UTF-8 itself is checked by whoever decodes the bytes."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            if bom == b"\xef\xbb\xbf":
                raw = raw[len(bom):]
                break
            raise DataFileError(path, f"file is encoded as {name}; save it as UTF-8")
    if not raw.strip():
        raise DataFileError(path, "file is empty")
    if b"\x00" in raw[:4096]:
        raise DataFileError(path, "file contains NUL bytes: it is binary or UTF-16; save it as UTF-8")
    return raw


def decode_text(raw: bytes, path: Path | str) -> str:
    """UTF-8 only. A UTF-8 byte-order mark is dropped; UTF-16/32 are refused with advice."""
    raw = text_bytes(raw, path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(path, f"not valid UTF-8 (byte {exc.start}, line {line}); save it as UTF-8") from None


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed in JSON data")


def _depth(value, limit: int) -> int:
    """Nesting depth, iteratively (no recursion on hostile input)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                return deepest
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return deepest


def parse_json_text(text: str, path: Path | str) -> object:
    """Strict JSON: no NaN/Infinity, bounded nesting, errors with line and column."""
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise DataFileError(path, f"malformed JSON: {exc.msg}", place=f"line {exc.lineno} column {exc.colno}") from None
    except ValueError as exc:
        raise DataFileError(path, f"malformed JSON: {exc}") from None
    except RecursionError:
        raise DataFileError(path, f"JSON is nested too deeply (more than {MAX_JSON_DEPTH} levels)") from None
    if _depth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise DataFileError(path, f"JSON is nested too deeply (more than {MAX_JSON_DEPTH} levels)")
    if _has_non_finite(value):
        raise DataFileError(path, "JSON contains a number too large to be finite")
    return value


def _has_non_finite(value) -> bool:
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, float) and not math.isfinite(node):
            return True
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def read_json(path: Path) -> object:
    return parse_json_text(decode_text(read_bytes(path, MAX_JSON_BYTES), path), path)


def read_csv_bytes(path: Path) -> bytes:
    """A CSV file's bytes (size-limited, byte-order mark dropped, UTF-16/binary refused); the CSV
    parser checks the UTF-8, and decode_text words the error when it fails."""
    return text_bytes(read_bytes(path, MAX_CSV_BYTES), path)
