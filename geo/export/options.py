"""What the user asked of an export besides the filters: preset, language, title, resolution, and
which event kind sizes markers and routes (one kind: people of different kinds are never added)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UsageError
from ..styles import EVENT_KINDS, SIZE_KIND
from . import presets

LANGS = ("en", "ko", "en+ko")
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf", ".html": "html"}


@dataclass(frozen=True)
class ExportOptions:
    preset: str = presets.DEFAULT
    lang: str = "en"
    title: str | None = None
    dpi: float | None = None
    size_kind: str = SIZE_KIND

    def __post_init__(self):
        if self.lang not in LANGS:
            raise UsageError(f"unknown language {self.lang!r}; choose one of: {', '.join(LANGS)}")
        if self.size_kind not in EVENT_KINDS:
            raise UsageError(
                f"unknown event kind {self.size_kind!r} to size markers by; choose one of: {', '.join(EVENT_KINDS)}"
            )
        presets.get(self.preset, self.dpi)  # validates both
        if self.title is not None and not self.title.strip():
            object.__setattr__(self, "title", None)

    @property
    def page(self) -> presets.Preset:
        return presets.get(self.preset, self.dpi)

    @property
    def english(self) -> bool:
        return self.lang in ("en", "en+ko")

    @property
    def korean(self) -> bool:
        return self.lang in ("ko", "en+ko")


def format_for(path) -> str:
    """'png', 'svg', 'pdf' or 'html' from a file name's suffix; UsageError for anything else."""
    suffix = str(path).lower().rsplit(".", 1)[-1] if "." in str(path) else ""
    fmt = FORMATS.get("." + suffix)
    if fmt is None:
        raise UsageError(
            f"{path}: unknown output format {('.' + suffix) if suffix else '(no suffix)'}; "
            f"use one of {', '.join(FORMATS)}"
        )
    return fmt


def filters_key(f) -> tuple:
    """A plain, hashable, order-independent form of Filters (for caches): its query-string parameters
    (geo.filterparams, as in the app's URL); sensitive is always off."""
    from ..filterparams import to_params

    return tuple(to_params(f).items())


def filters_from_key(key: tuple):
    from ..filterparams import from_params

    return from_params(dict(key))
