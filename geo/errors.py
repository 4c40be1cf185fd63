"""A small exception tree: callers catch GeoError and show its message, never a traceback."""

from __future__ import annotations


class GeoError(Exception):
    """Base of every error this library raises on purpose."""


class DataFileError(GeoError):
    """A data file could not be read at all (missing, too big, wrong encoding, not JSON/CSV)."""

    def __init__(self, path: str, message: str, place: str = "") -> None:
        self.path = str(path)
        self.place = place
        self.message = message
        where = f"{self.path}:{place}" if place else self.path
        super().__init__(f"{where}: {message}")


class InvalidData(GeoError):
    """Data was read but failed validation; carries every problem found."""

    def __init__(self, problems) -> None:
        self.problems = list(problems)
        first = "; ".join(str(p) for p in self.problems[:3])
        more = f" (+{len(self.problems) - 3} more)" if len(self.problems) > 3 else ""
        super().__init__(f"{len(self.problems)} problem(s): {first}{more}")


class UsageError(GeoError):
    """The caller asked for something that makes no sense (bad filter, unknown layer)."""
