"""One reported problem in a data file, printed as `path:place: message`."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
MAX_MESSAGE_CHARS = 400
MAX_PLACE_CHARS = 160
MAX_ID_CHARS = 60


def _cut(text: str, limit: int) -> str:
    return f"{text[:limit]}… (cut; {len(text):,} characters in all)"


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
        if len(self.message) > MAX_MESSAGE_CHARS:
            object.__setattr__(self, "message", _cut(self.message, MAX_MESSAGE_CHARS))
        if len(self.place) > MAX_PLACE_CHARS:
            object.__setattr__(self, "place", _cut(self.place, MAX_PLACE_CHARS))

    def __str__(self) -> str:
        tag = "" if self.severity == ERROR else f"{self.severity}: "
        return f"{self.path}:{self.place}: {tag}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def feature_place(index: int, fid: object, field: str = "") -> str:
    label = f"feature {index}"
    if isinstance(fid, str) and fid:
        label += f" ({_label_id(fid)!r})" if not fid.isprintable() else f" ({_label_id(fid)})"
    return f"{label} {field}".rstrip()


def row_place(line: int, rid: object, column: str = "") -> str:
    label = f"row {line}"
    if isinstance(rid, str) and rid:
        label += f" ({_label_id(rid)!r})" if not rid.isprintable() else f" ({_label_id(rid)})"
    return f"{label} column {column}" if column else label


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
            kept.append(Problem(path, "file", f"…and {errors + warnings:,} more problem(s) not listed ({errors:,} "
                                              f"error(s), {warnings:,} warning(s)); at most {limit:,} are listed per "
                                              "file: fix these and check again", ERROR if errors else WARNING))
    return kept
