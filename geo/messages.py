"""A message for people, kept as a catalog template and its parameters until it is shown.

`Msg("{value!r} is not a whole number", value=v)` *is* its English text (a str: it prints, compares,
sorts and pickles as before) and also keeps `template` (the catalog's English message, what tests and
tools match a kind of message by) and `params`. `geo.i18n.translate(lang).msg(m)` shows it in a
reader's language: the template translated, then the parameters filled in. Parameters are data (ids,
cell values, counts, file names), shown exactly as given and never translated nor read as markup;
a parameter that is a Msg itself (a hint, an axis name) is translated with its message.

Write templates in place so `python -m geo i18n update` finds them (`Msg` is one of its keywords).
This module imports nothing of geo: every layer may make messages.
"""

from __future__ import annotations


class Msg(str):
    """A message for people: its English text (this str), the catalog template it was made from and
    the parameters filled into it. Write templates in place, `Msg("{value!r} is not a whole number",
    value=v)`, so `python -m geo i18n update` finds them (`Msg` is one of its keywords)."""

    template: str
    params: dict

    def __new__(cls, template: str, **params):
        self = super().__new__(cls, template.format(**params) if params else template)
        self.template, self.params = template, params
        return self

    def __reduce__(self):  # pickled (Streamlit's caches) and copied with its template and parameters
        return (_rebuild, (self.template, self.params))


def _rebuild(template: str, params: dict) -> Msg:
    return Msg(template, **params)


def as_msg(text) -> Msg:
    """`text` as a Msg: a Msg as it is, anything else (a library's own wording) as a parameter shown as given."""
    return text if isinstance(text, Msg) else Msg("{text}", text=str(text))


def joined(items) -> Msg | str:
    """Messages listed with commas, each translated where shown ('' for none)."""
    items = list(items)
    if not items:
        return ""
    out = as_msg(items[0])
    for item in items[1:]:
        out = Msg("{first}, {second}", first=out, second=as_msg(item))
    return out
