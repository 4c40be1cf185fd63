"""The app's server: `streamlit run serve.py` serves app.py and loads the data before the first visitor.

Streamlit runs app.py only when a browser connects, so a plain `streamlit run app.py` makes the first
visitor after start-up wait for the imports and for reading and validating the data. st.App's
lifespan runs once at start-up, before the server accepts connections: it fills the same caches the
pages use, so the first visit is about as fast as later ones. app.py stays the app itself.

The server itself (not only a proxy in front of it) sends the security headers, refuses uploads from
anyone but a signed-in editor, keeps /_stcore/metrics private and sets the Editor's session cookie:
geo/editing/webgate.py, as the app's middleware.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

import streamlit as st

_LOG = logging.getLogger(__name__)


def _warm_up() -> None:
    """Import what the pages import and load the data into the pages' cache; never fatal."""
    try:
        from pages.shared import chrome

        chrome.warm_up()
    except Exception:  # a broken data directory is shown by the page, not here
        _LOG.exception("warm-up failed; the first visit loads the data instead")
    try:  # finish what a killed save left (geo/editing/store.py: log first, replace, mark done)
        from geo.editing.store import Store
        from geo.paths import data_dir

        for line in Store(data_dir()).recover():
            _LOG.warning("start-up check of the data: %s", line)
    except Exception:
        _LOG.exception("the start-up check of unfinished saves failed; the next save runs it")
    try:  # the Editor's checks run in worker processes (geo.budget); start their forkserver now
        from geo import budget

        budget.prestart()
    except Exception:
        _LOG.exception("could not start the validation workers; the first check starts them")


@asynccontextmanager
async def _lifespan(_app):
    await asyncio.to_thread(_warm_up)
    yield


def _guard():
    """Security headers, the upload gate, private metrics and the session cookie (geo/editing/webgate.py)."""
    from starlette.middleware import Middleware

    from geo.editing.webgate import Guard, default_store

    return Middleware(Guard, store_factory=default_store)


app = st.App("app.py", lifespan=_lifespan, middleware=[_guard()])
