"""The pages' side of the store: one read handle per store version per process, query results cached per version,
and what a page draws alike for every visitor of the same view drawn once for all sessions (`shared`).

The store is built before the app serves (`python -m disclosure build` in run.sh and the Dockerfile);
where nothing ran that step (Community Cloud), `start_build_from_data()` — called once per process
from app.py — builds it on a background thread, and pages show what the store holds meanwhile. A
page request never builds or checks data/ itself. The handle reopens when a write swaps the file; the caches of the version it replaced are dropped then.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from pathlib import Path

import pandas as pd
import streamlit as st

from .. import settings
from ..store import Reader, Store

log = logging.getLogger(__name__)


def store() -> Store:
    return Store(os.environ.get("DISCLOSURE_DB", settings.DEFAULT_DB))


def store_path() -> Path:
    return store().path


@st.cache_resource(show_spinner=False)
def start_build_from_data() -> threading.Thread | None:
    """Once per process: bring the default store up to date with data/ on a background thread.

    Only the default store is built from data/; a store named by DISCLOSURE_DB is used as it is.
    """
    target = store()
    if target.path != settings.DEFAULT_DB:
        return None

    def build() -> None:
        try:
            target.refresh_from_data(on_progress=_progress)
        except Exception:  # a bad file is skipped inside the build; should the build itself fail, the pages keep the store they have
            log.exception("building the store from data/ failed")
        finally:
            BUILD.clear()

    thread = threading.Thread(target=build, name="store-build", daemon=True)
    thread.start()
    return thread


# the background build's progress, while one really runs: {"done": files parsed, "total": files to parse}. Checking that
# data/ and the store agree is not a build: the banner shows only once files are being read.
BUILD: dict[str, int] = {}


def _progress(done: int, total: int) -> None:
    BUILD.update(done=done, total=total)


def building() -> dict[str, int] | None:
    """The build's progress while the store is being built from data/ (its thread alive and reading files), else None."""
    thread = start_build_from_data()
    if thread is None or not thread.is_alive() or not BUILD:
        return None
    return dict(BUILD)


@st.cache_resource(show_spinner=False, max_entries=2)
def _reader(path: str, version: str) -> Reader:
    # attached read-only, so each swap is seen; external access off, memory and per-query time limits, locked
    return Store(path).reader()


def reader() -> Reader | None:
    s = store()
    version = s.version()
    return None if version is None else _reader(str(s.path), version)


# the store version each store path was last seen at in this process, to notice a swap (a publish, an admin save)
_SEEN: dict[str, str] = {}
_SEEN_LOCK = threading.Lock()
_PER_VERSION: dict[str, object] = {}  # each per_version view's cache, by the view's name: cleared on a swap


def current_version(s: Store | None = None) -> str | None:
    """The store's version now; when it differs from the one this process last saw for that file, the file was
    swapped: every query result, view and shared section of the old version is dropped at once (they are keyed by
    version, so none could be shown again; dropping them frees their memory now rather than at their TTL)."""
    s = s or store()
    version = s.version()
    if version is None:
        return None
    path = str(s.path)
    with _SEEN_LOCK:
        before = _SEEN.get(path)
        _SEEN[path] = version
    if before is not None and before != version:
        log.info("store %s swapped (%s → %s): dropping the old version's caches", path, before, version)
        _cached.clear()
        _section.clear()
        for computed in list(_PER_VERSION.values()):
            computed.clear()
    return version


def digest(value) -> str:
    """A short digest of a key made of plain values (str, int, float, bool, None, tuples of them): st.cache_data
    hashes its arguments in Python, element by element, which for a view's whole state or a scope's hundreds of
    agencies cost more than the cache saved; the digest of their repr is one string."""
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()


@st.cache_data(show_spinner=False, max_entries=settings.QUERY_CACHE_ENTRIES, ttl=settings.CACHE_TTL_S)
def _cached(name: str, key: str, path: str, version: str, _params: tuple) -> pd.DataFrame:
    return _reader(path, version).query(name, **dict(_params))


def query(name: str, **params) -> pd.DataFrame:
    """Run the named query (queries/<name>.sql) with bound parameters; an empty frame when there is no store."""
    s = store()
    version = current_version(s)
    if version is None:
        return pd.DataFrame()
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    # st.cache_data hands every caller its own copy of the frame already
    return _cached(name, digest(frozen), str(s.path), version, _params=frozen)


def per_version(fn):
    """A page's derived view (views/ over named queries) computed once per store version and arguments, so a rerun
    at a province's scale redraws instead of recomputing; bounded like the queries. Arguments must be hashable."""

    @st.cache_data(show_spinner=False, max_entries=settings.VIEW_CACHE_ENTRIES, ttl=settings.CACHE_TTL_S)
    def computed(qualname: str, path: str, version: str, *args):
        return fn(*args)

    name = f"{fn.__module__}.{fn.__qualname__}"
    _PER_VERSION[name] = computed

    def run(*args):
        s = store()
        return computed(name, str(s.path), current_version(s) or "", *args)

    return run


def configuration() -> tuple:
    """The settings a view is drawn with (its caps: bars, points, rows …), part of every shared section's key, so a
    section drawn under other settings is never shown."""
    return tuple((k, v) for k, v in vars(settings).items() if k.isupper() and isinstance(v, (bool, int, float, str)))


@st.cache_data(show_spinner=False, max_entries=settings.SECTION_CACHE_ENTRIES, ttl=settings.CACHE_TTL_S)
def _section(name: str, path: str, version: str, config: str, view: str, _draw):
    # st.cache_data keeps the elements `_draw` puts on the page (a chart's JSON, its alt text) and replays them on
    # every later call with the same key, in any session: the figure is neither built nor serialised again
    return _draw()


def shared(name: str, view: tuple, draw):
    """Draw a section of a page once for everyone who sees the same view: `draw()` runs on the first call for this
    `name`, `view` (everything the section depends on besides the store: the page, the language, the view's choices),
    store version and settings; every later call, from any session, replays the elements it drew. Bounded
    (SECTION_CACHE_ENTRIES, CACHE_TTL_S) and dropped when the store is swapped. `draw` must draw no widget."""
    s = store()
    return _section(name, str(s.path), current_version(s) or "", digest(configuration()), digest(view), _draw=draw)
