"""The map page on a phone (issue 14; tested at 390×844): the map comes first, right under a compact
title, then the numbers in two columns; on wider screens nothing changes. CSS only (flex `order` on the
page's one column), so the reading order for a screen reader stays the page's own."""

from __future__ import annotations

import streamlit as st

PHONE_MAX_WIDTH = 640  # px: where Streamlit stacks columns

_CSS = f"""<style>
@media (max-width: {PHONE_MAX_WIDTH}px) {{
  [data-testid="stMainBlockContainer"] {{ padding-top: 3.6rem; }}
  [data-testid="stMain"] h1 {{ font-size: 1.3rem; line-height: 1.25; padding: 0 0 .2rem; }}
  [data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] > .stElementContainer:has(h1) {{ order: -3; }}
  [data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] > [data-testid="stLayoutWrapper"]:has(.st-key-play_button) {{ order: -2; }}
  [data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] > .stElementContainer:has(iframe[title*="streamlit_folium"]) {{ order: -1; }}
  [data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]) {{ flex-direction: row; flex-wrap: wrap; gap: .2rem .8rem; }}
  [data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]) > [data-testid="stColumn"] {{ flex: 1 1 40%; min-width: 40%; width: auto; }}
  [data-testid="stMetricValue"] {{ font-size: 1.25rem; }}
  [data-testid="stHorizontalBlock"]:has(.st-key-play_button) {{ flex-direction: row; flex-wrap: nowrap; gap: .4rem; }}
  [data-testid="stHorizontalBlock"]:has(.st-key-play_button) > [data-testid="stColumn"] {{ min-width: 0; width: auto; flex: 1 1 0; }}
  [data-testid="stHorizontalBlock"]:has(.st-key-play_button) > [data-testid="stColumn"]:has(.st-key-play_button) {{ flex: 0 0 auto; }}
  [data-testid="stHorizontalBlock"]:has(.st-key-play_button) label {{ display: none; }}
}}
</style>"""


def map_first() -> None:
    st.html(_CSS)
