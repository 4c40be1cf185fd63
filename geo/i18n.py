"""The interface's languages: English (the source strings) and Korean, with gettext catalogs and Babel.

- Strings to translate are written in English in the code and wrapped: `_ = translate(lang)`, then
  `_("Events")`, `_("{n} event(s) through this site", n=3)` (named fields are filled after
  translation), `_.ngettext("{n} event", "{n} events", n)`; `N_("…")` marks a string kept in a table
  and translated where it is shown; `Msg("{value!r} is not a whole number", value=v)` (geo.problems)
  is a message with its parameters kept apart, translated where it is shown by `_.msg(m)` (a data
  file's problems: `_.problem(p)`).
- The catalogs: `geo/locale/messages.pot` (every wrapped string, extracted from geo/, pages/ and
  app.py by `python -m geo i18n update`) and `geo/locale/ko/LC_MESSAGES/messages.po` (the Korean, written
  by people; fuzzy entries are not used). The .po is compiled in memory with Babel when first used, so
  a checkout never runs with a stale .mo; `python -m geo i18n compile` writes the .mo files anyway.
- Enum values (kinds, precision, confidence …) are translated by their schema's `x-labels`
  (geo.schemas.labels), not here.
- Numbers and dates are formatted for the locale by Babel: `number`, `date_text`.
- `choose(param, remembered, accept_language)`: `?lang=` wins, then the reader's earlier choice, then
  the browser's Accept-Language, then English.

Nothing here imports streamlit.
"""

from __future__ import annotations

import gettext as _gettext
from datetime import date
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel import dates as _dates
from babel import numbers as _numbers

from .problems import ERROR, Msg

LANGS = ("en", "ko")
DEFAULT = "en"
LANG_NAMES = {"en": "English", "ko": "한국어"}
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
POT = LOCALE_DIR / f"{DOMAIN}.pot"
# where the interface's strings live (relative to the repository root); geo/ alone when installed
SOURCES = ("geo", "pages", "app.py")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "Msg": None}


def N_(message: str) -> str:
    """Marks a string for the catalog without translating it here (it is translated where shown)."""
    return message


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def normalise(lang) -> str:
    """A supported language code for any input ('ko-KR' → 'ko'; unknown → English)."""
    if isinstance(lang, str):
        head = lang.strip().replace("_", "-").split("-")[0].lower()
        if head in LANGS:
            return head
    return DEFAULT


def negotiate(accept_language: str | None) -> str | None:
    """The first supported language in an Accept-Language header, by its weight; None if none is."""
    if not accept_language:
        return None
    weighted = []
    for order, part in enumerate(accept_language.split(",")):
        tag, _sep, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _eq, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        head = tag.strip().split("-")[0].lower()
        if head in LANGS and weight > 0:
            weighted.append((-weight, order, head))
    return min(weighted)[2] if weighted else None


def choose(param=None, remembered=None, accept_language: str | None = None) -> str:
    """The interface language: the URL's ?lang=, else the reader's earlier choice, else the browser's."""
    for value in (param, remembered):
        if isinstance(value, str) and value in LANGS:
            return value
    return negotiate(accept_language) or DEFAULT


