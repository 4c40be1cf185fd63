"""Which data a figure comes from: the data's version, its "as of" date and its content hash.

Version and "as of" date are written by editors in data/datapackage.json; the hash is computed over
the data files (geo.fingerprint), so any edit changes it. Every download, export and the About page
print `credit_line()`, so a quoted figure can be traced to the exact data it came from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .fingerprint import fingerprint

HASH_SHOWN = 12


@dataclass(frozen=True)
class DataVersion:
    version: str
    as_of: str
    sha256: str
    licence: str
    licence_title: str
    licence_url: str

    @property
    def short_hash(self) -> str:
        return self.sha256[:HASH_SHOWN]

    def credit_line(self, lang: str = "en") -> str:
        if lang == "ko":
            return f"데이터 버전 {self.version}, {self.as_of} 기준, sha256 {self.short_hash}…"
        return f"Data version {self.version}, as of {self.as_of}, sha256 {self.short_hash}…"

    def citation(self, title: str, url_hint: str = "", lang: str = "en") -> str:
        """A 'how to cite' line for the About page and the data guide."""
        if lang == "ko":
            return (
                f"{title}. 데이터 버전 {self.version} ({self.as_of} 기준, sha256 {self.sha256}). "
                f"이용 허락: {self.licence}." + (f" {url_hint}" if url_hint else "")
            )
        return (
            f"{title}. Data version {self.version} (as of {self.as_of}; sha256 {self.sha256}). "
            f"Licence: {self.licence}." + (f" {url_hint}" if url_hint else "")
        )


def of(root: Path) -> DataVersion:
    """The data directory's version; 'unversioned' where it has no datapackage.json (a synthetic or test copy)."""
    meta = {}
    path = Path(root) / "datapackage.json"
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = {}
    licence = (meta.get("licenses") or [{}])[0]
    return DataVersion(
        str(meta.get("version") or "unversioned"),
        str(meta.get("as_of") or "undated"),
        fingerprint(Path(root)),
        licence.get("name", "no licence stated"),
        licence.get("title", ""),
        licence.get("path", ""),
    )
