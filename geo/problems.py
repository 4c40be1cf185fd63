"""One reported problem in a data file, printed as `path:place: message`.

A problem's place and message are `Msg`s: the catalog's English template and its parameters (file,
row or feature, field, values). A Msg *is* its English text (a str), so it prints, compares and sorts
as plain text; `geo.i18n.translate(lang).msg(m)` shows it in a reader's language. Parameters are data
(ids, cell values, counts), shown exactly as given and never translated, except parameters that are
Msgs themselves (a hint, an axis name), which are translated with the message.
"""

from __future__ import annotations

from dataclasses import dataclass

from .messages import Msg, as_msg

ERROR = "error"
WARNING = "warning"
MAX_MESSAGE_CHARS = 400
MAX_PLACE_CHARS = 160
MAX_ID_CHARS = 60


MAX_PARAM_CHARS = 80  # a data value quoted in a message that would be too long whole is cut to this


def _short(value):
    """A data value as a too-long message quotes it: long text cut (a Msg is left whole)."""
    if isinstance(value, str) and not isinstance(value, Msg) and len(value) > MAX_PARAM_CHARS:
        return value[:MAX_PARAM_CHARS] + "…"
    return value


def _shortened(value: str, limit: int) -> Msg:
    """A message within `limit` characters: its long data values cut, else its English text cut."""
    if isinstance(value, Msg) and value.params:
        shorter = Msg(value.template, **{k: _short(v) for k, v in value.params.items()})
        if len(shorter) <= limit:
            return shorter
    return _cut(value, limit)


def _cut(text: str, limit: int) -> Msg:
    return Msg("{text}… (cut; {n:,} characters in all)", text=text[:limit], n=len(text))


def _label_id(fid: str) -> str:
    return fid if len(fid) <= MAX_ID_CHARS else fid[:MAX_ID_CHARS] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    """Where (file, feature or row and field) and what is wrong.

    `place` names a feature by index and id (`feature 3 (dandong-sinuiju) properties.kind`)
    or a CSV row by its line number, id and column (`row 5 (ev-1) column date`).
    """

    path: str
    place: str
    message: str
    severity: str = ERROR

    def __post_init__(self) -> None:  # a message never repeats a huge value whole
        for name, limit in (("message", MAX_MESSAGE_CHARS), ("place", MAX_PLACE_CHARS)):
            value = getattr(self, name)
            if len(value) > limit:
                object.__setattr__(self, name, _shortened(value, limit))
            elif not isinstance(value, Msg):
                object.__setattr__(self, name, as_msg(value))

    def __str__(self) -> str:
        tag = "" if self.severity == ERROR else f"{self.severity}: "
        return f"{self.path}:{self.place}: {tag}{self.message}"

    @property
    def template(self) -> str:
        """The message's catalog template: what tests and tools match a kind of problem by."""
        return self.message.template

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def _id_text(fid: object) -> str:
    if not isinstance(fid, str) or not fid:
        return ""
    return repr(_label_id(fid)) if not fid.isprintable() else _label_id(fid)


def feature_place(index: int, fid: object, field: str = "") -> Msg:
    """`feature 3 (dandong-sinuiju) properties.kind`: the feature's position in the file, its id, the field."""
    shown = _id_text(fid)
    if shown and field:
        return Msg("feature {index} ({id}) {field}", index=index, id=shown, field=field)
    if shown:
        return Msg("feature {index} ({id})", index=index, id=shown)
    if field:
        return Msg("feature {index} {field}", index=index, field=field)
    return Msg("feature {index}", index=index)


def row_place(line: int, rid: object, column: str = "") -> Msg:
    """`row 5 (ev-1) column date`: the CSV line number, the row's id, the column."""
    shown = _id_text(rid)
    if shown and column:
        return Msg("row {line} ({id}) column {column}", line=line, id=shown, column=column)
    if shown:
        return Msg("row {line} ({id})", line=line, id=shown)
    if column:
        return Msg("row {line} column {column}", line=line, column=column)
    return Msg("row {line}", line=line)


FILE = Msg("file")
TOP = Msg("top level")
HEADER = Msg("row 1 (header)")


def top_place(path: str = "") -> Msg:
    """`top level features.0`: a place in a JSON document outside its features."""
    return Msg("top level {path}", path=path) if path else TOP


def line_place(line: int, column: int | None = None) -> Msg:
    """`line 4 column 7` in a text file."""
    if column is None:
        return Msg("line {line}", line=line)
    return Msg("line {line} column {column}", line=line, column=column)


MAX_PER_FILE = 1_000


@dataclass(frozen=True, order=True)
class Omitted(Problem):
    """Stands for `count` more problems of the same kind that were counted but not spelled out."""

    count: int = 0


def cap(problems: list[Problem], limit: int = MAX_PER_FILE) -> list[Problem]:
    """At most `limit` problems per file, in their order, then one line counting the rest."""
    kept: list[Problem] = []
    shown: dict[str, int] = {}
    rest: dict[str, list[int]] = {}  # path -> [errors, warnings] not listed
    for p in problems:
        if isinstance(p, Omitted):
            rest.setdefault(p.path, [0, 0])[0 if p.is_error else 1] += p.count
        elif shown.get(p.path, 0) < limit:
            kept.append(p)
            shown[p.path] = shown.get(p.path, 0) + 1
        else:
            rest.setdefault(p.path, [0, 0])[0 if p.is_error else 1] += 1
    for path, (errors, warnings) in rest.items():
        if errors or warnings:
            kept.append(
                Problem(
                    path,
                    FILE,
                    Msg(
                        "…and {n:,} more problem(s) not listed ({errors:,} error(s), "
                        "{warnings:,} warning(s)); at most {limit:,} are listed per file: fix "
                        "these and check again",
                        n=errors + warnings,
                        errors=errors,
                        warnings=warnings,
                        limit=limit,
                    ),
                    ERROR if errors else WARNING,
                )
            )
    return kept