@lru_cache(maxsize=None)
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of `lang` (English: the source strings themselves)."""
    lang = normalise(lang)
    path = po_path(lang)
    if lang == DEFAULT or not path.exists():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(path, "rb") as fh:
        catalog = read_po(fh, locale=lang)
    buf = BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


class Translator:
    """`_(message, **fields)`: the message in this language, its {fields} filled in afterwards."""

    def __init__(self, lang: str):
        self.lang = normalise(lang)
        self._t = translations(self.lang)

    def __call__(self, message: str, **fields) -> str:
        text = self._t.gettext(message)
        return text.format(**fields) if fields else text

    def ngettext(self, singular: str, plural: str, n: int, **fields) -> str:
        text = self._t.ngettext(singular, plural, n)
        return text.format(n=number(n, self.lang), **fields)

    def msg(self, message) -> str:
        """A Msg in this language: its template translated, then its parameters filled in (Msgs among
        them translated too; data values as they are). Anything else is returned as it is."""
        if not isinstance(message, Msg):
            return "" if message is None else str(message)
        if self.lang == DEFAULT:
            return str(message)
        params = {k: self.msg(v) if isinstance(v, Msg) else v for k, v in message.params.items()}
        text = self._t.gettext(message.template)
        try:
            return text.format(**params) if params else text
        except (KeyError, IndexError, ValueError):  # a translation whose fields differ: the catalog test fails on it
            return str(message)

    def severity(self, severity: str) -> str:
        return self(N_("error")) if severity == ERROR else self(N_("warning"))

    def problem(self, problem) -> str:
        """`path:place: message` (a warning tagged so) in this language: the path and data values as they are."""
        tag = "" if problem.severity == ERROR else self(N_("warning: "))
        return f"{problem.path}:{self.msg(problem.place)}: {tag}{self.msg(problem.message)}"

    def number(self, value) -> str:
        return number(value, self.lang)

    def date(self, value, precision: str = "day") -> str:
        return date_text(value, self.lang, precision)


@lru_cache(maxsize=None)
def translate(lang: str) -> Translator:
    """The translation function for a language: `_ = translate("ko")`."""
    return Translator(lang)


def number(value, lang: str = DEFAULT) -> str:
    """A whole number or a decimal, grouped for the locale (1,234 in both English and Korean)."""
    return _numbers.format_decimal(value, locale=normalise(lang))


def percent(value, lang: str = DEFAULT) -> str:
    return _numbers.format_percent(value, locale=normalise(lang))


# CLDR skeletons: the date as precise as it is known ('14 July 2021' / '2021년 7월 14일', 'July 2021', '2021')
_SKELETONS = {"day": "yMMMd", "week": "yMMMd", "month": "yMMMM", "year": "y"}


def date_text(value, lang: str = DEFAULT, precision: str = "day") -> str:
    """A date in words for the locale, only as precise as it is known; '' for a missing one."""
    if value is None or value != value:  # None or NaT
        return ""
    if hasattr(value, "date") and not isinstance(value, date):
        value = value.date()
    elif not isinstance(value, date):
        value = date.fromisoformat(str(value)[:10])
    skeleton = _SKELETONS.get(precision, "yMMMd")
    return _dates.format_skeleton(skeleton, value, locale=normalise(lang))


def month_text(value, lang: str = DEFAULT) -> str:
    return date_text(value, lang, "month")


# --- catalog maintenance (python -m geo i18n; the catalog test) ----------------------------------


def extract(root: Path):
    """Every wrapped string in the interface's sources under `root`, as a Babel catalog."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir, extract_from_file

    catalog = Catalog(project="geo-repatriation-map", charset="utf-8")
    for name in SOURCES:
        path = root / name
        if path.is_dir():
            found = (
                (fn, ln, msg, com, ctx)
                for fn, ln, msg, com, ctx in extract_from_dir(
                    path, method_map=[("**.py", "python")], keywords=KEYWORDS, strip_comment_tags=True
                )
            )
            for filename, lineno, message, comments, context in found:
                catalog.add(
                    message, locations=[(f"{name}/{filename}", lineno)], auto_comments=comments, context=context
                )
        elif path.is_file():
            for lineno, message, comments, context in extract_from_file("python", path, keywords=KEYWORDS):
                catalog.add(message, locations=[(name, lineno)], auto_comments=comments, context=context)
    return catalog


def read_catalog(lang: str):
    from babel.messages.pofile import read_po

    with open(po_path(lang), "rb") as fh:
        return read_po(fh, locale=lang)


def untranslated(template, lang: str) -> list[str]:
    """Messages of `template` with no usable translation in `lang` (missing, empty or fuzzy)."""
    catalog = read_catalog(lang)
    out = []
    for msg in template:
        if not msg.id:
            continue
        found = catalog.get(msg.id, context=msg.context)
        strings = found.string if found is not None else None
        if isinstance(strings, (tuple, list)):
            ok = all(strings)
        else:
            ok = bool(strings)
        if found is None or not ok or found.fuzzy:
            out.append(msg.id if isinstance(msg.id, str) else msg.id[0])
    return out


def _fields(text: str) -> set[str]:
    import string

    try:
        return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def mismatched_fields(lang: str) -> list[str]:
    """Messages whose `lang` translation names other {fields} than the English (it could not be filled in)."""
    out = []
    for msg in read_catalog(lang):
        if not msg.id or not msg.string:
            continue
        ids = [msg.id] if isinstance(msg.id, str) else list(msg.id)
        strings = [msg.string] if isinstance(msg.string, str) else list(msg.string)
        english = set().union(*(_fields(i) for i in ids))
        if any(s and _fields(s) != english for s in strings):
            out.append(ids[0])
    return out


def update(root: Path) -> dict[str, int]:
    """Write messages.pot from the sources and merge it into every language's .po (translations kept)."""
    from babel.messages.pofile import write_po

    template = extract(root)
    LOCALE_DIR.mkdir(parents=True, exist_ok=True)
    with open(POT, "wb") as fh:
        write_po(fh, template, width=100, omit_header=True, sort_output=True, no_location=True)
    counts = {}
    for lang in LANGS:
        if lang == DEFAULT:
            continue
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            catalog = read_catalog(lang)
        else:
            from babel.messages.catalog import Catalog

            catalog = Catalog(
                locale=lang,
                project="geo-repatriation-map",
                charset="utf-8",
                fuzzy=False,
                last_translator="the project's editors",
                language_team=f"{LANG_NAMES[lang]} <editors>",
            )
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        with open(path, "wb") as fh:
            write_po(fh, catalog, width=100, sort_output=True, ignore_obsolete=True, no_location=True)
        counts[lang] = len(untranslated(template, lang))
        translations.cache_clear()
        translate.cache_clear()
    return counts


def compile_all() -> list[Path]:
    """Write the .mo next to each .po (not needed to run: translations() compiles in memory)."""
    from babel.messages.mofile import write_mo

    out = []
    for lang in LANGS:
        path = po_path(lang)
        if lang == DEFAULT or not path.exists():
            continue
        mo = path.with_suffix(".mo")
        with open(mo, "wb") as fh:
            write_mo(fh, read_catalog(lang), use_fuzzy=False)
        out.append(mo)
    return out
