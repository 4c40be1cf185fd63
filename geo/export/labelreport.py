"""What a static export left unnamed, said the same way by the command line and the Export page.

Two reasons differ and both are reported: labels the layout had no room for (dropped: a larger size may
fit them) and the smaller sites a small preset leaves unnamed on purpose (unlabelled). Site names are
data text: callers show them as text.
"""

from __future__ import annotations

from .. import i18n
from ..i18n import N_
from . import wording

NO_ROOM = N_("No room for {n} label(s) at this size: {names}. A larger size may fit them.")
UNLABELLED = N_(
    "This size names only the {shown} sites with the largest figures of the kind that sizes the "
    "markers ({kind}); {n} smaller site(s) are shown without a label: {names}."
)


def site_name(ds, site_id: str, lang: str) -> str:
    """The site's name in `lang` (English for en+ko: the label's first line), its id if it has none."""
    field = "name_ko" if lang == "ko" else "name_en"
    name = ds.sites.at[site_id, field] if site_id in ds.sites.index else None
    return str(name) if isinstance(name, str) and name.strip() else str(site_id)


def label_notes(info, ds, size_kind: str, lang: str) -> list[str]:
    """Sentences in the interface language `lang` ('en' or 'ko'; 'en+ko' exports are reported in English)."""
    code = "ko" if lang == "ko" else "en"
    _ = i18n.translate(code)
    out = []
    if info.dropped:
        names = ", ".join(site_name(ds, s, code) for s in info.dropped)
        out.append(_(NO_ROOM, n=len(info.dropped), names=names))
    if info.unlabelled:
        names = ", ".join(site_name(ds, s, code) for s in info.unlabelled)
        out.append(
            _(
                UNLABELLED,
                shown=len(info.placed) + len(info.dropped),
                kind=wording.event_kind(size_kind, code),
                n=len(info.unlabelled),
                names=names,
            )
        )
    return out
