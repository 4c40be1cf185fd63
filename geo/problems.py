"""One reported problem in a data file, printed as `path:place: message`."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


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

    def __str__(self) -> str:
        tag = "" if self.severity == ERROR else f"{self.severity}: "
        return f"{self.path}:{self.place}: {tag}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def feature_place(index: int, fid: object, field: str = "") -> str:
    label = f"feature {index}"
    if isinstance(fid, str) and fid:
        label += f" ({fid})"
    return f"{label} {field}".rstrip()


def row_place(line: int, rid: object, column: str = "") -> str:
    label = f"row {line}"
    if isinstance(rid, str) and rid:
        label += f" ({rid})"
    return f"{label} column {column}" if column else label
