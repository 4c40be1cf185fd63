"""Untrusted text from data files, made inert for spreadsheets and error messages, and
the checks that warn editors about text that would be dangerous or misleading somewhere.

- Data text never goes through Markdown: Streamlit's Markdown turns even backslash-escaped bare
  addresses into links, so pages show data text with st.text, st.dataframe, or escaped HTML
  (geo.safe_html.text inside st.html; pages/shared/chrome.py data_heading, data_caption).
- `csv_cell(s)` / `csv_safe(frame)`: the OWASP rule for CSV injection: a cell that starts with
  `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a spreadsheet shows it as
  text instead of running it as a formula. Only text cells are touched (numbers stay numbers).
- `cut(value)`: a value as it appears in a message, cut to a readable length.
- `text_warnings(value)`: why a text field deserves a second look (markup, a formula start,
  invisible or direction-changing characters); `has_visible(value)`; `invisible_chars(value)`.

Nothing here imports streamlit.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from .messages import Msg, joined

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>")
MARKDOWN_LINK = re.compile(
    r"!?\[[^\]\n]*\]\s*\([^)\n]*\)|!?\[[^\]\n]*\]\s*\[[^\]\n]*\]|<(?:https?|ftp|mailto):[^>\s]*>"
)
# bidi embeddings/overrides/isolates, zero-width characters and the BOM, other format characters
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff\u180e\u00ad")
MESSAGE_CHARS = 80


# every character invisible_chars() names, as one regex (so that the usual text is passed over in C):
# C0/C1 controls but tab and line feed, format characters (Cf: soft hyphen, Arabic marks, bidi controls,
# zero-width characters, word joiners, the BOM, interlinear annotation, tags), private use (Co)
SUSPICIOUS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\ue000-\uf8ff\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\U000f0000-\U0010ffff]"
)


def csv_cell(value):
    """A text cell neutralised for spreadsheets (OWASP); anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells cannot start a spreadsheet formula."""
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if series.dtype == object or isinstance(series.dtype, pd.StringDtype):
            risky = series.str.startswith(FORMULA_START, na=False).astype(bool) if _texty(series) else None
            if risky is not None and risky.any():
                out[col] = pd.Series([csv_cell(v) for v in series.astype(object)], index=series.index, dtype=object)
    return out


def _texty(series: pd.Series) -> bool:
    try:
        series.str  # noqa: B018  (raises for columns that hold no text at all)
        return True
    except AttributeError:
        return False


def cut(value: object, limit: int = MESSAGE_CHARS) -> str:
    """A value quoted for a message: repr-style (so invisible characters show), at most `limit` characters."""
    text = str(value)
    if len(text) > limit:
        return repr(text[:limit]) + f"… ({len(text):,} characters)"
    return repr(text)


def invisible_chars(value: str) -> list[Msg]:
    """Names of the direction-changing, zero-width and control characters in `value` (distinct, in order)."""
    found = []
    if not SUSPICIOUS.search(value):  # the usual case, in C
        return found
    for ch in value:
        if ch in BIDI:
            label = Msg("a bidirectional control (U+{code:04X})", code=ord(ch))
        elif ch in ZERO_WIDTH:
            label = Msg("a zero-width character (U+{code:04X})", code=ord(ch))
        elif unicodedata.category(ch) == "Cc" and ch not in "\n\t":
            label = Msg("a control character (U+{code:04X})", code=ord(ch))
        elif unicodedata.category(ch) in ("Cf", "Co", "Cn") and ch not in "\u200d":
            label = Msg("an invisible format character (U+{code:04X})", code=ord(ch))
        else:
            continue
        if label not in found:
            found.append(label)
    return found


def has_visible(value: str) -> bool:
    """True if `value` has at least one character a reader can see (not only spaces or invisible ones)."""
    return any(not ch.isspace() and unicodedata.category(ch)[0] not in ("C", "Z") for ch in value)


def text_warnings(value: str) -> list[Msg]:
    """Why a free-text value deserves a look; each reason in plain words (empty: nothing to say)."""
    out = []
    tag = HTML_TAG.search(value)
    if tag:
        out.append(
            Msg(
                "contains HTML markup ({markup}); it is kept as plain text and always shown as text, never run — "
                "remove it unless the '<' is meant literally",
                markup=cut(tag.group(0), 40),
            )
        )
    link = MARKDOWN_LINK.search(value)
    if link:
        out.append(
            Msg(
                "contains Markdown link or image syntax ({markup}); the app always shows it as plain text, never "
                "as a link or picture — remove it unless it is meant literally",
                markup=cut(link.group(0), 40),
            )
        )
    if value.startswith(FORMULA_START):
        out.append(
            Msg(
                "starts with {character}, which spreadsheets read as a formula; CSV downloads prefix such cells "
                "with ' so that they stay text — rephrase it if you can",
                character=cut(value[0]),
            )
        )
    hidden = invisible_chars(value)
    if hidden:
        if len(hidden) > 3:
            out.append(
                Msg(
                    "contains {characters} and more, which can hide or reorder what readers see; retype the text "
                    "without it",
                    characters=joined(hidden[:3]),
                )
            )
        else:
            out.append(
                Msg(
                    "contains {characters}, which can hide or reorder what readers see; retype the text without it",
                    characters=joined(hidden),
                )
            )
    return out
