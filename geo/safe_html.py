"""Untrusted text from data files, made safe before it reaches HTML.

folium's Popup, Tooltip, GeoJsonTooltip and TimestampedGeoJson insert raw HTML, so every
string from data passes through `text()`; links pass through `safe_url()` (http/https only).
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit


def text(value: object) -> str:
    """HTML-escape a value (quotes included); None becomes an empty string."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return html.escape(str(value), quote=True).replace("`", "&#96;").replace("$", "&#36;")


def safe_url(value: object) -> str | None:
    """The URL if it is a plain http(s) address, else None (no javascript:, data:, …)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch in url for ch in "<>\"'` \t\r\n"):
        return None
    return url


def link(label: object, url: object) -> str:
    """An escaped anchor when the URL is safe, else just the escaped label."""
    good = safe_url(url)
    if good is None:
        return text(label)
    return f'<a href="{text(good)}" target="_blank" rel="noopener noreferrer">{text(label)}</a>'
