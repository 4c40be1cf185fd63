"""The journalists' export: print-ready static maps (PNG, SVG, PDF) and a self-contained HTML map.

Everything works offline and only ever shows the public view (sensitive records never appear).
`render(ds, filters, options, fmt)` gives bytes; `export(ds, filters, options, path)` writes them
atomically, the format following the file's suffix.

Modules, one job each: presets (page sizes), options (what was asked), wording (English/Korean
text), style (sizes, colours), fonts (Noto CJK), projection (map projection, geodesy), basemap
(shipped basemap, projected and cached), scene (what to draw), layout (page rectangles, wrapping),
labels (collision-free placement), legend, furniture (scale bar, north arrow, inset), static
(matplotlib rendering), html (self-contained interactive map), atomic (safe writes).
Heavy libraries are imported lazily so `python -m geo export` starts quickly.
"""

from __future__ import annotations

from .options import FORMATS, LANGS, ExportOptions, format_for

__all__ = ["ExportOptions", "FORMATS", "LANGS", "alt_text", "format_for", "render", "export"]


def render(ds, filters, options: ExportOptions, fmt: str, info=None) -> bytes:
    """The export as bytes: fmt is 'png', 'svg', 'pdf' or 'html'."""
    from dataclasses import replace

    filters = replace(filters, include_sensitive=False)
    if fmt == "html":
        from .html import render_html

        return render_html(ds, filters, options)
    from . import scene, static

    return static.render(
        scene.build(ds, filters, options.size_kind), options, fmt, info=info, description=alt_text(ds, filters, options)
    )


def alt_text(ds, filters, options: ExportOptions) -> str:
    """The exported map's text alternative, in its label language(s) (one line each for en+ko): what it
    shows, the largest figure of each kind (never added across kinds) and the period; public records only."""
    from dataclasses import replace
    from .. import evidence, query

    filters = replace(filters, include_sensitive=False)
    events = query.filter_events(ds, filters)
    lo, hi = query.date_bounds(ds)
    sites = ds.sites[~ds.sites["sensitive"].astype(bool)]
    if filters.layers is not None:
        sites = sites[sites["layer"].isin(filters.layers)]
    by_kind = query.summarize(events).by_kind
    langs = ("en", "ko") if options.lang == "en+ko" else (options.lang,)
    return "\n".join(
        evidence.selection_description(
            ds, events, by_kind, filters.date_from or lo, filters.date_to or hi, len(sites), lang, where="image"
        )
        for lang in langs
    )


def export(ds, filters, options: ExportOptions, path, info=None) -> int:
    """Render to `path` (format from its suffix), written atomically; returns the size in bytes."""
    from .atomic import write_bytes

    fmt = format_for(path)
    data = render(ds, filters, options, fmt, info=info)
    write_bytes(path, data)
    return len(data)
